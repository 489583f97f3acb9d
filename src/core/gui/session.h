// The work wufix-gui's pages start, as calls over the core that return values: the exact plan
// of a repair (the dry-run backend) and the undo of a run. The repair itself is
// run_verified_repair (core/repair/verified_run.h), the same call `wufix repair` makes.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/repair/repair.h"
#include "core/repair/undo.h"

namespace wufix::gui {

// What a repair of `steps` would do, one line per change, grouped under each step's label.
std::string plan_text(const System& sys, const RepairOptions& options,
                      const std::vector<std::string>& steps);

struct UndoResult {
  UndoOutcome outcome;
  std::vector<std::string> problems;  // why undo is unsafe now (then nothing was done)
  std::optional<Error> error;         // the journal could not be read or written
  bool ok() const { return !error && problems.empty() && !outcome.error; }
};

// `wufix undo RUN-ID` without questions: the same checks (trust, later runs, changes since),
// then perform_undo.
UndoResult undo_run(System& sys, const std::string& run_id, std::chrono::seconds service_timeout);

// One text for the undo's message box: what was put back, or why not.
std::string undo_text(const UndoResult& result);

}  // namespace wufix::gui
