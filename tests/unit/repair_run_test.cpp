// The run as a whole: which steps, their order, dry runs, and the services step.
#include "core/repair/verified_run.h"
#include "repair_fixture.h"

namespace wufix {
namespace {

using Strings = std::vector<std::string>;

TEST(ChooseSteps, DefaultIsWhatDiagnoseSuggestsInRunOrder) {
  EXPECT_EQ(choose_steps({}, {"sfc", "reset", "clock"}), (Strings{"clock", "reset", "sfc"}));
}

TEST(ChooseSteps, AllIsEveryStepWithDismBeforeSfc) {
  StepSelection all;
  all.all = true;
  EXPECT_EQ(choose_steps(all, {}),
            (Strings{"clock", "policy", "network", "services", "reset", "dism", "sfc"}));
}

TEST(ChooseSteps, OnlyAndSkip) {
  StepSelection s;
  s.only = {"sfc", "dism"};
  EXPECT_EQ(choose_steps(s, {"reset"}), (Strings{"dism", "sfc"}));
  s.skip = {"sfc"};
  EXPECT_EQ(choose_steps(s, {}), (Strings{"dism"}));
}

TEST(ChooseSteps, AnUnknownStepIsAUsageErrorNamingIt) {
  StepSelection s;
  s.only = {"rest"};
  Status r = check_selection(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().what, "unknown step 'rest' (steps: clock, policy, network, services, reset, dism, sfc)");
  s = {};
  s.skip = {"reset", "sfx"};
  EXPECT_FALSE(check_selection(s).ok());
  // Whatever reaches choose_steps, only steps of the table come out.
  EXPECT_EQ(choose_steps(s, {"sfx", "reset", "clock"}), (Strings{"clock"}));
}

using RepairRun = RepairFixture;

TEST_F(RepairRun, ServicesStepRestoresADisabledServiceToItsDefault) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  RunOutcome run = repair({"services"});
  EXPECT_EQ(run.steps[0].status, StepStatus::Done);
  EXPECT_EQ(run.steps[0].report.result, "restored");
  EXPECT_EQ(service("wuauserv").start_type, StartType::Manual);
  ASSERT_EQ(run.steps[0].actions.size(), 1u);
  EXPECT_EQ(run.steps[0].actions[0].describe(), "set wuauserv start type disabled -> manual");
}

TEST_F(RepairRun, ServicesStepStartsAStoppedAutomaticService) {
  fake.services.add("CryptSvc", StartType::Disabled, ServiceState::Stopped);
  repair({"services"});
  EXPECT_EQ(service("CryptSvc").start_type, StartType::Automatic);
  EXPECT_EQ(service("CryptSvc").state, ServiceState::Running);
}

TEST_F(RepairRun, ServicesStepWithNothingToDoChangesNothing) {
  RunOutcome run = repair({"services"});
  EXPECT_EQ(run.steps[0].report.result, "nothing-to-do");
  EXPECT_TRUE(run.steps[0].actions.empty());
  EXPECT_TRUE(fake.services.calls.empty());
}

TEST_F(RepairRun, ServicesStepFailureRollsBackTheStartTypesItChanged) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  fake.services.add("CryptSvc", StartType::Disabled, ServiceState::Stopped);
  fake.services.fail_start["cryptsvc"] = Error{1068, "StartServiceW failed", "CryptSvc"};
  RunOutcome run = repair({"services"});
  EXPECT_EQ(run.steps[0].status, StepStatus::RolledBack);
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled);
  EXPECT_EQ(service("CryptSvc").start_type, StartType::Disabled);
  EXPECT_EQ(run.exit_code(), 1);
}

// A rollback whose group cannot be journaled is not attempted unjournaled: the step fails with
// the rollback's error, and the changes stay on record for undo under the step's own group.
TEST_F(RepairRun, ARollbackThatCannotBeJournaledIsReportedNotRunSilently) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  fake.services.add("CryptSvc", StartType::Disabled, ServiceState::Stopped);
  fake.services.fail_start["cryptsvc"] = Error{1068, "StartServiceW failed", "CryptSvc"};
  fake.files.fail_writes_containing = "rollback:services";
  RunOutcome run = repair({"services"});
  ASSERT_EQ(run.steps.size(), 1u);
  EXPECT_EQ(run.steps[0].status, StepStatus::Failed);
  ASSERT_TRUE(run.steps[0].rollback_error);
  EXPECT_NE(run.steps[0].rollback_error->message().find("disk full"), std::string::npos);
  EXPECT_TRUE(run.steps[0].restored.empty());
  EXPECT_EQ(service("wuauserv").start_type, StartType::Manual);  // left for undo, as journaled
  EXPECT_EQ(run.exit_code(), 1);
}

TEST_F(RepairRun, DryRunPlansEveryChangeAndMakesNone) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  RunOutcome plan = *plan_repair(sys, options, RunHooks{}, {"services", "reset"});

  EXPECT_TRUE(fake.services.calls.empty());
  EXPECT_TRUE(fake.files.renames.empty());
  EXPECT_EQ(fake.files.flushes, 0);
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled);
  ASSERT_EQ(plan.steps.size(), 2u);
  for (const auto& s : plan.steps) EXPECT_EQ(s.status, StepStatus::Planned);
  Strings described;
  for (const auto& a : plan.steps[1].actions) described.push_back(a.describe());
  EXPECT_NE(std::find(described.begin(), described.end(),
                      "rename C:\\Windows\\SoftwareDistribution -> "
                      "C:\\Windows\\SoftwareDistribution.old"),
            described.end());
  // The plan sees its own earlier changes: wuauserv, enabled by the services step, is started.
  EXPECT_NE(std::find(described.begin(), described.end(), "start wuauserv (was stopped)"),
            described.end());
  EXPECT_EQ(plan.exit_code(), 0);
}

TEST_F(RepairRun, JsonCarriesTheContractKeys) {
  fake.files.fail[fakes::fold(kSd)] = Error{5, "MoveFileExW failed", kSd};
  auto j = to_json(repair({"reset"}));
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["run_id"], run_id);
  EXPECT_EQ(j["reboot_required"], false);
  const auto& step = j["steps"][0];
  EXPECT_EQ(step["id"], "reset");
  EXPECT_EQ(step["status"], "rolled-back");
  EXPECT_TRUE(step["actions"].is_array());
  EXPECT_EQ(step["error"]["hresult"], "0x80070005");
  EXPECT_EQ(step["error"]["code"], 5);
  EXPECT_FALSE(step["restored"].empty());
}

}  // namespace
}  // namespace wufix
