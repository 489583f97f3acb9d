// Parsers of the two catalog pages wufix reads: Search.aspx (the results table, its paging
// postback, the no-results page) and DownloadDialog.aspx (the file list of each update).
// A page that does not have the known layout is an Error ("could not understand"), never a
// best guess; the catalog's own error pages are Errors carrying their code (8DDD0010...).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wufix::catalog {

// Codes of the catalog's error pages, carried in Error::code.
inline constexpr uint32_t kCatalogBusy = 0x8DDD0010;      // try again later
inline constexpr uint32_t kCatalogNotFound = 0x8DDD0024;  // update not found or removed
inline constexpr uint32_t kCatalogErrorPage = 0x8DDD0000; // an error page without a known code

struct CatalogRow {
  std::string update_id;       // lower-case GUID
  std::string title;
  std::string products;        // "Windows 11"
  std::string classification;  // "Security Updates"
  std::string last_updated;    // ISO "2024-10-08" (the page says 10/8/2024)
  std::string version;         // usually "n/a"
  std::string size_text;       // "717.2 MB"
  std::optional<uint64_t> size_bytes;
};

// The hidden form fields an ASP.NET postback sends back (next page).
struct NextPage {
  std::string form_body;  // application/x-www-form-urlencoded, ready to POST
};

struct SearchPage {
  bool no_results = false;
  // "Updates: 1 - 25 of 237 (page 1 of 10)": the catalog's own count, when the page shows it.
  std::optional<size_t> total;
  std::vector<CatalogRow> rows;
  std::optional<NextPage> next;
};

// `url` only names the page in errors.
Result<SearchPage> parse_search_page(std::string_view html, std::string_view url);

struct CatalogFile {
  std::string url;
  std::string file_name;
  std::vector<uint8_t> sha1;    // 20 bytes, or empty when the catalog gives none
  std::vector<uint8_t> sha256;  // 32 bytes, or empty
  std::string architectures;    // "AMD64"; empty in many older dialogs
  std::string languages;        // "de-de", "en,fr" or empty (language-neutral)
};

struct UpdateFiles {
  std::string update_id;
  std::string title;
  std::vector<CatalogFile> files;
};

Result<std::vector<UpdateFiles>> parse_download_dialog(std::string_view html, std::string_view url);

// "updateIDs=[{...}]" for DownloadDialog.aspx.
std::string download_dialog_body(const std::vector<std::string>& update_ids);

bool is_update_id(std::string_view text);  // 8-4-4-4-12 hex
// A name wufix will create a file under: [A-Za-z0-9._-]{1,200} ending .msu or .cab, no "..",
// and no DOS device as its base name (CON, PRN, AUX, NUL, COM0-9, LPT0-9: CON.msu, nul.x.msu
// open the device, not a file).
bool is_catalog_file_name(std::string_view name);
// A page cut short (no </html>) is not understood: a missing tail could hide rows or files.
bool is_complete_page(std::string_view html);
// "could not understand the catalog page (why); its layout may have changed", naming the URL.
// `page`: "catalog page" or "catalog's download list".
Error not_understood(std::string_view url, std::string_view why,
                     std::string_view page = "catalog page");

}  // namespace wufix::catalog
