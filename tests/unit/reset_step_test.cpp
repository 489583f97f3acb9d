// The reset step: stop, rename aside (never delete), start again; and on failure, everything
// put back as it was.
#include "repair_fixture.h"

namespace wufix {
namespace {

using ResetStep = RepairFixture;

TEST_F(ResetStep, RenamesBothFoldersToOldAndRestartsTheServices) {
  RunOutcome run = repair({"reset"});
  ASSERT_EQ(run.steps.size(), 1u);
  EXPECT_EQ(run.steps[0].status, StepStatus::Done) << run.steps[0].report.error->message();
  EXPECT_FALSE(*fake.files.exists(kSd));
  EXPECT_EQ(fake.files.content(std::string(kSd) + ".old\\DataStore\\DataStore.edb"), "edb");
  EXPECT_EQ(fake.files.content(std::string(kCatroot2) + ".old\\edb.log"), "log");
  for (const char* name : {"wuauserv", "BITS", "CryptSvc", "UsoSvc"})
    EXPECT_EQ(service(name).state, ServiceState::Running) << name;
  EXPECT_EQ(service("msiserver").state, ServiceState::Stopped);  // was stopped: left so
  EXPECT_EQ(run.exit_code(), 0);
}

TEST_F(ResetStep, StopsEveryServiceBeforeRenamingAndStartsOnlyAfter) {
  repair({"reset"});
  const auto& calls = fake.services.calls;
  auto first_start = std::find_if(calls.begin(), calls.end(),
                                  [](const std::string& c) { return c.rfind("start", 0) == 0; });
  auto last_stop = std::find_if(calls.rbegin(), calls.rend(),
                                [](const std::string& c) { return c.rfind("stop", 0) == 0; });
  ASSERT_NE(first_start, calls.end());
  EXPECT_LT(std::distance(calls.begin(), last_stop.base()), std::distance(calls.begin(), first_start));
  EXPECT_EQ(fake.files.renames.size(), 2u);
}

TEST_F(ResetStep, KeepsAnExistingOldFolderAndUsesARunNamedOne) {
  fake.files.add_file(std::string(kSd) + ".old\\keep.txt", "earlier reset");
  fake.files.add_dir(std::string(kSd) + ".old");
  repair({"reset"});
  EXPECT_EQ(fake.files.content(std::string(kSd) + ".old\\keep.txt"), "earlier reset");
  EXPECT_EQ(fake.files.content(std::string(kSd) + ".wufix-" + run_id + "\\DataStore\\DataStore.edb"),
            "edb");
}

TEST_F(ResetStep, StopsDependentsFirstAndStartsThemAgain) {
  fake.services.add("AppIDSvc", StartType::Manual, ServiceState::Running);
  fake.services.dependents["cryptsvc"] = {"AppIDSvc"};
  repair({"reset"});
  const auto& calls = fake.services.calls;
  auto pos = [&](const std::string& c) { return std::find(calls.begin(), calls.end(), c) - calls.begin(); };
  EXPECT_LT(pos("stop AppIDSvc"), pos("stop CryptSvc"));
  EXPECT_EQ(service("AppIDSvc").state, ServiceState::Running);
}

TEST_F(ResetStep, AFolderInUseFailsTheStepAndPutsEverythingBack) {
  fake.files.fail[fakes::fold(kCatroot2)] = Error{32, "MoveFileExW failed", kCatroot2};
  RunOutcome run = repair({"reset", "sfc"});
  ASSERT_EQ(run.steps.size(), 2u);
  EXPECT_EQ(run.steps[0].status, StepStatus::RolledBack);
  EXPECT_EQ(run.steps[0].report.error->code, 32u);
  EXPECT_EQ(run.steps[1].status, StepStatus::Skipped);  // the run stops at a failed step
  fake.files.fail.clear();
  EXPECT_TRUE(*fake.files.exists(kSd));  // renamed back
  EXPECT_FALSE(*fake.files.exists(std::string(kSd) + ".old"));
  EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
  for (const char* name : {"wuauserv", "BITS", "CryptSvc", "UsoSvc"})
    EXPECT_EQ(service(name).state, ServiceState::Running) << name;
  EXPECT_EQ(run.exit_code(), 1);
}

TEST_F(ResetStep, AServiceThatHangsOnStopTimesOutAndTheOthersAreRestored) {
  fake.services.hang_on_stop.insert("bits");
  options.service_timeout = std::chrono::seconds(5);
  RunOutcome run = repair({"reset"});
  EXPECT_EQ(run.steps[0].status, StepStatus::RolledBack);
  EXPECT_EQ(run.steps[0].report.error->code, 1053u);
  EXPECT_NE(run.steps[0].report.error->message().find("BITS (stop-pending)"), std::string::npos);
  EXPECT_GE(fake.clock.slept, std::chrono::seconds(5));
  EXPECT_TRUE(*fake.files.exists(kSd));  // nothing renamed
  EXPECT_TRUE(fake.files.renames.empty());
  EXPECT_EQ(service("wuauserv").state, ServiceState::Running);
  EXPECT_EQ(service("CryptSvc").state, ServiceState::Running);
}

TEST_F(ResetStep, MissingFoldersAreNotAnError) {
  fakes::FakeSystem bare;
  bare.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  fake.files = bare.files;
  RunOutcome run = repair({"reset"});
  EXPECT_EQ(run.steps[0].status, StepStatus::Done);
  EXPECT_TRUE(fake.files.renames.empty());
}

TEST_F(ResetStep, EveryChangeIsJournaledBeforeItIsMade) {
  repair({"reset"});
  RunLog log = journal_log();
  EXPECT_EQ(log.result, "done");
  EXPECT_FALSE(log.interrupted());
  ASSERT_FALSE(log.actions.empty());
  for (const auto& a : log.actions) EXPECT_TRUE(a.finished && a.ok) << a.action.describe();
  // One flush per record: header, group, each intent and outcome, step, end.
  EXPECT_EQ(fake.files.flushes, static_cast<int>(2 * log.actions.size()) + 4);
}

}  // namespace
}  // namespace wufix
