// --fleet: one line on stdout, <= 2,048 characters, ASCII JSON, nothing on stderr, the exit
// code unchanged. Through run_cli with fakes, and the renderer on hand-made command output.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/fleet.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

using nlohmann::json;

struct FleetCli : ::testing::Test {
  fakes::FakeSystem fake;
  System sys = fake.system();

  void SetUp() override {
    fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
    fake.services.add("BITS", StartType::Manual, ServiceState::Stopped);
    fake.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
    fake.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
  }
  // Runs wufix and checks the fleet contract; returns the parsed line.
  json run(std::vector<std::string> args, int expected_exit) {
    fake.console.out.clear();
    fake.console.err.clear();
    int code = run_cli(args, sys);
    EXPECT_EQ(code, expected_exit) << fake.console.out;
    EXPECT_EQ(fake.console.err, "");
    const std::string& out = fake.console.out;
    EXPECT_LE(out.size(), kFleetLineMax + 1);
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
    EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](unsigned char c) { return (c >= 0x20 && c < 0x7f) || c == '\n'; }))
        << out;
    json line = json::parse(out, nullptr, false);
    EXPECT_FALSE(line.is_discarded()) << out;
    if (!line.is_discarded()) {
      EXPECT_EQ(line["exit_code"], expected_exit);
    }
    return line;
  }
};

TEST_F(FleetCli, DiagnoseListsFindingIdsAndFixSteps) {
  json line = run({"diagnose", "--fleet"}, 1);
  EXPECT_EQ(line["command"], "diagnose");
  EXPECT_EQ(line["result"], "findings");
  EXPECT_NE(std::find(line["findings"].begin(), line["findings"].end(), "service-disabled"),
            line["findings"].end()) << line;
  const json& steps = line["fix_steps"];
  EXPECT_NE(std::find(steps.begin(), steps.end(), "services"), steps.end()) << line;
  EXPECT_EQ(line["reboot_required"], false);
  EXPECT_EQ(line["error"], nullptr);
}

TEST_F(FleetCli, RepairWithoutYesIsRefusedInTheLineBeforeAnythingRuns) {
  json line = run({"--fleet", "repair", "--only", "services"}, 2);
  EXPECT_NE(line["error"].get<std::string>().find("--yes"), std::string::npos) << line;
  EXPECT_TRUE(fake.services.calls.empty());
}

TEST_F(FleetCli, RepairReportsEveryStepAndNeverAsks) {
  fake.console.terminal = true;  // even at a terminal: no prompt
  json line = run({"repair", "--only", "services", "--yes", "--fleet"}, 0);
  ASSERT_EQ(line["steps"].size(), 1u) << line;
  EXPECT_EQ(line["steps"][0]["id"], "services");
  EXPECT_EQ(line["steps"][0]["status"], "done");
  EXPECT_EQ(line["steps"][0]["result"], "restored");
  EXPECT_EQ(line["reboot_required"], false);
  EXPECT_EQ(fake.services.query("wuauserv")->start_type, StartType::Manual);
}

TEST_F(FleetCli, NeedsElevationGoesIntoTheLineWithExitThree) {
  fake.platform.elevated = false;
  json line = run({"repair", "--all", "--yes", "--fleet"}, 3);
  EXPECT_EQ(line["result"], "needs-elevation");
  EXPECT_NE(line["error"].get<std::string>().find("administrator"), std::string::npos) << line;
}

TEST_F(FleetCli, BadOptionsAndMissingCommandsAreOneLineToo) {
  json bad = run({"diagnose", "--fleet", "--frobnicate"}, 2);
  EXPECT_EQ(bad["command"], "diagnose");
  EXPECT_NE(bad["error"].get<std::string>().find("frobnicate"), std::string::npos) << bad;
  json none = run({"--fleet"}, 2);
  EXPECT_EQ(none["command"], nullptr);
  json unknown = run({"--fleet", "frobnicate"}, 2);
  EXPECT_NE(unknown["error"], nullptr);
}

TEST_F(FleetCli, VersionIsALineWithCommitDateAndSignature) {
  json line = run({"--version", "--fleet"}, 0);
  EXPECT_EQ(line["wufix"], WUFIX_VERSION);
  EXPECT_TRUE(line["commit"].is_string());
  EXPECT_TRUE(line["built"].is_string());
  EXPECT_EQ(line["signed"], false);
}

TEST_F(FleetCli, ExplainNamesTheCodes) {
  json line = run({"--fleet", "explain", "0x80070002", "5"}, 0);
  ASSERT_EQ(line["codes"].size(), 2u) << line;
  EXPECT_EQ(line["codes"][0]["name"], "ERROR_FILE_NOT_FOUND");
}

TEST(FleetLine, AnOverlongDocumentIsCutToFitAndSaysSo) {
  json doc = {{"schema", 1}, {"findings", json::array()}, {"fix_steps", json::array()}};
  for (int i = 0; i < 400; ++i)
    doc["findings"].push_back({{"id", "finding-" + std::to_string(i)}, {"severity", "error"}});
  std::string line = fleet_line({"diagnose", 1, doc.dump(), ""});
  EXPECT_LE(line.size(), kFleetLineMax + 1);
  json j = json::parse(line);
  EXPECT_EQ(j["truncated"], true);
  EXPECT_EQ(j["findings"][0], "finding-0");  // the first ones are kept
  EXPECT_EQ(j["exit_code"], 1);
}

TEST(FleetLine, NonAsciiAndBrokenUtf8BecomeAsciiEscapes) {
  std::string err = "wufix: error: cannot open C:\\Users\\J\xc3\xbcrgen\\x.log \xff\n";
  std::string line = fleet_line({"logs", 2, "", err});
  EXPECT_TRUE(std::all_of(line.begin(), line.end(), [](unsigned char c) { return c < 0x80; })) << line;
  json j = json::parse(line);
  EXPECT_NE(j["error"].get<std::string>().find("J\u00fcrgen"), std::string::npos) << line;
  EXPECT_EQ(j["error"].get<std::string>().find("wufix: error:"), std::string::npos);
}

TEST(FleetLine, WordsInsteadOfJsonBecomeTheMessage) {
  json j = json::parse(fleet_line({"repair", 0, "Nothing to repair: diagnose found nothing.\n", ""}));
  EXPECT_EQ(j["message"], "Nothing to repair: diagnose found nothing.");
  EXPECT_EQ(j["result"], "ok");
}

TEST(FleetLine, RestartRequiredSaysSo) {
  json doc = {{"steps", json::array()}, {"reboot_required", true}, {"run_id", "r"}};
  json j = json::parse(fleet_line({"repair", 3010, doc.dump(), ""}));
  EXPECT_EQ(j["result"], "restart-required");
  EXPECT_EQ(j["reboot_required"], true);
}

TEST(FleetLine, AskedForOnlyBeforeADoubleDash) {
  EXPECT_TRUE(fleet_requested({"diagnose", "--fleet"}));
  EXPECT_FALSE(fleet_requested({"logs", "--", "--fleet"}));
  EXPECT_FALSE(fleet_requested({"diagnose", "--json"}));
}

}  // namespace
}  // namespace wufix
