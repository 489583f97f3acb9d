// check_managed_device: Windows Update policies (WSUS, blocked access) that resets cannot undo.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"
#include "partly_failing_registry.h"

namespace wufix {
namespace {

constexpr const char* kPolicy = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kAu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";

TEST(ManagedDeviceCheck, NoPolicyIsOk) {
  fakes::FakeSystem fs;
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.id, "managed-device");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(ManagedDeviceCheck, EmptyPolicyKeysAreOk) {
  fakes::FakeSystem fs;
  fs.registry.add_key(Hive::LocalMachine, kPolicy);
  fs.registry.add_key(Hive::LocalMachine, kAu);
  EXPECT_EQ(check_managed_device(fs.system()).status, CheckStatus::Ok);
}

TEST(ManagedDeviceCheck, ZeroAndEmptyValuesAreAsGoodAsUnset) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kAu, "NoAutoUpdate", 0);
  fs.registry.set_dword(kAu, "UseWUServer", 0);
  fs.registry.set_string(kPolicy, "WUServer", "");
  EXPECT_EQ(check_managed_device(fs.system()).status, CheckStatus::Ok);
}

TEST(ManagedDeviceCheck, WsusInUseIsAWarningNamingTheServer) {
  fakes::FakeSystem fs;
  fs.registry.set_string(kPolicy, "WUServer", "http://wsus.corp:8530");
  fs.registry.set_string(kPolicy, "WUStatusServer", "http://wsus.corp:8530");
  fs.registry.set_dword(kAu, "UseWUServer", 1);
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "managed-device");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_NE(f.summary.find("http://wsus.corp:8530"), std::string::npos) << f.summary;
  EXPECT_NE(f.advice.find("does not help"), std::string::npos) << f.advice;
  EXPECT_EQ(f.evidence, nlohmann::json({{"WUServer", "http://wsus.corp:8530"},
                                        {"WUStatusServer", "http://wsus.corp:8530"},
                                        {"UseWUServer", 1}}));
}

TEST(ManagedDeviceCheck, WsusServerWithoutUseWUServerIsInfo) {
  fakes::FakeSystem fs;  // the client ignores WUServer unless UseWUServer is 1
  fs.registry.set_string(kPolicy, "WUServer", "http://wsus.corp:8530");
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, Severity::Info);
}

TEST(ManagedDeviceCheck, UseWUServerWithoutAServerIsInfo) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kAu, "UseWUServer", 1);
  EXPECT_EQ(check_managed_device(fs.system()).findings.at(0).severity, Severity::Info);
}

TEST(ManagedDeviceCheck, DisabledWindowsUpdateAccessIsAWarning) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kPolicy, "DisableWindowsUpdateAccess", 1);
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, Severity::Warning);
  EXPECT_NE(r.findings[0].summary.find("blocks"), std::string::npos);
}

TEST(ManagedDeviceCheck, NoAutoUpdateAloneIsInfo) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kAu, "NoAutoUpdate", 1);
  fs.registry.set_dword(kPolicy, "DoNotConnectToWindowsUpdateInternetLocations", 1);
  CheckResult r = check_managed_device(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, Severity::Info);
  EXPECT_EQ(r.findings[0].evidence["NoAutoUpdate"], 1);
  EXPECT_EQ(r.findings[0].evidence["DoNotConnectToWindowsUpdateInternetLocations"], 1);
}

TEST(ManagedDeviceCheck, FlagsStoredAsStringsAreReadByTheirNumber) {
  fakes::FakeSystem fs;
  fs.registry.set_string(kPolicy, "WUServer", "https://wsus:8531");
  fs.registry.set_string(kAu, "UseWUServer", "1");
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.findings.at(0).severity, Severity::Warning);
  EXPECT_EQ(r.findings.at(0).evidence["UseWUServer"], "1");
}

TEST(ManagedDeviceCheck, BinaryValueIsShownAsHex) {
  fakes::FakeSystem fs;
  RegValue v;
  v.type = RegValue::Type::Binary;
  v.bytes = {0x01, 0x00, 0x00, 0x00};
  fs.registry.set(Hive::LocalMachine, kPolicy, "DisableWindowsUpdateAccess", v);
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.findings.at(0).evidence["DisableWindowsUpdateAccess"], "01000000");
  EXPECT_EQ(r.findings.at(0).severity, Severity::Warning);  // little-endian 1
}

TEST(ManagedDeviceCheck, UnreadablePolicyIsACheckError) {
  fakes::FakeSystem fs;
  fs.registry.fail_with = Error{5, "RegOpenKeyExW failed", kPolicy};
  CheckResult r = check_managed_device(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
}

TEST(ManagedDeviceCheck, UnreadableAuKeyDoesNotHideTheServerPolicy) {
  fakes::FakeSystem fs;
  fakes::PartlyFailingRegistry reg(kAu);
  reg.set_dword(kPolicy, "DisableWindowsUpdateAccess", 1);
  System sys = fs.system();
  sys.registry = &reg;
  CheckResult r = check_managed_device(sys);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["DisableWindowsUpdateAccess"], 1);
  EXPECT_EQ(r.findings[0].evidence["read_errors"].size(), 2u);  // UseWUServer, NoAutoUpdate
}

TEST(ManagedDeviceCheck, UnreadableAuKeyWithNothingElseSetIsACheckError) {
  fakes::FakeSystem fs;
  fakes::PartlyFailingRegistry reg(kAu);
  System sys = fs.system();
  sys.registry = &reg;
  EXPECT_EQ(check_managed_device(sys).status, CheckStatus::Error);
}

}  // namespace
}  // namespace wufix
