#include "core/setup_codes.h"

#include <array>
#include <charconv>

namespace wufix {
namespace {

constexpr std::array<const char*, 6> kPhases = {
    "unknown phase (SP_EXECUTION_UNKNOWN)",
    "downlevel, the old OS running (SP_EXECUTION_DOWNLEVEL)",
    "Safe OS / WinPE (SP_EXECUTION_SAFE_OS)",
    "first boot of the new OS (SP_EXECUTION_FIRST_BOOT)",
    "second (OOBE) boot (SP_EXECUTION_OOBE_BOOT)",
    "uninstall / rollback (SP_EXECUTION_UNINSTALL)"};

constexpr std::array<const char*, 33> kOperations = {
    "UNKNOWN", "COPY_PAYLOAD", "DOWNLOAD_UPDATES", "INSTALL_UPDATES", "INSTALL_RECOVERY_ENVIRONMENT",
    "INSTALL_RECOVERY_IMAGE", "REPLICATE_OC", "INSTALL_DRVIERS", "PREPARE_SAFE_OS", "PREPARE_ROLLBACK",
    "PREPARE_FIRST_BOOT", "PREPARE_OOBE_BOOT", "APPLY_IMAGE", "MIGRATE_DATA", "SET_PRODUCT_KEY",
    "ADD_UNATTEND", "ADD_DRIVER", "ENABLE_FEATURE", "DISABLE_FEATURE", "REGISTER_ASYNC_PROCESS",
    "REGISTER_SYNC_PROCESS", "CREATE_FILE", "CREATE_REGISTRY", "BOOT", "SYSPREP", "OOBE",
    "BEGIN_FIRST_BOOT", "END_FIRST_BOOT", "BEGIN_OOBE_BOOT", "END_OOBE_BOOT", "PRE_OOBE", "POST_OOBE",
    "ADD_PROVISIONING_PACKAGE"};

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

ExtendCode describe_extend_code(uint32_t code) {
  ExtendCode e;
  e.code = code;
  uint32_t phase = code >> 16, op = code & 0xFF;
  e.phase = phase < kPhases.size() ? kPhases[phase] : "an unknown phase";
  if (op < kOperations.size() && (code & 0xFF00) == 0)
    e.operation = std::string("SP_EXECUTION_OP_") + kOperations[op];
  return e;
}

std::optional<std::pair<std::string_view, uint32_t>> split_extend_code(std::string_view input) {
  input = trim_spaces(input);
  size_t dash = input.find('-', 1);
  if (dash == std::string_view::npos) return std::nullopt;
  std::string_view first = trim_spaces(input.substr(0, dash));
  std::string_view second = trim_spaces(input.substr(dash + 1));
  if (second.size() < 3 || second[0] != '0' || (second[1] != 'x' && second[1] != 'X')) return std::nullopt;
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(second.data() + 2, second.data() + second.size(), v, 16);
  if (ec != std::errc() || end != second.data() + second.size() || second.size() > 10) return std::nullopt;
  return std::make_pair(first, v);
}

}  // namespace wufix
