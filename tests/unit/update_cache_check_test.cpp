// check_update_cache: renamed copies of SoftwareDistribution and catroot2 from earlier resets.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

// A Windows folder with the live caches in place.
void add_live_folders(fakes::FakeSystem& fs) {
  fs.files.add_dir("C:\\Windows");
  fs.files.add_dir("C:\\Windows\\System32");
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution", 500'000'000);
  fs.files.add_dir("C:\\Windows\\System32\\catroot2", 40'000'000);
  fs.files.add_dir("C:\\Windows\\System32\\catroot", 90'000'000);  // never touched by resets
}

std::vector<std::string> paths(const CheckResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.evidence["path"]);
  return out;
}

TEST(UpdateCacheCheck, LiveFoldersAloneAreOk) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  CheckResult r = check_update_cache(fs.system());
  EXPECT_EQ(r.id, "update-cache");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(UpdateCacheCheck, OldSoftwareDistributionIsInfoWithSize) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old", 3ull << 30);
  CheckResult r = check_update_cache(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "update-cache-leftovers");
  EXPECT_EQ(f.severity, Severity::Info);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.evidence["path"], "C:\\Windows\\softwaredistribution.old");
  EXPECT_EQ(f.evidence["bytes"], 3ull << 30);
  EXPECT_EQ(f.evidence["created_by_wufix"], false);
  EXPECT_NE(f.summary.find("reset before"), std::string::npos) << f.summary;
  EXPECT_NE(f.summary.find("3.0 GB"), std::string::npos) << f.summary;
}

TEST(UpdateCacheCheck, FindsBakAndCatroot2CopiesInAnyCase) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SOFTWAREDISTRIBUTION.BAK");
  fs.files.add_dir("C:\\Windows\\System32\\Catroot2.Old");
  fs.files.add_dir("C:\\Windows\\System32\\catroot2.bak");
  EXPECT_EQ(check_update_cache(fs.system()).findings.size(), 3u);
}

TEST(UpdateCacheCheck, AdviceNamesWufixCleanupWithTheBytesForTheNamesItTakes) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old", 3ull << 30);
  fs.files.add_dir("C:\\Windows\\System32\\catroot2.bak", 10);
  CheckResult r = check_update_cache(fs.system());
  ASSERT_EQ(r.findings.size(), 2u);
  for (const Finding& f : r.findings) {
    if (f.evidence["path"] == "C:\\Windows\\softwaredistribution.old") {  // FakeFiles lists folded names
      EXPECT_EQ(f.evidence["cleanup_bytes"], 3ull << 30);
      EXPECT_NE(f.advice.find("`wufix cleanup` frees it (3.0 GB)"), std::string::npos) << f.advice;
    } else {  // .bak: not a name cleanup takes
      EXPECT_FALSE(f.evidence.contains("cleanup_bytes"));
      EXPECT_EQ(f.advice.find("wufix cleanup"), std::string::npos) << f.advice;
    }
  }
}

TEST(UpdateCacheCheck, WufixBackupSaysUndoCanRestoreIt) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.wufix-20240517-101500", 1000);
  fs.files.add_dir("C:\\Windows\\System32\\catroot2.wufix-20240517-101500", 10);
  CheckResult r = check_update_cache(fs.system());
  ASSERT_EQ(r.findings.size(), 2u);
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.evidence["created_by_wufix"], true);
    EXPECT_NE(f.summary.find("wufix undo"), std::string::npos) << f.summary;
  }
}

TEST(UpdateCacheCheck, SimilarNamesAreNotLeftovers) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old2");
  fs.files.add_dir("C:\\Windows\\SoftwareDistributionX.old");
  fs.files.add_dir("C:\\Windows\\System32\\catroot.old");  // catroot, not catroot2
  fs.files.add_dir("C:\\Windows\\catroot2.old");            // wrong folder
  fs.files.add_dir("C:\\Windows\\System32\\SoftwareDistribution.old");
  EXPECT_EQ(check_update_cache(fs.system()).status, CheckStatus::Ok);
}

TEST(UpdateCacheCheck, FileWithALeftoverNameIsIgnored) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_file("C:\\Windows\\SoftwareDistribution.old", "not a folder");
  EXPECT_EQ(check_update_cache(fs.system()).status, CheckStatus::Ok);
}

TEST(UpdateCacheCheck, UnmeasurableFolderIsReportedWithoutSize) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old");
  fs.files.fail["c:\\windows\\softwaredistribution.old"] = Error{5, "FindFirstFileW failed", ""};
  CheckResult r = check_update_cache(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(r.findings[0].evidence["bytes"].is_null());
  EXPECT_TRUE(r.findings[0].evidence.contains("size_error"));
}

TEST(UpdateCacheCheck, UnlistableFolderDoesNotHideTheOther) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old");
  fs.files.fail["c:\\windows\\system32"] =
      Error{5, "FindFirstFileW failed", "C:\\Windows\\System32"};
  CheckResult r = check_update_cache(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["list_errors"].size(), 1u);
}

TEST(UpdateCacheCheck, UnlistableFolderWithNothingFoundIsACheckError) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.fail["c:\\windows"] = Error{5, "FindFirstFileW failed", "C:\\Windows"};
  CheckResult r = check_update_cache(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
}

TEST(UpdateCacheCheck, ReportsWindowsFolderCopiesBeforeSystem32Ones) {
  fakes::FakeSystem fs;
  add_live_folders(fs);
  fs.files.add_dir("C:\\Windows\\System32\\catroot2.old");
  fs.files.add_dir("C:\\Windows\\SoftwareDistribution.old");
  EXPECT_EQ(paths(check_update_cache(fs.system())),
            (std::vector<std::string>{"C:\\Windows\\softwaredistribution.old",
                                      "C:\\Windows\\System32\\catroot2.old"}));
}

}  // namespace
}  // namespace wufix
