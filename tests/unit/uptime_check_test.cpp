// check_uptime: a machine not restarted for longer than --max-uptime gets a restart advice.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

CheckResult with_uptime(std::chrono::seconds up) {
  fakes::FakeSystem fs;
  fs.clock.up = up;
  return check_uptime(fs.system(), DiagnoseOptions{});
}

constexpr std::chrono::seconds kWeek = std::chrono::hours(24 * 7);

TEST(UptimeCheck, RecentRestartIsOk) {
  CheckResult r = with_uptime(std::chrono::hours(3));
  EXPECT_EQ(r.id, "uptime");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(UptimeCheck, ExactlyTheLimitIsOk) {
  EXPECT_EQ(with_uptime(kWeek).status, CheckStatus::Ok);
}

TEST(UptimeCheck, OneSecondOverTheLimitIsAWarning) {
  CheckResult r = with_uptime(kWeek + std::chrono::seconds(1));
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "long-uptime");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_NE(f.advice.find("Restart"), std::string::npos) << f.advice;
}

TEST(UptimeCheck, EvidenceHasSecondsAndWholeDays) {
  CheckResult r = with_uptime(std::chrono::hours(24 * 9 + 23));
  EXPECT_EQ(r.findings.at(0).evidence,
            nlohmann::json({{"uptime_seconds", (24 * 9 + 23) * 3600}, {"days", 9}}));
  EXPECT_NE(r.findings.at(0).summary.find("9 days"), std::string::npos);
}

TEST(UptimeCheck, LimitFollowsTheOption) {
  fakes::FakeSystem fs;
  fs.clock.up = std::chrono::hours(25);
  DiagnoseOptions options;
  options.max_uptime = std::chrono::hours(24);
  EXPECT_EQ(check_uptime(fs.system(), options).status, CheckStatus::Finding);
}

}  // namespace
}  // namespace wufix
