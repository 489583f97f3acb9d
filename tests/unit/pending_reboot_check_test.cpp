// check_pending_reboot: every place Windows records "restart to finish", malformed ones too.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"
#include "partly_failing_registry.h"

namespace wufix {
namespace {

constexpr const char* kCbs =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing";
constexpr const char* kAutoUpdate =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update";
constexpr const char* kSessionManager = "SYSTEM\\CurrentControlSet\\Control\\Session Manager";
constexpr const char* kUpdates = "SOFTWARE\\Microsoft\\Updates";

nlohmann::json indicators(const CheckResult& r) {
  if (r.findings.empty()) return nlohmann::json::array();
  return r.findings[0].evidence["indicators"];
}

RegValue value_of(RegValue::Type type) {
  RegValue v;
  v.type = type;
  return v;
}

TEST(PendingRebootCheck, NothingPendingIsOk) {
  fakes::FakeSystem fs;
  fs.registry.add_key(Hive::LocalMachine, kCbs);
  fs.registry.add_key(Hive::LocalMachine, kAutoUpdate);
  CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(r.id, "pending-reboot");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, CbsRebootPendingKeyIsAWarningWithAdvice) {
  fakes::FakeSystem fs;
  fs.registry.add_key(Hive::LocalMachine, std::string(kCbs) + "\\RebootPending");
  CheckResult r = check_pending_reboot(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "pending-reboot");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.advice, "Restart Windows, then run wufix diagnose again");
  EXPECT_EQ(f.evidence["indicators"], nlohmann::json({"cbs-reboot-pending"}));
}

TEST(PendingRebootCheck, EveryKeyIndicatorIsNamed) {
  fakes::FakeSystem fs;
  fs.registry.add_key(Hive::LocalMachine, std::string(kCbs) + "\\RebootPending");
  fs.registry.add_key(Hive::LocalMachine, std::string(kCbs) + "\\RebootInProgress");
  fs.registry.add_key(Hive::LocalMachine, std::string(kCbs) + "\\PackagesPending");
  fs.registry.add_key(Hive::LocalMachine, std::string(kAutoUpdate) + "\\RebootRequired");
  EXPECT_EQ(indicators(check_pending_reboot(fs.system())),
            nlohmann::json({"cbs-reboot-pending", "cbs-reboot-in-progress",
                            "cbs-packages-pending", "wu-reboot-required"}));
}

TEST(PendingRebootCheck, PendingRenamesListTheFirstPathsWithoutNtPrefix) {
  fakes::FakeSystem fs;
  std::vector<std::string> pairs;
  for (int i = 0; i < 7; ++i) {
    pairs.push_back("\\??\\C:\\Windows\\Temp\\file" + std::to_string(i) + ".tmp");
    pairs.push_back("");  // empty destination: delete at boot
  }
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations", pairs);
  CheckResult r = check_pending_reboot(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const nlohmann::json& e = r.findings[0].evidence;
  EXPECT_EQ(e["indicators"], nlohmann::json({"pending-file-rename"}));
  EXPECT_EQ(e["pending_renames"], 7);
  ASSERT_EQ(e["pending_rename_paths"].size(), 5u);
  EXPECT_EQ(e["pending_rename_paths"][0], "C:\\Windows\\Temp\\file0.tmp");
}

TEST(PendingRebootCheck, RenameDestinationsAreNotCountedAsPaths) {
  fakes::FakeSystem fs;
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations",
                        {"\\??\\C:\\a.new", "!\\??\\C:\\a.dll"});
  const CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(r.findings.at(0).evidence["pending_rename_paths"], nlohmann::json({"C:\\a.new"}));
}

TEST(PendingRebootCheck, SecondRenameListCountsAsTheSameIndicator) {
  fakes::FakeSystem fs;
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations", {"\\??\\C:\\a", ""});
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations2", {"\\??\\C:\\b", ""});
  const CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(indicators(r), nlohmann::json({"pending-file-rename"}));
  EXPECT_EQ(r.findings.at(0).evidence["pending_renames"], 2);
}

TEST(PendingRebootCheck, EmptyRenameListIsNotPending) {
  fakes::FakeSystem fs;
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations", {});
  fs.registry.set_multi(kSessionManager, "PendingFileRenameOperations2", {"", ""});
  EXPECT_EQ(check_pending_reboot(fs.system()).status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, RenameListStoredAsStringStillCounts) {
  fakes::FakeSystem fs;
  fs.registry.set_string(kSessionManager, "PendingFileRenameOperations", "\\??\\C:\\x.sys");
  const CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(indicators(r), nlohmann::json({"pending-file-rename"}));
  EXPECT_EQ(r.findings.at(0).evidence["pending_rename_paths"], nlohmann::json({"C:\\x.sys"}));
}

TEST(PendingRebootCheck, RenameListStoredAsBinaryStillCounts) {
  fakes::FakeSystem fs;
  RegValue v = value_of(RegValue::Type::Binary);
  v.bytes = {'\\', 0, '?', 0, '?', 0, 0, 0};
  fs.registry.set(Hive::LocalMachine, kSessionManager, "PendingFileRenameOperations", v);
  const CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(indicators(r), nlohmann::json({"pending-file-rename"}));
  EXPECT_FALSE(r.findings.at(0).evidence.contains("pending_rename_paths"));
}

TEST(PendingRebootCheck, AllZeroBinaryRenameListIsEmpty) {
  fakes::FakeSystem fs;
  RegValue v = value_of(RegValue::Type::Binary);
  v.bytes = {0, 0, 0, 0};
  fs.registry.set(Hive::LocalMachine, kSessionManager, "PendingFileRenameOperations", v);
  EXPECT_EQ(check_pending_reboot(fs.system()).status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, EmptyStringRenameListIsNotPending) {
  fakes::FakeSystem fs;
  fs.registry.set_string(kSessionManager, "PendingFileRenameOperations", "");
  EXPECT_EQ(check_pending_reboot(fs.system()).status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, UpdateExeVolatileNonZeroIsPending) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kUpdates, "UpdateExeVolatile", 1);
  EXPECT_EQ(indicators(check_pending_reboot(fs.system())),
            nlohmann::json({"update-exe-volatile"}));
}

TEST(PendingRebootCheck, UpdateExeVolatileZeroIsNotPending) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kUpdates, "UpdateExeVolatile", 0);
  EXPECT_EQ(check_pending_reboot(fs.system()).status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, UpdateExeVolatileAsTextIsReadByItsNumber) {
  fakes::FakeSystem zero, one, junk;
  zero.registry.set_string(kUpdates, "UpdateExeVolatile", "0");
  one.registry.set_string(kUpdates, "UpdateExeVolatile", "1");
  junk.registry.set_string(kUpdates, "UpdateExeVolatile", "yes");
  EXPECT_EQ(check_pending_reboot(zero.system()).status, CheckStatus::Ok);
  EXPECT_EQ(check_pending_reboot(one.system()).status, CheckStatus::Finding);
  EXPECT_EQ(check_pending_reboot(junk.system()).status, CheckStatus::Finding);
}

TEST(PendingRebootCheck, UnrelatedValuesInTheSameKeysDoNotCount) {
  fakes::FakeSystem fs;
  fs.registry.set_dword(kCbs, "LastTrustTime", 1);
  fs.registry.set_string(kSessionManager, "BootExecute", "autocheck autochk *");
  EXPECT_EQ(check_pending_reboot(fs.system()).status, CheckStatus::Ok);
}

TEST(PendingRebootCheck, RegistryFailureWithNothingFoundIsACheckError) {
  fakes::FakeSystem fs;
  fs.registry.fail_with = Error{5, "RegOpenKeyExW failed", "Component Based Servicing"};
  CheckResult r = check_pending_reboot(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
}

TEST(PendingRebootCheck, OneUnreadableIndicatorDoesNotHideAFoundOne) {
  fakes::FakeSystem fs;
  fakes::PartlyFailingRegistry reg(kSessionManager);
  reg.add_key(Hive::LocalMachine, std::string(kAutoUpdate) + "\\RebootRequired");
  System sys = fs.system();
  sys.registry = &reg;
  CheckResult r = check_pending_reboot(sys);
  ASSERT_EQ(r.status, CheckStatus::Finding);
  const nlohmann::json& e = r.findings.at(0).evidence;
  EXPECT_EQ(e["indicators"], nlohmann::json({"wu-reboot-required"}));
  EXPECT_EQ(e["read_errors"].size(), 2u);  // both rename lists live in the unreadable key
  EXPECT_EQ(e["read_errors"][0]["code"], 5);
}

TEST(PendingRebootCheck, OneUnreadableIndicatorAndNothingElseIsACheckError) {
  fakes::FakeSystem fs;
  fakes::PartlyFailingRegistry reg(kUpdates);
  System sys = fs.system();
  sys.registry = &reg;
  EXPECT_EQ(check_pending_reboot(sys).status, CheckStatus::Error);
}

}  // namespace
}  // namespace wufix
