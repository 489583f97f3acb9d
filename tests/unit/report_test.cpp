// wufix report: redaction, the Markdown and JSON documents, and the command writing a new file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/report.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

TEST(Redactor, ProfilePathsUserAndComputerNames) {
  Redactor r({"alice"}, {"DESKTOP-1A2B3C"});
  EXPECT_EQ(r.apply("C:\\Users\\alice\\Desktop\\CBS.log"), "C:\\Users\\<user>\\Desktop\\CBS.log");
  EXPECT_EQ(r.apply("c:\\users\\Bob\\AppData"), "c:\\users\\<user>\\AppData");
  EXPECT_EQ(r.apply("C:\\Users\\Public\\Documents"), "C:\\Users\\Public\\Documents");
  EXPECT_EQ(r.apply("/home/carol/logs/CBS.log"), "/home/<user>/logs/CBS.log");
  EXPECT_EQ(r.apply("on desktop-1a2b3c as ALICE, not alicedemo"), "on <computer> as <user>, not alicedemo");
}

TEST(Redactor, ShortNamesAreLeftToThePathRule) {
  Redactor r({"al"}, {});
  EXPECT_EQ(r.apply("al is also in also"), "al is also in also");
}

ReportInput sample() {
  ReportInput in;
  in.generated = std::chrono::sys_days(std::chrono::year(2026) / 5 / 29);
  OsInfo os;
  os.product = "Windows 11 Pro";
  os.display_version = "23H2";
  os.build = "22631";
  os.ubr = 3593;
  os.arch = Arch::X64;
  in.diagnosis.os = os;
  in.diagnosis.elevated = true;
  Finding f;
  f.id = "service-disabled";
  f.severity = Severity::Error;
  f.summary = "Windows Update (wuauserv) is disabled";
  f.fix = "services";
  in.diagnosis.checks.push_back(check_with("services", {f}));
  LogAnalysis logs;
  LogSummary s;
  s.path = "C:\\Users\\alice\\Desktop\\CBS.log";
  s.format = LogFormat::Cbs;
  s.lines = 10;
  logs.logs.push_back(s);
  logs.lines = 10;
  Cause c;
  c.kind = cause_kind::kFailedSession;
  c.kb = "KB5037771";
  c.code = 0x800F081F;
  c.name = "CBS_E_SOURCE_MISSING";
  c.source_log = s.path;
  c.line = 7;
  c.excerpt = "2026-05-12 09:58:10, Error CBS Failed on DESKTOP-1A2B3C ```";
  c.fix = "wufix repair --only dism --source PATH";
  c.explanation = "source files missing";
  logs.causes.push_back(c);
  in.logs = logs;
  in.runs.push_back({"20260528-101500", "2026-05-28T10:15:00Z", {"services", "reset"}, "ok", false});
  return in;
}

TEST(Report, MarkdownHasEverySectionAndIsRedacted) {
  Redactor r({"alice"}, {"DESKTOP-1A2B3C"});
  std::string md = report_markdown(sample(), &r);
  for (const char* part : {"# Windows Update report", "Windows 11 Pro 23H2 (build 22631.3593, x64)",
                           "| error | service-disabled |", "`wufix repair --only services`",
                           "### 1. KB5037771 0x800F081F CBS_E_SOURCE_MISSING", "line 7",
                           "```text\n2026-05-12 09:58:10, Error CBS Failed on <computer> '''\n```",
                           "| 20260528-101500 | 2026-05-28T10:15:00Z | services, reset | ok | no |",
                           "C:\\Users\\<user>\\Desktop\\CBS.log", "are redacted"})
    EXPECT_NE(md.find(part), std::string::npos) << part << "\n" << md;
  EXPECT_EQ(md.find("alice"), std::string::npos);
  EXPECT_EQ(md.find("DESKTOP-1A2B3C"), std::string::npos);
}

TEST(Report, NoRedactKeepsNames) {
  std::string md = report_markdown(sample(), nullptr);
  EXPECT_NE(md.find("C:\\Users\\alice\\Desktop"), std::string::npos);
  EXPECT_NE(md.find("Nothing is redacted"), std::string::npos);
}

TEST(Report, JsonCarriesTheSameValuesRedacted) {
  Redactor r({"alice"}, {"DESKTOP-1A2B3C"});
  auto j = report_json(sample(), &r);
  EXPECT_EQ(j["redacted"], true);
  EXPECT_EQ(j["os"]["build"], "22631");
  EXPECT_EQ(j["findings"][0]["id"], "service-disabled");
  EXPECT_EQ(j["logs"]["causes"][0]["kb"], "KB5037771");
  EXPECT_EQ(j["logs"]["causes"][0]["source_log"], "C:\\Users\\<user>\\Desktop\\CBS.log");
  EXPECT_EQ(j["runs"][0]["steps"], nlohmann::json({"services", "reset"}));
  EXPECT_EQ(j.dump().find("alice"), std::string::npos);
}

TEST(Report, LogErrorIsShownNotFatal) {
  ReportInput in = sample();
  in.logs = Error{5, "CreateFileW failed", "C:\\Windows\\Logs\\CBS\\CBS.log"};
  in.runs.clear();
  std::string md = report_markdown(in, nullptr);
  EXPECT_NE(md.find("The logs could not be read: CreateFileW failed"), std::string::npos);
  EXPECT_NE(md.find("No wufix runs recorded"), std::string::npos);
}

struct ReportRun {
  int exit_code;
  std::string out, err;
};

ReportRun report_run(fakes::FakeSystem& fs, std::vector<std::string> args) {
  System sys = fs.system();
  int code = run_cli(args, sys);
  return {code, fs.console.out, fs.console.err};
}

TEST(ReportCommand, WritesANewFileAndNamesIt) {
  fakes::FakeSystem fs;
  fs.network.error = Error{10060, "timed out", "time.windows.com:123"};
  fs.console.environment["USERNAME"] = "alice";
  fs.files.add_dir("C:\\Windows\\Logs\\CBS");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CBS.log",
                    "2026-05-12 09:58:10, Error                 CBS    Failed C:\\Users\\alice\\x.cab "
                    "[HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]\r\n");
  ReportRun r = report_run(fs, {"report", "--out", "C:\\report.md"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Report written to C:\\report.md"), std::string::npos);
  std::string md = fs.files.content("C:\\report.md");
  EXPECT_NE(md.find("0x80070002 ERROR_FILE_NOT_FOUND"), std::string::npos) << md;
  EXPECT_EQ(md.find("alice"), std::string::npos);
  EXPECT_GE(fs.files.flushes, 1);
}

TEST(ReportCommand, NeverReplacesAnExistingFile) {
  fakes::FakeSystem fs;
  fs.network.error = Error{10060, "timed out", "time.windows.com:123"};
  fs.files.add_file("C:\\report.md", "mine");
  ReportRun r = report_run(fs, {"report", "--out", "C:\\report.md"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("already exists"), std::string::npos);
  EXPECT_EQ(fs.files.content("C:\\report.md"), "mine");
}

TEST(ReportCommand, JsonGoesToTheFileAndDefaultNameHasTheTime) {
  fakes::FakeSystem fs;
  fs.network.error = Error{10060, "timed out", "time.windows.com:123"};
  fs.clock.time = std::chrono::sys_days(std::chrono::year(2026) / 5 / 29) + std::chrono::hours(10);
  ReportRun r = report_run(fs, {"report", "--json", "--no-redact"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["out"], "wufix-report-20260529-100000.json");
  EXPECT_EQ(j["redacted"], false);
  auto doc = nlohmann::json::parse(fs.files.content("wufix-report-20260529-100000.json"));
  EXPECT_EQ(doc["schema"], 1);
  EXPECT_TRUE(doc["runs"].empty());
}

}  // namespace
}  // namespace wufix
