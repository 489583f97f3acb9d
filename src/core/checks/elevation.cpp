// check_elevation: repairs stop services and rename system folders, which needs an elevated token.
#include "core/checks/checks.h"

namespace wufix {

CheckResult check_elevation(const System& sys) {
  auto elevated = sys.platform->is_elevated();
  if (!elevated) return check_error(check_id::kElevation, elevated.error());
  if (*elevated) return check_ok(check_id::kElevation);

  Finding f;
  f.id = finding_id::kNotElevated;
  f.severity = Severity::Warning;
  f.summary = "Not running as administrator: some checks are limited, and repair needs "
              "\"Run as administrator\"";
  // The runner lists which checks could not see everything once they have all run.
  f.evidence = {{"elevated", false}, {"limited_checks", nlohmann::json::array()}};
  f.advice = "Right-click Windows Terminal → Run as administrator, then run wufix repair";
  return check_with(check_id::kElevation, {std::move(f)});
}

}  // namespace wufix
