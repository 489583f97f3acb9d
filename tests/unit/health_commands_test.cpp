// wufix schedule enable/disable/status and wufix status over fakes: the task registered and
// removed, elevation, the event source, the trend and the one-screen status.
#include <gtest/gtest.h>

#include "cli/cli.h"
#include "core/health/status.h"
#include "core/health/task.h"
#include "health_fixture.h"

namespace wufix {
namespace {

using namespace health_testing;

// ---- the commands ---------------------------------------------------------------------------

// The task runs as SYSTEM: never the exe where enable was started (C:\Tools is writable by every
// user), but a copy in a folder only administrators can change.
TEST_F(HealthFixture, EnableRegistersTheTaskXmlAndDisableRemovesIt) {
  const std::string copy = "C:\\ProgramData\\wufix\\bin\\wufix.exe";
  fake.files.add_file("C:\\Tools\\wufix.exe", "MZ wufix 1");
  EXPECT_EQ(run_cli({"schedule", "enable"}, sys, false, upkeep()), 0) << fake.console.err;
  ASSERT_EQ(tasks.tasks.count(kHealthTaskName), 1u);
  EXPECT_EQ(tasks.tasks[kHealthTaskName], health_task_xml(copy));
  EXPECT_EQ(fake.files.content(copy), "MZ wufix 1");
  fake.files.add_file("C:\\Tools\\wufix.exe", "MZ wufix 2");  // updated, enabled again
  EXPECT_EQ(run_cli({"schedule", "enable"}, sys, false, upkeep()), 0) << fake.console.err;
  EXPECT_EQ(fake.files.content(copy), "MZ wufix 2");
  EXPECT_EQ(fake.files.content(copy + ".old"), "MZ wufix 1");  // renamed aside, not deleted
  fake.console.out.clear();
  EXPECT_EQ(run_cli({"schedule", "status", "--json"}, sys, false, upkeep()), 0);
  json status = json::parse(fake.console.out);
  EXPECT_EQ(status["task"]["enabled"], true);
  EXPECT_EQ(status["task"]["command"], copy);
  // The event source names the copy, whose message table has the events' text.
  EXPECT_EQ(events.sources, (std::map<std::string, std::string>{{"wufix", copy}}));
  EXPECT_EQ(run_cli({"schedule", "disable"}, sys, false, upkeep()), 0);
  EXPECT_TRUE(tasks.tasks.empty());
  EXPECT_TRUE(events.sources.empty());
}

// Events are written without a registered source too (Event Viewer then lacks their text):
// enable goes on with a warning; disable that cannot remove the source says so.
TEST_F(HealthFixture, AnEventSourceThatCannotBeRegisteredOnlyWarns) {
  fake.files.add_file("C:\\Tools\\wufix.exe", "MZ wufix 1");
  events.fail_registry = Error{5, "RegCreateKeyExW failed", "wufix"};
  EXPECT_EQ(run_cli({"schedule", "enable"}, sys, false, upkeep()), 0);
  EXPECT_NE(fake.console.err.find("the event source is not registered: RegCreateKeyExW failed"),
            std::string::npos) << fake.console.err;
  EXPECT_EQ(tasks.tasks.count(kHealthTaskName), 1u);
  EXPECT_EQ(run_cli({"schedule", "disable"}, sys, false, upkeep()), 1);
  EXPECT_NE(fake.console.err.find("cannot remove the event source"), std::string::npos);
  EXPECT_TRUE(tasks.tasks.empty());  // the task goes first
}

TEST_F(HealthFixture, EnableAndDisableNeedElevation) {
  fake.platform.elevated = false;
  EXPECT_EQ(run_cli({"schedule", "enable"}, sys, false, upkeep()), 3);
  EXPECT_TRUE(tasks.tasks.empty());
  tasks.tasks[kHealthTaskName] = "<Task />";
  EXPECT_EQ(run_cli({"schedule", "disable"}, sys, false, upkeep()), 3);
  EXPECT_EQ(tasks.tasks.size(), 1u);
}

TEST_F(HealthFixture, ScheduleStatusShowsEachResultAndTheTrend) {
  json reboot = finding_json("pending-reboot", "warning", "A restart is pending");
  json proxy = finding_json("winhttp-proxy", "error", "A dead proxy");
  record({reboot}, 30);
  record({reboot, proxy}, 29);
  record({proxy}, 27);
  fake.platform.elevated = false;  // status needs no elevation
  EXPECT_EQ(run_cli({"schedule", "status"}, sys, false, upkeep()), 0) << fake.console.err;
  const std::string& text = fake.console.out;
  EXPECT_NE(text.find("Scheduled health check: not enabled"), std::string::npos) << text;
  EXPECT_NE(text.find("Last 3 results"), std::string::npos) << text;
  EXPECT_NE(text.find("new: winhttp-proxy"), std::string::npos) << text;
  EXPECT_NE(text.find("cleared: pending-reboot"), std::string::npos) << text;
  EXPECT_NE(text.find("free space -3.0 GB (30.0 GB -> 27.0 GB)"), std::string::npos) << text;

  fake.console.out.clear();
  EXPECT_EQ(run_cli({"schedule", "status", "--json"}, sys, false, upkeep()), 0);
  json j = json::parse(fake.console.out);
  EXPECT_EQ(j["schema"], 1);
  ASSERT_EQ(j["results"].size(), 3u);
  EXPECT_EQ(j["results"][1]["appeared"][0]["id"], "winhttp-proxy");
  EXPECT_EQ(j["results"][2]["cleared"][0]["id"], "pending-reboot");
  EXPECT_EQ(j["trend"]["free_bytes_change"], -3 * static_cast<int64_t>(kGiB));
  EXPECT_EQ(j["trend"]["new_findings"], json::array({"winhttp-proxy"}));
  EXPECT_EQ(j["trend"]["cleared_findings"], json::array({"pending-reboot"}));
}

TEST_F(HealthFixture, StatusPrintsTheLastResultAndExitsOneOnProblems) {
  fake.platform.elevated = false;
  EXPECT_EQ(run_cli({"status"}, sys, false, upkeep()), 0);
  EXPECT_NE(fake.console.out.find("No scheduled result yet"), std::string::npos) << fake.console.out;
  fake.platform.elevated = true;
  record({finding_json("pending-reboot", "warning", "A restart is pending")}, 40);
  record({finding_json("winhttp-proxy", "error", "A dead proxy")}, 39);
  fake.platform.elevated = false;
  fake.console.out.clear();
  EXPECT_EQ(run_cli({"status"}, sys, false, upkeep()), 1);
  const std::string& text = fake.console.out;
  EXPECT_NE(text.find("1 error, 0 warnings"), std::string::npos) << text;
  EXPECT_NE(text.find("winhttp-proxy: A dead proxy"), std::string::npos) << text;
  EXPECT_NE(text.find("C:\\ 39.0 GB free"), std::string::npos) << text;
  EXPECT_NE(text.find("cleared: pending-reboot"), std::string::npos) << text;
  EXPECT_LE(std::count(text.begin(), text.end(), '\n'), 25);  // one screen

  fake.console.out.clear();
  EXPECT_EQ(run_cli({"status", "--json"}, sys, false, upkeep()), 1);
  json j = json::parse(fake.console.out);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["results"], 2);
  EXPECT_EQ(j["last"]["errors"], 1);
  EXPECT_EQ(j["last"]["free_bytes"], 39 * kGiB);
  EXPECT_EQ(j["last"]["appeared"][0]["id"], "winhttp-proxy");
  EXPECT_EQ(j["last"]["cleared"][0]["id"], "pending-reboot");
}

}  // namespace
}  // namespace wufix
