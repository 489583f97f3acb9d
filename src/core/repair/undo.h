// `wufix undo`: a whole run reverted, after checking that nothing happened since that makes it
// unsafe. Also finishes an undo that was itself interrupted.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/repair/journal.h"
#include "core/seam.h"

namespace wufix {

// The run `run_id` names, or the last run when it is empty; an Error when there is none.
Result<const RunLog*> find_run(const std::vector<RunLog>& runs, std::string_view run_id);

// Why undoing `run` now would be unsafe: later runs not undone, folders gone, start types
// changed since. Empty: safe.
Result<std::vector<std::string>> undo_problems(const RunLog& run, const std::vector<RunLog>& runs,
                                               const System& sys);

struct UndoOutcome {
  std::string run_id;
  std::vector<Action> actions;  // what the undo did (or, dry, would do)
  std::optional<Error> error;
};

// Reverts the run, journaled in its own journal as an undo (with `writer`).
UndoOutcome perform_undo(const System& sys, JournalWriter& writer, const RunLog& run,
                         std::chrono::seconds service_timeout);

nlohmann::json to_json(const UndoOutcome& outcome, const std::vector<std::string>& problems);

}  // namespace wufix
