// The policy and network steps, the update-policy and winhttp-proxy checks, and undo of their
// registry and proxy changes byte for byte.
#include <gmock/gmock.h>

#include "core/checks/update_policy.h"
#include "core/checks/winhttp_proxy.h"
#include "core/checks/reg_values.h"
#include "core/repair/journal_trust.h"
#include "core/repair/undo.h"
#include "repair_fixture.h"

namespace wufix {
namespace {

using ::testing::HasSubstr;

constexpr const char* kWu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kUx = "SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings";

struct PolicyNetwork : RepairFixture {
  void SetUp() override {
    RepairFixture::SetUp();
    // What a former employer's WSUS setup and a "pause updates until 2077" tweak leave behind.
    fake.registry.set_string(kWu, "WUServer", "http://wsus.corp.example:8530");
    fake.registry.set_dword(fakes::kAu, "UseWUServer", 1);
    fake.registry.set_dword(fakes::kAu, "NoAutoUpdate", 1);
    fake.registry.set_dword(kWu, "TargetReleaseVersion", 1);
    fake.registry.set_string(kWu, "TargetReleaseVersionInfo", "22H2");
    fake.registry.set_string(kUx, "PauseUpdatesExpiryTime", "2077-01-01T00:00:00Z");
    // A string with no terminator and an odd byte: written back exactly as found.
    fake.registry.set_raw(kWu, RawRegValue{"ProductVersion", 1, {'W', 0, 'i', 0, 'n', 0, '1'}});
    // Not in the table: never touched.
    fake.registry.set_dword(kWu, "ElevateNonAdmins", 1);
    fake.registry.set_dword(kUx, "ActiveHoursStart", 8);
  }

  std::vector<RawRegValue> values(const char* key) { return *fake.registry.values(Hive::LocalMachine, key); }

  UndoOutcome undo() {
    RunLog log = journal_log();
    auto journal = JournalWriter::open(fake.files, fake.platform, run_id, log.last_seq() + 1);
    return perform_undo(sys, *journal, log, options.service_timeout);
  }
};

const Finding* policy_finding(const CheckResult& c, std::string_view value) {
  for (const auto& f : c.findings)
    if (f.evidence["value"] == value) return &f;
  return nullptr;
}

TEST_F(PolicyNetwork, DiagnoseNamesEachValueWithSeverityByEffect) {
  CheckResult c = check_update_policy(sys);
  ASSERT_EQ(c.status, CheckStatus::Finding);
  EXPECT_EQ(c.findings.size(), 7u);
  EXPECT_EQ(policy_finding(c, "NoAutoUpdate")->severity, Severity::Error);
  EXPECT_EQ(policy_finding(c, "UseWUServer")->severity, Severity::Error);
  EXPECT_EQ(policy_finding(c, "WUServer")->severity, Severity::Info);
  EXPECT_EQ(policy_finding(c, "TargetReleaseVersion")->severity, Severity::Warning);
  EXPECT_EQ(policy_finding(c, "PauseUpdatesExpiryTime")->severity, Severity::Warning);
  EXPECT_EQ(policy_finding(c, "NoAutoUpdate")->fix, std::optional<std::string>("policy"));
  EXPECT_EQ(policy_finding(c, "NoAutoUpdate")->evidence["key"], std::string("HKLM\\") + fakes::kAu);
  EXPECT_EQ(policy_finding(c, "ElevateNonAdmins"), nullptr);
}

constexpr const char* kWuauserv = "SYSTEM\\CurrentControlSet\\Services\\wuauserv";

TEST_F(PolicyNetwork, WuauservAtItsDefaultAccountIsNoFindingInAnySpelling) {
  fake.registry.set_string(kWuauserv, "ObjectName", "localsystem");
  fake.registry.set_string(kWuauserv, "ImagePath", "C:\\windows\\system32\\wuauserv.exe");
  EXPECT_EQ(policy_finding(check_update_policy(sys), "ObjectName"), nullptr);
  EXPECT_EQ(policy_finding(check_update_policy(sys), "ImagePath"), nullptr);  // not the table's
}

TEST_F(PolicyNetwork, AnUpdateBlockersGuestLogonIsSetBackToLocalSystemAndUndoneExactly) {
  // An update blocker makes wuauserv log on as Guest: every start fails with 1069.
  const RawRegValue guest{"ObjectName", 1, {'.', 0, '\\', 0, 'G', 0, 'u', 0, 'e', 0, 's', 0, 't', 0, 0, 0}};
  fake.registry.set_raw(kWuauserv, guest);
  fake.registry.set_dword(kWuauserv, "Start", 4);  // the services step's, not this table's
  const CheckResult found = check_update_policy(sys);  // the finding lives in it
  const Finding* f = policy_finding(found, "ObjectName");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_EQ(f->fix, std::optional<std::string>("policy"));
  EXPECT_EQ(f->evidence["data"], ".\\Guest");
  EXPECT_EQ(f->evidence["default"], "LocalSystem");
  EXPECT_EQ(policy_finding(check_update_policy(sys), "Start"), nullptr);

  RunOutcome run = repair({"policy"});
  ASSERT_EQ(run.steps[0].status, StepStatus::Done);
  auto account = fake.registry.read(Hive::LocalMachine, kWuauserv, "ObjectName");
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ(regval::as_text(**account), std::optional<std::string>("LocalSystem"));
  EXPECT_EQ(policy_finding(check_update_policy(sys), "ObjectName"), nullptr);
  EXPECT_EQ(untrusted_entry(journal_log(), TrustContext{"C:\\Windows", "C:\\ProgramData", run_id}),
            std::nullopt);

  UndoOutcome undone = undo();
  ASSERT_FALSE(undone.error) << undone.error->message();
  auto back = values(kWuauserv);
  auto it = std::find_if(back.begin(), back.end(), [](auto& v) { return v.name == "ObjectName"; });
  ASSERT_NE(it, back.end());
  EXPECT_EQ(*it, guest);
}

TEST_F(PolicyNetwork, AZeroFlagIsInformational) {
  fake.registry.set_dword(fakes::kAu, "NoAutoUpdate", 0);
  EXPECT_EQ(policy_finding(check_update_policy(sys), "NoAutoUpdate")->severity, Severity::Info);
}

TEST_F(PolicyNetwork, PolicyStepRemovesTheTableOnlyAndUndoWritesBackIdentical) {
  auto wu = values(kWu), au = values(fakes::kAu), ux = values(kUx);
  RunOutcome run = repair({"policy"});
  ASSERT_EQ(run.steps[0].status, StepStatus::Done);
  EXPECT_EQ(run.steps[0].actions.size(), 7u);
  EXPECT_EQ(check_update_policy(sys).status, CheckStatus::Ok);
  ASSERT_EQ(values(kWu).size(), 1u);
  EXPECT_EQ(values(kWu)[0].name, "ElevateNonAdmins");
  EXPECT_EQ(values(kUx).size(), 1u);

  UndoOutcome undone = undo();
  ASSERT_FALSE(undone.error) << undone.error->message();
  auto sorted = [](std::vector<RawRegValue> v) {
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return v;
  };
  EXPECT_EQ(sorted(values(kWu)), sorted(wu));
  EXPECT_EQ(sorted(values(fakes::kAu)), sorted(au));
  EXPECT_EQ(sorted(values(kUx)), sorted(ux));
}

TEST_F(PolicyNetwork, AManagedPcIsRefusedWithoutForce) {
  fake.registry.set_string("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\State\\Machine",
                           "Distinguished-Name", "CN=PC01,OU=Clients,DC=corp,DC=example");
  CheckResult c = check_update_policy(sys);
  EXPECT_FALSE(policy_finding(c, "NoAutoUpdate")->fix.has_value());
  EXPECT_THAT(policy_finding(c, "NoAutoUpdate")->advice, HasSubstr("--force"));

  RunOutcome refused = repair({"policy"});
  EXPECT_EQ(refused.steps[0].status, StepStatus::Failed);
  EXPECT_THAT(refused.steps[0].report.error->message(), HasSubstr("write the values back"));
  EXPECT_EQ(values(fakes::kAu).size(), 2u);
  EXPECT_EQ(refused.exit_code(), 1);

  options.force = true;
  run_id = "20261129-120001-beef";
  EXPECT_EQ(repair({"policy"}).steps[0].status, StepStatus::Done);
  EXPECT_TRUE(values(fakes::kAu).empty());
}

TEST_F(PolicyNetwork, IntuneUpdatePoliciesCountAsManaged) {
  fake.registry.set_dword("SOFTWARE\\Microsoft\\PolicyManager\\current\\device\\Update",
                          "DeferQualityUpdatesPeriodInDays", 7);
  auto manager = policy_manager(fake.registry, fake.registry);
  ASSERT_TRUE(manager.ok());
  EXPECT_THAT(manager->value_or(""), HasSubstr("Intune"));
}

TEST_F(PolicyNetwork, ADeadProxyIsAFindingResetToDirectAndUndone) {
  const ProxyConfig dead{3, "127.0.0.1:9", "<local>"};
  fake.proxy.config = dead;
  CheckResult c = check_winhttp_proxy(sys);
  ASSERT_EQ(c.findings.size(), 1u);
  EXPECT_EQ(c.findings[0].severity, Severity::Error);
  EXPECT_EQ(c.findings[0].fix, std::optional<std::string>("network"));

  RunOutcome run = repair({"network"});
  EXPECT_EQ(run.steps[0].report.result, "reset-to-direct");
  EXPECT_TRUE(fake.proxy.config.direct());
  ASSERT_FALSE(undo().error);
  EXPECT_EQ(fake.proxy.config, dead);
}

TEST_F(PolicyNetwork, AProxyThatAnswersIsLeftAlone) {
  fake.proxy.config = {3, "http=proxy.corp:3128;https=proxy.corp:3128", ""};
  fake.network.listening = {"proxy.corp:3128"};
  EXPECT_EQ(check_winhttp_proxy(sys).findings[0].severity, Severity::Info);
  RunOutcome run = repair({"network"});
  EXPECT_EQ(run.steps[0].report.result, "proxy-answers");
  EXPECT_TRUE(run.steps[0].actions.empty());
}

TEST(ProxyEndpoints, EveryFormNetshShows) {
  auto e = proxy_endpoints("http=10.0.0.1:8080;https=10.0.0.1:8080 [::1]:3128 plainhost");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].host, "10.0.0.1");
  EXPECT_EQ(e[0].port, 8080);
  EXPECT_EQ(e[1].host, "::1");
  EXPECT_EQ(e[2].port, 80);
  EXPECT_TRUE(proxy_endpoints("host:notaport").empty());
}

TEST(ActionJson, NewKindsRoundTrip) {
  RawRegValue v{"NoAutoUpdate", 4, {1, 0, 0, 0}};
  for (const Action& a :
       {delete_reg_value_action("SOFTWARE\\X", v),
        set_reg_value_action("SOFTWARE\\X", std::nullopt, v),
        set_proxy_action({3, "127.0.0.1:9", "<local>"}, {}),
        register_service_action("W32Time", {"C:\\Windows\\System32\\w32tm.exe", {"/register"}, {}},
                                {"/unregister"})}) {
    auto back = action_from_json(to_json(a));
    ASSERT_TRUE(back.has_value()) << to_json(a).dump();
    EXPECT_EQ(to_json(*back), to_json(a));
  }
  auto j = to_json(delete_reg_value_action("SOFTWARE\\X", v));
  EXPECT_EQ(j["old"]["data"], "01000000");
  j["old"]["data"] = "zz";
  EXPECT_FALSE(action_from_json(j).has_value());
}

}  // namespace
}  // namespace wufix
