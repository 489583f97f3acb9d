// Helpers around OsInfo (declared in core/checks/checks.h) shared by the checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace wufix {

// Windows 11 is Windows 10's version number with a build from here on (ProductName still says 10).
inline constexpr uint32_t kFirstWindows11Build = 22000;

// The leading number of a CurrentBuild string ("22631" -> 22631); nullopt when it has none.
std::optional<uint32_t> build_number(std::string_view build);

}  // namespace wufix
