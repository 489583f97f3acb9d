// Helpers around OsInfo (declared in core/checks/checks.h) shared by the checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wufix {

struct OsInfo;

// Windows 11 is Windows 10's version number with a build from here on (ProductName still says 10).
inline constexpr uint32_t kFirstWindows11Build = 22000;

// The leading number of a CurrentBuild string ("22631" -> 22631); nullopt when it has none.
std::optional<uint32_t> build_number(std::string_view build);

// The OS as one line for people: "Windows 11 Pro 23H2 (build 22631.3593, x64)".
std::string os_summary(const OsInfo& os);

}  // namespace wufix
