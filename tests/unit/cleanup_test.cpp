// wufix cleanup: the selection rules (pure), DISM's analysis, and the deletion run over fakes.
#include <gtest/gtest.h>

#include "cli/cli.h"
#include "core/cleanup/cleanup.h"
#include "core/repair/undo.h"
#include "core/time_text.h"
#include "cleanup_fixture.h"
#include "fakes/fake_cleaner.h"
#include "repair_fixture.h"

namespace wufix {
namespace {

using namespace cleanup_testing;

// ---- names ----------------------------------------------------------------------------------

TEST(CleanupNames, TheAsideNamesOfResetsAreRecognized) {
  auto old = parse_aside_name("SoftwareDistribution.OLD");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->base, "softwaredistribution");
  EXPECT_EQ(old->tag, AsideName::Tag::Old);
  auto run = parse_aside_name("catroot2.wufix-20261129-134501-3f2a");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->tag, AsideName::Tag::Wufix);
  EXPECT_EQ(run->run_id, "20261129-134501-3f2a");
  auto undo = parse_aside_name("SoftwareDistribution.wufix-undo-20261129-134501-3f2a-2");
  ASSERT_TRUE(undo);
  EXPECT_EQ(undo->tag, AsideName::Tag::WufixUndo);
  EXPECT_EQ(undo->run_id, "20261129-134501-3f2a");
  auto queue = parse_aside_name("qmgr0.dat.wufix-20261129-134501-3f2a");
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->base, "qmgr0.dat");
}

TEST(CleanupNames, NothingElseIsEverACandidate) {
  for (const char* name : {"SoftwareDistribution", "Windows.old", "SoftwareDistribution.bak",
                           "Users.wufix-20261129-134501-3f2a", "catroot2.wufix-yesterday",
                           "catroot2.wufix-20261129-134501-3f2a-x", "catroot.old",
                           "SoftwareDistribution.old.txt", "notes.old"})
    EXPECT_FALSE(parse_aside_name(name)) << name;
}

TEST(CleanupNames, LeftoversAreOnlyLookedForWhereResetRenames) {
  fakes::FakeSystem fake;
  fake.files.add_dir(kSdOld, 100);
  fake.files.add_dir(kWin + "\\catroot2.old", 7);  // catroot2 lives in System32, not here
  fake.files.add_dir(kWin + "\\System32\\catroot2.wufix-20261129-134501-3f2a", 50);
  fake.files.add_dir(kWin + "\\Windows.old", 1 << 30);
  fake.files.add_dir("C:\\ProgramData\\Microsoft\\Network\\Downloader");
  fake.files.add_file("C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr0.dat.old", "q");
  auto found = find_leftovers(fake.system());
  ASSERT_TRUE(found.ok()) << found.error().message();
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ(fold((*found)[0].path), fold(kSdOld));  // FakeFiles lists folded names
  EXPECT_EQ((*found)[0].bytes, 100u);
  EXPECT_EQ((*found)[1].path, kWin + "\\System32\\catroot2.wufix-20261129-134501-3f2a");
  EXPECT_EQ(fold((*found)[2].path), fold("C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr0.dat.old"));
}

// ---- selection rules (fixture: cleanup_fixture.h) -----------------------------------------------

LeftoverFacts leftover(const std::string& path, uint64_t bytes,
                       std::optional<TimePoint> written = std::nullopt) {
  std::string entry = path.substr(path.find_last_of('\\') + 1);
  return {Leftover{path, *parse_aside_name(entry), bytes, ""}, written};
}

// A finished reset run that renamed SoftwareDistribution to `to`.
RunLog reset_run(const std::string& id, const std::string& started, const std::string& to) {
  RunLog run;
  run.run_id = id;
  run.started = started;
  run.result = "done";
  run.actions.push_back({1, rename_action(kWin + "\\SoftwareDistribution", to), "reset", true, true});
  return run;
}

TEST_F(Rules, ALeftoverIsFreedOnceAnUpdateInstalledAfterItWasSetAside) {
  facts.leftovers = {leftover(kSdOld, 4096, at("2026-11-01T00:00:00Z"))};
  CleanupItem item = only();
  EXPECT_TRUE(item.selected) << item.reason;
  EXPECT_EQ(item.bytes, 4096u);
  EXPECT_EQ(std::string(to_string(item.kind)), "leftover");
}

TEST_F(Rules, ALeftoverIsKeptUntilAnUpdateInstalledSince) {
  facts.leftovers = {leftover(kSdOld, 4096, at("2026-11-25T00:00:00Z"))};
  CleanupItem item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("no update has installed successfully since"), std::string::npos);

  facts.last_install_success.reset();
  facts.history_error = "Windows Update Agent history: E_NOTIMPL";
  item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("E_NOTIMPL"), std::string::npos) << item.reason;
}

TEST_F(Rules, ALeftoverOfUnknownAgeOrSizeIsKept) {
  facts.leftovers = {leftover(kSdOld, 4096)};  // no run, no write time
  EXPECT_FALSE(only().selected);
  facts.leftovers = {leftover(kSdOld, 0, at("2026-11-01T00:00:00Z"))};
  facts.leftovers[0].leftover.bytes.reset();
  facts.leftovers[0].leftover.size_error = "access denied";
  CleanupItem item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("access denied"), std::string::npos);
}

TEST_F(Rules, TheRunsStartDatesItsFoldersNotTheFoldersWriteTime) {
  // Written long ago (the live folder was old), set aside by a run after the last install.
  facts.leftovers = {leftover(kSdOld, 10, at("2026-01-01T00:00:00Z"))};
  facts.runs = {reset_run("20261125-100000-aaaa", "2026-11-25T10:00:00Z", kSdOld)};
  facts.runs[0].undo_ok = true;  // undone later: not undoable, its time still counts
  facts.runs[0].undo_begun = true;
  EXPECT_FALSE(only().selected);
  // A name that carries the run id dates itself even without the journal.
  facts.runs.clear();
  facts.leftovers = {leftover(kWin + "\\SoftwareDistribution.wufix-20261125-100000-aaaa", 10,
                              at("2026-01-01T00:00:00Z"))};
  EXPECT_FALSE(only().selected);
  facts.leftovers = {leftover(kWin + "\\SoftwareDistribution.wufix-20261115-100000-aaaa", 10)};
  EXPECT_TRUE(only().selected);
}

TEST_F(Rules, AnUndosCopyIsDatedByItsOwnWriteTimeNotItsRun) {
  // Run of 1 November, undone on 25 November (after the last install): too young to go.
  const std::string copy = kWin + "\\SoftwareDistribution.wufix-undo-20261101-100000-aaaa";
  facts.leftovers = {leftover(copy, 10, at("2026-11-25T09:00:00Z"))};
  RunLog run = reset_run("20261101-100000-aaaa", "2026-11-01T10:00:00Z", kSdOld);
  run.actions.push_back({2, rename_action(kWin + "\\SoftwareDistribution", copy), "undo", true, true});
  run.undo_begun = true;
  run.undo_ok = true;
  facts.runs = {run};
  EXPECT_FALSE(only().selected);
}

TEST_F(Rules, AStillUndoableRunsFolderIsKeptUnlessForgetUndo) {
  facts.leftovers = {leftover(kSdOld, 10)};
  facts.runs = {reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld)};
  CleanupItem item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_EQ(item.undo_run, "20261110-100000-aaaa");
  EXPECT_NE(item.reason.find("wufix undo 20261110-100000-aaaa"), std::string::npos);

  options.forget_undo = true;
  CleanupPlan plan = plan_cleanup(facts, options);
  EXPECT_TRUE(plan.items.at(0).selected);
  EXPECT_EQ(plan.forget_runs, (std::vector<std::string>{"20261110-100000-aaaa"}));
}

TEST_F(Rules, ForgetUndoStillWaitsForAnInstall) {
  facts.leftovers = {leftover(kSdOld, 10)};
  facts.runs = {reset_run("20261125-100000-aaaa", "2026-11-25T10:00:00Z", kSdOld)};
  options.forget_undo = true;
  CleanupPlan plan = plan_cleanup(facts, options);
  EXPECT_FALSE(plan.items.at(0).selected);
  EXPECT_TRUE(plan.forget_runs.empty());
}

TEST_F(Rules, UndoneRefusedAndRolledBackRunsProtectNothing) {
  facts.leftovers = {leftover(kSdOld, 10)};
  RunLog undone = reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld);
  undone.undo_begun = true;
  undone.undo_ok = true;
  EXPECT_EQ(undoable_owner(kSdOld, {undone}), "");
  RunLog refused = reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld);
  refused.refused = "entry 1: renames nothing repair owns";
  EXPECT_EQ(undoable_owner(kSdOld, {refused}), "");
  RunLog rolled_back = reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld);
  rolled_back.actions.push_back(
      {2, rename_action(kSdOld, kWin + "\\SoftwareDistribution"), "rollback:reset", true, true});
  EXPECT_EQ(undoable_owner(kSdOld, {rolled_back}), "");
  RunLog forgotten = reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld);
  forgotten.undo_forgotten = "deleted";
  EXPECT_EQ(undoable_owner(kSdOld, {forgotten}), "");
  RunLog failed_undo = reset_run("20261110-100000-aaaa", "2026-11-10T10:00:00Z", kSdOld);
  failed_undo.undo_begun = true;
  failed_undo.undo_ok = false;  // undo may be tried again: it still needs the folder
  EXPECT_EQ(undoable_owner(kSdOld, {failed_undo}), "20261110-100000-aaaa");
}

TEST_F(Rules, OlderThanCountsFromWhenItWasSetAside) {
  facts.leftovers = {leftover(kSdOld, 10, at("2026-11-10T00:00:00Z"))};
  options.older_than_days = 30;
  EXPECT_FALSE(only().selected);
  options.older_than_days = 14;
  EXPECT_TRUE(only().selected);
}

TEST_F(Rules, DownloadPayloadsOnlyWhileNothingUpdates) {
  DownloadFacts d{kWin + "\\SoftwareDistribution\\Download", 5000, {}, false, ""};
  facts.download = d;
  EXPECT_TRUE(only().selected);
  facts.download->busy_services = {"TrustedInstaller"};
  CleanupItem item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("TrustedInstaller running"), std::string::npos);
  facts.download = d;
  facts.download->reboot_pending = true;
  EXPECT_FALSE(only().selected);
  facts.download = d;
  facts.download->unknown = "OpenServiceW failed";
  EXPECT_FALSE(only().selected);
  facts.download = d;
  facts.download->bytes = 0;
  EXPECT_FALSE(only().selected);
}

// Delivery Optimization's cache: the default folder only, only while DoSvc is stopped.
TEST_F(Rules, TheComponentStoreOnlyWhenDismRecommendsIt) {
  facts.component_store = ComponentStoreFacts{kWin + "\\WinSxS", 2083059139, true, ""};
  CleanupItem item = only();
  EXPECT_TRUE(item.selected);
  EXPECT_EQ(item.bytes, 2083059139u);
  facts.component_store->recommended = false;
  EXPECT_FALSE(only().selected);
  facts.component_store = ComponentStoreFacts{kWin + "\\WinSxS", std::nullopt, false, "exit 740"};
  EXPECT_NE(only().reason.find("exit 740"), std::string::npos);
}

TEST(CleanupTimes, RunIdsAndJournalTimesAreUtc) {
  EXPECT_EQ(run_id_time("20261129-134501-3f2a"), at("2026-11-29T13:45:01Z"));
  EXPECT_FALSE(run_id_time("20261329-134501-3f2a"));
  EXPECT_FALSE(parse_iso_utc("2026-11-29T13:45:01"));  // no zone: not a journal time
}

// ---- DISM -------------------------------------------------------------------------------------

const char* kAnalysis =
    "\r\nDeployment Image Servicing and Management tool\r\nVersion: 10.0.22621.2792\r\n\r\n"
    "Image Version: 10.0.22621.3593\r\n\r\n"
    "[===========================100.0%==========================]\r\n"
    "Component Store (WinSxS) information:\r\n\r\n"
    "Windows Explorer Reported Size of Component Store : 7.62 GB\r\n\r\n"
    "Actual Size of Component Store : 7.41 GB\r\n\r\n"
    "    Shared with Windows : 5.46 GB\r\n"
    "    Backups and Disabled Features : 1.94 GB\r\n"
    "    Cache and Temporary Data :  512.50 MB\r\n\r\n"
    "Date of Last Cleanup : 2024-05-10 10:33:35\r\n\r\n"
    "Number of Reclaimable Packages : 2\r\n"
    "Component Store Cleanup Recommended : Yes\r\n\r\n"
    "The operation completed successfully.\r\n";

TEST(CleanupDism, TheAnalysisIsReadFromDismsReport) {
  fakes::FakeSystem fake;
  fake.processes.scripts["dism.exe"] = {{kAnalysis}, 0, std::nullopt};
  std::vector<double> progress;
  auto a = analyze_component_store(fake.system(), [&](double p) { progress.push_back(p); });
  ASSERT_TRUE(a.ok()) << a.error().message();
  EXPECT_EQ(a->actual_bytes, parse_dism_size("7.41 GB"));
  EXPECT_EQ(a->reclaimable(), *parse_dism_size("1.94 GB") + 512ull * 1024 * 1024 + 512 * 1024);
  EXPECT_EQ(a->recommended, true);
  EXPECT_EQ(progress.back(), 100.0);
  const auto& args = fake.processes.ran.at(0).args;
  EXPECT_EQ(args.back(), "/AnalyzeComponentStore");
  for (const auto& arg : args) EXPECT_NE(fold(arg), "/resetbase");
}

TEST(CleanupDism, SizesInEveryUnitAndDecimalComma) {
  EXPECT_EQ(parse_dism_size("0 bytes"), 0u);
  EXPECT_EQ(parse_dism_size("1,50 KB"), 1536u);
  EXPECT_EQ(parse_dism_size("2.00 GB"), 2ull << 30);
  EXPECT_FALSE(parse_dism_size("lots"));
  EXPECT_FALSE(parse_dism_size("-1 GB"));
}

TEST(CleanupDism, AFailedAnalysisSaysWhy) {
  fakes::FakeSystem fake;
  fake.processes.scripts["dism.exe"] = {
      {"\r\nError: 740\r\n\r\nElevated permissions are required to run DISM.\r\n"}, 740, std::nullopt};
  auto a = analyze_component_store(fake.system(), nullptr);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message().find("Elevated permissions"), std::string::npos);
}

// ---- the run (fixture: cleanup_fixture.h) ------------------------------------------------------

TEST_F(CleanupRun, AnUndoableRunsFoldersStayAndForgetUndoFreesThemAndRefusesUndo) {
  repair({"reset"});
  installed_after_the_run();
  fake.files.add_dir(kWin + "\\System32\\catroot2.wufix-undo-20251001-000000-abcd", 300);
  cleaner.written[fold(kWin + "\\System32\\catroot2.wufix-undo-20251001-000000-abcd")] =
      fake.clock.time - 24h;
  cleaner.bytes[fold(kWin + "\\System32\\catroot2.wufix-undo-20251001-000000-abcd")] = 300;

  CleanupResult first = cleanup();
  EXPECT_EQ(cleaner.removed, (std::vector<std::string>{
                                 kWin + "\\System32\\catroot2.wufix-undo-20251001-000000-abcd"}));
  EXPECT_EQ(first.freed_bytes, 300u);
  EXPECT_FALSE(first.failed());
  EXPECT_TRUE(*fake.files.exists(kSdOld));
  EXPECT_FALSE(journal_log().undo_forgotten);

  cleanup_options.forget_undo = true;
  bool forgotten_before_delete = false;
  cleaner.on_remove = [&](std::string_view) {
    forgotten_before_delete = journal_log().undo_forgotten.has_value();
  };
  CleanupResult second = cleanup();
  EXPECT_TRUE(forgotten_before_delete);
  EXPECT_FALSE(*fake.files.exists(kSdOld));
  EXPECT_FALSE(*fake.files.exists(std::string(kCatroot2) + ".old"));
  EXPECT_EQ(second.plan.forget_runs, (std::vector<std::string>{run_id}));

  auto runs = read_all_journals(fake.files, fake.platform);
  ASSERT_TRUE(runs.ok());
  auto problems = undo_problems(runs->runs.back(), runs->runs, sys);
  ASSERT_TRUE(problems.ok());
  ASSERT_FALSE(problems->empty());
  EXPECT_NE(problems->front().find("can no longer be undone"), std::string::npos);
  EXPECT_NE(problems->front().find("--forget-undo"), std::string::npos);
  EXPECT_NE(cleanup_journal().find(R"("type":"delete")"), std::string::npos);
}

TEST_F(CleanupRun, AFailingItemIsReportedAndTheOthersAreStillFreed) {
  for (const char* name : {"\\SoftwareDistribution.old", "\\System32\\catroot2.old"}) {
    fake.files.add_dir(kWin + name, 10);
    cleaner.written[fold(kWin + name)] = fake.clock.time;
    cleaner.bytes[fold(kWin + name)] = 10;
  }
  installed_after_the_run();
  cleaner.fail[fold(kSdOld)] = Error{5, "DeleteFileW failed", kSdOld};
  CleanupResult result = cleanup();
  EXPECT_TRUE(result.failed());
  EXPECT_EQ(result.freed_bytes, 10u);
  nlohmann::json j = to_json(result);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["freed_bytes"], 10);
  std::map<std::string, std::string> status;
  for (const auto& item : j["items"]) status[fold(item["path"].get<std::string>())] = item["status"];
  EXPECT_EQ(status[fold(kSdOld)], "failed");
  EXPECT_EQ(status[fold(kWin + "\\System32\\catroot2.old")], "freed");
  // The journal announced both deletions, and the failure's outcome.
  std::string journal = cleanup_journal();
  EXPECT_NE(journal.find(R"("ok":false)"), std::string::npos);
  EXPECT_NE(journal.find(R"("ok":true)"), std::string::npos);
}

// A cleanup whose header cannot be journaled deletes nothing: every selected item fails with
// the write's error, nothing goes unannounced.
TEST_F(CleanupRun, NothingIsDeletedWhenTheCleanupCannotBeJournaled) {
  fake.files.add_dir(kSdOld, 10);
  cleaner.written[fold(kSdOld)] = fake.clock.time;
  cleaner.bytes[fold(kSdOld)] = 10;
  installed_after_the_run();
  fake.files.fail_writes_containing = R"("type":"cleanup")";
  CleanupResult result = cleanup();
  EXPECT_TRUE(result.failed());
  EXPECT_EQ(result.freed_bytes, 0u);
  EXPECT_EQ(item_of(result, CleanupKind::Leftover).status, "failed");
  EXPECT_NE(item_of(result, CleanupKind::Leftover).error.find("disk full"), std::string::npos);
  EXPECT_TRUE(*fake.files.exists(kSdOld));
  EXPECT_EQ(cleanup_journal(), "");
}

TEST_F(CleanupRun, DownloadPayloadsStayWhileTrustedInstallerRuns) {
  installed_after_the_run();
  fake.files.add_dir(std::string(kSd) + "\\Download", 900);
  fake.files.add_file(std::string(kSd) + "\\Download\\kb.cab", "cab");
  fake.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  fake.services.add("TrustedInstaller", StartType::Manual, ServiceState::Running);
  CleanupResult result = cleanup();
  EXPECT_TRUE(cleaner.removed.empty());
  ASSERT_FALSE(result.plan.items.empty());
  EXPECT_EQ(result.plan.items.back().status, "kept");

  fake.services.add("TrustedInstaller", StartType::Manual, ServiceState::Stopped);
  result = cleanup();
  EXPECT_EQ(cleaner.removed, (std::vector<std::string>{std::string(kSd) + "\\Download\\kb.cab"}));
  EXPECT_TRUE(*fake.files.exists(std::string(kSd) + "\\Download"));  // the folder itself stays
}

TEST(CleanupCommand, NeedsElevationAndChangesNothingWithout) {
  fakes::FakeSystem fake;
  fake.platform.elevated = false;
  fake.files.add_dir(kSdOld, 10);
  System sys = fake.system();
  fakes::FakeCleaner cleaner(fake.files);
  Upkeep upkeep;
  upkeep.cleaner = &cleaner;
  EXPECT_EQ(run_cli({"cleanup", "--yes"}, sys, false, upkeep), 3);
  EXPECT_TRUE(cleaner.removed.empty());
  EXPECT_NE(fake.console.err.find("administrator"), std::string::npos) << fake.console.err;
}

TEST(CleanupCommand, TheHelpSaysResetBaseIsNeverUsed) {
  fakes::FakeSystem fake;
  System sys = fake.system();
  EXPECT_EQ(run_cli({"cleanup", "--help"}, sys), 0);
  EXPECT_NE(fake.console.out.find("Never DISM /ResetBase"), std::string::npos) << fake.console.out;
}

}  // namespace
}  // namespace wufix
