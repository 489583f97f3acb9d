// What each page of wufix-gui shows, as values computed from the core's results (Diagnosis,
// RunOutcome): which findings, which repair checkboxes are ticked, which buttons the result
// page offers. No window here: the Win32 pages (src/gui) only draw these, and the unit tests
// check them without one.
#pragma once
#include <string>
#include <vector>

#include "core/diagnose.h"
#include "core/repair/repair.h"

namespace wufix::gui {

enum class Icon { Error, Warning, Note };

// The findings page: one line per finding, problems first; details expand the evidence.
struct FindingRow {
  std::string finding_id;
  Icon icon = Icon::Note;
  std::string line;     // the finding's one-line summary
  std::string details;  // evidence, one "name: value" a line, then the fix or advice
};
std::vector<FindingRow> finding_rows(const Diagnosis& d);

// The repair plan: every step, in run order; ticked exactly when diagnose calls for it.
struct PlanRow {
  std::string step;
  std::string label;  // plain words
  bool ticked = false;
};
std::vector<PlanRow> plan_rows(const Diagnosis& d);
std::vector<std::string> ticked_steps(const std::vector<PlanRow>& rows);

// The repairing page's status column for a finished step: "done", "failed: why", ...
std::string step_status_text(const StepOutcome& s);

// The result page.
struct ResultRow {
  std::string line;  // the finding as diagnose named it
  VerifyStatus status = VerifyStatus::StillPresent;
};
struct ResultPage {
  std::string headline;
  std::vector<ResultRow> rows;          // one per problem diagnose found
  std::vector<std::string> step_lines;  // "Turn the update services back on: done"
  bool restart_now = false;  // a restart is pending (before, or because of the run)
  bool undo = false;         // the run changed something that undo can put back
  bool save_report = true;
  std::string download_kb;   // "KB5044284" when a failed update is known, else ""
  std::string cancelled;     // what Cancel did, "" when the run was not cancelled
};
ResultPage result_page(const Diagnosis& before, const RunOutcome& run);

// What a cancelled run did: the steps finished before it stopped and those never begun;
// "" when nothing was cancelled.
std::string cancel_summary(const RunOutcome& run);

// "fixed", "still present", "needs a restart".
std::string_view status_text(VerifyStatus s);

}  // namespace wufix::gui
