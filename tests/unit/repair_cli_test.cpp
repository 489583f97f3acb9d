// repair / undo / history through the CLI with fakes: the guards scripts rely on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/repair/journal.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

struct RepairCli : ::testing::Test {
  fakes::FakeSystem fake;
  System sys = fake.system();

  void SetUp() override {
    fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
    fake.services.add("BITS", StartType::Manual, ServiceState::Stopped);
    fake.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
    fake.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
    fake.files.add_dir("C:\\Windows\\SoftwareDistribution");
  }
  int run(std::vector<std::string> args) {
    fake.console.out.clear();
    fake.console.err.clear();
    return run_cli(args, sys);
  }
};

TEST_F(RepairCli, NotElevatedExitsThreeAndChangesNothing) {
  fake.platform.elevated = false;
  EXPECT_EQ(run({"repair", "--only", "services", "--yes"}), 3);
  EXPECT_NE(fake.console.err.find("wufix repair --only services"), std::string::npos);
  EXPECT_TRUE(fake.services.calls.empty());
  EXPECT_EQ(fake.files.flushes, 0);
}

// One guard for every command that changes the system: an elevation query that fails is a
// refusal (install used to carry on and fail halfway).
TEST_F(RepairCli, EveryChangingCommandRefusesWhenElevationCannotBeTold) {
  fake.platform.elevated = Error{5, "GetTokenInformation failed", ""};
  for (std::vector<std::string> args : {std::vector<std::string>{"repair", "--only", "services", "--yes"},
                                        {"install", "KB5044284"},
                                        {"cleanup", "--yes"},
                                        {"updates", "install"}}) {
    EXPECT_EQ(run(args), 3) << args[0];
    EXPECT_NE(fake.console.err.find("could not tell whether it has them: GetTokenInformation failed"),
              std::string::npos) << fake.console.err;
  }
  EXPECT_TRUE(fake.services.calls.empty());
  EXPECT_TRUE(fake.processes.ran.empty());
  EXPECT_EQ(fake.files.flushes, 0);
}

TEST_F(RepairCli, WithoutYesAndWithoutATerminalItRefusesInsteadOfHanging) {
  EXPECT_EQ(run({"repair", "--only", "services"}), 2);
  EXPECT_NE(fake.console.err.find("--yes"), std::string::npos);
  EXPECT_TRUE(fake.services.calls.empty());
}

TEST_F(RepairCli, AtATerminalItShowsThePlanAndAsks) {
  fake.console.terminal = true;
  fake.console.input = {"n"};
  EXPECT_EQ(run({"repair", "--only", "services"}), 0);
  EXPECT_NE(fake.console.out.find("set wuauserv start type disabled -> manual"), std::string::npos);
  EXPECT_NE(fake.console.err.find("Nothing was changed"), std::string::npos);
  EXPECT_TRUE(fake.services.calls.empty());
  fake.console.input = {"y"};
  EXPECT_EQ(run({"repair", "--only", "services"}), 0);
  EXPECT_EQ(fake.services.query("wuauserv")->start_type, StartType::Manual);
}

TEST_F(RepairCli, AnUnknownStepIsAUsageError) {
  EXPECT_EQ(run({"repair", "--only", "sevices", "--yes"}), 2);
  EXPECT_EQ(fake.console.err,
            "wufix: error: unknown step 'sevices' (steps: clock, policy, network, services, reset, dism, sfc)\n");
}

TEST_F(RepairCli, DryRunNeedsNoElevationAndChangesNothing) {
  fake.platform.elevated = false;
  EXPECT_EQ(run({"--json", "repair", "--only", "services,reset", "--dry-run"}), 0);
  auto j = nlohmann::json::parse(fake.console.out);
  EXPECT_EQ(j["dry_run"], true);
  EXPECT_EQ(j["steps"][0]["status"], "planned");
  EXPECT_TRUE(fake.services.calls.empty());
  EXPECT_TRUE(fake.files.renames.empty());
}

TEST_F(RepairCli, AnInterruptedRunBlocksANewOneWithExitFour) {
  auto w = JournalWriter::open(fake.files, fake.platform, "20261129-100000-0001");
  ASSERT_TRUE(w->write({{"type", "run"}, {"run_id", "20261129-100000-0001"}, {"plan", {"reset"}}}).ok());
  EXPECT_EQ(run({"repair", "--only", "services", "--yes"}), 4);
  EXPECT_NE(fake.console.err.find("wufix repair --resume"), std::string::npos);
  EXPECT_NE(fake.console.err.find("wufix undo 20261129-100000-0001"), std::string::npos);
  EXPECT_TRUE(fake.services.calls.empty());
}

TEST_F(RepairCli, RepairThenHistoryThenUndo) {
  EXPECT_EQ(run({"repair", "--only", "services", "--yes"}), 0);
  EXPECT_EQ(run({"--json", "history"}), 0);
  auto h = nlohmann::json::parse(fake.console.out);
  ASSERT_EQ(h["runs"].size(), 1u);
  EXPECT_EQ(h["runs"][0]["result"], "done");
  EXPECT_EQ(h["runs"][0]["undone"], false);
  // The proof is in the journal's end, so history shows it: the disabled wuauserv is fixed.
  ASSERT_EQ(h["runs"][0]["verification"].size(), 1u);
  EXPECT_EQ(h["runs"][0]["verification"][0]["finding"], "service-disabled");
  EXPECT_EQ(h["runs"][0]["verification"][0]["status"], "fixed");
  EXPECT_EQ(run({"history"}), 0);
  EXPECT_NE(fake.console.out.find("(verified: 1 fixed)"), std::string::npos) << fake.console.out;
  EXPECT_EQ(run({"undo", "--yes"}), 0);
  EXPECT_EQ(fake.services.query("wuauserv")->start_type, StartType::Disabled);
  EXPECT_EQ(run({"--json", "history"}), 0);
  EXPECT_EQ(nlohmann::json::parse(fake.console.out)["runs"][0]["undone"], true);
  EXPECT_EQ(run({"undo", "--yes"}), 0);  // again: says so, changes nothing
  EXPECT_NE(fake.console.out.find("already undone"), std::string::npos);
}

TEST_F(RepairCli, UndoWithoutAnyRunIsAUsageError) {
  EXPECT_EQ(run({"undo", "--yes"}), 2);
  EXPECT_NE(fake.console.err.find("no wufix run to undo"), std::string::npos);
}

TEST_F(RepairCli, UndoOfAnUnknownRunIsAUsageError) {
  EXPECT_EQ(run({"repair", "--only", "services", "--yes"}), 0);
  EXPECT_EQ(run({"undo", "--yes", "nope"}), 2);
  EXPECT_NE(fake.console.err.find("no such run"), std::string::npos);
}

}  // namespace
}  // namespace wufix
