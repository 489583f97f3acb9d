// The scheduled health check: the task XML, which changes become which events, the folder's
// DACL, keeping the last 10 results; over fakes (Wine's Task Scheduler keeps no triggers or
// principal and its event log is a stub, so those parts are asserted here). The commands:
// health_commands_test.cpp.
#include <gtest/gtest.h>

#include "cli/cli.h"
#include "core/cleanup/plan.h"
#include "core/health/status.h"
#include "core/health/store.h"
#include "core/health/task.h"
#include "core/private_folder.h"
#include "health_fixture.h"

namespace wufix {
namespace {

using namespace health_testing;

// ---- the task -------------------------------------------------------------------------------

TEST(HealthTask, RunsWeeklyAndTenMinutesAfterBootAsSystem) {
  std::string xml = health_task_xml("C:\\Tools & Co\\wufix.exe");
  auto between = [&](const std::string& open, const std::string& close) {
    size_t a = xml.find(open), b = xml.find(close);
    return a == std::string::npos || b == std::string::npos ? std::string()
                                                            : xml.substr(a, b + close.size() - a);
  };
  std::string calendar = between("<CalendarTrigger>", "</CalendarTrigger>");
  EXPECT_NE(calendar.find("<ScheduleByWeek>"), std::string::npos) << xml;
  EXPECT_NE(calendar.find("<WeeksInterval>1</WeeksInterval>"), std::string::npos);
  EXPECT_NE(calendar.find("<Sunday />"), std::string::npos);
  std::string boot = between("<BootTrigger>", "</BootTrigger>");
  EXPECT_NE(boot.find("<Delay>PT10M</Delay>"), std::string::npos) << xml;
  EXPECT_NE(between("<Triggers>", "</Triggers>").find(boot), std::string::npos);
  std::string principal = between("<Principal id=\"Author\">", "</Principal>");
  EXPECT_NE(principal.find("<UserId>S-1-5-18</UserId>"), std::string::npos) << xml;
  EXPECT_NE(principal.find("<RunLevel>HighestAvailable</RunLevel>"), std::string::npos);
  EXPECT_NE(xml.find("<Actions Context=\"Author\">"), std::string::npos);
  std::string exec = between("<Exec>", "</Exec>");
  EXPECT_NE(exec.find("<Command>\"C:\\Tools &amp; Co\\wufix.exe\"</Command>"), std::string::npos) << exec;
  EXPECT_NE(exec.find("<Arguments>diagnose --json --health</Arguments>"), std::string::npos);
}

// ---- what changed, which events --------------------------------------------------------------

TEST(HealthChanges, AProblemIsTheSameAcrossWeeksThoughItsNumbersChange) {
  HealthResult before = result_of({finding_json("low-disk-space", "warning", "Only 9.1 GB free", {{"drive", "C:\\"}}),
                                   finding_json("long-uptime", "info", "Up 3 days")});
  HealthResult after = result_of({finding_json("low-disk-space", "warning", "Only 8.2 GB free", {{"drive", "C:\\"}})});
  HealthChanges c = compare_results(&before, after);
  EXPECT_TRUE(c.empty()) << ::testing::PrintToString(ids_of(c.appeared));
  EXPECT_TRUE(events_for(c).empty());
}

TEST(HealthChanges, AppearedAndClearedFindingsBecomeOneEventEachBySeverity) {
  HealthResult before = result_of({
      finding_json("pending-reboot", "warning", "A restart is pending"),
      finding_json("service-disabled", "error", "wuauserv is disabled", {{"service", "wuauserv"}}),
  });
  HealthResult after = result_of({
      finding_json("service-disabled", "error", "wuauserv is disabled", {{"service", "wuauserv"}}),
      finding_json("winhttp-proxy", "warning", "A dead proxy"),
      finding_json("service-disabled", "error", "BITS is disabled", {{"service", "BITS"}}),
      finding_json("long-uptime", "info", "Up 40 days"),  // notes are not tracked
  });
  HealthChanges c = compare_results(&before, after);
  EXPECT_EQ(ids_of(c.appeared), (std::vector<std::string>{"winhttp-proxy", "service-disabled:BITS"}));
  EXPECT_EQ(ids_of(c.cleared), (std::vector<std::string>{"pending-reboot"}));

  std::vector<HealthEvent> events = events_for(c);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].id, kEventErrorAppeared);  // errors first
  EXPECT_EQ(events[0].type, EventType::Error);
  EXPECT_NE(events[0].message.find("service-disabled appeared: BITS is disabled"), std::string::npos)
      << events[0].message;
  EXPECT_EQ(events[1].id, kEventWarningAppeared);
  EXPECT_EQ(events[1].type, EventType::Warning);
  EXPECT_EQ(events[2].id, kEventCleared);
  EXPECT_EQ(events[2].type, EventType::Information);
  EXPECT_NE(events[2].message.find("pending-reboot cleared"), std::string::npos) << events[2].message;
}

TEST(HealthChanges, AWarningTurnedErrorAppearsAsAnErrorAndClearsAsAWarning) {
  HealthResult before = result_of({finding_json("low-disk-space", "warning", "Only 9 GB free")});
  HealthResult after = result_of({finding_json("low-disk-space", "error", "Only 4 GB free")});
  std::vector<HealthEvent> events = events_for(compare_results(&before, after));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, kEventErrorAppeared);
  EXPECT_EQ(events[1].id, kEventCleared);
}

TEST(HealthChanges, TheFirstResultReportsEveryProblem) {
  HealthResult first = result_of({finding_json("pending-reboot", "warning", "A restart is pending")});
  std::vector<HealthEvent> events = events_for(compare_results(nullptr, first));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, kEventWarningAppeared);
}

// ---- the health folder's DACL ---------------------------------------------------------------

// The SDDL WinFolderSharing applies (Wine keeps no security descriptor, so it cannot be read back
// there): Users read only, SYSTEM and Administrators full control, nobody else, all inherited.
TEST(HealthFolderAcl, UsersReadAndOnlySystemAndAdministratorsWrite) {
  const std::string sddl(kReadableFolderSddl);
  ASSERT_EQ(sddl.rfind("O:BA", 0), 0u) << sddl;  // owner Administrators
  const size_t dacl = sddl.find("D:P(");          // protected: nothing inherited from above
  ASSERT_NE(dacl, std::string::npos) << sddl;
  std::map<std::string, std::string> rights;      // trustee -> rights of its allow entry
  for (size_t at = sddl.find('(', dacl); at != std::string::npos; at = sddl.find('(', at + 1)) {
    const std::string ace = sddl.substr(at + 1, sddl.find(')', at) - at - 1);
    std::vector<std::string> f(1);  // type;flags;rights;object;inherited object;trustee
    for (char c : ace) {
      if (c == ';') f.emplace_back();
      else f.back() += c;
    }
    ASSERT_EQ(f.size(), 6u) << ace;
    EXPECT_EQ(f[0], "A") << ace;     // allow entries only
    EXPECT_EQ(f[1], "OICI") << ace;  // inherited by the result files
    EXPECT_TRUE(rights.emplace(f[5], f[2]).second) << "two entries for " << f[5];
  }
  EXPECT_EQ(rights, (std::map<std::string, std::string>{{"SY", "FA"}, {"BA", "FA"}, {"BU", "FR"}}));
}

// ---- storing and keeping the last 10 (fixture: health_fixture.h) -------------------------------


TEST_F(HealthFixture, AResultIsStoredPrivatelyWithTheFreeSpaceAndReadBack) {
  HealthRecording rec = record({finding_json("pending-reboot", "warning", "A restart is pending")}, 42);
  EXPECT_EQ(rec.events_written, 1u);
  ASSERT_EQ(stored_results(), (std::vector<std::string>{rec.result.id + ".json"}));
  // %ProgramData%\wufix private; the health folder made once, readable by Users from the start
  EXPECT_EQ(fake.files.made_private, (std::vector<std::string>{"new C:\\ProgramData\\wufix"}));
  EXPECT_EQ(sharing.shared, (std::vector<std::string>{kHealth}));
  EXPECT_EQ(fake.files.security(kHealth).value()->allowed,
            (std::vector<std::string>{"S-1-5-18", "S-1-5-32-544", kUsersSid}));
  json doc = json::parse(fake.files.content(kHealth + "\\" + rec.result.id + ".json"));
  EXPECT_EQ(doc["schema"], 1);  // the diagnose document, as `diagnose --json` prints it
  EXPECT_EQ(doc["health"]["free_bytes"], 42 * kGiB);
  EXPECT_EQ(doc["health"]["drive"], "C:\\");
  EXPECT_EQ(doc["health"]["events_due"], 1);
  json outcome = json::parse(fake.files.content(kHealth + "\\" + rec.result.id + ".events.json"));
  EXPECT_EQ(outcome, (json{{"events_written", 1}}));

  auto read = read_health_results(*sys.files, *sys.platform);
  ASSERT_TRUE(read.ok()) << read.error().message();
  ASSERT_EQ(read->results.size(), 1u);
  EXPECT_TRUE(read->skipped.empty());
  EXPECT_EQ(read->results[0].free_bytes, 42 * kGiB);
  EXPECT_EQ(ids_of(read->results[0].problems), (std::vector<std::string>{"pending-reboot"}));
}

TEST_F(HealthFixture, EventsAreWrittenOnlyWhenAProblemAppearsOrClears) {
  json reboot = finding_json("pending-reboot", "warning", "A restart is pending");
  record({reboot});
  record({reboot});
  EXPECT_EQ(events.entries.size(), 1u);
  record({});
  ASSERT_EQ(events.entries.size(), 2u);
  EXPECT_EQ(events.entries[1].id, kEventCleared);
  EXPECT_EQ(events.entries[1].source, "wufix");
}

// Monitoring that reacts to an event and asks `wufix status` must see the result that caused it,
// not the one before.
TEST_F(HealthFixture, TheResultIsStoredBeforeItsEventsAreWritten) {
  json reboot = finding_json("pending-reboot", "warning", "A restart is pending");
  record({});
  std::vector<std::vector<std::string>> seen;  // the last result's problems at each event
  events.on_report = [&](const fakes::FakeEventLog::Entry&) {
    auto read = read_health_results(*sys.files, *sys.platform);
    ASSERT_TRUE(read.ok() && !read->results.empty());
    seen.push_back(ids_of(read->results.back().problems));
  };
  HealthRecording rec = record({reboot});
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], (std::vector<std::string>{"pending-reboot"}));
  EXPECT_EQ(stored_results().back(), rec.result.id + ".json");
  seen.clear();
  record({});  // cleared: the status at the event has it gone already
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].empty());
}

TEST_F(HealthFixture, AResultThatCannotBeStoredStillSendsItsEventsSayingSoAndFails) {
  record({});
  fake.files.fail_writes = Error{112, "WriteFile failed", "disk full"};
  fake.clock.time += std::chrono::hours(24);
  auto rec = record_health(sys, upkeep(), diagnosis_json({finding_json("low-disk-space", "error",
                                                                       "Only 1 GB free")}));
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().code, 112u);
  ASSERT_EQ(events.entries.size(), 1u);
  EXPECT_EQ(events.entries[0].id, kEventErrorAppeared);
  EXPECT_NE(events.entries[0].message.find("could not be stored"), std::string::npos)
      << events.entries[0].message;
  EXPECT_NE(events.entries[0].message.find("WriteFile failed"), std::string::npos);
  fake.files.fail_writes.reset();
  EXPECT_EQ(run_cli({"status"}, sys, false, upkeep()), 0) << fake.console.err;  // the older one
}

TEST_F(HealthFixture, AFailingEventLogNeverFailsTheRunAndIsNoted) {
  events.fail = Error{0x80004001, "ReportEventW failed", "wufix"};
  HealthRecording rec = record({finding_json("pending-reboot", "warning", "A restart is pending")});
  ASSERT_TRUE(rec.event_error);
  EXPECT_EQ(stored_results().size(), 1u);
  json outcome = json::parse(fake.files.content(kHealth + "\\" + rec.result.id + ".events.json"));
  EXPECT_EQ(outcome["events_written"], 0);
  EXPECT_NE(outcome["event_error"].get<std::string>().find("ReportEventW"), std::string::npos);
  auto read = read_health_results(*sys.files, *sys.platform);
  ASSERT_EQ(read->results.size(), 1u);
  ASSERT_TRUE(read->results[0].event_error);
  EXPECT_NE(read->results[0].event_error->find("ReportEventW"), std::string::npos);
}

// The next run leaves Users' read entry alone (ensure_private_folder would take it away and
// status would fail until it was put back).
TEST_F(HealthFixture, TheNextRunKeepsTheFolderReadableByUsers) {
  record({});
  record({});
  EXPECT_EQ(fake.files.made_private, (std::vector<std::string>{"new C:\\ProgramData\\wufix"}));
  EXPECT_EQ(fake.files.security(kHealth).value()->allowed.back(), kUsersSid);
  EXPECT_EQ(stored_results().size(), 2u);
}

// Users may read the results, never write them (a planted result would be what status shows).
TEST_F(HealthFixture, AFolderUsersMayWriteIsRefusedWhenItCannotBeChanged) {
  ASSERT_TRUE(fake.files.create_directories(kHealth).ok());
  FileSecurity writable;
  writable.owner = "S-1-5-32-544";
  writable.directory = true;
  writable.allowed = {"S-1-5-18", "S-1-5-32-544", kUsersSid};
  writable.writers = {"S-1-5-18", "S-1-5-32-544", kUsersSid};
  fake.files.set_security(kHealth, writable);
  sharing.ignored = true;
  auto rec = record_health(sys, upkeep(), diagnosis_json({}));
  ASSERT_FALSE(rec.ok());
  EXPECT_NE(rec.error().message().find("S-1-5-32-545 may write there"), std::string::npos)
      << rec.error().message();
  EXPECT_TRUE(stored().empty());
}

TEST_F(HealthFixture, AFolderOthersMayWriteIsRefusedWhenItCannotBeChanged) {
  ASSERT_TRUE(fake.files.create_directories(kHealth).ok());
  FileSecurity open;
  open.owner = "S-1-5-32-544";
  open.directory = true;
  open.allowed = {"S-1-5-18", "S-1-5-32-544", "S-1-1-0"};  // Everyone
  fake.files.set_security(kHealth, open);
  sharing.ignored = true;  // as Wine does to an existing folder
  fake.clock.time += std::chrono::hours(24);
  auto rec = record_health(sys, upkeep(), diagnosis_json({}));
  ASSERT_FALSE(rec.ok());
  EXPECT_NE(rec.error().message().find("S-1-1-0 may use it"), std::string::npos) << rec.error().message();
  EXPECT_TRUE(stored().empty());
  sharing.ignored = false;  // Windows: SetNamedSecurityInfoW replaces the DACL
  record({});
  EXPECT_EQ(stored_results().size(), 1u);
}

TEST_F(HealthFixture, WhenUsersCannotBeLetInTheResultsAreStillKeptPrivately) {
  sharing.fail = Error{5, "SetNamedSecurityInfoW failed", kHealth};
  HealthRecording rec = record({});
  ASSERT_TRUE(rec.sharing_error);  // said, not dropped: status will need elevation
  EXPECT_NE(rec.sharing_error->message().find("SetNamedSecurityInfoW"), std::string::npos);
  EXPECT_EQ(stored_results().size(), 1u);
  EXPECT_NE(std::find(fake.files.made_private.begin(), fake.files.made_private.end(),
                      "new " + kHealth), fake.files.made_private.end());
}

TEST_F(HealthFixture, OnlyTheNewestTenResultsAreKept) {
  for (int i = 0; i < 12; ++i) record({}, 60 - i);
  std::vector<std::string> names = stored();
  ASSERT_EQ(names.size(), kHealthResultsKept);
  ASSERT_EQ(cleaner.removed.size(), 2u);
  std::sort(names.begin(), names.end());
  for (const std::string& removed : cleaner.removed)
    EXPECT_LT(fakes::fold(removed), fakes::fold(kHealth + "\\" + names[0])) << removed;
  auto read = read_health_results(*sys.files, *sys.platform);
  ASSERT_EQ(read->results.size(), 10u);
  EXPECT_EQ(read->results.front().free_bytes, 58 * kGiB);  // the third run
}

TEST(HealthRotation, OnlyResultFilesCountAndTheOldestGo) {
  std::vector<std::string> names = {"20261203-030000-aaaa.json", "notes.txt",
                                    "20261201-030000-bbbb.json", "20261202-030000-cccc.json",
                                    "20261201-030000-bbbb.json.bak"};
  EXPECT_EQ(results_beyond(names, 2), (std::vector<std::string>{"20261201-030000-bbbb.json"}));
  EXPECT_TRUE(results_beyond(names, 3).empty());
}

TEST(HealthRotation, AResultsEventsFileGoesWithItAndAnOrphanGoesToo) {
  std::vector<std::string> names = {"20261203-030000-aaaa.json", "20261203-030000-aaaa.events.json",
                                    "20261201-030000-bbbb.events.json", "20261201-030000-bbbb.json",
                                    "20261130-030000-dddd.events.json", "x.events.json"};
  EXPECT_EQ(results_beyond(names, 1),
            (std::vector<std::string>{"20261201-030000-bbbb.json", "20261201-030000-bbbb.events.json",
                                      "20261130-030000-dddd.events.json"}));
  EXPECT_EQ(results_beyond(names, 2), (std::vector<std::string>{"20261130-030000-dddd.events.json"}));
}

TEST_F(HealthFixture, AResultSomeoneElseWroteIsSkipped) {
  record({});
  fake.files.add_file(kHealth + "\\20261130-030000-0bad.json", diagnosis_json({}).dump());
  FileSecurity foreign;
  foreign.owner = "S-1-5-21-9-9-9-1002";
  fake.files.set_security(kHealth + "\\20261130-030000-0bad.json", foreign);
  fake.files.add_file(kHealth + "\\20261130-040000-0bad.json", "{not json");
  auto read = read_health_results(*sys.files, *sys.platform);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->results.size(), 1u);
  ASSERT_EQ(read->skipped.size(), 2u);
  EXPECT_NE(read->skipped[0].reason.find("owner"), std::string::npos) << read->skipped[0].reason;
}

// Two runs in one second, or a clock set back: the new result still sorts after the last, so
// `status` shows it and the comparison is with the one before it.
TEST(HealthResultNames, ANewResultAlwaysSortsAfterTheLast) {
  HealthResult last;
  last.id = "20261202-195901-ffff";
  const auto same_second = *run_id_time("20261202-195901-0000");
  const auto earlier = *run_id_time("20200101-000000-0000");  // the clock was set back
  for (auto now : {same_second, earlier}) {
    std::string id = next_result_id({last}, now);
    EXPECT_GT(id, last.id);
    EXPECT_EQ(id.substr(0, 15), "20261202-195902");
  }
  EXPECT_EQ(next_result_id({}, earlier).substr(0, 15), "20200101-000000");
}

}  // namespace
}  // namespace wufix
