// check_os: the version was readable, and it is one Windows Update still serves.
#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/os_info.h"

namespace wufix {
namespace {

// Windows 10 RTM. Older systems (7, 8.1, Server 2012 R2) service differently and, outside paid
// extended support, get no updates at all: wufix's checks and repairs do not apply to them.
constexpr uint32_t kFirstWindows10Build = 10240;

nlohmann::json os_evidence(const OsInfo& os) {
  return {{"product", os.product},
          {"display_version", os.display_version},
          {"build", os.build},
          {"ubr", os.ubr ? nlohmann::json(*os.ubr) : nlohmann::json(nullptr)},
          {"edition", os.edition},
          {"installation_type", os.installation_type},
          {"arch", to_string(os.arch)}};
}

}  // namespace

CheckResult check_os(const System&, const Result<OsInfo>& os) {
  if (!os) return check_error(check_id::kOs, os.error());
  auto build = build_number(os->build);
  // An unknown build is not evidence of an old Windows: say nothing rather than guess.
  if (!build || *build >= kFirstWindows10Build) return check_ok(check_id::kOs);

  Finding f;
  f.id = finding_id::kUnsupportedOs;
  f.severity = Severity::Warning;
  std::string name = os->product.empty() ? "This Windows" : os->product;
  f.summary = fmt::format("{} (build {}) is older than Windows 10, which wufix does not support",
                          name, os->build);
  f.evidence = os_evidence(*os);
  f.advice = "Upgrade to Windows 10 or 11 (Windows Server 2016 or later); this version gets no "
             "updates without paid extended support, and wufix's repairs are not made for it.";
  return check_with(check_id::kOs, {std::move(f)});
}

}  // namespace wufix
