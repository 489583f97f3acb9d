#include "core/repair/undo.h"

#include <fmt/format.h>

#include "core/json_schema.h"
#include "core/repair/changes.h"
#include "core/repair/repair.h"
#include "core/repair/revert.h"
#include "core/time_text.h"

namespace wufix {

Result<const RunLog*> find_run(const std::vector<RunLog>& runs, std::string_view run_id) {
  if (runs.empty()) return Error{0, "no wufix run to undo", ""};
  if (run_id.empty()) return &runs.back();
  for (const auto& r : runs)
    if (r.run_id == run_id) return &r;
  return Error{0, "no such run (see: wufix history)", std::string(run_id)};
}

Result<std::vector<std::string>> undo_problems(const RunLog& run, const std::vector<RunLog>& runs,
                                               const System& sys) {
  std::vector<std::string> problems;
  if (run.undo_forgotten)
    problems.push_back(fmt::format("run {} can no longer be undone: {}", run.run_id,
                                   *run.undo_forgotten));
  bool later = false;
  for (const auto& r : runs) {
    // A refused journal is not wufix's doing: it neither blocks nor counts.
    if (later && !r.refused && !r.undone() && !actions_that_may_have_happened(r).empty())
      problems.push_back(fmt::format("run {} came later and changed this PC too: undo it first "
                                     "(wufix undo {})", r.run_id, r.run_id));
    if (r.run_id == run.run_id) later = true;
  }
  auto blockers = undo_blockers(actions_that_may_have_happened(run), sys);
  if (!blockers) return blockers.error();
  problems.insert(problems.end(), blockers->begin(), blockers->end());
  return problems;
}

UndoOutcome perform_undo(const System& sys, JournalWriter& writer, const RunLog& run,
                         std::chrono::seconds service_timeout) {
  UndoOutcome out;
  out.run_id = run.run_id;
  Changes changes(sys, writer);
  Status begun = writer.write({{"type", "undo-begin"}, {"started", iso_utc(sys.clock->now())}});
  if (begun) begun = changes.begin_step("undo");
  if (!begun) {
    out.error = begun.error();
    return out;
  }
  Status done = revert(actions_that_may_have_happened(run), changes, sys, service_timeout,
                       "wufix-undo-" + run.run_id);
  out.actions = changes.step_actions();
  if (!done) out.error = done.error();
  // Without its end line the run reads as not undone: undo again is safe (revert is idempotent).
  (void)writer.write({{"type", "undo-end"}, {"ok", done.ok()}});
  return out;
}

nlohmann::json to_json(const UndoOutcome& outcome, const std::vector<std::string>& problems) {
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : outcome.actions) actions.push_back(to_json(a));
  return {{"schema", kJsonSchema},
          {"run_id", outcome.run_id},
          {"status", !problems.empty() ? "refused" : outcome.error ? "failed" : "undone"},
          {"problems", problems},
          {"actions", actions},
          {"error", outcome.error ? nlohmann::json(outcome.error->message()) : nlohmann::json()}};
}

}  // namespace wufix
