// check_antivirus: third-party antivirus is a common cause of failed installs (files locked or
// quarantined mid-install, 0x80070005). wufix only reports it; it never disables protection.
#include <fmt/format.h>

#include "core/ascii.h"
#include "core/checks/checks.h"

namespace wufix {
namespace {

constexpr const char* kNoSecurityCenter = "Windows Server has no Security Center";
constexpr const char* kNoNamespace =
    "Security Center (WMI root\\SecurityCenter2) is not available on this system";
// WBEM_E_INVALID_NAMESPACE: root\SecurityCenter2 does not exist (Server SKUs).
constexpr uint32_t kInvalidNamespace = 0x8004100E;

// Defender registers as "Windows Defender" on Windows 10 and "Microsoft Defender Antivirus"
// (or similar) on newer builds.
bool is_defender(const AntivirusProduct& p) {
  std::string name = ascii_lower(p.name);
  return name == "windows defender" || name.rfind("microsoft defender", 0) == 0;
}

// productState is undocumented; this is the decoding in common use (formats.md (i)).
bool is_enabled(uint32_t state) { return ((state >> 12) & 0xF) == 1; }
bool is_out_of_date(uint32_t state) { return ((state >> 4) & 0xF) == 1; }

Finding product_finding(const AntivirusProduct& p, int enabled_count) {
  std::string name = p.name.empty() ? "(unnamed)" : p.name;
  bool enabled = is_enabled(p.product_state);
  // Two real-time scanners at once fight over every file the installer touches.
  bool conflict = enabled && enabled_count > 1;
  Finding f;
  f.id = finding_id::kThirdPartyAntivirus;
  f.severity = conflict ? Severity::Warning : Severity::Info;
  f.summary = conflict ? fmt::format("{} runs alongside another real-time antivirus", name)
              : enabled ? fmt::format("Third-party antivirus {} is active", name)
                        : fmt::format("Third-party antivirus {} is registered (turned off)", name);
  f.evidence = {{"product", p.name},
                {"product_state", p.product_state},
                {"enabled", enabled},
                {"up_to_date", !is_out_of_date(p.product_state)},
                {"path", p.path}};
  f.advice = fmt::format(
      "wufix never disables antivirus. If updates keep failing, pause {}'s real-time "
      "protection while Windows Update installs (or uninstall it with the vendor's removal "
      "tool), then turn it back on or reinstall it afterwards.",
      name);
  return f;
}

}  // namespace

CheckResult check_antivirus(const System& sys, const Result<OsInfo>& os) {
  if (os && os->is_server()) return check_skipped(check_id::kAntivirus, kNoSecurityCenter);
  auto products = sys.security_center->antivirus_products();
  if (!products) {
    if (products.error().code == kInvalidNamespace) {
      return check_skipped(check_id::kAntivirus, kNoNamespace);
    }
    return check_error(check_id::kAntivirus, products.error());
  }

  int enabled_count = 0;
  for (const AntivirusProduct& p : *products) enabled_count += is_enabled(p.product_state) ? 1 : 0;
  std::vector<Finding> findings;
  for (const AntivirusProduct& p : *products) {
    if (!is_defender(p)) findings.push_back(product_finding(p, enabled_count));
  }
  return check_with(check_id::kAntivirus, std::move(findings));
}

}  // namespace wufix
