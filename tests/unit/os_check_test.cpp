// read_os_info, to_string(Arch) and check_os: what Windows this is, and whether wufix applies.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "core/os_info.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

void set_windows(fakes::FakeSystem& fs, const std::string& product, const std::string& build) {
  fs.registry.set_string(fakes::kCurrentVersion, "ProductName", product);
  fs.registry.set_string(fakes::kCurrentVersion, "CurrentBuild", build);
}

void set_windows_11_pro(fakes::FakeSystem& fs) {
  set_windows(fs, "Windows 10 Pro", "22631");
  fs.registry.set_string(fakes::kCurrentVersion, "DisplayVersion", "23H2");
  fs.registry.set_dword(fakes::kCurrentVersion, "UBR", 3593);
  fs.registry.set_string(fakes::kCurrentVersion, "EditionID", "Professional");
  fs.registry.set_string(fakes::kCurrentVersion, "InstallationType", "Client");
}

TEST(OsInfo, ReadsEveryValueOfAWindows11Machine) {
  fakes::FakeSystem fs;
  set_windows_11_pro(fs);
  auto os = read_os_info(fs.system());
  ASSERT_TRUE(os.ok()) << os.error().message();
  EXPECT_EQ(os->product, "Windows 11 Pro");
  EXPECT_EQ(os->display_version, "23H2");
  EXPECT_EQ(os->build, "22631");
  EXPECT_EQ(os->ubr, std::optional<uint32_t>(3593));
  EXPECT_EQ(os->edition, "Professional");
  EXPECT_EQ(os->installation_type, "Client");
  EXPECT_EQ(os->arch, Arch::X64);
  EXPECT_FALSE(os->is_server());
}

TEST(OsInfo, ProductNameIsCorrectedFromTheFirstWindows11Build) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows 10 Enterprise", "22000");
  EXPECT_EQ(read_os_info(fs.system())->product, "Windows 11 Enterprise");
}

TEST(OsInfo, ProductNameStaysWindows10BelowBuild22000) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows 10 Pro", "19045");
  EXPECT_EQ(read_os_info(fs.system())->product, "Windows 10 Pro");
}

TEST(OsInfo, ServerProductNameIsNeverRenamed) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows Server 2025 Datacenter", "26100");
  fs.registry.set_string(fakes::kCurrentVersion, "InstallationType", "Server");
  auto os = read_os_info(fs.system());
  EXPECT_EQ(os->product, "Windows Server 2025 Datacenter");
  EXPECT_TRUE(os->is_server());
}

TEST(OsInfo, ServerCoreIsAServer) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows Server 2022 Standard", "20348");
  fs.registry.set_string(fakes::kCurrentVersion, "InstallationType", "Server Core");
  EXPECT_TRUE(read_os_info(fs.system())->is_server());
}

TEST(OsInfo, WineLikeValuesLeaveTheMissingOnesUnknown) {
  fakes::FakeSystem fs;  // winecfg writes "Microsoft Windows 10" and build 19043, nothing more
  set_windows(fs, "Microsoft Windows 10", "19043");
  auto os = read_os_info(fs.system());
  ASSERT_TRUE(os.ok());
  EXPECT_EQ(os->product, "Microsoft Windows 10");
  EXPECT_EQ(os->display_version, "");
  EXPECT_EQ(os->ubr, std::nullopt);
  EXPECT_EQ(os->edition, "");
  EXPECT_EQ(os->installation_type, "");
  EXPECT_FALSE(os->is_server());
}

TEST(OsInfo, FallsBackToCurrentBuildNumber) {
  fakes::FakeSystem fs;
  fs.registry.set_string(fakes::kCurrentVersion, "ProductName", "Windows 10 Pro");
  fs.registry.set_string(fakes::kCurrentVersion, "CurrentBuildNumber", "22621");
  auto os = read_os_info(fs.system());
  EXPECT_EQ(os->build, "22621");
  EXPECT_EQ(os->product, "Windows 11 Pro");
}

TEST(OsInfo, EmptyCurrentBuildFallsBackToCurrentBuildNumber) {
  fakes::FakeSystem fs;
  fs.registry.set_string(fakes::kCurrentVersion, "CurrentBuild", "");
  fs.registry.set_string(fakes::kCurrentVersion, "CurrentBuildNumber", "19045");
  EXPECT_EQ(read_os_info(fs.system())->build, "19045");
}

TEST(OsInfo, MalformedValuesAreReadTolerantly) {
  fakes::FakeSystem fs;
  fs.registry.set_string(fakes::kCurrentVersion, "ProductName", std::string("Windows 10 Home\0", 16));
  fs.registry.set_dword(fakes::kCurrentVersion, "CurrentBuild", 22631);  // a DWORD where REG_SZ belongs
  fs.registry.set_string(fakes::kCurrentVersion, "UBR", "3593");         // REG_SZ where a DWORD belongs
  auto os = read_os_info(fs.system());
  ASSERT_TRUE(os.ok());
  EXPECT_EQ(os->product, "Windows 11 Home");
  EXPECT_EQ(os->build, "22631");
  EXPECT_EQ(os->ubr, std::optional<uint32_t>(3593));
}

TEST(OsInfo, UnparsableUbrIsUnknown) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows 10 Pro", "19045");
  fs.registry.set_string(fakes::kCurrentVersion, "UBR", "n/a");
  EXPECT_EQ(read_os_info(fs.system())->ubr, std::nullopt);
}

TEST(OsInfo, BinaryValuesAreUnknown) {
  fakes::FakeSystem fs;
  RegValue binary;
  binary.type = RegValue::Type::Binary;
  binary.bytes = {1, 2, 3};
  fs.registry.set(Hive::LocalMachine, fakes::kCurrentVersion, "DisplayVersion", binary);
  set_windows(fs, "Windows 10 Pro", "19045");
  EXPECT_EQ(read_os_info(fs.system())->display_version, "");
}

TEST(OsInfo, ArchComesFromThePlatform) {
  fakes::FakeSystem fs;
  set_windows_11_pro(fs);
  fs.platform.arch = Arch::Arm64;
  EXPECT_EQ(read_os_info(fs.system())->arch, Arch::Arm64);
}

TEST(OsInfo, MissingVersionKeyIsAnError) {
  fakes::FakeSystem fs;
  auto os = read_os_info(fs.system());
  ASSERT_FALSE(os.ok());
  EXPECT_EQ(os.error().code, 2u);
}

TEST(OsInfo, RegistryFailureIsPassedOn) {
  fakes::FakeSystem fs;
  set_windows_11_pro(fs);
  fs.registry.fail_with = Error{5, "RegOpenKeyExW failed", "CurrentVersion"};
  auto os = read_os_info(fs.system());
  ASSERT_FALSE(os.ok());
  EXPECT_EQ(os.error().code, 5u);
}

TEST(ArchName, NamesEveryArchitecture) {
  EXPECT_STREQ(to_string(Arch::X64), "x64");
  EXPECT_STREQ(to_string(Arch::Arm64), "arm64");
  EXPECT_STREQ(to_string(Arch::X86), "x86");
  EXPECT_STREQ(to_string(Arch::Unknown), "unknown");
}

CheckResult check_os_of(fakes::FakeSystem& fs) {
  return check_os(fs.system(), read_os_info(fs.system()));
}

TEST(OsCheck, Windows11IsOk) {
  fakes::FakeSystem fs;
  set_windows_11_pro(fs);
  CheckResult r = check_os_of(fs);
  EXPECT_EQ(r.id, "os");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(OsCheck, FirstWindows10BuildIsSupported) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows 10 Enterprise", "10240");
  EXPECT_EQ(check_os_of(fs).status, CheckStatus::Ok);
}

TEST(OsCheck, Windows81IsAnUnsupportedOsWarning) {
  fakes::FakeSystem fs;
  set_windows(fs, "Windows 8.1 Pro", "9600");
  CheckResult r = check_os_of(fs);
  ASSERT_EQ(r.status, CheckStatus::Finding);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "unsupported-os");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.evidence["build"], "9600");
  EXPECT_EQ(f.evidence["product"], "Windows 8.1 Pro");
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_FALSE(f.advice.empty());
}

TEST(OsCheck, WineDefaultWindows7IsUnsupported) {
  fakes::FakeSystem fs;  // a fresh Wine 8 prefix claims Windows 7 SP1
  set_windows(fs, "Microsoft Windows 7", "7601");
  EXPECT_EQ(check_os_of(fs).findings.at(0).id, "unsupported-os");
}

TEST(OsCheck, UnknownBuildIsNotCalledUnsupported) {
  fakes::FakeSystem fs;
  fs.registry.set_string(fakes::kCurrentVersion, "ProductName", "Windows 10 Pro");
  EXPECT_EQ(check_os_of(fs).status, CheckStatus::Ok);
}

TEST(OsCheck, UnreadableVersionIsACheckError) {
  fakes::FakeSystem fs;
  fs.registry.fail_with = Error{5, "RegOpenKeyExW failed", "CurrentVersion"};
  CheckResult r = check_os_of(fs);
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
}

// The one line diagnose's header and the report print; what Wine leaves unknown stays visible.
TEST(OsCheck, SummaryIsOneLineWithWhatIsKnown) {
  OsInfo os{"Windows 11 Pro", "23H2", "22631", 3593, "Professional", "Client", Arch::X64};
  EXPECT_EQ(os_summary(os), "Windows 11 Pro 23H2 (build 22631.3593, x64)");
  OsInfo wine{"Windows 10 Pro", "", "", std::nullopt, "", "", Arch::Unknown};
  EXPECT_EQ(os_summary(wine), "Windows 10 Pro (build ?, unknown)");
}

}  // namespace
}  // namespace wufix
