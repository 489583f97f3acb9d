// Helpers around OsInfo (declared in core/checks/checks.h) shared by the checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace wufix {

// The leading number of a CurrentBuild string ("22631" -> 22631); nullopt when it has none.
std::optional<uint32_t> build_number(std::string_view build);

}  // namespace wufix
