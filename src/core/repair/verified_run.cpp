#include "core/repair/verified_run.h"

#include <random>

#include "core/repair/dry_run.h"
#include "core/repair/journal.h"
#include "core/repair/verify.h"

namespace wufix {

std::string new_run_id(const System& sys) {
  std::random_device random;
  return make_run_id(sys.clock->now(), random());
}

DiagnoseOptions diagnose_options_for(const RepairOptions& options) {
  DiagnoseOptions d;
  d.ntp_host = options.ntp_host;
  d.ntp_port = options.ntp_port;
  return d;
}

Result<RunOutcome> plan_repair(const System& sys, const RepairOptions& options,
                               const RunHooks& hooks, const std::vector<std::string>& steps) {
  DryRunSystem dry(sys);
  auto journal = JournalWriter::create(dry.files, *sys.platform, "dry-run");
  if (!journal) return journal.error();  // the dry backend discards what it is given
  Changes changes(dry.sys, *journal);
  RunSetup setup{dry.sys, changes, options, hooks, "dry-run", true};
  return run_repair(setup, steps);
}

Result<RunOutcome> run_verified_repair(System& sys, const RepairOptions& options,
                                       const DiagnoseOptions& diagnose, RunHooks hooks,
                                       const std::string& run_id,
                                       const std::vector<std::string>& steps) {
  auto journal = JournalWriter::create(*sys.files, *sys.platform, run_id);
  if (!journal) return journal.error();
  Changes changes(sys, *journal);
  const auto before = run_checks(sys, diagnose, checks_for_steps(steps));
  // Reruns the checks of the steps that were done, after the steps and before the journal's end.
  hooks.verify = [&](const std::vector<StepOutcome>& outcomes) {
    std::vector<std::string> done;
    for (const auto& s : outcomes)
      if (s.status == StepStatus::Done) done.push_back(s.id);
    return verify_findings(before, outcomes, run_checks(sys, diagnose, checks_for_steps(done)));
  };
  RunSetup setup{sys, changes, options, hooks, run_id, false};
  return run_repair(setup, steps);
}

}  // namespace wufix
