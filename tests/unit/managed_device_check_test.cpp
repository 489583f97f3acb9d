// check_managed_device: whether a domain or Intune really manages this PC's Windows Update
// policy. The values themselves are update-policy's findings (one owner): this check names the
// manager only, so a WSUS value is reported once, not twice.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "core/checks/update_policy.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

constexpr const char* kPolicy = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kGpState =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\State\\Machine";
constexpr const char* kMdmUpdate = "SOFTWARE\\Microsoft\\PolicyManager\\current\\device\\Update";

void set_wsus(fakes::FakeSystem& fs) {
  fs.registry.set_string(kPolicy, "WUServer", "http://wsus.corp:8530");
  fs.registry.set_dword(fakes::kAu, "UseWUServer", 1);
}

TEST(ManagedDeviceCheck, NoPolicyIsOkEvenOnADomainPc) {
  fakes::FakeSystem fs;
  fs.registry.set_string(kGpState, "Distinguished-Name", "CN=PC01,OU=Clients,DC=corp,DC=example");
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.id, "managed-device");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(ManagedDeviceCheck, LeftoverWsusValuesOnAPersonalPcAreUpdatePolicysAlone) {
  fakes::FakeSystem fs;
  set_wsus(fs);
  EXPECT_EQ(check_managed_device(fs.system()).status, CheckStatus::Ok);
  CheckResult policy = check_update_policy(fs.system());
  ASSERT_EQ(policy.findings.size(), 2u);  // WUServer, UseWUServer: once each, by update-policy
  EXPECT_EQ(policy.findings[0].id, "update-policy");
}

TEST(ManagedDeviceCheck, ADomainPcWithWsusNamesTheDomainAndTheValuesOnce) {
  fakes::FakeSystem fs;
  set_wsus(fs);
  fs.registry.set_string(kGpState, "Distinguished-Name", "CN=PC01,OU=Clients,DC=corp,DC=example");
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "managed-device");
  EXPECT_EQ(f.severity, Severity::Info);  // the values carry their own severity
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_NE(f.summary.find("CN=PC01,OU=Clients"), std::string::npos) << f.summary;
  EXPECT_NE(f.advice.find("--force"), std::string::npos) << f.advice;
  EXPECT_EQ(f.evidence["policy_values"], nlohmann::json({"WUServer", "UseWUServer"}));
  EXPECT_EQ(f.evidence.dump().find("wsus.corp"), std::string::npos);  // the server is not repeated
}

TEST(ManagedDeviceCheck, IntuneUpdatePoliciesCountAsManaged) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(fakes::kAu, "NoAutoUpdate", 1);
  fs.registry.set_dword(kMdmUpdate, "DeferQualityUpdatesPeriodInDays", 7);
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].evidence["managed_by"].get<std::string>().find("Intune"),
            std::string::npos);
}

TEST(ManagedDeviceCheck, AnEmptyDistinguishedNameIsNotADomain) {
  fakes::FakeSystem fs;
  set_wsus(fs);
  fs.registry.set_string(kGpState, "Distinguished-Name", "");
  EXPECT_EQ(check_managed_device(fs.system()).status, CheckStatus::Ok);
}

TEST(ManagedDeviceCheck, UnreadablePolicyIsACheckErrorNotOk) {
  fakes::FakeSystem fs;
  fs.registry.fail_with = Error{5, "RegOpenKeyExW failed", kPolicy};
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
}

TEST(ManagedDeviceCheck, WithoutRawRegistryAccessItIsSkipped) {
  fakes::FakeSystem fs;
  System sys = fs.system();
  sys.registry_editor = nullptr;
  EXPECT_EQ(check_managed_device(sys).status, CheckStatus::Skipped);
}

}  // namespace
}  // namespace wufix
