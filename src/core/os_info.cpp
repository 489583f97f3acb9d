// Which Windows this is, from the registry (RtlGetVersion has no UBR, DisplayVersion or edition).
#include <charconv>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/checks/reg_values.h"
#include "core/os_info.h"

namespace wufix {
namespace {

constexpr const char* kCurrentVersionKey = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

// A missing or unreadable-as-text value is simply unknown: Wine, for one, lacks several.
Result<std::string> read_version_text(const Registry& reg, std::string_view name) {
  auto v = reg.read(Hive::LocalMachine, kCurrentVersionKey, name);
  if (!v) return v.error();
  if (!*v) return std::string();
  return regval::as_text(**v).value_or("");
}

Result<std::optional<uint32_t>> read_ubr(const Registry& reg) {
  auto v = reg.read(Hive::LocalMachine, kCurrentVersionKey, "UBR");
  if (!v) return v.error();
  std::optional<uint32_t> ubr;
  if (*v) {
    auto n = regval::as_number(**v);
    if (n && *n <= UINT32_MAX) ubr = static_cast<uint32_t>(*n);
  }
  return ubr;
}

// Microsoft kept ProductName at "Windows 10 ..." on Windows 11; only the build tells them apart.
// Searched anywhere, not only at the start: Wine writes "Microsoft Windows 10".
std::string corrected_product(std::string product, std::string_view build) {
  constexpr std::string_view kOldName = "Windows 10";
  auto number = build_number(build);
  if (!number || *number < kFirstWindows11Build) return product;
  if (auto at = product.find(kOldName); at != std::string::npos) {
    product.replace(at, kOldName.size(), "Windows 11");
  }
  return product;
}

}  // namespace

std::optional<uint32_t> build_number(std::string_view build) {
  uint32_t n = 0;
  auto [end, ec] = std::from_chars(build.data(), build.data() + build.size(), n);
  if (ec != std::errc() || end == build.data()) return std::nullopt;
  return n;
}

Result<OsInfo> read_os_info(const System& sys) {
  const Registry& reg = *sys.registry;
  auto exists = reg.key_exists(Hive::LocalMachine, kCurrentVersionKey);
  if (!exists) return exists.error();
  if (!*exists) {
    return Error{2, "Windows version key not found", std::string("HKLM\\") + kCurrentVersionKey};
  }

  OsInfo os;
  for (auto [name, field] : {std::pair{"ProductName", &os.product},
                             std::pair{"DisplayVersion", &os.display_version},
                             std::pair{"CurrentBuild", &os.build},
                             std::pair{"EditionID", &os.edition},
                             std::pair{"InstallationType", &os.installation_type}}) {
    auto text = read_version_text(reg, name);
    if (!text) return text.error();
    *field = std::move(*text);
  }
  if (os.build.empty()) {  // older builds and Wine may only have CurrentBuildNumber
    auto text = read_version_text(reg, "CurrentBuildNumber");
    if (!text) return text.error();
    os.build = std::move(*text);
  }
  auto ubr = read_ubr(reg);
  if (!ubr) return ubr.error();
  os.ubr = *ubr;
  os.product = corrected_product(std::move(os.product), os.build);
  os.arch = sys.platform->native_arch();
  return os;
}

const char* to_string(Arch arch) {
  switch (arch) {
    case Arch::X64: return "x64";
    case Arch::Arm64: return "arm64";
    case Arch::X86: return "x86";
    case Arch::Unknown: return "unknown";
  }
  return "unknown";
}

std::string os_summary(const OsInfo& os) {
  std::string text = os.product;
  if (!os.display_version.empty()) text += " " + os.display_version;
  return text + fmt::format(" (build {}{}, {})", os.build.empty() ? "?" : os.build,
                            os.ubr ? fmt::format(".{}", *os.ubr) : "", to_string(os.arch));
}

}  // namespace wufix
