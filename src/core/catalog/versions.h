// Which Windows a build number is: the feature version the catalog's titles name, and the
// Server and LTSB/LTSC releases built on it. A build wufix does not know yet is read from
// the PC's own DisplayVersion (the rule in version_for_build's comment), never guessed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wufix::catalog {

struct KnownBuild {
  uint32_t build = 0;
  std::string_view client_version;  // "1809", "24H2"; empty: no client release on this build
  std::string_view ltsc;            // "LTSC 2019"; empty when none
  std::string_view server;          // "2019", "2022"; empty when none
};

// The table entry of a build, or nullopt for a build wufix does not know.
std::optional<KnownBuild> known_build(uint32_t build);

// The catalog names Server 2022 and 2025 "Microsoft server operating system version 21H2 /
// 24H2", Server 2016 and 2019 by their year: one key for both spellings, the version when
// there is one ("2022" -> "21H2", "2016" -> "2016").
std::string server_key(std::string_view year_or_version);
// "21H2" -> "Windows Server 2022", "2016" -> "Windows Server 2016", "26H2" -> "Windows Server, version 26H2".
std::string server_label(std::string_view key);

// Windows 11 from build 22000 on.
bool is_windows11_build(uint32_t build);

}  // namespace wufix::catalog
