#include "core/gui/strings.h"

#include <array>
#include <utility>

#include "core/repair/repair.h"

namespace wufix::gui {
namespace {

using Row = std::pair<Text, std::string_view>;

// In enum order; strings_test checks that every id has its row.
constexpr std::array kTable = {
    Row{Text::AppTitle, "wufix - Windows Update repair"},
    Row{Text::WelcomeTitle, "Fix Windows Update"},
    Row{Text::WelcomeBody,
        "wufix checks what keeps Windows Update from working on this PC: the update services, "
        "a restart that is waiting, the clock, disk space, failed updates and leftover "
        "settings.\r\n\r\nChecking changes nothing. You will see what was found and choose "
        "what to repair. Every repair can be undone.\r\n\r\nClick Next to start checking."},
    Row{Text::CheckingTitle, "What wufix found"},
    Row{Text::Checking, "Checking this PC. This takes a few seconds..."},
    Row{Text::CheckedProblems, "wufix found these problems. Select one to see the details."},
    Row{Text::CheckedHealthy, "No problems found. Windows Update's prerequisites look healthy."},
    Row{Text::CheckFailed, "The check could not finish"},
    Row{Text::DetailsLabel, "&Details:"},
    Row{Text::PlanTitle, "Choose what to repair"},
    Row{Text::PlanBody,
        "The ticked repairs fix what wufix found. Each one is recorded so it can be undone. "
        "Space ticks or unticks the selected repair."},
    Row{Text::ShowPlan, "Show the exact &plan"},
    Row{Text::PlanNothing, "Nothing to repair: no repair step fixes what was found."},
    Row{Text::PlanCalledFor, "recommended"},
    Row{Text::PlanOptional, "optional"},
    Row{Text::RepairingTitle, "Repairing"},
    Row{Text::RepairingBody, "wufix is repairing. Cancel stops after the current repair."},
    Row{Text::StepWaiting, "waiting"},
    Row{Text::StepRunning, "running..."},
    Row{Text::StepDone, "done"},
    Row{Text::StepSkipped, "skipped"},
    Row{Text::StepFailed, "failed"},
    Row{Text::StepRolledBack, "failed, put back as it was"},
    Row{Text::StepPlanned, "planned"},
    Row{Text::ResultTitle, "Result"},
    Row{Text::ResultAllFixed, "Everything wufix repaired is fixed."},
    Row{Text::ResultSomeLeft, "Some problems are still present. Save a report for a helper."},
    Row{Text::ResultNeedsRestart, "Restart Windows to finish."},
    Row{Text::ResultNothingRun, "Nothing was changed."},
    Row{Text::Fixed, "fixed"},
    Row{Text::StillPresent, "still present"},
    Row{Text::NeedsRestart, "needs a restart"},
    Row{Text::StatusUndone, "undone"},
    Row{Text::RestartNow, "&Restart now"},
    Row{Text::UndoChanges, "&Undo these changes"},
    Row{Text::SaveReport, "&Save a report for a helper"},
    Row{Text::DownloadKb, "Download and &install {}"},
    Row{Text::RestartConfirm, "Restart Windows now? Save your work in other programs first."},
    Row{Text::UndoDone, "The changes were undone."},
    Row{Text::UndoFailed, "The undo did not finish"},
    Row{Text::UndoRefused, "wufix will not undo this run"},
    Row{Text::ReportSaved, "The report was saved."},
    Row{Text::ReportFailed, "The report could not be saved."},
    Row{Text::CancelConfirm, "Stop wufix? Nothing has been changed yet."},
    Row{Text::CancelWaiting, "Stopping after the current repair. Please wait..."},
    Row{Text::CancelledSummary,
        "Stopped. Finished before stopping: {}. Not begun: {}. Undo puts back what was done."},
    Row{Text::CancelledNothing, "Stopped before any repair began. Nothing was changed."},
    Row{Text::NotElevated,
        "wufix needs administrator rights to repair. Close it and start it again, and answer "
        "Yes when Windows asks."},
    Row{Text::SeverityError, "problem"},
    Row{Text::SeverityWarning, "warning"},
    Row{Text::SeverityNote, "note"},
    Row{Text::ColumnFinding, "Finding"},
    Row{Text::ColumnStep, "Repair"},
    Row{Text::ColumnStatus, "Status"},
    Row{Text::ExplorerStart,
        "wufix finds out why Windows Update fails on this PC and repairs it safely: it checks "
        "first, repairs only what is broken, and every repair can be undone. wufix.exe is the "
        "command-line tool for an administrator's Command Prompt (wufix help). For the same "
        "repairs in a window with a Next button, open wufix-gui.exe.\r\n\r\nOpen "
        "wufix-gui.exe now?"},
    Row{Text::GuiMissing,
        "wufix-gui.exe is not in this folder. Download it beside wufix.exe, or run wufix.exe "
        "from a Command Prompt opened as administrator."},
    Row{Text::UacCancelled,
        "wufix did not start: it needs administrator rights to check and repair Windows "
        "Update, and the Windows question for them was answered No or closed.\r\n\r\nClick "
        "Retry and answer Yes. If Windows asks for a password, an administrator of this PC "
        "can type theirs. Nothing was changed."},
    Row{Text::UacFailed,
        "wufix did not start: Windows could not start it with administrator rights ({}). "
        "Click Retry to try again. Nothing was changed."},
    Row{Text::Installing, "Downloading and installing {}. This can take a while..."},
    Row{Text::Installed, "{} was installed."},
    Row{Text::InstalledNeedsRestart, "{} was installed. Restart Windows to finish."},
    Row{Text::InstallFailed, "{} was not installed: {}. Save a report for a helper."},
};
static_assert(kTable.size() == static_cast<size_t>(Text::kCount), "a Text without its row");

}  // namespace

std::string_view text(Text id) {
  const auto i = static_cast<size_t>(id);
  return i < kTable.size() && kTable[i].first == id ? kTable[i].second : "?";
}

std::string_view step_label(std::string_view step_id) {
  const StepInfo* step = find_step(step_id);
  return step ? step->label : step_id;
}

}  // namespace wufix::gui
