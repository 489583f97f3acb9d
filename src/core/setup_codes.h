// Windows Setup's extend codes: the second half of "0xC1900101-0x30018" says in which phase
// (first hex digit) and operation (last two hex digits) a feature update failed
// (Microsoft's upgrade-error-codes table; names as Setup spells them).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wufix {

struct ExtendCode {
  uint32_t code = 0;       // 0x30018
  std::string phase;       // "first boot of the new OS (SP_EXECUTION_FIRST_BOOT)"
  std::string operation;   // "SP_EXECUTION_OP_SYSPREP"; "" when unknown
};

ExtendCode describe_extend_code(uint32_t code);
// "0xC1900101-0x30018" / "0xC1900101 - 0x30018" → the first code's text and the extend code.
std::optional<std::pair<std::string_view, uint32_t>> split_extend_code(std::string_view input);

}  // namespace wufix
