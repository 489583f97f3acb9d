// libFuzzer harness: the Search.aspx parser on any bytes. A crash, a hang (the parsers must be
// linear: -timeout catches a quadratic path), UB, or a row that breaks the promises the rest
// of wufix relies on (a GUID update id, text the JSON writer takes) is a bug.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/catalog/pages.h"
#include "core/safe_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wufix;
  std::string_view page(reinterpret_cast<const char*>(data), size);
  auto parsed = catalog::parse_search_page(page, "https://www.catalog.update.microsoft.com/Search.aspx?q=fuzz");
  if (!parsed) return 0;
  nlohmann::json rows = nlohmann::json::array();
  for (const catalog::CatalogRow& r : parsed->rows) {
    if (!catalog::is_update_id(r.update_id) || r.title.empty()) std::abort();
    rows.push_back({{"title", printable_text(r.title)}, {"products", r.products}, {"size", r.size_text}});
  }
  (void)rows.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
