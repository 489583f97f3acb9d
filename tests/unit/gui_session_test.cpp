// The GUI's work over a fake PC: wuauserv disabled -> the plan ticks services -> the verified
// run fixes it -> the result page says fixed and offers undo -> undo disables it again. And
// Cancel: the step under way finishes, the rest never begin.
#include "core/gui/pages.h"
#include "core/gui/session.h"
#include "core/repair/verified_run.h"
#include "core/repair/verify.h"
#include "repair_fixture.h"

namespace wufix::gui {
namespace {

struct GuiSession : RepairFixture {
  Diagnosis diagnose_services() {
    Diagnosis d;
    d.checks = run_checks(sys, {}, {"services"});
    return d;
  }
};

TEST_F(GuiSession, DisabledServiceIsFixedThenUndone) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  Diagnosis before = diagnose_services();
  auto rows = finding_rows(before);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].line.find("wuauserv"), std::string::npos) << rows[0].line;
  auto steps = ticked_steps(plan_rows(before));
  ASSERT_EQ(steps, (std::vector<std::string>{"services"}));

  auto plan = plan_text(sys, options, steps);
  EXPECT_NE(plan.find("set wuauserv start type disabled -> manual"), std::string::npos) << plan;
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled) << "the plan changes nothing";

  std::vector<std::string> started;
  RunHooks hooks;
  hooks.step_started = [&](const std::string& id) { started.push_back(id); };
  auto run = run_verified_repair(sys, options, {}, hooks, run_id, steps);
  ASSERT_TRUE(run.ok()) << run.error().message();
  EXPECT_EQ(started, steps);
  EXPECT_EQ(service("wuauserv").start_type, StartType::Manual);
  ResultPage page = result_page(before, *run);
  ASSERT_EQ(page.rows.size(), 1u);
  EXPECT_EQ(page.rows[0].status, VerifyStatus::Fixed);
  EXPECT_TRUE(page.undo);
  EXPECT_FALSE(page.restart_now);
  EXPECT_EQ(journal_log().result, "done");

  UndoResult undone = undo_run(sys, run->run_id, options.service_timeout);
  EXPECT_TRUE(undone.ok()) << undo_text(undone);
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled);
  EXPECT_NE(undo_text(undone).find("The changes were undone."), std::string::npos);
  EXPECT_TRUE(journal_log().undone());
}

TEST_F(GuiSession, CancelFinishesTheCurrentStepAndBeginsNoOther) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  bool cancel = false;
  RunHooks hooks;
  hooks.step_finished = [&](const StepOutcome&) { cancel = true; };  // Cancel during step 1
  hooks.cancelled = [&] { return cancel; };
  auto run = run_verified_repair(sys, options, {}, hooks, run_id, {"services", "reset"});
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(run->steps.size(), 2u);
  EXPECT_EQ(run->steps[0].status, StepStatus::Done);
  EXPECT_EQ(run->steps[1].status, StepStatus::Skipped);
  EXPECT_TRUE(fake.files.exists(std::string(kSd)).value()) << "reset never began";
  EXPECT_NE(cancel_summary(*run).find("Not begun: Reset"), std::string::npos);
  EXPECT_EQ(journal_log().result, "done") << "the journal is closed, so undo works";
  EXPECT_TRUE(undo_run(sys, run->run_id, options.service_timeout).ok());
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled);
}

TEST_F(GuiSession, UndoOfAnUnknownRunIsAnErrorNotACrash) {
  UndoResult r = undo_run(sys, "20261129-120000-dead", options.service_timeout);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(undo_text(r).find("The undo did not finish"), std::string::npos) << undo_text(r);
}

}  // namespace
}  // namespace wufix::gui
