// wufix-gui's page models without a window: findings -> rows and checkboxes, a run -> the
// result page's rows and buttons, and the string table.
#include <gtest/gtest.h>

#include "core/gui/pages.h"
#include "core/gui/strings.h"

namespace wufix::gui {
namespace {

Finding finding(std::string id, Severity severity, std::string summary,
                std::optional<std::string> fix, nlohmann::json evidence = nlohmann::json::object()) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.summary = std::move(summary);
  f.fix = std::move(fix);
  f.evidence = std::move(evidence);
  return f;
}

// A PC as real ones come: wuauserv disabled, a restart pending, a failed cumulative update,
// leftovers of an earlier reset (a note).
Diagnosis broken_pc() {
  Diagnosis d;
  d.checks.push_back(check_with("services", {finding("service-disabled", Severity::Error,
      "Windows Update (wuauserv) is disabled", "services",
      {{"service", "wuauserv"}, {"start_type", "disabled"}})}));
  d.checks.push_back(check_with("pending-reboot", {finding("pending-reboot", Severity::Warning,
      "A restart is pending; updates cannot install until Windows restarts", std::nullopt,
      {{"indicators", {"cbs-reboot-pending"}}})}));
  d.checks.push_back(check_with("update-cache", {finding("update-cache-leftovers", Severity::Info,
      "C:\\Windows\\SoftwareDistribution.old is left over", std::nullopt, {{"bytes", 10}})}));
  d.checks.push_back(check_with("update-history", {finding("update-failed", Severity::Error,
      "2024-10 Cumulative Update failed to install: 0x800f0922", "reset",
      {{"kb", "KB5044284"}, {"hresult", "0x800f0922"}, {"title", nullptr}})}));
  return d;
}

StepOutcome step(std::string id, StepStatus status, int actions = 1) {
  StepOutcome s;
  s.id = std::move(id);
  s.status = status;
  for (int i = 0; i < actions; ++i) s.actions.push_back(rename_action("C:\\a", "C:\\a.bak"));
  return s;
}

TEST(GuiFindingRows, ProblemsFirstEachWithItsEvidenceAndRepair) {
  auto rows = finding_rows(broken_pc());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].finding_id, "service-disabled");
  EXPECT_EQ(rows[0].icon, Icon::Error);
  EXPECT_EQ(rows[0].line, "Windows Update (wuauserv) is disabled");
  EXPECT_EQ(rows[0].details,
            "service: wuauserv\r\nstart_type: disabled\r\nRepair: Turn the update services back on\r\n");
  EXPECT_EQ(rows[1].finding_id, "update-failed");
  EXPECT_EQ(rows[1].details.find("title"), std::string::npos) << "unknown values say nothing";
  EXPECT_EQ(rows[2].icon, Icon::Warning);
  EXPECT_EQ(rows[3].finding_id, "update-cache-leftovers");
  EXPECT_EQ(rows[3].icon, Icon::Note);
}

TEST(GuiPlanRows, EveryStepInRunOrderTickedExactlyAsDiagnoseRecommends) {
  auto rows = plan_rows(broken_pc());
  std::vector<std::string> ids, ticked;
  for (const auto& r : rows) ids.push_back(r.step);
  EXPECT_EQ(ids, (std::vector<std::string>{"clock", "policy", "network", "services", "reset", "dism", "sfc"}));
  EXPECT_EQ(ticked_steps(rows), broken_pc().fix_steps());
  EXPECT_EQ(ticked_steps(rows), (std::vector<std::string>{"services", "reset"}));
  EXPECT_EQ(rows[3].label, "Turn the update services back on");
}

TEST(GuiPlanRows, AHealthyPcHasNothingTicked) {
  Diagnosis d;
  d.checks.push_back(check_ok("services"));
  EXPECT_TRUE(ticked_steps(plan_rows(d)).empty());
}

TEST(GuiResultPage, VerifiedFindingsPendingRestartAndTheButtons) {
  RunOutcome run;
  run.run_id = "20261202-150000-beef";
  run.steps = {step("services", StepStatus::Done), step("reset", StepStatus::RolledBack)};
  run.verification.push_back({"service-disabled", "wuauserv", "services", VerifyStatus::Fixed, "", {}});
  ResultPage page = result_page(broken_pc(), run);
  ASSERT_EQ(page.rows.size(), 3u) << "problems only, not the note";
  EXPECT_EQ(page.rows[0].status, VerifyStatus::Fixed);
  EXPECT_EQ(page.rows[1].status, VerifyStatus::NeedsRestart) << "the pending restart";
  EXPECT_EQ(page.rows[2].status, VerifyStatus::StillPresent) << "its step was rolled back";
  EXPECT_TRUE(page.restart_now);
  EXPECT_TRUE(page.undo);
  EXPECT_EQ(page.download_kb, "KB5044284");
  EXPECT_EQ(page.headline, text(Text::ResultSomeLeft));
  EXPECT_EQ(page.step_lines[0], "Turn the update services back on: done");
  EXPECT_EQ(page.step_lines[1], "Reset the Windows Update components and cache: failed, put back as it was");
  EXPECT_EQ(page.cancelled, "");
}

TEST(GuiResultPage, AVerificationForAnotherSubjectDoesNotCount) {
  RunOutcome run;
  run.steps = {step("services", StepStatus::Done)};
  run.verification.push_back({"service-disabled", "BITS", "services", VerifyStatus::Fixed, "", {}});
  EXPECT_EQ(result_page(broken_pc(), run).rows[0].status, VerifyStatus::StillPresent);
}

TEST(GuiResultPage, NoRestartButtonWithoutAPendingRestartAndNoUndoWithoutChanges) {
  Diagnosis d;
  d.checks.push_back(check_with("services", {finding("service-disabled", Severity::Error,
      "Windows Update (wuauserv) is disabled", "services", {{"service", "wuauserv"}})}));
  RunOutcome run;
  run.steps = {step("services", StepStatus::Done, 0)};
  run.verification.push_back({"service-disabled", "wuauserv", "services", VerifyStatus::Fixed, "", {}});
  ResultPage page = result_page(d, run);
  EXPECT_FALSE(page.restart_now);
  EXPECT_FALSE(page.undo) << "the step changed nothing";
  EXPECT_EQ(page.download_kb, "");
  EXPECT_EQ(page.headline, text(Text::ResultAllFixed));
  EXPECT_EQ(status_text(page.rows[0].status), "fixed");
}

TEST(GuiResultPage, DismAndSfcAreProvedByTheirOwnVerdict) {
  Diagnosis d;
  d.checks.push_back(check_with("log-root-cause", {finding("log-root-cause", Severity::Error,
      "the component store is corrupt", "dism")}));
  RunOutcome run;
  run.steps = {step("dism", StepStatus::Done)};
  run.steps[0].report.reboot_required = true;
  ResultPage page = result_page(d, run);
  EXPECT_EQ(page.rows[0].status, VerifyStatus::NeedsRestart);
  EXPECT_TRUE(page.restart_now);
  EXPECT_EQ(page.headline, text(Text::ResultNeedsRestart));
}

TEST(GuiResultPage, ACancelledRunSaysWhatWasDoneAndWhatNeverBegan) {
  RunOutcome run;
  run.steps = {step("services", StepStatus::Done), step("reset", StepStatus::Skipped, 0)};
  run.steps[1].skipped_because = kCancelledReason;
  ResultPage page = result_page(broken_pc(), run);
  EXPECT_EQ(page.cancelled,
            "Stopped. Finished before stopping: Turn the update services back on. Not begun: "
            "Reset the Windows Update components and cache. Undo puts back what was done.");
  EXPECT_EQ(page.headline, page.cancelled);
  EXPECT_TRUE(page.undo);
  run.steps[0] = step("services", StepStatus::Skipped, 0);
  run.steps[0].skipped_because = kCancelledReason;
  EXPECT_EQ(cancel_summary(run), text(Text::CancelledNothing));
  EXPECT_FALSE(result_page(broken_pc(), run).undo);
}

TEST(GuiStrings, EveryTextHasItsOwnRow) {
  for (int i = 0; i < static_cast<int>(Text::kCount); ++i)
    EXPECT_NE(text(static_cast<Text>(i)), "?") << "Text " << i;
  EXPECT_EQ(step_label("sfc"), "Check and repair system files (sfc, slow)");
  EXPECT_EQ(step_label("new-step"), "new-step");
}

// The wizard names every step of the one step table in plain words, none by its bare id.
TEST(GuiStrings, EveryRepairStepHasAPlainLabel) {
  for (const StepInfo& step : step_table()) {
    EXPECT_FALSE(step.label.empty()) << step.id;
    EXPECT_NE(step_label(step.id), step.id);
  }
}

}  // namespace
}  // namespace wufix::gui
