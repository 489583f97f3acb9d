// check_managed_device: whether an organization really manages this PC's Windows Update policy
// (an Active Directory domain through Group Policy, or Intune/MDM). The policy values are not
// this check's: update-policy reports each of them once, with its effect and severity. This
// check owns the one fact those findings cannot carry alone: on a managed PC the values are the
// organization's, not leftovers, so resetting them does not stick and the policy step refuses
// without --force.
#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/checks/update_policy.h"

namespace wufix {
namespace {


Finding managed_finding(const std::string& manager, const std::vector<PolicyHit>& hits) {
  nlohmann::json values = nlohmann::json::array();
  for (const PolicyHit& hit : hits) values.push_back(hit.value.name);
  Finding f;
  f.id = finding_id::kManagedDevice;
  f.severity = Severity::Info;
  f.summary = fmt::format("Windows Update policy on this PC comes from {} ({} value(s))", manager,
                          hits.size());
  f.evidence = {{"managed_by", manager}, {"policy_values", values}};
  f.advice = "Updates follow your organization's policy (the update-policy findings list the "
             "values). Resetting Windows Update does not change it, and Group Policy or MDM "
             "writes removed values back, so `wufix repair` leaves them alone unless told to "
             "(`--force`). Ask your administrator.";
  return f;
}

}  // namespace

CheckResult check_managed_device(const System& sys) {
  if (!sys.registry_editor) return check_skipped(check_id::kManagedDevice, "no raw registry access");
  auto hits = scan_update_policy(*sys.registry_editor);
  if (!hits) return check_error(check_id::kManagedDevice, hits.error());
  if (hits->empty()) return check_ok(check_id::kManagedDevice);  // managed or not, nothing steers Windows Update
  auto manager = policy_manager(*sys.registry, *sys.registry_editor);
  if (!manager) return check_error(check_id::kManagedDevice, manager.error());
  if (!*manager) return check_ok(check_id::kManagedDevice);  // leftovers: update-policy's findings say so
  return check_with(check_id::kManagedDevice, {managed_finding(**manager, *hits)});
}

}  // namespace wufix
