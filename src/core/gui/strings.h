// Every word wufix-gui shows, in one table (strings.cpp), so that a translation is one more
// table. Texts with {} take fmt arguments in the order their comment names.
#pragma once
#include <string_view>

namespace wufix::gui {

enum class Text {
  AppTitle,
  WelcomeTitle, WelcomeBody,
  CheckingTitle, Checking, CheckedProblems, CheckedHealthy, CheckFailed, DetailsLabel,
  PlanTitle, PlanBody, ShowPlan, PlanNothing, PlanCalledFor, PlanOptional,
  RepairingTitle, RepairingBody, StepWaiting, StepRunning,
  StepDone, StepSkipped, StepFailed, StepRolledBack, StepPlanned,
  ResultTitle, ResultAllFixed, ResultSomeLeft, ResultNeedsRestart, ResultNothingRun,
  Fixed, StillPresent, NeedsRestart, StatusUndone,
  RestartNow, UndoChanges, SaveReport, DownloadKb,            // DownloadKb: {} = KB5044284
  RestartConfirm, UndoDone, UndoFailed, UndoRefused, ReportSaved, ReportFailed,
  CancelConfirm, CancelWaiting, CancelledSummary,             // CancelledSummary: {} done, {} not begun
  CancelledNothing,
  NotElevated, SeverityError, SeverityWarning, SeverityNote,
  ColumnFinding, ColumnStep, ColumnStatus,
  ExplorerStart, GuiMissing,
  UacCancelled, UacFailed,                                    // UacFailed: {} = why
  Installing, Installed, InstalledNeedsRestart, InstallFailed, // {} = KB; InstallFailed: {} KB, {} why
  kCount
};

// The text of `id`; never empty.
std::string_view text(Text id);

// Plain words for a repair step id ("services" -> "Turn the update services back on"); the id
// itself for one the table lacks.
std::string_view step_label(std::string_view step_id);

}  // namespace wufix::gui
