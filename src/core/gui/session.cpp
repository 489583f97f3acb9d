#include "core/gui/session.h"

#include <fmt/format.h>

#include "core/gui/strings.h"
#include "core/repair/journal.h"
#include "core/repair/verified_run.h"

namespace wufix::gui {

std::string plan_text(const System& sys, const RepairOptions& options,
                      const std::vector<std::string>& steps) {
  auto plan = plan_repair(sys, options, RunHooks{}, steps);
  if (!plan) return plan.error().message();
  std::string text;
  for (const auto& s : plan->steps) {
    text += fmt::format("{}:\r\n", step_label(s.id));
    if (s.actions.empty()) text += "    (no change needed)\r\n";
    for (const auto& a : s.actions) text += "    " + a.describe() + "\r\n";
    if (!s.skipped_because.empty()) text += "    skipped: " + s.skipped_because + "\r\n";
  }
  return text;
}

UndoResult undo_run(System& sys, const std::string& run_id, std::chrono::seconds service_timeout) {
  UndoResult result;
  result.outcome.run_id = run_id;
  auto journals = read_all_journals(*sys.files, *sys.platform);
  if (!journals) {
    result.error = journals.error();
    return result;
  }
  auto run = find_run(journals->runs, run_id);
  if (!run) {
    result.error = run.error();
    return result;
  }
  const RunLog& log = **run;
  if (log.refused) {
    result.problems.push_back(*log.refused);
    return result;
  }
  if (log.undone()) return result;  // already undone: nothing left to put back
  auto problems = undo_problems(log, journals->runs, sys);
  if (!problems) {
    result.error = problems.error();
    return result;
  }
  result.problems = *problems;
  if (!result.problems.empty()) return result;
  auto journal = JournalWriter::open(*sys.files, *sys.platform, log.run_id, log.last_seq() + 1);
  if (!journal) {
    result.error = journal.error();
    return result;
  }
  result.outcome = perform_undo(sys, *journal, log, service_timeout);
  return result;
}

std::string undo_text(const UndoResult& result) {
  if (result.error) return fmt::format("{}: {}", text(Text::UndoFailed), result.error->message());
  if (!result.problems.empty())
    return fmt::format("{}:\r\n{}", text(Text::UndoRefused), fmt::join(result.problems, "\r\n"));
  std::string out(result.outcome.error ? text(Text::UndoFailed) : text(Text::UndoDone));
  if (result.outcome.error) out += ": " + result.outcome.error->message();
  out += "\r\n";
  for (const auto& a : result.outcome.actions) out += "    " + a.describe() + "\r\n";
  return out;
}

}  // namespace wufix::gui
