// check_disk_space: free space on the system drive against --min-free-gb (GB = 2^30 bytes).
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

constexpr uint64_t kGb = 1ull << 30;
constexpr uint64_t kThreshold = 20 * kGb;  // DiagnoseOptions' default

CheckResult with_free(uint64_t free_bytes, DiagnoseOptions options = {}) {
  fakes::FakeSystem fs;
  fs.files.space = DiskSpace{free_bytes, 256 * kGb};
  return check_disk_space(fs.system(), options);
}

TEST(DiskSpaceCheck, PlentyOfSpaceIsOk) {
  CheckResult r = with_free(100 * kGb);
  EXPECT_EQ(r.id, "disk-space");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(DiskSpaceCheck, ExactlyTheThresholdIsOk) {
  EXPECT_EQ(with_free(kThreshold).status, CheckStatus::Ok);
}

TEST(DiskSpaceCheck, OneByteBelowTheThresholdIsAWarning) {
  CheckResult r = with_free(kThreshold - 1);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "low-disk-space");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.advice, "Free space: `wufix cleanup` (the component store), then Disk Cleanup → "
                     "Clean up system files");
}

TEST(DiskSpaceCheck, NamesWufixCleanupWithTheBytesItWouldFree) {
  fakes::FakeSystem fs;
  fs.files.space = DiskSpace{5 * kGb, 256 * kGb};
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old", 2 * kGb);
  fs.files.add_dir("C:\\Windows\\System32\\catroot2.wufix-20261129-134501-3f2a", kGb / 2);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution\\Download", kGb / 2);
  fs.files.add_dir("C:\\Windows\\Windows.old", 30 * kGb);  // never cleanup's
  CheckResult r = check_disk_space(fs.system(), DiagnoseOptions{});
  const Finding& f = r.findings.at(0);
  EXPECT_EQ(f.evidence["cleanup_bytes"], 3 * kGb);
  EXPECT_EQ(f.evidence["cleanup"], "wufix cleanup");
  EXPECT_NE(f.advice.find("`wufix cleanup` frees up to 3.0 GB"), std::string::npos) << f.advice;
}

constexpr const char* kDeliveryCache =
    "C:\\Windows\\ServiceProfiles\\NetworkService\\AppData\\Local\\Microsoft\\Windows\\"
    "DeliveryOptimization\\Cache";

TEST(DiskSpaceCheck, CountsDeliveryOptimizationsCacheInItsDefaultFolder) {
  fakes::FakeSystem fs;
  fs.files.space = DiskSpace{5 * kGb, 256 * kGb};
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution\\Download", kGb);
  fs.files.add_dir(kDeliveryCache, kGb / 2);
  CheckResult r = check_disk_space(fs.system(), DiagnoseOptions{});
  EXPECT_EQ(r.findings.at(0).evidence["cleanup_bytes"], kGb + kGb / 2);
}

TEST(DiskSpaceCheck, LeavesOutDeliveryOptimizationsCacheWhenAPolicyMovedIt) {
  fakes::FakeSystem fs;
  fs.files.space = DiskSpace{5 * kGb, 256 * kGb};
  fs.files.add_dir(kDeliveryCache, kGb / 2);
  fs.registry.set_string("SOFTWARE\\Policies\\Microsoft\\Windows\\DeliveryOptimization",
                         "DOModifyCacheDrive", "D:");
  CheckResult r = check_disk_space(fs.system(), DiagnoseOptions{});
  EXPECT_EQ(r.findings.at(0).evidence["cleanup_bytes"], 0u);
}

TEST(DiskSpaceCheck, ExactlyHalfTheThresholdIsStillAWarning) {
  EXPECT_EQ(with_free(kThreshold / 2).findings.at(0).severity, Severity::Warning);
}

TEST(DiskSpaceCheck, BelowHalfTheThresholdIsAnError) {
  EXPECT_EQ(with_free(kThreshold / 2 - 1).findings.at(0).severity, Severity::Error);
}

TEST(DiskSpaceCheck, FullDriveIsAnError) {
  EXPECT_EQ(with_free(0).findings.at(0).severity, Severity::Error);
}

TEST(DiskSpaceCheck, EvidenceNamesDriveBytesAndThreshold) {
  CheckResult r = with_free(5 * kGb);
  EXPECT_EQ(r.findings.at(0).evidence, nlohmann::json({{"drive", "C:\\"},
                                                        {"free_bytes", 5 * kGb},
                                                        {"total_bytes", 256 * kGb},
                                                        {"threshold_bytes", kThreshold},
                                                        {"cleanup", "wufix cleanup"},
                                                        {"cleanup_bytes", 0}}));
}

TEST(DiskSpaceCheck, SummaryShowsGigabytesAsExplorerDoes) {
  std::string summary = with_free(5 * kGb).findings.at(0).summary;
  EXPECT_NE(summary.find("5.0 GB"), std::string::npos) << summary;
  EXPECT_NE(summary.find("20.0 GB"), std::string::npos) << summary;
}

TEST(DiskSpaceCheck, ThresholdFollowsTheOption) {
  DiagnoseOptions options;
  options.min_free_gb = 1.5;
  EXPECT_EQ(with_free(2 * kGb, options).status, CheckStatus::Ok);
  CheckResult r = with_free(kGb, options);
  EXPECT_EQ(r.findings.at(0).severity, Severity::Warning);
  EXPECT_EQ(r.findings.at(0).evidence["threshold_bytes"], 3 * kGb / 2);
}

TEST(DiskSpaceCheck, ZeroThresholdNeverWarns) {
  DiagnoseOptions options;
  options.min_free_gb = 0;
  EXPECT_EQ(with_free(0, options).status, CheckStatus::Ok);
}

TEST(DiskSpaceCheck, QueriesTheRootOfTheWindowsDrive) {
  fakes::FakeSystem fs;
  fs.files.fail["c:\\"] = Error{21, "GetDiskFreeSpaceExW failed", "C:\\"};  // not ready
  CheckResult r = check_disk_space(fs.system(), DiagnoseOptions{});
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 21u);
}

// Windows on a path without a drive letter (a \\?\ path, say).
class NoDriveLetterPlatform : public fakes::FakePlatform {
 public:
  std::string windows_dir() const override { return "\\\\?\\Volume{1234}\\Windows"; }
};

TEST(DiskSpaceCheck, WindowsFolderWithoutDriveLetterIsQueriedAsIs) {
  fakes::FakeSystem fs;
  NoDriveLetterPlatform platform;
  fs.files.space = DiskSpace{kGb, 100 * kGb};
  System sys = fs.system();
  sys.platform = &platform;
  CheckResult r = check_disk_space(sys, DiagnoseOptions{});
  EXPECT_EQ(r.findings.at(0).evidence["drive"], "\\\\?\\Volume{1234}\\Windows");
}

}  // namespace
}  // namespace wufix
