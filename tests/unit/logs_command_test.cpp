// `wufix logs` through run_cli: the Linux flavour (files only) and the Windows flavour (fakes),
// exit codes 0/1/2, the JSON contract; and diagnose's log-root-cause check.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

const std::string kFailure =
    "2026-05-12 09:58:10, Error                 CBS    Failed to resolve package file: "
    "C:\\Windows\\SoftwareDistribution\\Download\\x\\Windows11.0-KB5037771-x64.cab "
    "[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]\r\n";
const std::string kHealthy =
    "2026-05-12 09:58:10, Info                  CBS    Failed to query DisableWerReporting flag. "
    "[HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]\r\n";

struct LogsRun {
  int exit_code;
  std::string out, err;
};

// The Linux build: a console and files, no Windows.
LogsRun run_files_only(std::vector<std::string> args, fakes::FakeFiles& files) {
  fakes::FakeConsole console;
  System sys;
  sys.console = &console;
  sys.files = &files;
  int code = run_cli(args, sys);
  return {code, console.out, console.err};
}

LogsRun run_windows(std::vector<std::string> args, fakes::FakeSystem& fs) {
  System sys = fs.system();
  int code = run_cli(args, sys);
  return {code, fs.console.out, fs.console.err};
}

TEST(LogsCommand, FailureFoundExitsOneAndQuotesTheLine) {
  fakes::FakeFiles files;
  files.add_file("/tmp/CBS.log", kFailure);
  LogsRun r = run_files_only({"logs", "/tmp/CBS.log"}, files);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("KB5037771 0x800F081F CBS_E_SOURCE_MISSING"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("> 2026-05-12 09:58:10, Error"), std::string::npos);
  EXPECT_NE(r.out.find("fix: wufix repair --only dism --source PATH"), std::string::npos);
}

TEST(LogsCommand, NoFailureExitsZero) {
  fakes::FakeFiles files;
  files.add_file("/tmp/CBS.log", kHealthy);
  LogsRun r = run_files_only({"logs", "/tmp/CBS.log"}, files);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No failure found in these logs (1 lines read)"), std::string::npos) << r.out;
}

TEST(LogsCommand, UnreadableFileExitsTwoNamingIt) {
  fakes::FakeFiles files;
  files.add_file("/tmp/CBS.log", kFailure);
  LogsRun r = run_files_only({"logs", "/tmp/CBS.log", "/tmp/missing.log"}, files);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("wufix: error: "), std::string::npos);
  EXPECT_NE(r.err.find("/tmp/missing.log"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(LogsCommand, AFileWithoutAnyMarkerIsNoFailureNotAnError) {
  fakes::FakeFiles files;
  files.add_file("/tmp/notes.txt", "dear forum, my PC does not update\n");
  LogsRun r = run_files_only({"logs", "/tmp/notes.txt"}, files);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No failure found in these logs (1 lines read)"), std::string::npos) << r.out;
}

TEST(LogsCommand, DashReadsAPasteFromStandardInput) {
  fakes::FakeFiles files;
  fakes::FakeConsole console;
  console.input = {"> 20xx-xx-06 xx:51:15, Error CBS Failed to resolve package "
                   "'Package_for_KB5036892~31bf3856ad364e35~amd64~~1.0' [HRESULT = 0x800f0831 - "
                   "CBS_E_STORE_CORRUPTION]",
                   "> thanks"};
  System sys;
  sys.console = &console;
  sys.files = &files;
  int code = run_cli({"logs", "--json", "-"}, sys);
  EXPECT_EQ(code, 1) << console.err;
  auto j = nlohmann::json::parse(console.out);
  EXPECT_EQ(j["logs"][0]["path"], "stdin");
  EXPECT_EQ(j["causes"][0]["kb"], "KB5036892");
  EXPECT_EQ(j["causes"][0]["time"], "20xx-xx-06Txx:51:15");
}

TEST(LogsCommand, WithoutFilesAndWithoutWindowsExitsTwoInOneLine) {
  fakes::FakeFiles files;
  LogsRun r = run_files_only({"logs"}, files);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("without FILE"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(LogsCommand, JsonHasCausesInRankOrderAndCounts) {
  fakes::FakeFiles files;
  files.add_file("/tmp/CBS.log", "junk line\n" + kHealthy + kFailure);
  LogsRun r = run_files_only({"logs", "--json", "/tmp/CBS.log"}, files);
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["counts"]["lines"], 3);
  EXPECT_EQ(j["counts"]["bad_lines"], 1);
  ASSERT_EQ(j["logs"].size(), 1u);
  EXPECT_EQ(j["logs"][0]["format"], "cbs");
  ASSERT_EQ(j["causes"].size(), 1u);
  EXPECT_EQ(j["causes"][0]["kb"], "KB5037771");
  EXPECT_EQ(j["causes"][0]["line"], 3);
  EXPECT_EQ(j["causes"][0]["source_log"], "/tmp/CBS.log");
}

void plant_machine_logs(fakes::FakeSystem& fs) {
  fs.files.add_dir("C:\\Windows\\Logs\\CBS");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CbsPersist_20260501000000.log", kHealthy);
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CbsPersist_20260501000000.cab", "MSCF");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CBS.log", kFailure);
}

TEST(LogsCommand, OnWindowsReadsTheMachineLogsAndListsMissingOnes) {
  fakes::FakeSystem fs;
  plant_machine_logs(fs);
  fs.files.add_file("C:\\Windows\\WindowsUpdate.log",
                    "Windows Update logs are now generated using ETW (Event Tracing for Windows).\r\n"
                    "Please run the Windows PowerShell cmdlet 'Get-WindowsUpdateLog' to convert ETW traces\r\n");
  LogsRun r = run_windows({"logs", "--json"}, fs);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> paths;  // the fake lists names folded to lower case
  for (const auto& log : j["logs"]) paths.push_back(fakes::fold(log["path"].get<std::string>()));
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "c:\\windows\\logs\\cbs\\cbspersist_20260501000000.log",
                       "c:\\windows\\logs\\cbs\\cbs.log", "c:\\windows\\logs\\dism\\dism.log",
                       "c:\\windows\\softwaredistribution\\reportingevents.log",
                       "c:\\windows\\windowsupdate.log"}));
  EXPECT_EQ(j["logs"][2]["missing"], true);
  EXPECT_EQ(j["causes"][0]["source_log"], "C:\\Windows\\Logs\\CBS\\CBS.log");
}

TEST(LogsCommand, OnWindowsALogThatCannotBeReadExitsTwo) {
  fakes::FakeSystem fs;
  plant_machine_logs(fs);
  fs.files.fail["c:\\windows\\logs\\cbs\\cbs.log"] = Error{5, "CreateFileW failed", "C:\\Windows\\Logs\\CBS\\CBS.log"};
  LogsRun r = run_windows({"logs"}, fs);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("CBS.log (Win32 5)"), std::string::npos) << r.err;
}

TEST(LogRootCauseCheck, RecentCausesAreWarningsWithTheRepairStep) {
  fakes::FakeSystem fs;
  plant_machine_logs(fs);
  using namespace std::chrono;
  fs.clock.time = sys_days(year(2026) / 6 / 1);
  CheckResult c = check_log_root_cause(fs.system());
  ASSERT_EQ(c.status, CheckStatus::Finding);
  ASSERT_EQ(c.findings.size(), 1u);
  const Finding& f = c.findings[0];
  EXPECT_EQ(f.id, "log-root-cause");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::optional<std::string>("dism"));
  EXPECT_EQ(f.evidence["kb"], "KB5037771");
  EXPECT_EQ(f.evidence["code"], "0x800F081F");
  EXPECT_NE(f.advice.find("wufix repair --only dism --source PATH"), std::string::npos);
}

TEST(LogRootCauseCheck, OldFailuresAndNoLogsAreOk) {
  fakes::FakeSystem fs;
  plant_machine_logs(fs);
  using namespace std::chrono;
  fs.clock.time = sys_days(year(2027) / 1 / 1);
  EXPECT_EQ(check_log_root_cause(fs.system()).status, CheckStatus::Ok);
  fakes::FakeSystem empty;
  EXPECT_EQ(check_log_root_cause(empty.system()).status, CheckStatus::Ok);
}

TEST(LogRootCauseCheck, AnInstallFailureOnlyReportingEventsTellsIsLeftToUpdateHistory) {
  fakes::FakeSystem fs;
  fs.files.add_file(
      "C:\\Windows\\SoftwareDistribution\\ReportingEvents.log",
      "{6F1D2A3B-5C4D-4E5F-8A9B-0C1D2E3F4A5B}\t2026-05-12 10:15:01:123+0200\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t"
      "{A1B2C3D4-1111-2222-3333-444455556666}\t200\t80070002\tUpdateOrchestrator\tFailure\tContent Install\t"
      "Installation Failure: Windows failed to install the following update with error 0x80070002: X (KB5037771).\tx\n");
  using namespace std::chrono;
  fs.clock.time = sys_days(year(2026) / 6 / 1);
  EXPECT_EQ(check_log_root_cause(fs.system()).status, CheckStatus::Ok);
  fs.files.add_dir("C:\\Windows\\Logs\\CBS");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CBS.log",
                    "2026-05-12 09:58:10, Error                 CBS    Failed to stage [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]\r\n");
  CheckResult c = check_log_root_cause(fs.system());
  ASSERT_EQ(c.findings.size(), 1u);  // now the CBS line names the cause, with the KB
  EXPECT_EQ(c.findings[0].evidence["kb"], "KB5037771");
  EXPECT_EQ(c.findings[0].fix, std::optional<std::string>("reset"));
}

}  // namespace
}  // namespace wufix
