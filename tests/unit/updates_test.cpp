// wufix updates over a fake Windows Update Agent: classification, the install plan's filters,
// download/install results mapped to outcomes and exit codes, hide journaled and undone, and
// the proof scan at the end of a repair.
#include <algorithm>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "core/repair/dry_run.h"
#include "core/repair/undo.h"
#include "core/updates/hide.h"
#include "core/updates/install.h"
#include "core/updates/proof.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

constexpr const char* kSecurityId = "0FA1201D-4330-4FA8-8AE9-B877473B6441";
constexpr const char* kDriverId = "ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0";

UpdateFacts update(std::string id, std::string kb, std::string title, const char* category = nullptr) {
  UpdateFacts u;
  u.id = std::move(id);
  u.revision = 200;
  if (!kb.empty()) u.kbs = {std::move(kb)};
  u.title = std::move(title);
  if (category) u.categories.push_back({category, "localized name", "UpdateClassification"});
  u.max_download_size = 1000;
  return u;
}

struct Updates : ::testing::Test {
  fakes::FakeSystem fake;
  System sys = fake.system();
  fakes::FakeWua& wua = fake.update_agent.wua;

  void SetUp() override {
    auto lcu = update("aaaaaaaa-0000-0000-0000-000000000001", "5044284",
                      "2024-10 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5044284)",
                      kSecurityId);
    lcu.reboot_behavior = 1;
    auto driver = update("aaaaaaaa-0000-0000-0000-000000000002", "", "Intel - Display - 31.0.101.4502", kDriverId);
    driver.is_driver = true;
    auto preview = update("aaaaaaaa-0000-0000-0000-000000000003", "5044380",
                          "2024-10 Cumulative Update Preview for Windows 11 Version 23H2 for x64-based Systems (KB5044380)");
    preview.browse_only = true;
    auto defender = update("aaaaaaaa-0000-0000-0000-000000000004", "2267602",
                           "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.123.0)",
                           "e0789628-ce08-4437-be74-2495b842f43b");
    wua.updates = {lcu, driver, preview, defender};
  }

  std::unique_ptr<UpdateSession> session() { return std::move(*fake.update_agent.open_session()); }
};

TEST(UpdateClassification, FromTheCategoryIdWhateverTheLanguageOrCase) {
  EXPECT_EQ(classify(update("a", "1", "Sicherheitsupdate", kSecurityId)), Classification::Security);
  EXPECT_EQ(classify(update("a", "1", "x", "{E6CF1350-C01B-414D-A61F-263D14D133B4}")), Classification::Critical);
  EXPECT_EQ(classify(update("a", "1", "x", "b54e7d24-7add-428f-8b75-90a396fa584f")), Classification::Feature);
  EXPECT_EQ(classify(update("a", "1", "x", "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83")), Classification::Update);
  EXPECT_EQ(classify(update("a", "1", "x")), Classification::Update);
}

TEST(UpdateClassification, DriversPreviewsAndOptionalUpdatesWinOverTheCategory) {
  auto driver = update("a", "", "Realtek - Net", kSecurityId);
  driver.is_driver = true;
  EXPECT_EQ(classify(driver), Classification::Driver);
  EXPECT_EQ(classify(update("a", "1", "2024-10 Cumulative Update Preview for Windows 11", kSecurityId)),
            Classification::Preview);
  auto optional = update("a", "1", ".NET Framework update", kSecurityId);
  optional.browse_only = true;
  EXPECT_EQ(classify(optional), Classification::Optional);
}

TEST_F(Updates, ScanJsonHasTheContractKeys) {
  std::unique_ptr<UpdateSession> s;
  ScanResult r = scan_updates(sys, s, kCriteriaPending, std::chrono::seconds(0));
  ASSERT_FALSE(r.error);
  auto j = to_json(r);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["service"], "windows-update");
  EXPECT_TRUE(j["error"].is_null());
  ASSERT_EQ(j["updates"].size(), 4u);
  auto u = j["updates"][0];
  for (const char* key : {"id", "revision", "kb", "title", "classification", "size_bytes", "downloaded",
                          "reboot", "hidden", "browse_only"})
    EXPECT_TRUE(u.contains(key)) << key;
  EXPECT_EQ(u["kb"], "KB5044284");
  EXPECT_EQ(u["classification"], "security");
  EXPECT_EQ(u["reboot"], "always");
  EXPECT_TRUE(j["updates"][1]["kb"].is_null());  // drivers have no KB
  EXPECT_EQ(wua.searches, std::vector<std::string>{"IsInstalled=0 and IsHidden=0"});
}

TEST_F(Updates, ServiceIsWsusWhenPolicySaysSo) {
  fake.registry.set_string("SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate", "WUServer", "http://wsus.corp:8530");
  RegValue one;
  one.type = RegValue::Type::Dword;
  one.number = 1;
  fake.registry.set(Hive::LocalMachine, "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU", "UseWUServer", one);
  UpdateService s = configured_service(fake.registry);
  EXPECT_EQ(s.id, "wsus");
  EXPECT_EQ(s.label(), "WSUS (http://wsus.corp:8530)");
}

TEST_F(Updates, AFailedSearchIsExplainedWithTheRepairStepThatAddressesIt) {
  wua.search_error = Error{0x8024402C, "Windows Update Agent call failed", "IUpdateSearcher::EndSearch"};
  std::unique_ptr<UpdateSession> s;
  ScanResult r = scan_updates(sys, s, kCriteriaPending, std::chrono::seconds(0));
  ASSERT_TRUE(r.error);
  auto j = to_json(r)["error"];
  EXPECT_EQ(j["hresult"], "0x8024402C");
  EXPECT_EQ(j["name"], "WU_E_PT_WINHTTP_NAME_NOT_RESOLVED");
  EXPECT_EQ(j["fix"], "wufix repair --only reset");
  EXPECT_NE(j["meaning"].get<std::string>().find("could not be resolved"), std::string::npos);
}

TEST_F(Updates, DefaultPlanIsWhatWindowsUpdateInstallsWithoutOptionalOnes) {
  InstallPlan plan = plan_install(wua.updates, {});
  ASSERT_EQ(plan.chosen.size(), 3u);  // the preview is browse-only
  ASSERT_EQ(plan.left_out.size(), 1u);
  EXPECT_EQ(plan.left_out[0].update.kbs[0], "5044380");
}

TEST_F(Updates, ExclusionsLeaveDriversAndPreviewsOutEvenWithAll) {
  UpdateFilter f;
  f.all = f.exclude_drivers = f.exclude_preview = true;
  InstallPlan plan = plan_install(wua.updates, f);
  ASSERT_EQ(plan.chosen.size(), 2u);
  EXPECT_EQ(plan.left_out.size(), 2u);
  EXPECT_EQ(plan.left_out[0].reason, "driver (--exclude-drivers)");
  EXPECT_EQ(plan.left_out[1].reason, "preview (--exclude-preview)");
}

TEST_F(Updates, NamedUpdatesByKbOrIdAndMissingOnesReported) {
  auto args = parse_update_args({"kb5044380", "AAAAAAAA-0000-0000-0000-000000000004", "5099999"});
  ASSERT_TRUE(args.ok());
  UpdateFilter f;
  f.wanted = *args;
  InstallPlan plan = plan_install(wua.updates, f);
  ASSERT_EQ(plan.chosen.size(), 2u);  // a named optional update is installed
  EXPECT_EQ(plan.not_found, std::vector<std::string>{"KB5099999"});
  EXPECT_FALSE(parse_update_args({"KB12"}).ok());
}

TEST_F(Updates, InstallNeedingARestartExits3010AndReportsProgress) {
  wua.install_results[wua.updates[0].id] = {2, 0, true};
  UpdateFilter f;
  f.exclude_drivers = true;
  InstallPlan plan = plan_install(wua.updates, f);
  auto s = session();
  std::vector<UpdateProgress> seen;
  InstallHooks hooks{[&](const UpdateProgress& p) { seen.push_back(p); }, nullptr};
  InstallReport r = run_install(*s, plan, hooks);
  EXPECT_EQ(r.exit_code(), 3010);
  EXPECT_TRUE(r.reboot_required);
  ASSERT_EQ(wua.installs.size(), 1u);
  EXPECT_EQ(wua.installs[0].size(), 2u);  // LCU and Defender; driver and preview left out
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.back().percent, 100);
  EXPECT_EQ(seen.back().bytes_total, 200u);
}

TEST_F(Updates, AFailedDownloadIsNotInstalledAndIsExplained) {
  wua.download_results[wua.updates[0].id] = {4, 0x80246007, false};
  InstallPlan plan = plan_install(wua.updates, {});
  auto s = session();
  InstallReport r = run_install(*s, plan, {});
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_EQ(r.updates[0].status, "download-failed");
  ASSERT_TRUE(r.updates[0].advice);
  EXPECT_EQ(r.updates[0].advice->name, "WU_E_DM_NOTDOWNLOADED");
  EXPECT_EQ(r.updates[0].advice->fix, "wufix repair --only reset");
  EXPECT_EQ(wua.installs[0].size(), 2u);  // the others still install
  EXPECT_EQ(to_json(r)["updates"][0]["failure"]["hresult"], "0x80246007");
}

TEST_F(Updates, AFailedInstallWithAKbNamesTheFix) {
  wua.install_results[wua.updates[0].id] = {4, 0x800F081F, false};
  auto s = session();
  InstallReport r = run_install(*s, plan_install(wua.updates, {}), {});
  EXPECT_EQ(r.updates[0].status, "failed");
  EXPECT_EQ(r.updates[0].advice->fix, "wufix repair --only dism --source PATH");
  EXPECT_EQ(r.exit_code(), 1);
}

TEST_F(Updates, HideIsJournaledAndUndoUnhides) {
  auto s = session();
  HideOutcome o = set_updates_hidden(sys, *s, "20261202-080000-abcd", {"KB5044284"}, true);
  ASSERT_FALSE(o.error) << o.error->message();
  ASSERT_EQ(o.actions.size(), 1u);
  EXPECT_TRUE(wua.updates[0].hidden);
  EXPECT_EQ(to_json(o.actions[0])["kind"], "set-update-hidden");

  auto journals = read_all_journals(fake.files, fake.platform);
  ASSERT_TRUE(journals.ok());
  ASSERT_EQ(journals->runs.size(), 1u);
  const RunLog& log = journals->runs.front();
  EXPECT_FALSE(log.refused) << *log.refused;  // the trust table knows a hide run
  EXPECT_EQ(run_result(log), "done");
  ASSERT_EQ(actions_that_may_have_happened(log).size(), 1u);

  DryRunSystem dry(sys);  // undo's preview changes nothing
  auto preview_journal = JournalWriter::open(dry.files, fake.platform, log.run_id);
  EXPECT_EQ(perform_undo(dry.sys, *preview_journal, log, std::chrono::seconds(5)).actions.size(), 1u);
  EXPECT_TRUE(wua.updates[0].hidden);

  auto journal = JournalWriter::open(fake.files, fake.platform, log.run_id, log.last_seq() + 1);
  UndoOutcome undo = perform_undo(sys, *journal, log, std::chrono::seconds(5));
  ASSERT_FALSE(undo.error) << undo.error->message();
  EXPECT_FALSE(wua.updates[0].hidden);
  EXPECT_TRUE((*read_journal(fake.files, fake.platform, log.run_id)).undone());
}

// A hide run that died after setting the flag: --resume puts the flag back and runs no repair
// step (the plan's "hide" is not one).
TEST_F(Updates, ResumingAnInterruptedHideRunUnhidesAndRunsNoRepairStep) {
  auto s = session();
  HideOutcome o = set_updates_hidden(sys, *s, "20261202-080000-abcd", {"KB5044284"}, true);
  ASSERT_FALSE(o.error) << o.error->message();
  const std::string path = journal_path(fake.platform, o.run_id);
  std::string text = fake.files.content(path);
  text.erase(text.rfind('\n', text.find("\"type\":\"step\"")) + 1);  // no step or end record
  fake.files.add_file(path, text);
  ASSERT_TRUE(read_journal(fake.files, fake.platform, o.run_id)->interrupted());

  EXPECT_EQ(run_cli({"repair", "--resume", "--yes", "--no-scan"}, sys), 0) << fake.console.err;
  EXPECT_FALSE(wua.updates[0].hidden);
  EXPECT_TRUE(fake.processes.ran.empty());  // no sfc, no step of any kind
  EXPECT_FALSE(read_journal(fake.files, fake.platform, o.run_id)->interrupted());
}

TEST_F(Updates, HidingWhatIsAlreadyHiddenWritesNoRun) {
  wua.updates[0].hidden = true;
  auto s = session();
  HideOutcome o = set_updates_hidden(sys, *s, "20261202-080000-abcd", {"KB5044284", "KB5000000"}, true);
  EXPECT_TRUE(o.actions.empty());
  EXPECT_EQ(o.not_found, std::vector<std::string>{"KB5000000"});
  EXPECT_EQ(o.exit_code(), 1);
  EXPECT_TRUE(read_all_journals(fake.files, fake.platform)->runs.empty());
}

RunOutcome finished_run(std::vector<std::pair<std::string, StepStatus>> steps) {
  RunOutcome run;
  for (auto& [id, status] : steps) run.steps.push_back(StepOutcome{id, status, {}, {}, {}, {}, {}, {}});
  return run;
}

TEST_F(Updates, ProofRunsOnlyAfterStepsThatCanStopTheSearch) {
  EXPECT_FALSE(proof_skip_reason(finished_run({{"reset", StepStatus::Done}}), false));
  EXPECT_EQ(*proof_skip_reason(finished_run({{"sfc", StepStatus::Done}}), false),
            "no step that affects the update search ran");
  EXPECT_EQ(*proof_skip_reason(finished_run({{"reset", StepStatus::Done}}), true), "--no-scan");
  EXPECT_TRUE(proof_skip_reason(finished_run({{"reset", StepStatus::RolledBack}}), false));
}

TEST_F(Updates, ProofCountsUpdatesOrFailsTheRunOrIsSkippedWhenNoAgent) {
  ScanProof ok = run_proof_scan(sys, kProofScanLimit);
  EXPECT_EQ(ok.status, "ok");
  EXPECT_EQ(*ok.updates, 4u);
  EXPECT_EQ(exit_code_with_proof(3010, ok), 3010);

  wua.search_error = Error{0x80072EFD, "Windows Update Agent call failed", ""};
  ScanProof failed = run_proof_scan(sys, kProofScanLimit);
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(to_json(failed)["hresult"], "0x80072EFD");
  EXPECT_EQ(exit_code_with_proof(0, failed), 1);

  wua.open_error = Error{0x80004001, "Windows Update Agent unavailable", "CoCreateInstance"};
  ScanProof skipped = run_proof_scan(sys, kProofScanLimit);
  EXPECT_EQ(skipped.status, "skipped");
  EXPECT_NE(skipped.reason.find("not available"), std::string::npos);
  EXPECT_EQ(exit_code_with_proof(0, skipped), 0);
}

TEST_F(Updates, UpdatesCommandUnderAStubAgentExits1WithOneLineOnStderr) {
  wua.open_error = Error{0x80004001, "Windows Update Agent unavailable", "CoCreateInstance(Microsoft.Update.Session)"};
  int code = run_cli({"updates", "--json"}, sys);
  EXPECT_EQ(code, 1);
  auto j = nlohmann::json::parse(fake.console.out);
  EXPECT_EQ(j["error"]["hresult"], "0x80004001");
  EXPECT_EQ(std::count(fake.console.err.begin(), fake.console.err.end(), '\n'), 1);
}

TEST_F(Updates, InstallCommandWithoutYesAndNoTerminalRefuses) {
  EXPECT_EQ(run_cli({"updates", "install", "--exclude-drivers"}, sys), 2);
  EXPECT_TRUE(wua.downloads.empty());
  fake.platform.elevated = false;
  EXPECT_EQ(run_cli({"updates", "install", "--yes"}, sys), 3);
}

TEST_F(Updates, InstallCommandJsonAfterTheSubcommand) {
  wua.install_results[wua.updates[0].id] = {2, 0, true};
  EXPECT_EQ(run_cli({"updates", "install", "KB5044284", "--yes", "--json"}, sys), 3010);
  auto j = nlohmann::json::parse(fake.console.out);
  EXPECT_EQ(j["updates"][0]["status"], "installed");
  EXPECT_EQ(j["reboot_required"], true);
}

}  // namespace
}  // namespace wufix
