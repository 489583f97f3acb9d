// check_uptime: installs finish at restart; weeks without one leave updates half-applied and
// servicing components in states that later installs trip over.
#include <fmt/format.h>

#include "core/checks/checks.h"

namespace wufix {

CheckResult check_uptime(const System& sys, const DiagnoseOptions& options) {
  std::chrono::seconds uptime = sys.clock->uptime();
  if (uptime <= options.max_uptime) return check_ok(check_id::kUptime);

  long long days = uptime.count() / (24 * 3600);  // whole days, as people count them
  Finding f;
  f.id = finding_id::kLongUptime;
  f.severity = Severity::Warning;
  f.summary = fmt::format("Windows has been running for {} days without a restart", days);
  f.evidence = {{"uptime_seconds", uptime.count()}, {"days", days}};
  // Shut down with Fast Startup on (the default) hibernates the kernel; uptime keeps counting.
  f.advice = "Restart Windows (Start → Power → Restart, not Shut down), then run wufix diagnose "
             "again";
  return check_with(check_id::kUptime, {std::move(f)});
}

}  // namespace wufix
