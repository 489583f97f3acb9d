// What wufix accepts from a run journal: each allowed shape, and each refused one (the shapes a
// planted journal would use: another folder, another service, another program, a foreign run).
#include <gtest/gtest.h>

#include "core/repair/journal_trust.h"

namespace wufix {
namespace {

const TrustContext kCtx{"C:\\Windows", "C:\\ProgramData", "20261129-120000-beef"};
constexpr const char* kSd = "C:\\Windows\\SoftwareDistribution";

Action service(Action::Kind kind, std::string name, StartType start = StartType::Manual) {
  Action a;
  a.kind = kind;
  a.service = std::move(name);
  a.new_start = start;
  return a;
}

Action program(std::string exe, std::vector<std::string> args) {
  Action a;
  a.kind = Action::Kind::RunProgram;
  a.program = "C:\\Windows\\System32\\" + exe;
  a.args = std::move(args);
  return a;
}

bool allowed(const Action& a) { return !untrusted_action(a, kCtx).has_value(); }

TEST(JournalTrust, RenamesOfTheCacheFoldersToAndFromTheirAsideNames) {
  std::string sd = kSd, cr = "C:\\Windows\\System32\\catroot2";
  for (const std::string& aside : {sd + ".old", sd + ".wufix-20261129-120000-beef",
                                   sd + ".wufix-20261129-120000-beef-2",
                                   sd + ".wufix-undo-20261129-120000-beef"}) {
    EXPECT_TRUE(allowed(rename_action(sd, aside))) << aside;
    EXPECT_TRUE(allowed(rename_action(aside, sd))) << aside;
  }
  EXPECT_TRUE(allowed(rename_action("c:\\windows\\softwaredistribution", sd + ".OLD")));  // any case
  EXPECT_TRUE(allowed(rename_action(cr, cr + ".old")));
  std::string q = "C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr0.dat";
  EXPECT_TRUE(allowed(rename_action(q, q + ".wufix-20261129-120000-beef")));
}

TEST(JournalTrust, RefusesEveryOtherRename) {
  std::string sd = kSd;
  // The attack of issue #11: a user's folder moved onto a service's program folder.
  EXPECT_FALSE(allowed(rename_action("C:\\Users\\eve\\payload", "C:\\Program Files\\Windows Defender")));
  EXPECT_FALSE(allowed(rename_action(sd + ".old", "C:\\Program Files\\x")));
  EXPECT_FALSE(allowed(rename_action(sd, sd + ".wufix-20261129-120000-0bad")));  // another run
  EXPECT_FALSE(allowed(rename_action(sd, sd + ".old\\..\\..\\System32")));
  EXPECT_FALSE(allowed(rename_action(sd, sd + "2")));
  EXPECT_FALSE(allowed(rename_action(sd, "C:\\Windows\\System32\\catroot2")));
  EXPECT_FALSE(allowed(rename_action("C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr..\\x.dat",
                                     "C:\\y")));
  EXPECT_FALSE(allowed(rename_action("D:\\Windows\\SoftwareDistribution", "D:\\Windows\\SoftwareDistribution.old")));
}

TEST(JournalTrust, ServicesRepairManagesOnly) {
  for (const char* name : {"wuauserv", "BITS", "cryptsvc", "msiserver", "UsoSvc", "DoSvc",
                           "WaaSMedicSvc", "W32Time", "AppIDSvc"}) {
    EXPECT_TRUE(allowed(service(Action::Kind::StopService, name))) << name;
    EXPECT_TRUE(allowed(service(Action::Kind::StartService, name))) << name;
    EXPECT_TRUE(allowed(service(Action::Kind::SetStartType, name, StartType::Disabled))) << name;
  }
  EXPECT_FALSE(allowed(service(Action::Kind::StopService, "WinDefend")));
  EXPECT_FALSE(allowed(service(Action::Kind::SetStartType, "Sense", StartType::Disabled)));
  EXPECT_FALSE(allowed(service(Action::Kind::SetStartType, "wuauserv", StartType::Boot)));
}

TEST(JournalTrust, ProgramsFromSystem32WithRepairsArguments) {
  EXPECT_TRUE(allowed(program("sfc.exe", {"/scannow"})));
  EXPECT_TRUE(allowed(program("w32tm.exe", {"/resync"})));
  EXPECT_TRUE(allowed(program("Dism.exe", {"/Online", "/English", "/Cleanup-Image", "/ScanHealth"})));
  EXPECT_TRUE(allowed(program("Dism.exe", {"/Online", "/English", "/Cleanup-Image", "/RestoreHealth",
                                           "/Source:WIM:D:\\sources\\install.wim:1", "/LimitAccess"})));
  EXPECT_FALSE(allowed(program("cmd.exe", {"/c", "whoami"})));
  EXPECT_FALSE(allowed(program("sfc.exe", {"/scannow", "/offbootdir=C:\\"})));
  EXPECT_FALSE(allowed(program("Dism.exe", {"/Online", "/Add-Package", "/PackagePath:C:\\x.cab"})));
  Action elsewhere = program("sfc.exe", {"/scannow"});
  elsewhere.program = "C:\\Users\\eve\\sfc.exe";
  EXPECT_FALSE(allowed(elsewhere));
}

TEST(JournalTrust, RegistryValuesOfTheUpdatePolicyTableOnly) {
  const std::string wu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
  RawRegValue no_auto{"NoAutoUpdate", 4, {1, 0, 0, 0}};
  EXPECT_TRUE(allowed(delete_reg_value_action(wu + "\\AU", no_auto)));
  EXPECT_TRUE(allowed(set_reg_value_action(wu + "\\au", std::nullopt, no_auto)));  // undo: any case
  EXPECT_TRUE(allowed(delete_reg_value_action("SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings",
                                              {"PauseUpdatesExpiryTime", 1, {}})));
  EXPECT_TRUE(allowed(delete_reg_value_action("SOFTWARE\\Policies\\Microsoft\\WindowsStore",
                                              {"DisableOSUpgrade", 4, {1, 0, 0, 0}})));
  // A planted journal's "undo" writing a Run key, an IFEO debugger, or an unlisted policy value.
  RawRegValue run{"evil", 1, {'x', 0}};
  EXPECT_FALSE(allowed(set_reg_value_action("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
                                            std::nullopt, run)));
  EXPECT_FALSE(allowed(delete_reg_value_action(wu, {"NoAutoUpdate", 4, {1, 0, 0, 0}})));  // not under AU
  EXPECT_FALSE(allowed(set_reg_value_action(wu + "\\AU", std::nullopt, {"Debugger", 1, {}})));
  EXPECT_FALSE(allowed(set_reg_value_action(wu + "\\AU", RawRegValue{"AUOptions", 4, {}}, no_auto)));
}

TEST(JournalTrust, ProxyOnlySetToDirect) {
  ProxyConfig corp{3, "proxy.corp:8080", "<local>"};
  EXPECT_TRUE(allowed(set_proxy_action(corp, ProxyConfig{})));
  EXPECT_FALSE(allowed(set_proxy_action(ProxyConfig{}, ProxyConfig{3, "evil.example:3128", ""})));
  EXPECT_FALSE(allowed(set_proxy_action(ProxyConfig{7, "", ""}, ProxyConfig{})));
}

TEST(JournalTrust, RegisterServiceOnlyW32TimeWithW32tm) {
  ProcessSpec w32tm{"C:\\Windows\\System32\\w32tm.exe", {"/register"}, {}};
  EXPECT_TRUE(allowed(register_service_action("W32Time", w32tm, {"/unregister"})));
  EXPECT_FALSE(allowed(register_service_action("wuauserv", w32tm, {"/unregister"})));
  ProcessSpec sc{"C:\\Windows\\System32\\sc.exe", {"/register"}, {}};
  EXPECT_FALSE(allowed(register_service_action("W32Time", sc, {"/unregister"})));
  EXPECT_FALSE(allowed(register_service_action("W32Time", w32tm, {"/config", "/manualpeerlist:evil"})));
}

Action hidden(std::string id, bool hide = true) {
  UpdateFacts u;
  u.id = std::move(id);
  u.title = "2024-10 Cumulative Update for Windows 11 (KB5044284)";
  u.hidden = !hide;
  return hidden_action(u, hide);
}

TEST(JournalTrust, UpdateHiddenFlagsByUpdateIdOnly) {
  EXPECT_TRUE(allowed(hidden("a3c2375d-0c8a-42f9-bce0-28333e198407")));
  EXPECT_TRUE(allowed(hidden("A3C2375D-0C8A-42F9-BCE0-28333E198407", false)));
  EXPECT_FALSE(allowed(hidden("{a3c2375d-0c8a-42f9-bce0-28333e198407}")));
  EXPECT_FALSE(allowed(hidden("KB5044284")));
  EXPECT_FALSE(allowed(hidden("a3c2375d-0c8a-42f9-bce0-28333e19840g")));
  EXPECT_FALSE(allowed(hidden("a3c2375d-0c8a-42f9-bce0-28333e198407\\..\\x")));
  // The flag's action smuggling what another kind acts on.
  Action with_program = hidden("a3c2375d-0c8a-42f9-bce0-28333e198407");
  with_program.program = "C:\\Users\\eve\\x.exe";
  EXPECT_FALSE(allowed(with_program));
  Action with_service = hidden("a3c2375d-0c8a-42f9-bce0-28333e198407");
  with_service.service = "wuauserv";
  EXPECT_FALSE(allowed(with_service));
  Action with_rename = hidden("a3c2375d-0c8a-42f9-bce0-28333e198407");
  with_rename.from = kSd;
  EXPECT_FALSE(allowed(with_rename));
}

TEST(JournalTrust, HiddenFlagsBelongToHideRunsAndHideRunsToThemOnly) {
  RunLog hide;
  hide.run_id = kCtx.run_id;
  hide.plan = {"hide"};
  hide.actions.push_back({1, hidden("a3c2375d-0c8a-42f9-bce0-28333e198407"), "hide", true, true});
  hide.actions.push_back({2, hidden("a3c2375d-0c8a-42f9-bce0-28333e198407", false), "undo", true, true});
  EXPECT_FALSE(untrusted_entry(hide, kCtx));
  hide.plan = {"unhide"};
  EXPECT_FALSE(untrusted_entry(hide, kCtx));
  hide.actions.push_back({3, service(Action::Kind::StopService, "wuauserv"), "unhide", true, true});
  ASSERT_TRUE(untrusted_entry(hide, kCtx));
  EXPECT_NE(untrusted_entry(hide, kCtx)->find("entry 3"), std::string::npos);

  RunLog repair;
  repair.run_id = kCtx.run_id;
  repair.plan = {"reset"};
  repair.actions.push_back({1, hidden("a3c2375d-0c8a-42f9-bce0-28333e198407"), "reset", true, true});
  ASSERT_TRUE(untrusted_entry(repair, kCtx));
  repair.plan = {"reset", "hide"};  // "hide" is a step only as a hide run's whole plan
  repair.actions.clear();
  ASSERT_TRUE(untrusted_entry(repair, kCtx));
  EXPECT_NE(untrusted_entry(repair, kCtx)->find("'hide'"), std::string::npos);
}

TEST(JournalTrust, AJournalIsRefusedAtItsFirstForeignEntryOrUnknownStep) {
  RunLog log;
  log.run_id = kCtx.run_id;
  log.plan = {"reset"};
  log.actions.push_back({1, service(Action::Kind::StopService, "wuauserv"), "reset", true, true});
  EXPECT_FALSE(untrusted_entry(log, kCtx));
  log.actions.push_back({2, rename_action("C:\\Users\\eve\\x", "C:\\Program Files\\y"), "reset", true, true});
  auto why = untrusted_entry(log, kCtx);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("entry 2 (rename C:\\Users\\eve\\x -> C:\\Program Files\\y)"), std::string::npos) << *why;
  log.actions.pop_back();
  log.plan.push_back("evil");
  ASSERT_TRUE(untrusted_entry(log, kCtx));
  EXPECT_NE(untrusted_entry(log, kCtx)->find("'evil'"), std::string::npos);
}

}  // namespace
}  // namespace wufix
