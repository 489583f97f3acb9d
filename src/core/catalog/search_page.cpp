// Search.aspx: <table id="ctl00_catalogBody_updateMatches"> with a header row and one
// <tr id="GUID_R<n>"> per update: icon, title, products, classification, last updated,
// version, size (display text + hidden exact bytes), download button.
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/catalog/pages.h"
#include "core/catalog/url.h"

namespace wufix::catalog {
namespace {

constexpr std::string_view kTableId = "ctl00_catalogBody_updateMatches";
constexpr std::string_view kNoResultsId = "ctl00_catalogBody_noResultText";
constexpr std::string_view kNextPageId = "ctl00_catalogBody_nextPageLinkText";
constexpr std::string_view kDurationId = "ctl00_catalogBody_searchDuration";
constexpr std::string_view kNextPageTarget = "ctl00$catalogBody$nextPageLinkText";
constexpr size_t kCellsPerRow = 8;

// "10/8/2024" -> "2024-10-08".
std::optional<std::string> iso_date(std::string_view text) {
  unsigned m = 0, d = 0, y = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  for (auto [value, sep] : {std::pair{&m, '/'}, std::pair{&d, '/'}, std::pair{&y, '\0'}}) {
    auto [next, ec] = std::from_chars(p, end, *value);
    if (ec != std::errc() || next == p) return std::nullopt;
    p = next;
    if (sep != '\0') {
      if (p == end || *p != sep) return std::nullopt;
      ++p;
    }
  }
  if (p != end || m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2200) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::optional<uint64_t> parse_bytes(std::string_view text) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

// The <td> elements of a row, in order.
std::optional<std::vector<std::string_view>> cells_of(std::string_view row) {
  std::vector<std::string_view> cells;
  for (size_t at = row.find("<td"); at != std::string_view::npos; at = row.find("<td", at + 1)) {
    auto content = element_content(row, at);
    if (!content) return std::nullopt;
    cells.push_back(*content);
    at = static_cast<size_t>(content->data() + content->size() - row.data());
  }
  return cells;
}

Result<CatalogRow> parse_result_row(std::string_view row, std::string id, std::string_view url) {
  auto cells = cells_of(row);
  if (!cells || cells->size() != kCellsPerRow) {
    return not_understood(url, fmt::format("row {} does not have {} cells", id, kCellsPerRow));
  }
  CatalogRow r;
  r.update_id = std::move(id);
  const auto& c = *cells;
  r.title = inner_text(c[1]);
  r.products = inner_text(c[2]);
  r.classification = inner_text(c[3]);
  auto date = iso_date(inner_text(c[4]));
  if (!date) return not_understood(url, "a last-updated date is not M/D/YYYY");
  r.last_updated = *date;
  r.version = inner_text(c[5]);
  size_t size_at = find_element(c[6], r.update_id + "_size");
  size_t exact_at = find_element(c[6], r.update_id + "_originalSize");
  if (size_at != std::string_view::npos) {
    if (auto text = element_content(c[6], size_at)) r.size_text = inner_text(*text);
  }
  if (exact_at != std::string_view::npos) {
    if (auto text = element_content(c[6], exact_at)) r.size_bytes = parse_bytes(inner_text(*text));
  }
  if (r.title.empty()) return not_understood(url, "a result row has no title");
  return r;
}

// The row's GUID from <tr id="GUID_R<n>">; nullopt for the header and other rows.
std::optional<std::string> row_id(std::string_view table, size_t tr) {
  auto id = attribute(table, tr, "id");
  if (!id) return std::nullopt;
  size_t mark = id->rfind("_R");
  if (mark == std::string::npos || mark + 2 >= id->size()) return std::nullopt;
  for (size_t i = mark + 2; i < id->size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>((*id)[i]))) return std::nullopt;
  std::string guid = id->substr(0, mark);
  if (!is_update_id(guid)) return std::nullopt;
  for (char& ch : guid) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return guid;
}

Result<std::vector<CatalogRow>> parse_rows(std::string_view table, std::string_view url) {
  std::vector<CatalogRow> rows;
  for (size_t tr = table.find("<tr"); tr != std::string_view::npos; tr = table.find("<tr", tr + 1)) {
    auto content = element_content(table, tr);
    if (!content) return not_understood(url, "a result row is cut short");
    if (auto id = row_id(table, tr)) {
      auto row = parse_result_row(*content, std::move(*id), url);
      if (!row) return row.error();
      rows.push_back(std::move(*row));
    }
    tr = static_cast<size_t>(content->data() + content->size() - table.data());
  }
  if (rows.empty()) return not_understood(url, "the results table has no update rows");
  return rows;
}

// "Updates: 1 - 25 of 237 (page 1 of 10)" -> 237; nullopt when the page shows no count.
// A count that is there but unreadable is a layout change like any other.
Result<std::optional<size_t>> result_count(std::string_view html, std::string_view url) {
  size_t at = find_element(html, kDurationId);
  if (at == std::string_view::npos) return std::optional<size_t>();
  std::string text = inner_text(element_content(html, at).value_or(""));
  // "Updates: " A " - " B " of " N, read in that order.
  const char* p = text.data();
  const char* end = p + text.size();
  size_t numbers[3] = {0, 0, 0};
  bool ok = text.rfind("Updates: ", 0) == 0;
  p += ok ? 9 : 0;
  for (int i = 0; ok && i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, numbers[i]);
    ok = ec == std::errc() && next != p;
    p = next;
    std::string_view sep = i == 0 ? " - " : i == 1 ? " of " : "";
    ok = ok && std::string_view(p, static_cast<size_t>(end - p)).substr(0, sep.size()) == sep;
    p += ok ? sep.size() : 0;
  }
  if (ok && numbers[0] <= numbers[1] && numbers[1] <= numbers[2]) return std::optional<size_t>(numbers[2]);
  return not_understood(url, "the result count is not \"Updates: A - B of N\"");
}

std::optional<std::string> hidden_field(std::string_view html, std::string_view name) {
  size_t at = find_element(html, name);
  if (at == std::string_view::npos) return std::nullopt;
  return attribute(html, at, "value");
}

Result<std::optional<NextPage>> next_page(std::string_view html, std::string_view url) {
  if (find_element(html, kNextPageId) == std::string_view::npos) return std::optional<NextPage>();
  std::string body = fmt::format("__EVENTTARGET={}&__EVENTARGUMENT=", url_encode(kNextPageTarget));
  for (std::string_view field : {"__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION"}) {
    auto value = hidden_field(html, field);
    if (!value) return not_understood(url, fmt::format("the next-page link comes without {}", field));
    body += fmt::format("&{}={}", field, url_encode(*value));
  }
  return std::optional<NextPage>(NextPage{body});
}

// The catalog's error page: an element errorPageDisplayedError holding a code like 8DDD0010.
std::optional<Error> error_page(std::string_view html, std::string_view url) {
  size_t at = find_element(html, "errorPageDisplayedError");
  if (at == std::string_view::npos) return std::nullopt;
  std::string text = inner_text(element_content(html, at).value_or(""));
  uint32_t code = kCatalogErrorPage;
  for (size_t i = 0; i + 8 <= text.size(); ++i) {
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + i + 8, value, 16);
    if (ec == std::errc() && end == text.data() + i + 8 && (value >> 16) == 0x8DDD) {
      code = value;
      break;
    }
  }
  std::string what = code == kCatalogBusy      ? "the Update Catalog is busy; try again later"
                     : code == kCatalogNotFound ? "the Update Catalog says this update was not found or was removed"
                                                : "the Update Catalog answered with its error page";
  return Error{code, what, std::string(url)};
}

}  // namespace

bool is_update_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

Error not_understood(std::string_view url, std::string_view why, std::string_view page) {
  return Error{0, fmt::format("could not understand the {} ({}); its layout may have changed", page, why),
               std::string(url)};
}

bool is_complete_page(std::string_view html) {
  size_t end = html.rfind("</");
  return end != std::string_view::npos && inner_text(html.substr(end)).empty() &&
         (html.substr(end, 7) == "</html>" || html.substr(end, 7) == "</HTML>");
}

Result<SearchPage> parse_search_page(std::string_view html, std::string_view url) {
  if (auto error = error_page(html, url)) return *error;
  if (!is_complete_page(html)) return not_understood(url, "the page is cut short");
  SearchPage page;
  size_t table_at = find_element(html, kTableId);
  if (table_at == std::string_view::npos) {
    if (find_element(html, kNoResultsId) != std::string_view::npos) {
      page.no_results = true;
      return page;
    }
    if (html.find("Error.aspx") != std::string_view::npos) {
      return Error{kCatalogErrorPage, "the Update Catalog answered with its error page", std::string(url)};
    }
    return not_understood(url, "neither a results table nor a no-results message");
  }
  auto table = element_content(html, table_at);
  if (!table) return not_understood(url, "the results table is cut short");
  auto rows = parse_rows(*table, url);
  if (!rows) return rows.error();
  page.rows = std::move(*rows);
  auto total = result_count(html, url);
  if (!total) return total.error();
  page.total = *total;
  auto next = next_page(html, url);
  if (!next) return next.error();
  page.next = std::move(*next);
  return page;
}

}  // namespace wufix::catalog
