// A real repair run from start to proof, the one sequence both front ends (wufix repair and
// wufix-gui) use: a new journal, the checks of the chosen steps before, the steps, the same
// checks after (verify_findings) written into the journal's end record.
#pragma once
#include <string>
#include <vector>

#include "core/checks/checks.h"
#include "core/repair/repair.h"

namespace wufix {

// "20261129-134501-3f2a" for a run starting now.
std::string new_run_id(const System& sys);

// An Error only when the journal cannot be created: then nothing was changed.
// `hooks.verify` is replaced by the proof described above.
Result<RunOutcome> run_verified_repair(System& sys, const RepairOptions& options,
                                       const DiagnoseOptions& diagnose, RunHooks hooks,
                                       const std::string& run_id,
                                       const std::vector<std::string>& steps);

// The exact plan of a run, changing nothing: the same steps over the dry-run backend of the
// seam (queries answered by the real PC, changes recorded, never made), which plan_repair picks
// itself as ninja's Builder picks its dry-run runner. `wufix repair --dry-run`, the question
// before a real run, and the wizard's plan all come from here.
Result<RunOutcome> plan_repair(const System& sys, const RepairOptions& options,
                               const RunHooks& hooks, const std::vector<std::string>& steps);

// The options diagnose's clock check needs to agree with the clock step's.
DiagnoseOptions diagnose_options_for(const RepairOptions& options);

}  // namespace wufix
