// check_clock (SNTP against a fake network) and check_time_service (W32Time configuration).
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"
#include "sntp_packets.h"

namespace wufix {
namespace {

using namespace std::chrono_literals;
using testing_sntp::ServerReply;

constexpr const char* kParameters = "SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters";

// The fake clock reads t1; the server answers as a server `ahead` of us would.
void answer(fakes::FakeSystem& fs, std::chrono::system_clock::duration ahead) {
  ServerReply r(fs.clock.time, ahead);
  fs.network.reply = UdpReply{r.bytes(), fs.clock.time, r.t4};
}

CheckResult run_clock(fakes::FakeSystem& fs, DiagnoseOptions options = {}) {
  return check_clock(fs.system(), options);
}

TEST(ClockCheck, OkWhenHalfASecondOff) {
  fakes::FakeSystem fs;
  answer(fs, 500ms);
  CheckResult r = run_clock(fs);
  EXPECT_EQ(r.id, "clock");
  EXPECT_EQ(r.status, CheckStatus::Ok) << r.reason;
  EXPECT_TRUE(r.findings.empty());
}

TEST(ClockCheck, NinetySecondsBehindTheServerIsAWarning) {
  fakes::FakeSystem fs;
  answer(fs, 90s);
  CheckResult r = run_clock(fs);
  ASSERT_EQ(r.status, CheckStatus::Finding);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "clock-skew");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::optional<std::string>("clock"));
  EXPECT_NE(f.summary.find("90 s behind time.windows.com:123"), std::string::npos) << f.summary;
  EXPECT_NEAR(f.evidence["offset_seconds"].get<double>(), 90.0, 1e-3);
  EXPECT_EQ(f.evidence["server"], "time.windows.com:123");
  EXPECT_EQ(f.evidence["stratum"], 2);
  EXPECT_NEAR(f.evidence["delay_seconds"].get<double>(), 0.020, 1e-3);
}

TEST(ClockCheck, FourHundredSecondsAheadIsAnErrorNamingTheTlsFailure) {
  fakes::FakeSystem fs;
  answer(fs, -400s);
  CheckResult r = run_clock(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_NE(f.summary.find("6 min 40 s ahead of"), std::string::npos) << f.summary;
  EXPECT_NE(f.summary.find("0x80072F8F"), std::string::npos) << f.summary;
  EXPECT_NEAR(f.evidence["offset_seconds"].get<double>(), -400.0, 1e-3);
}

TEST(ClockCheck, ExactlySixtySecondsIsStillOk) {
  fakes::FakeSystem fs;
  answer(fs, 60s);
  EXPECT_EQ(run_clock(fs).status, CheckStatus::Ok);
}

TEST(ClockCheck, SkippedWhenServerDoesNotAnswer) {
  fakes::FakeSystem fs;
  fs.network.error = Error{10060, "timed out", "time.windows.com:123"};
  CheckResult r = run_clock(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.reason.rfind("time server time.windows.com:123 did not answer: timed out", 0), 0u)
      << r.reason;
}

TEST(ClockCheck, SkippedOnKissOfDeathNamingTheCode) {
  fakes::FakeSystem fs;
  ServerReply reply(fs.clock.time, 0s);
  reply.stratum = 0;
  reply.reference_id = "RATE";
  fs.network.reply = UdpReply{reply.bytes(), fs.clock.time, reply.t4};
  CheckResult r = run_clock(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_NE(r.reason.find("RATE"), std::string::npos) << r.reason;
}

TEST(ClockCheck, SkippedOnGarbageReplySayingWhy) {
  fakes::FakeSystem fs;
  fs.network.reply = UdpReply{{'H', 'T', 'T', 'P'}, fs.clock.time, fs.clock.time + 5ms};
  CheckResult r = run_clock(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_NE(r.reason.find("4 bytes"), std::string::npos) << r.reason;
}

TEST(ClockCheck, SkippedWhenTheReplyAnswersAnotherRequest) {
  fakes::FakeSystem fs;
  ServerReply reply(fs.clock.time - 3s, 0s);
  fs.network.reply = UdpReply{reply.bytes(), fs.clock.time, fs.clock.time + 21ms};
  CheckResult r = run_clock(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_NE(r.reason.find("originate"), std::string::npos) << r.reason;
}

TEST(ClockCheck, AsksTheConfiguredServerWithTheClockTimeInTheRequest) {
  fakes::FakeSystem fs;
  answer(fs, 0s);
  DiagnoseOptions options;
  options.ntp_host = "ntp.example.org";
  options.ntp_port = 1123;
  run_clock(fs, options);
  EXPECT_EQ(fs.network.asked, std::vector<std::string>{"ntp.example.org:1123"});
  ASSERT_EQ(fs.network.last_request.size(), 48u);
  EXPECT_EQ(fs.network.last_request[0], 0x23);
  EXPECT_EQ(testing_sntp::read_be64(fs.network.last_request, 40),
            testing_sntp::ntp_timestamp(fs.clock.time));
}

TEST(ClockCheck, EvidenceNamesAnIpv6ServerInBrackets) {
  fakes::FakeSystem fs;
  answer(fs, 120s);
  DiagnoseOptions options;
  options.ntp_host = "::1";
  CheckResult r = run_clock(fs, options);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence["server"], "[::1]:123");
}

TEST(ClockCheck, MeasuresFromTheMomentTheRequestLeft) {
  fakes::FakeSystem fs;
  // The packet was stamped at t1 but left 40 ms later; the server is 61 s ahead. Measured
  // from t1 the result would be 61.020 s offset and 60 ms delay.
  auto t1 = fs.clock.time, sent = t1 + 40ms;
  ServerReply reply(t1, 61s);
  reply.t2 = sent + 10ms + 61s;
  reply.t3 = reply.t2 + 1ms;
  fs.network.reply = UdpReply{reply.bytes(), sent, sent + 21ms};
  CheckResult r = run_clock(fs);
  ASSERT_EQ(r.findings.size(), 1u) << r.reason;
  EXPECT_NEAR(r.findings[0].evidence["offset_seconds"].get<double>(), 61.0, 1e-3);
  EXPECT_NEAR(r.findings[0].evidence["delay_seconds"].get<double>(), 0.020, 1e-3);
}

// ---- time service -------------------------------------------------------------------------

void healthy_time_service(fakes::FakeSystem& fs) {
  fs.services.add("W32Time", StartType::Manual, ServiceState::Running);
  fs.registry.set_string(kParameters, "Type", "NTP");
  fs.registry.set_string(kParameters, "NtpServer", "time.windows.com,0x9");
}

TEST(TimeServiceCheck, OkWhenRunningAndSyncingWithNtp) {
  fakes::FakeSystem fs;
  healthy_time_service(fs);
  CheckResult r = check_time_service(fs.system());
  EXPECT_EQ(r.id, "time-service");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(TimeServiceCheck, MissingServiceIsAWarning) {
  fakes::FakeSystem fs;
  CheckResult r = check_time_service(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "time-service");
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.summary, "Windows Time service is not installed");
  EXPECT_TRUE(f.evidence["service_start_type"].is_null());
  EXPECT_TRUE(f.evidence["type"].is_null());
}

TEST(TimeServiceCheck, DisabledServiceIsAWarningFixedByTheClockStep) {
  fakes::FakeSystem fs;
  healthy_time_service(fs);
  fs.services.add("W32Time", StartType::Disabled, ServiceState::Stopped);
  CheckResult r = check_time_service(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.severity, Severity::Warning);
  EXPECT_EQ(f.fix, std::optional<std::string>("clock"));
  EXPECT_NE(f.summary.find("disabled"), std::string::npos);
  EXPECT_EQ(f.evidence["service_start_type"], "disabled");
  EXPECT_EQ(f.evidence["state"], "stopped");
  EXPECT_EQ(f.evidence["ntp_server"], "time.windows.com,0x9");
}

TEST(TimeServiceCheck, NoSyncTypeIsAWarning) {
  fakes::FakeSystem fs;
  healthy_time_service(fs);
  fs.registry.set_string(kParameters, "Type", "NoSync");
  CheckResult r = check_time_service(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_NE(f.summary.find("not configured to sync"), std::string::npos) << f.summary;
  EXPECT_EQ(f.evidence["type"], "NoSync");
  EXPECT_EQ(f.evidence["service_start_type"], "manual");
  EXPECT_EQ(f.evidence["state"], "running");
  EXPECT_EQ(f.fix, std::optional<std::string>("clock"));
}

TEST(TimeServiceCheck, DisabledAndNoSyncAreOneFindingNamingBoth) {
  fakes::FakeSystem fs;
  healthy_time_service(fs);
  fs.services.add("W32Time", StartType::Disabled, ServiceState::Stopped);
  fs.registry.set_string(kParameters, "Type", "nosync");
  CheckResult r = check_time_service(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].summary.find("disabled"), std::string::npos);
  EXPECT_NE(r.findings[0].summary.find("NoSync"), std::string::npos);
}

TEST(TimeServiceCheck, DomainSyncIsFine) {
  fakes::FakeSystem fs;
  healthy_time_service(fs);
  fs.registry.set_string(kParameters, "Type", "NT5DS");
  EXPECT_EQ(check_time_service(fs.system()).status, CheckStatus::Ok);
}

TEST(TimeServiceCheck, ServiceQueryFailureIsACheckError) {
  fakes::FakeSystem fs;
  fs.services.fail["w32time"] = Error{5, "OpenServiceW failed", "W32Time"};
  CheckResult r = check_time_service(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, 5u);
}

}  // namespace
}  // namespace wufix
