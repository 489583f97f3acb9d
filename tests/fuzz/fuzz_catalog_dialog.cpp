// libFuzzer harness: the DownloadDialog.aspx parser on any bytes. Besides crashes, hangs
// (quadratic paths) and UB, a file it lets through must keep the promises download relies on:
// a URL the strict parser accepts and a plain *.msu/*.cab name that is no DOS device.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/catalog/pages.h"
#include "core/catalog/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wufix;
  std::string_view page(reinterpret_cast<const char*>(data), size);
  auto parsed = catalog::parse_download_dialog(page, "https://www.catalog.update.microsoft.com/DownloadDialog.aspx");
  if (!parsed) return 0;
  nlohmann::json all = nlohmann::json::array();
  for (const catalog::UpdateFiles& u : *parsed) {
    if (!catalog::is_update_id(u.update_id) || u.files.empty()) std::abort();
    for (const catalog::CatalogFile& f : u.files) {
      if (!catalog::is_catalog_file_name(f.file_name) || !catalog::parse_url(f.url)) std::abort();
      if (!f.sha1.empty() && f.sha1.size() != 20) std::abort();
      if (!f.sha256.empty() && f.sha256.size() != 32) std::abort();
      all.push_back({{"title", u.title}, {"name", f.file_name}, {"url", f.url}});
    }
  }
  (void)all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
