// reset: the how-to's component reset. Stop the services that restart wuauserv (UsoSvc, DoSvc,
// WaaSMedicSvc) first, then the update services (dependents first, all at once, with a
// timeout), rename SoftwareDistribution, catroot2 and the BITS queue (qmgr*.dat) aside (never
// delete; an existing .old is kept), check that nothing recreated SoftwareDistribution behind
// our back, start again what ran before plus wuauserv, CryptSvc and BITS, and check they run.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/repair/revert.h"
#include "core/repair/service_ops.h"
#include "core/repair/step.h"

namespace wufix {
namespace {

// Orchestrator, Delivery Optimization and the Update Medic start wuauserv again when it stops:
// they stop first, so nothing restarts it mid-rename.
const std::vector<std::string> kRestarters = {"UsoSvc", "DoSvc", "WaaSMedicSvc"};
// Then the order people know from the how-to.
const std::vector<std::string> kResetServices = {"wuauserv", "BITS", "CryptSvc", "msiserver"};
// Started again whatever their state before: Windows Update needs them.
const std::vector<std::string> kAlwaysStart = {"wuauserv", "CryptSvc", "BITS"};

// Which services to start at the end: those running now (including dependents), plus the
// always-started ones unless disabled.
Result<std::vector<std::string>> services_to_restart(const System& sys) {
  std::vector<std::string> restart;
  std::vector<std::string> all = kRestarters;
  all.insert(all.end(), kResetServices.begin(), kResetServices.end());
  for (const auto& name : all) {
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

// Stops the restarters one by one: WaaSMedicSvc refuses even administrators on Windows (access
// denied); that is noted, not fatal, and the check after the renames catches its effect.
Status stop_restarters(StepContext& ctx, StepReport& report) {
  for (const auto& name : kRestarters) {
    Status s = stop_services(ctx.changes, ctx.sys, {name}, ctx.options.service_timeout);
    if (s) continue;
    if (s.error().code != 5) return s;
    report.details.push_back(name + " refused to stop (access denied); it keeps running");
  }
  return ok_status();
}

// A service a restarter just started is start-pending, and a start-pending service takes no
// stop request (1061): let those starts finish before stopping them.
Status settle_starts(const System& sys, std::chrono::seconds timeout) {
  std::vector<std::string> starting;
  for (const auto& name : kResetServices) {
    auto s = sys.services->query(name);
    if (!s) return s.error();
    if (s->exists && s->state == ServiceState::StartPending) starting.push_back(name);
  }
  return wait_for_state(sys, starting, ServiceState::Running, timeout);
}

bool is_qmgr_file(std::string_view name) {
  if (name.size() < 8) return false;
  std::string lower = ascii_lower(name);
  return lower.rfind("qmgr", 0) == 0 && lower.compare(lower.size() - 4, 4, ".dat") == 0;
}

// The folders and the BITS queue files to rename aside, those that exist.
Result<std::vector<std::string>> targets(const System& sys, StepReport& report) {
  const std::string windows = sys.platform->windows_dir();
  std::vector<std::string> out;
  for (const std::string& folder :
       {windows + "\\SoftwareDistribution", windows + "\\System32\\catroot2"}) {
    auto there = sys.files->exists(folder);
    if (!there) return there.error();
    if (*there) out.push_back(folder);
    else report.details.push_back(folder + " does not exist; Windows creates it again");
  }
  const std::string queue = sys.platform->program_data_dir() + "\\Microsoft\\Network\\Downloader";
  auto there = sys.files->is_directory(queue);
  if (!there) return there.error();
  if (!*there) return out;
  auto names = sys.files->list(queue);
  if (!names) return names.error();
  std::sort(names->begin(), names->end());
  for (const auto& name : *names)
    if (is_qmgr_file(name)) out.push_back(queue + "\\" + name);
  return out;
}

// After the renames, before anything is started again: a SoftwareDistribution that exists again
// was recreated by a service someone restarted meanwhile; the reset would not stick.
Status check_not_recreated(const System& sys, const std::string& folder) {
  auto there = sys.files->exists(folder);
  if (!there) return there.error();
  if (!*there) return ok_status();
  std::vector<std::string> running;
  for (const auto* group : {&kResetServices, &kRestarters})
    for (const auto& name : *group) {
      auto s = sys.services->query(name);
      if (s && s->exists && is_running(s->state)) running.push_back(name);
    }
  std::string who = running.empty() ? "a service that is not one of reset's"
                                    : fmt::format("{} (started again meanwhile)", fmt::join(running, ", "));
  return Error{0, fmt::format("{} was recreated after it was renamed, and is held by {}; the "
                              "reset would not stick", folder, who), folder};
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

  if (Status s = stop_restarters(ctx, report); !s) return fail(s.error());
  if (Status s = settle_starts(sys, ctx.options.service_timeout); !s) return fail(s.error());
  if (Status s = stop_services(ctx.changes, sys, kResetServices, ctx.options.service_timeout); !s)
    return fail(s.error());
  report.details.push_back("services stopped");

  auto renames = targets(sys, report);
  if (!renames) return fail(renames.error());
  for (const std::string& path : *renames) {
    auto aside = aside_name(*sys.files, path, ctx.run_id);
    if (!aside) return fail(aside.error());
    if (Status s = ctx.changes.rename(path, *aside); !s) return fail(s.error());
    report.details.push_back(fmt::format("{} renamed to {}", path, *aside));
  }
  const std::string sd = sys.platform->windows_dir() + "\\SoftwareDistribution";
  if (!renames->empty() && renames->front() == sd)
    if (Status s = check_not_recreated(sys, sd); !s) return fail(s.error());

  if (Status s = start_services(ctx.changes, sys, *restart, ctx.options.service_timeout); !s)
    return fail(s.error());
  report.details.push_back(fmt::format("running again: {}", fmt::join(*restart, ", ")));
  report.result = "reset";
  return report;
}

}  // namespace wufix
