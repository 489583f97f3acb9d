// check_elevation: repair needs an elevated token; diagnose says so and how to get one.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

TEST(ElevationCheck, ElevatedIsOk) {
  fakes::FakeSystem fs;
  CheckResult r = check_elevation(fs.system());
  EXPECT_EQ(r.id, "elevation");
  EXPECT_EQ(r.status, CheckStatus::Ok);
  EXPECT_TRUE(r.findings.empty());
}

TEST(ElevationCheck, NotElevatedIsAWarningWithoutARepairStep) {
  fakes::FakeSystem fs;
  fs.platform.elevated = false;
  CheckResult r = check_elevation(fs.system());
  ASSERT_EQ(r.status, CheckStatus::Finding);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "not-elevated");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::nullopt);
}

TEST(ElevationCheck, NotElevatedEvidenceLeavesLimitedChecksForTheRunner) {
  fakes::FakeSystem fs;
  fs.platform.elevated = false;
  CheckResult r = check_elevation(fs.system());
  const Finding& f = r.findings.at(0);
  EXPECT_EQ(f.evidence["elevated"], false);
  EXPECT_EQ(f.evidence["limited_checks"], nlohmann::json::array());
}

TEST(ElevationCheck, NotElevatedSaysRunAsAdministratorAndExactlyHow) {
  fakes::FakeSystem fs;
  fs.platform.elevated = false;
  CheckResult r = check_elevation(fs.system());
  const Finding& f = r.findings.at(0);
  EXPECT_NE(f.summary.find("Run as administrator"), std::string::npos) << f.summary;
  EXPECT_EQ(f.advice, "Right-click Windows Terminal → Run as administrator, then run wufix repair");
}

TEST(ElevationCheck, UnreadableTokenIsACheckError) {
  fakes::FakeSystem fs;
  fs.platform.elevated = Error{5, "OpenProcessToken failed", ""};
  CheckResult r = check_elevation(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
  EXPECT_TRUE(r.findings.empty());
}

}  // namespace
}  // namespace wufix
