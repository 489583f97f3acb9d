// reset: the how-to's component reset. Stop the update services (dependents first, all at once,
// with a timeout), rename SoftwareDistribution and catroot2 aside (never delete; an existing
// .old is kept), start again what ran before plus wuauserv, CryptSvc and BITS, and check they run.
#include <fmt/format.h>

#include "core/repair/revert.h"
#include "core/repair/service_ops.h"
#include "core/repair/step.h"

namespace wufix {
namespace {

// The order people know from the how-to; UsoSvc first because it restarts wuauserv.
const std::vector<std::string> kResetServices = {"UsoSvc", "wuauserv", "BITS", "CryptSvc",
                                                 "msiserver"};
// Started again whatever their state before: Windows Update needs them.
const std::vector<std::string> kAlwaysStart = {"wuauserv", "CryptSvc", "BITS"};

bool is_running(ServiceState s) {
  return s == ServiceState::Running || s == ServiceState::StartPending;
}

// Which services to start at the end: those running now (including dependents), plus the
// always-started ones unless disabled.
Result<std::vector<std::string>> services_to_restart(const System& sys) {
  std::vector<std::string> restart;
  for (const auto& name : kResetServices) {
    auto s = sys.services->query(name);
    if (!s) return s.error();
    if (!s->exists) continue;
    bool always = std::find(kAlwaysStart.begin(), kAlwaysStart.end(), name) != kAlwaysStart.end();
    if (is_running(s->state) || (always && s->start_type != StartType::Disabled))
      restart.push_back(name);
    if (!is_running(s->state)) continue;
    auto deps = sys.services->active_dependents(name);
    if (!deps) return deps.error();
    for (const auto& d : *deps)
      if (std::find(restart.begin(), restart.end(), d) == restart.end()) restart.push_back(d);
  }
  return restart;
}

// SoftwareDistribution -> SoftwareDistribution.old, or .wufix-<run-id> when .old exists.
Result<std::string> aside_name(const Files& files, const std::string& path,
                               std::string_view run_id) {
  auto old_there = files.exists(path + ".old");
  if (!old_there) return old_there.error();
  if (!*old_there) return path + ".old";
  return unused_name(files, path, fmt::format("wufix-{}", run_id));
}

}  // namespace

StepReport run_reset_step(StepContext& ctx) {
  StepReport report;
  const System& sys = ctx.sys;
  auto fail = [&](const Error& e) {
    report.error = e;
    return report;
  };
  auto restart = services_to_restart(sys);
  if (!restart) return fail(restart.error());

  if (Status s = stop_services(ctx.changes, sys, kResetServices, ctx.options.service_timeout); !s)
    return fail(s.error());
  report.details.push_back("services stopped");

  const std::string windows = sys.platform->windows_dir();
  for (const std::string& folder :
       {windows + "\\SoftwareDistribution", windows + "\\System32\\catroot2"}) {
    auto there = sys.files->exists(folder);
    if (!there) return fail(there.error());
    if (!*there) {
      report.details.push_back(folder + " does not exist; Windows creates it again");
      continue;
    }
    auto aside = aside_name(*sys.files, folder, ctx.run_id);
    if (!aside) return fail(aside.error());
    if (Status s = ctx.changes.rename(folder, *aside); !s) return fail(s.error());
    report.details.push_back(fmt::format("{} renamed to {}", folder, *aside));
  }

  if (Status s = start_services(ctx.changes, sys, *restart, ctx.options.service_timeout); !s)
    return fail(s.error());
  report.details.push_back(fmt::format("running again: {}", fmt::join(*restart, ", ")));
  report.result = "reset";
  return report;
}

}  // namespace wufix
