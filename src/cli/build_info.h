// What `wufix --version` says: version, the git commit it was built from, the build date
// (SOURCE_DATE_EPOCH, else the commit's date: the same sources give the same bytes), and
// whether this executable carries an Authenticode signature.
#pragma once
#include <string>

#include <nlohmann/json_fwd.hpp>


namespace wufix {

struct BuildInfo {
  std::string version;  // 0.1.0
  std::string commit;   // abbreviated hash, "+dirty" when built from a changed tree, or "unknown"
  std::string date;     // YYYY-MM-DD (UTC)
  bool is_signed = false;
};

BuildInfo build_info(bool image_signed);
// "wufix 0.1.0 (commit 4a14da5, built 2026-12-02, unsigned)"
std::string version_line(const BuildInfo& info);
// {"version", "commit", "built", "signed"}
nlohmann::json to_json(const BuildInfo& info);

}  // namespace wufix
