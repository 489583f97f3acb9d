// check_update_history: failed installs from the WUA history, or from ReportingEvents.log
// when the agent cannot answer (Wine's E_NOTIMPL).
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"
#include "reporting_events_fixture.h"

namespace wufix {
namespace {

using namespace std::chrono_literals;
using namespace testing_logs;

constexpr const char* kLogPath = "C:\\Windows\\SoftwareDistribution\\ReportingEvents.log";
constexpr const char* kCumulative =
    "2026-05 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5037771)";
constexpr const char* kUpdateId = "a1b2c3d4-1111-2222-3333-444455556666";
constexpr uint32_t kFileNotFound = 0x80070002;
constexpr uint32_t kNotImplemented = 0x80004001;

enum WuaResult { kSucceeded = 2, kWithErrors = 3, kFailed = 4, kAborted = 5 };

UpdateHistoryEntry install(const fakes::FakeSystem& fs, std::chrono::hours ago, int result,
                           uint32_t hresult = 0, std::string title = kCumulative,
                           std::string id = kUpdateId) {
  UpdateHistoryEntry e;
  e.title = std::move(title);
  e.update_id = std::move(id);
  e.operation = 1;
  e.result_code = result;
  e.hresult = hresult;
  e.date = fs.clock.time - ago;
  e.client = "UpdateOrchestrator";
  return e;
}

CheckResult history_check(fakes::FakeSystem& fs) { return check_update_history(fs.system()); }

TEST(UpdateHistoryCheck, FailedInstallInWuaHistoryIsAnErrorWithEvidence) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 72h, kFailed, kFileNotFound)};
  CheckResult r = history_check(fs);
  EXPECT_EQ(r.id, "update-history");
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "update-failed");
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.summary, "KB5037771 failed to install: 0x80070002 ERROR_FILE_NOT_FOUND");
  EXPECT_EQ(f.evidence["kb"], "KB5037771");
  EXPECT_EQ(f.evidence["title"], kCumulative);
  EXPECT_EQ(f.evidence["date"], "2026-05-25T20:26:40Z");
  EXPECT_EQ(f.evidence["hresult"], "0x80070002");
  EXPECT_EQ(f.evidence["name"], "ERROR_FILE_NOT_FOUND");
  EXPECT_EQ(f.evidence["source"], "wua");
  EXPECT_EQ(f.evidence["attempts"], 1);
  EXPECT_EQ(f.fix, std::optional<std::string>("reset"));  // table: wufix repair --only reset
  EXPECT_NE(f.advice.find("missing"), std::string::npos) << f.advice;  // the table's cause
}

TEST(UpdateHistoryCheck, FailureFollowedBySuccessIsNotReported) {
  fakes::FakeSystem fs;
  // WUA lists newest first.
  fs.update_agent.entries = {install(fs, 24h, kSucceeded),
                             install(fs, 72h, kFailed, kFileNotFound)};
  CheckResult r = history_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Ok);
  EXPECT_TRUE(r.findings.empty());
}

TEST(UpdateHistoryCheck, SucceededWithErrorsAlsoSupersedesAFailure) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 72h, kFailed, kFileNotFound),
                             install(fs, 24h, kWithErrors)};
  EXPECT_TRUE(history_check(fs).findings.empty());
}

TEST(UpdateHistoryCheck, LaterSuccessOfTheSameKbUnderAnotherUpdateIdClearsTheFailure) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {
      install(fs, 72h, kFailed, kFileNotFound),
      install(fs, 24h, kSucceeded, 0, kCumulative, "ffffffff-1111-2222-3333-444455556666")};
  EXPECT_TRUE(history_check(fs).findings.empty());
}

TEST(UpdateHistoryCheck, SuccessBeforeTheFailureDoesNotHideIt) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kFailed, kFileNotFound),
                             install(fs, 72h, kSucceeded)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["attempts"], 1);
}

TEST(UpdateHistoryCheck, RepeatedFailuresAreOneFindingCountingAttempts) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kFailed, kFileNotFound),
                             install(fs, 48h, kAborted, 0x80240022),
                             install(fs, 96h, kFailed, kFileNotFound)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["attempts"], 3);
  EXPECT_EQ(r.findings[0].evidence["date"], "2026-05-27T20:26:40Z");  // the latest attempt
}

TEST(UpdateHistoryCheck, AbortedInstallCountsAsFailed) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kAborted, 0x80240022)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["name"], "WU_E_ALL_UPDATES_FAILED");
  // The table's fix is `wufix logs`, not a repair step: it goes into the advice.
  EXPECT_EQ(r.findings[0].fix, std::nullopt);
  EXPECT_NE(r.findings[0].advice.find("wufix logs"), std::string::npos) << r.findings[0].advice;
}

TEST(UpdateHistoryCheck, FailuresOlderThan90DaysAreIgnored) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 91 * 24h, kFailed, kFileNotFound)};
  EXPECT_EQ(history_check(fs).status, CheckStatus::Ok);
}

TEST(UpdateHistoryCheck, UninstallsAndUnfinishedEntriesAreIgnored) {
  fakes::FakeSystem fs;
  UpdateHistoryEntry uninstall = install(fs, 24h, kFailed, kFileNotFound);
  uninstall.operation = 2;
  UpdateHistoryEntry in_progress = install(fs, 24h, 1);
  UpdateHistoryEntry blank;  // WUA returns these with empty title and operation 0
  fs.update_agent.entries = {uninstall, in_progress, blank};
  EXPECT_EQ(history_check(fs).status, CheckStatus::Ok);
}

TEST(UpdateHistoryCheck, UnknownCodeAdvisesInstallingTheKb) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kFailed, 0x8BADF00D)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.summary, "KB5037771 failed to install: 0x8BADF00D");
  EXPECT_TRUE(f.evidence["name"].is_null());
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.advice, "wufix install KB5037771");
}

TEST(UpdateHistoryCheck, FailureWithoutACodeSaysSoInsteadOfSOk) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kAborted, 0)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].summary, "KB5037771 failed to install: no error code recorded");
  EXPECT_EQ(r.findings[0].evidence["hresult"], "0x00000000");
  EXPECT_TRUE(r.findings[0].evidence["name"].is_null());
  EXPECT_EQ(r.findings[0].advice, "wufix install KB5037771");
}

TEST(UpdateHistoryCheck, RepairStepWithExtraArgumentsIsAlsoSpelledOutInTheAdvice) {
  fakes::FakeSystem fs;
  // 0x800F081F CBS_E_SOURCE_MISSING: the table says wufix repair --only dism --source PATH.
  fs.update_agent.entries = {install(fs, 24h, kFailed, 0x800F081F)};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].fix, std::optional<std::string>("dism"));
  EXPECT_NE(r.findings[0].advice.find("--source PATH"), std::string::npos) << r.findings[0].advice;
}

TEST(UpdateHistoryCheck, TableFixNamingAKbGetsTheRealKb) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kFailed, 0x800F0805)};  // CBS_E_INVALID_PACKAGE
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].advice.find("wufix install KB5037771"), std::string::npos)
      << r.findings[0].advice;
}

TEST(UpdateHistoryCheck, UpdateWithoutKbIsNamedByItsTitle) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {
      install(fs, 24h, kFailed, kFileNotFound, "Intel - Display - 31.0.101.4502", "d1")};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].summary.rfind("Intel - Display - 31.0.101.4502 failed to install", 0),
            0u);
  EXPECT_TRUE(r.findings[0].evidence["kb"].is_null());
}

TEST(UpdateHistoryCheck, SeveralFailedUpdatesAreListedNewestFirst) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {
      install(fs, 72h, kFailed, kFileNotFound),
      install(fs, 24h, kFailed, 0x800F0922, "Servicing Stack Update (KB5037000)", "b2")};
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].evidence["kb"], "KB5037000");
  EXPECT_EQ(r.findings[1].evidence["kb"], "KB5037771");
}

TEST(UpdateHistoryCheck, OkWhenHistoryHasOnlySuccesses) {
  fakes::FakeSystem fs;
  fs.update_agent.entries = {install(fs, 24h, kSucceeded)};
  CheckResult r = history_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(UpdateHistoryCheck, WuaNotImplementedFallsBackToReportingEventsAndNamesIt) {
  fakes::FakeSystem fs;
  fs.update_agent.error = Error{kNotImplemented, "QueryHistory failed", ""};
  fs.files.add_file(kLogPath, utf16le(failed_install_line() + "\r\n", true));
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u) << r.reason;
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.summary, "KB5037771 failed to install: 0x80070002 ERROR_FILE_NOT_FOUND");
  EXPECT_EQ(f.evidence["source"], "ReportingEvents.log");
  EXPECT_EQ(f.evidence["date"], "2026-05-20T08:15:01Z");  // logged at +0200
  EXPECT_EQ(f.evidence["title"], kCumulative);
  EXPECT_EQ(f.fix, std::optional<std::string>("reset"));
}

TEST(UpdateHistoryCheck, ClassNotRegisteredFallsBackToo) {
  fakes::FakeSystem fs;
  fs.update_agent.error = Error{0x80040154, "CoCreateInstance failed", "UpdateSession"};
  fs.files.add_file(kLogPath, failed_install_line() + "\n");
  CheckResult r = history_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["source"], "ReportingEvents.log");
}

TEST(UpdateHistoryCheck, ReportingEventsFailureSupersededByLaterSuccessIsNotReported) {
  fakes::FakeSystem fs;
  fs.update_agent.error = Error{kNotImplemented, "QueryHistory failed", ""};
  fs.files.add_file(kLogPath, utf16le(failed_install_line() + "\r\n" + succeeded_install_line() +
                                          "\r\n" + "junk line\r\n",
                                      true));
  CheckResult r = history_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Ok) << r.reason;
}

TEST(UpdateHistoryCheck, ReportingEventsDownloadFailuresAreNotInstallFailures) {
  fakes::FakeSystem fs;
  fs.update_agent.error = Error{kNotImplemented, "QueryHistory failed", ""};
  Line download;
  download.event = "161 [AGENT_DOWNLOAD_FAILED]";
  download.operation = "Content Download";
  fs.files.add_file(kLogPath, download.text() + "\n");
  EXPECT_EQ(history_check(fs).status, CheckStatus::Ok);
}

TEST(UpdateHistoryCheck, SkippedNamingBothReasonsWhenNeitherSourceIsAvailable) {
  fakes::FakeSystem fs;
  fs.update_agent.error = Error{kNotImplemented, "QueryHistory failed", ""};
  CheckResult r = history_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_FALSE(r.error);
  EXPECT_NE(r.reason.find("0x80004001"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("ReportingEvents.log: cannot open file"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace wufix
