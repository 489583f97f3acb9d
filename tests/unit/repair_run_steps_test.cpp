// The run: independent steps go on after a failed one, dependent ones are skipped with the
// reason; the dependency table; the verification after the steps; reset's restarters, BITS
// queue and recheck; clock registering W32Time; sfc's verdict from CBS.log in any language.
#include <gmock/gmock.h>

#include <set>

#include "core/repair/undo.h"
#include "core/repair/verified_run.h"
#include "core/repair/verify.h"
#include "repair_fixture.h"
#include "tool_output_fixtures.h"

namespace wufix {
namespace {

using ::testing::HasSubstr;

struct RunSteps : RepairFixture {
  void SetUp() override {
    RepairFixture::SetUp();
    fake.services.add("W32Time", StartType::Manual, ServiceState::Running);
  }
  const StepOutcome& step(const RunOutcome& run, std::string_view id) {
    for (const auto& s : run.steps)
      if (s.id == id) return s;
    throw std::runtime_error("no step " + std::string(id));
  }
};

TEST_F(RunSteps, AFailedClockDoesNotLeaveADisabledServiceUnrepaired) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  fake.processes.scripts["w32tm.exe"] = {{"The computer did not resync.\r\n"}, 1, std::nullopt};
  RunOutcome run = repair({"clock", "services"});
  EXPECT_EQ(step(run, "clock").status, StepStatus::RolledBack);
  EXPECT_EQ(step(run, "services").status, StepStatus::Done);
  EXPECT_EQ(service("wuauserv").start_type, StartType::Manual);
  EXPECT_EQ(run.exit_code(), 1);
}

TEST_F(RunSteps, TheJournalEndCarriesTheProvenResultNotTheStepsWord) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  std::vector<std::string> seen;  // what the proof saw: the finished steps
  hooks.verify = [&](const std::vector<StepOutcome>& steps) {
    for (const auto& s : steps) seen.push_back(s.id + ":" + to_string(s.status));
    EXPECT_EQ(service("wuauserv").start_type, StartType::Manual);  // after the change
    Verification v;
    v.finding = "service-disabled";
    v.subject = "wuauserv";
    v.step = "services";
    v.status = VerifyStatus::StillPresent;
    v.evidence = {{"service", "wuauserv"}, {"start_type", "disabled"}};
    return std::vector<Verification>{v};
  };
  RunOutcome run = repair({"services"});
  EXPECT_EQ(step(run, "services").status, StepStatus::Done);
  EXPECT_THAT(seen, ::testing::ElementsAre("services:done"));
  EXPECT_EQ(run.exit_code(), 1);
  RunLog log = journal_log();
  EXPECT_EQ(log.result, "failed");  // the step said done; the proof said otherwise
  EXPECT_EQ(run_result(log), "failed");
  ASSERT_EQ(log.verification.size(), 1u);
  EXPECT_EQ(log.verification[0]["finding"], "service-disabled");
  EXPECT_EQ(log.verification[0]["status"], "still-present");
  EXPECT_EQ(log.verification[0]["evidence"]["start_type"], "disabled");
}

TEST_F(RunSteps, WithoutAProofTheEndRecordHasAnEmptyVerification) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  EXPECT_EQ(repair({"services"}).exit_code(), 0);
  RunLog log = journal_log();
  EXPECT_EQ(log.result, "done");
  EXPECT_TRUE(log.verification.is_array());
  EXPECT_TRUE(log.verification.empty());
}

TEST_F(RunSteps, AStepWhoseDependencyFailedIsSkippedWithTheReason) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  fake.services.fail_config["wuauserv"] = Error{5, "ChangeServiceConfigW failed", "wuauserv"};
  RunOutcome run = repair({"services", "reset", "sfc"});
  EXPECT_NE(step(run, "services").status, StepStatus::Done);
  EXPECT_EQ(step(run, "reset").status, StepStatus::Skipped);
  EXPECT_THAT(step(run, "reset").skipped_because, HasSubstr("services did not succeed"));
  EXPECT_EQ(step(run, "sfc").status, StepStatus::Skipped);
  EXPECT_THAT(step(run, "sfc").skipped_because, HasSubstr("reset was skipped"));
  EXPECT_TRUE(fake.processes.ran.empty());  // sfc never started
}

TEST_F(RunSteps, AnIdThatIsNotInTheStepTableFailsAndRunsNothing) {
  RunOutcome run = repair({"scf"});  // a typo that got past the command line
  ASSERT_EQ(run.steps.size(), 1u);
  EXPECT_EQ(run.steps[0].status, StepStatus::Failed);
  ASSERT_TRUE(run.steps[0].report.error);
  EXPECT_EQ(run.steps[0].report.error->message(), "not a wufix repair step: scf");
  EXPECT_TRUE(fake.processes.ran.empty());  // sfc (once the fallback) never started
  EXPECT_EQ(run.exit_code(), 1);
}

TEST(StepTable, EveryStepHasAFunctionAHelpLineAndAUniqueId) {
  std::set<std::string_view> ids;
  for (const auto& step : step_table()) {
    EXPECT_TRUE(ids.insert(step.id).second) << step.id;
    EXPECT_NE(step.run, nullptr) << step.id;
    EXPECT_FALSE(step.help.empty()) << step.id;
    EXPECT_EQ(find_step(step.id), &step);
    EXPECT_THAT(steps_help(), HasSubstr(std::string(step.id) + " "));
  }
  EXPECT_THAT(step_order(), ::testing::ElementsAre("clock", "policy", "network", "services",
                                                   "reset", "dism", "sfc"));
  EXPECT_EQ(find_step("scf"), nullptr);
}

TEST(DependencyTable, SfcNeedsResetAndDismAndEveryEntryIsAStep) {
  std::vector<std::string> sfc_needs;
  const auto& order = step_order();
  for (const auto& step : step_table()) {
    for (const auto& d : step.needs) {
      EXPECT_NE(std::find(order.begin(), order.end(), d.step), order.end());
      // A step only needs steps that run before it.
      EXPECT_LT(std::find(order.begin(), order.end(), d.step),
                std::find(order.begin(), order.end(), step.id));
      if (step.id == "sfc") sfc_needs.emplace_back(d.step);
    }
  }
  EXPECT_THAT(sfc_needs, ::testing::UnorderedElementsAre("reset", "dism"));
  // Not part of the run: no reason to skip.
  EXPECT_FALSE(skip_reason("sfc", {}).has_value());
}

Finding problem(std::string id, std::string step, nlohmann::json evidence,
                Severity severity = Severity::Error) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.fix = std::move(step);
  f.evidence = std::move(evidence);
  f.summary = "summary";
  return f;
}

TEST(Verification, MapsEachStartingFindingToFixedStillPresentOrNeedsRestart) {
  CheckResult before = check_with("update-policy",
      {problem("update-policy", "policy", {{"value", "NoAutoUpdate"}}),
       problem("update-policy", "policy", {{"value", "UseWUServer"}}),
       problem("update-policy", "policy", {{"value", "WUServer"}}, Severity::Info)});
  CheckResult services_before = check_with("services",
      {problem("service-disabled", "services", {{"service", "wuauserv"}})});
  StepOutcome policy{"policy", StepStatus::Done, {}, {}, {}, {}, {}, {}};
  StepOutcome services{"services", StepStatus::Done, {}, {}, {}, {}, {}, {}};
  services.report.reboot_required = true;
  CheckResult after = check_with("update-policy",
      {problem("update-policy", "policy", {{"value", "UseWUServer"}, {"now", 1}})});
  CheckResult services_after = check_with("services",
      {problem("service-disabled", "services", {{"service", "wuauserv"}})});

  auto v = verify_findings({before, services_before}, {policy, services}, {after, services_after});
  ASSERT_EQ(v.size(), 3u);  // the informational WUServer was not a problem to fix
  EXPECT_EQ(v[0].subject, "NoAutoUpdate");
  EXPECT_EQ(v[0].status, VerifyStatus::Fixed);
  EXPECT_EQ(v[1].status, VerifyStatus::StillPresent);
  EXPECT_EQ(v[1].evidence["now"], 1);
  EXPECT_EQ(v[2].status, VerifyStatus::NeedsRestart);

  RunOutcome run;
  run.steps = {policy};
  run.verification = {v[0]};
  EXPECT_EQ(run.exit_code(), 0);
  run.verification.push_back(v[1]);
  EXPECT_EQ(run.exit_code(), 1);  // the repair left its own finding in place
  EXPECT_EQ(to_json(v[1])["status"], "still-present");
}

TEST(Verification, AFailedStepOrACheckThatCannotRunProvesNothing) {
  CheckResult before = check_with("winhttp-proxy", {problem("winhttp-proxy", "network", {})});
  StepOutcome failed{"network", StepStatus::RolledBack, {}, {}, {}, {}, {}, {}};
  EXPECT_TRUE(verify_findings({before}, {failed}, {}).empty());
  StepOutcome done{"network", StepStatus::Done, {}, {}, {}, {}, {}, {}};
  auto v = verify_findings({before}, {done}, {check_error("winhttp-proxy", Error{5, "denied", ""})});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].status, VerifyStatus::StillPresent);
}

TEST_F(RunSteps, ResetStopsTheRestartersFirstAndRenamesTheBitsQueue) {
  fake.services.add("DoSvc", StartType::Automatic, ServiceState::Running, true);
  const std::string queue = "C:\\ProgramData\\Microsoft\\Network\\Downloader";
  fake.files.add_dir(queue);
  fake.files.add_file(queue + "\\qmgr0.dat", "q0");
  fake.files.add_file(queue + "\\QMGR1.DAT", "q1");
  fake.files.add_file(queue + "\\edb.log", "not ours");
  RunOutcome run = repair({"reset"});
  ASSERT_EQ(run.steps[0].status, StepStatus::Done);
  const auto& calls = fake.services.calls;
  auto pos = [&](const std::string& c) { return std::find(calls.begin(), calls.end(), c) - calls.begin(); };
  EXPECT_LT(pos("stop UsoSvc"), pos("stop wuauserv"));
  EXPECT_LT(pos("stop DoSvc"), pos("stop wuauserv"));
  EXPECT_EQ(fake.files.content(queue + "\\qmgr0.dat.old"), "q0");
  EXPECT_EQ(fake.files.content(queue + "\\QMGR1.DAT.old"), "q1");
  EXPECT_EQ(fake.files.content(queue + "\\edb.log"), "not ours");
  EXPECT_EQ(service("DoSvc").state, ServiceState::Running);

  RunLog log = journal_log();
  auto journal = JournalWriter::open(fake.files, fake.platform, run_id, log.last_seq() + 1);
  ASSERT_FALSE(perform_undo(sys, *journal, log, options.service_timeout).error);
  EXPECT_EQ(fake.files.content(queue + "\\qmgr0.dat"), "q0");
  EXPECT_FALSE(*fake.files.exists(queue + "\\qmgr0.dat.old"));
}

TEST_F(RunSteps, ASoftwareDistributionRecreatedAfterTheRenameFailsTheResetAndNamesTheService) {
  // Something restarts wuauserv after the stop, and it recreates the folder at once.
  bool restarted = false;
  fake.files.on_rename = [&](std::string_view from, std::string_view) {
    if (!restarted && fakes::fold(from) == fakes::fold(kSd)) {
      restarted = true;
      EXPECT_TRUE(fake.services.start("wuauserv").ok());
      fake.files.add_dir(kSd);
    }
  };
  RunOutcome run = repair({"reset"});
  fake.files.on_rename = nullptr;
  ASSERT_EQ(run.steps[0].status, StepStatus::RolledBack);
  EXPECT_THAT(run.steps[0].report.error->message(), HasSubstr("wuauserv"));
  EXPECT_THAT(run.steps[0].report.error->message(), HasSubstr("recreated"));
  EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
  EXPECT_EQ(run.exit_code(), 1);
}

TEST_F(RunSteps, ClockRegistersAMissingW32TimeAndUndoUnregistersIt) {
  fake.services.remove("W32Time");
  fake.processes.scripts["w32tm.exe"] = {{"done\r\n"}, 0, std::nullopt};
  fake.processes.on_run = [&](const ProcessSpec& spec) {
    if (spec.args == std::vector<std::string>{"/register"})
      fake.services.add("W32Time", StartType::Manual, ServiceState::Stopped);
  };
  RunOutcome run = repair({"clock"});
  ASSERT_FALSE(fake.processes.ran.empty());
  EXPECT_EQ(fake.processes.ran[0].args, std::vector<std::string>{"/register"});
  ASSERT_EQ(run.steps[0].actions[0].kind, Action::Kind::RegisterService);
  EXPECT_EQ(run.steps[0].actions[0].undo_args, std::vector<std::string>{"/unregister"});
  // The fake network gives no SNTP reply, so the step fails and its rollback unregisters.
  ASSERT_EQ(run.steps[0].status, StepStatus::RolledBack);
  EXPECT_EQ(fake.processes.ran.back().args, std::vector<std::string>{"/unregister"});
}

TEST_F(RunSteps, ADryRunPlansPastTheW32TimeRegistration) {
  fake.services.remove("W32Time");
  RunOutcome plan = *plan_repair(sys, options, hooks, {"clock", "services"});
  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].status, StepStatus::Planned);
  std::vector<Action::Kind> kinds;
  for (const auto& a : plan.steps[0].actions) kinds.push_back(a.kind);
  // register, then the start of the service it registered, then the resync: the whole plan.
  EXPECT_THAT(kinds, ::testing::ElementsAre(Action::Kind::RegisterService,
                                            Action::Kind::StartService, Action::Kind::RunProgram));
  EXPECT_EQ(plan.steps[0].actions[1].service, "W32Time");
  EXPECT_TRUE(fake.processes.ran.empty());  // nothing ran
  EXPECT_FALSE(fake.services.query("W32Time")->exists);
}

TEST_F(RunSteps, SfcTakesItsVerdictFromTheSrLinesOfThisRunInAnyLanguage) {
  const std::string cbs = "C:\\Windows\\Logs\\CBS\\CBS.log";
  // An earlier run's unrepairable file must not count: only lines after the size before.
  const std::string earlier =
      "2026-11-28 09:00:00, Info                  CSI    00000010 [SR] Cannot repair member file "
      "[l:12]\"kernel32.dll\" of Microsoft-Windows-Kernel32 in the store, hash mismatch\r\n";
  fake.files.add_file(cbs, earlier);
  fake.processes.scripts["sfc.exe"] = {
      {tool_fixtures::utf16le(u"\r\nÜberprüfung 100 % abgeschlossen.\r\n\r\nDer "
                              u"Windows-Ressourcenschutz hat beschädigte Dateien gefunden und "
                              u"erfolgreich repariert.\r\n")},
      0, std::nullopt};
  fake.processes.on_run = [&](const ProcessSpec&) {
    fake.files.add_file(cbs, earlier +
        "2026-12-02 09:00:00, Info                  CSI    00000020 [SR] Verify complete\r\n"
        "2026-12-02 09:00:01, Info                  CSI    00000021 [SR] Repairing corrupted file "
        "\\??\\C:\\Windows\\System32\\kernel32.dll from store\r\n"
        "2026-12-02 09:00:02, Info                  CSI    00000022 [SR] Repair complete\r\n");
  };
  RunOutcome run = repair({"sfc"});
  ASSERT_EQ(run.steps[0].status, StepStatus::Done);
  EXPECT_EQ(run.steps[0].report.result, "repaired");
}

}  // namespace
}  // namespace wufix
