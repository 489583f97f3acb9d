#include "core/catalog/details_page.h"

#include <cctype>

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/catalog/pages.h"

namespace wufix::catalog {
namespace {

constexpr std::string_view kSupersededById = "supersededbyInfo";
constexpr std::string_view kDetailsLink = "ScopedViewInline.aspx?updateid=";

}  // namespace

Result<std::vector<Replacement>> parse_superseded_by(std::string_view html, std::string_view url) {
  if (!is_complete_page(html)) return not_understood(url, "the page is cut short");
  size_t at = find_element(html, kSupersededById);
  if (at == std::string_view::npos) return not_understood(url, "no \"superseded by\" section in the details page");
  auto section = element_content(html, at);
  if (!section) return not_understood(url, "the \"superseded by\" section is cut short");
  std::vector<Replacement> out;
  for (size_t a = section->find("<a"); a != std::string_view::npos; a = section->find("<a", a + 1)) {
    auto href = attribute(*section, a, "href");
    auto text = element_content(*section, a);
    if (!href || !text || href->rfind(kDetailsLink, 0) != 0) {
      return not_understood(url, "a \"superseded by\" entry is not a link to an update's details");
    }
    Replacement r;
    r.update_id = href->substr(kDetailsLink.size());
    for (char& c : r.update_id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!is_update_id(r.update_id)) return not_understood(url, "a \"superseded by\" link names no update id");
    r.title = inner_text(*text);
    out.push_back(std::move(r));
  }
  if (out.empty() && inner_text(*section) != "n/a") {
    return not_understood(url, "the \"superseded by\" section is neither links nor n/a");
  }
  return out;
}

}  // namespace wufix::catalog
