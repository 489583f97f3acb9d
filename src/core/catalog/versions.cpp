#include "core/catalog/versions.h"

#include <array>

#include "core/os_info.h"

namespace wufix::catalog {
namespace {

// Builds and their releases (Microsoft's release-information pages; one build may carry a
// client version, an LTSB/LTSC release and a Server release at once).
constexpr std::array<KnownBuild, 17> kBuilds = {{
    {10240, "1507", "LTSB 2015", ""},
    {14393, "1607", "LTSB 2016", "2016"},
    {17763, "1809", "LTSC 2019", "2019"},
    {18362, "1903", "", ""},
    {18363, "1909", "", ""},
    {19041, "2004", "", ""},
    {19042, "20H2", "", ""},
    {19043, "21H1", "", ""},
    {19044, "21H2", "LTSC 2021", ""},
    {19045, "22H2", "", ""},
    {20348, "", "", "2022"},
    {22000, "21H2", "", ""},
    {22621, "22H2", "", ""},
    {22631, "23H2", "", ""},
    {25398, "", "", "23H2"},
    {26100, "24H2", "LTSC 2024", "2025"},
    {26200, "25H2", "", ""},
}};

// Server years whose catalog titles say "server operating system version XXHX".
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kServerVersions = {{
    {"2022", "21H2"}, {"2025", "24H2"}}};

}  // namespace

std::optional<KnownBuild> known_build(uint32_t build) {
  for (const KnownBuild& b : kBuilds)
    if (b.build == build) return b;
  return std::nullopt;
}

std::string server_key(std::string_view year_or_version) {
  for (auto [year, version] : kServerVersions)
    if (year == year_or_version) return std::string(version);
  return std::string(year_or_version);
}

std::string server_label(std::string_view key) {
  for (auto [year, version] : kServerVersions)
    if (version == key) return "Windows Server " + std::string(year);
  if (key.size() == 4 && key[2] != 'H') return "Windows Server " + std::string(key);  // 2016, 2019
  return "Windows Server, version " + std::string(key);
}

bool is_windows11_build(uint32_t build) { return build >= kFirstWindows11Build; }

}  // namespace wufix::catalog
