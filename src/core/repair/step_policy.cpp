// policy: remove the Windows Update policy values that block, redirect or defer updates (the
// table in core/checks/update_policy), each saved whole in the journal first so undo writes it
// back identical; a wuauserv service value a tuning tool changed is set back to its Windows
// default instead (a service needs the value). Nothing else under Policies is touched. On a PC a domain or Intune really
// manages, the values would come back at the next policy refresh: refused without --force.
#include <fmt/format.h>

#include "core/checks/update_policy.h"
#include "core/repair/step.h"

namespace wufix {

StepReport run_policy_step(StepContext& ctx) {
  StepReport report;
  const System& sys = ctx.sys;
  auto hits = scan_update_policy(*sys.registry_editor);
  if (!hits) {
    report.error = hits.error();
    return report;
  }
  auto manager = policy_manager(*sys.registry, *sys.registry_editor);
  if (!manager) {
    report.error = manager.error();
    return report;
  }
  if (*manager && !hits->empty()) {
    if (!ctx.options.force) {
      report.error = Error{0, "not removing Windows Update policy: this PC is managed by " +
                                  **manager + ", whose policy would write the values back "
                                  "(ask your administrator, or add --force)", ""};
      return report;
    }
    report.details.push_back("--force on a managed PC: " + **manager +
                             " may write these values back at its next policy refresh");
  }
  for (const PolicyHit& hit : *hits) {
    Status s = hit.repair_to ? ctx.changes.set_reg_value(hit.key, *hit.repair_to)
                             : ctx.changes.delete_reg_value(hit.key, hit.value.name);
    if (!s) {
      report.error = s.error();
      return report;
    }
  }
  report.result = hits->empty() ? "nothing-to-remove" : "removed";
  if (!hits->empty())
    report.details.push_back(fmt::format("{} policy value(s) removed or set back to the Windows "
                                         "default; Windows Update follows its defaults again",
                                         hits->size()));
  return report;
}

}  // namespace wufix
