// check_services: Windows Update's services against their Windows 10/11 defaults.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

// A Windows 11 machine a while after boot, every service at its default.
void add_default_services(fakes::FakeSystem& fs) {
  fs.clock.up = std::chrono::hours(2);
  fs.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  fs.services.add("BITS", StartType::Manual, ServiceState::Stopped);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
  fs.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
  fs.services.add("UsoSvc", StartType::Automatic, ServiceState::Running, true);
  fs.services.add("DoSvc", StartType::Automatic, ServiceState::Running, true);
  fs.services.add("WaaSMedicSvc", StartType::Manual, ServiceState::Stopped);
}

// A copy, so that it outlives the CheckResult it was found in.
std::optional<Finding> service_finding(const CheckResult& r, const std::string& service) {
  for (const Finding& f : r.findings) {
    if (f.evidence.value("service", "") == service) return f;
  }
  return std::nullopt;
}

TEST(ServicesCheck, DefaultsAreOk) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  CheckResult r = check_services(fs.system());
  EXPECT_EQ(r.id, "services");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(ServicesCheck, DisabledWuauservIsAnError) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  CheckResult r = check_services(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "service-disabled");
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.fix, std::optional<std::string>("services"));
  EXPECT_EQ(f.evidence, nlohmann::json({{"service", "wuauserv"},
                                        {"start_type", "disabled"},
                                        {"expected_start_type", "manual"},
                                        {"state", "stopped"}}));
}

TEST(ServicesCheck, DisabledOptionalServiceIsAnErrorToo) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("WaaSMedicSvc", StartType::Disabled, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "WaaSMedicSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-disabled");
}

TEST(ServicesCheck, DisabledAutomaticServiceIsReportedOnceAsDisabled) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Disabled, ServiceState::Stopped);
  CheckResult r = check_services(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "service-disabled");
}

TEST(ServicesCheck, StoppedCryptSvcIsAWarning) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-stopped-unexpectedly");
  EXPECT_EQ(f->severity, Severity::Warning);
  EXPECT_EQ(f->fix, std::optional<std::string>("services"));
  EXPECT_EQ(f->evidence["state"], "stopped");
  EXPECT_EQ(f->evidence["expected_start_type"], "automatic");
}

TEST(ServicesCheck, StartingAutomaticServiceIsFine) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::StartPending);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, StoppedManualServiceIsNormal) {
  fakes::FakeSystem fs;
  add_default_services(fs);  // wuauserv, BITS, msiserver are stopped there already
  EXPECT_FALSE(service_finding(check_services(fs.system()), "wuauserv").has_value());
}

TEST(ServicesCheck, StoppedDelayedServiceIsAWarningLongAfterBoot) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("UsoSvc", StartType::Automatic, ServiceState::Stopped, true);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "UsoSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-stopped-unexpectedly");
  EXPECT_EQ(f->evidence["start_type"], "automatic-delayed");
}

TEST(ServicesCheck, StoppedDelayedServiceIsFineRightAfterBoot) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.clock.up = std::chrono::seconds(299);
  fs.services.add("UsoSvc", StartType::Automatic, ServiceState::Stopped, true);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, DelayedStartGraceEndsAtFiveMinutes) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.clock.up = std::chrono::seconds(300);
  fs.services.add("DoSvc", StartType::Automatic, ServiceState::Stopped, true);
  EXPECT_TRUE(service_finding(check_services(fs.system()), "DoSvc").has_value());
}

TEST(ServicesCheck, ManualCryptSvcThatIsStoppedIsStillUnexpected) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Manual, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-stopped-unexpectedly");
  EXPECT_EQ(f->evidence["start_type"], "manual");
}

TEST(ServicesCheck, ChangedStartTypeIsInfoWithTheServicesStep) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("wuauserv", StartType::Automatic, ServiceState::Running);
  CheckResult r = check_services(fs.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "service-start-type-changed");
  EXPECT_EQ(f.severity, Severity::Info);
  EXPECT_EQ(f.fix, std::optional<std::string>("services"));
  EXPECT_EQ(f.evidence["start_type"], "automatic");
  EXPECT_EQ(f.evidence["expected_start_type"], "manual");
}

TEST(ServicesCheck, BitsMayBeDelayedOrAutomatic) {
  for (bool delayed : {true, false}) {
    fakes::FakeSystem fs;
    add_default_services(fs);
    fs.services.add("BITS", StartType::Automatic, ServiceState::Running, delayed);
    EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok) << "delayed=" << delayed;
  }
}

TEST(ServicesCheck, DeliveryOptimizationMayBeManual) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("DoSvc", StartType::Manual, ServiceState::Running);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, DeliveryOptimizationOnManualMayIdleStopped) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("DoSvc", StartType::Manual, ServiceState::Stopped);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, CryptographicServicesOnManualAndStoppedIsStillReported) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Manual, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-stopped-unexpectedly");
}

TEST(ServicesCheck, UnknownStartTypeIsNotCalledAChange) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("msiserver", StartType::Unknown, ServiceState::Unknown);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, MissingCoreServiceIsAnErrorWithAdviceAndNoStep) {
  fakes::FakeSystem without;  // the default services, but no BITS
  without.clock.up = std::chrono::hours(2);
  without.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  without.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
  without.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
  CheckResult r = check_services(without.system());
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "service-missing");
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.evidence["service"], "BITS");
  EXPECT_NE(f.advice.find("in-place repair"), std::string::npos) << f.advice;
}

TEST(ServicesCheck, AbsentOptionalServicesAreNotReported) {
  fakes::FakeSystem fs;  // an older Windows 10 without UsoSvc, DoSvc, WaaSMedicSvc
  fs.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  fs.services.add("BITS", StartType::Manual, ServiceState::Stopped);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
  fs.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
  EXPECT_EQ(check_services(fs.system()).status, CheckStatus::Ok);
}

TEST(ServicesCheck, OneFailingQueryDoesNotHideTheOthers) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.fail["bits"] = Error{5, "OpenServiceW failed", "BITS"};
  fs.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  CheckResult r = check_services(fs.system());
  ASSERT_EQ(r.status, CheckStatus::Error);
  EXPECT_EQ(r.error->context, "BITS");
  std::optional<Finding> f = service_finding(r, "wuauserv");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-disabled");
  ASSERT_EQ(f->evidence["query_errors"].size(), 1u);
  EXPECT_EQ(f->evidence["query_errors"][0]["service"], "BITS");
  EXPECT_EQ(f->evidence["query_errors"][0]["code"], 5);
}

TEST(ServicesCheck, AFailingQueryIsNeverASilentOk) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.fail["msiserver"] = Error{1115, "QueryServiceConfigW failed", ""};
  CheckResult r = check_services(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->context, "msiserver");
  EXPECT_TRUE(r.findings.empty());
}

TEST(ServicesCheck, QueryErrorWithoutContextIsNamedByTheService) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.fail["msiserver"] = Error{1115, "QueryServiceConfigW failed", ""};
  fs.services.add("CryptSvc", StartType::Disabled, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->evidence["query_errors"][0]["service"], "msiserver");
}

TEST(ServicesCheck, AllQueriesFailingIsACheckError) {
  fakes::FakeSystem fs;
  for (const char* name : {"wuauserv", "bits", "cryptsvc", "msiserver", "usosvc", "dosvc",
                           "waasmedicsvc"}) {
    fs.services.fail[name] = Error{5, "OpenSCManagerW failed", name};
  }
  CheckResult r = check_services(fs.system());
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 5u);
  EXPECT_EQ(r.error->context, "wuauserv");
}

TEST(ServicesCheck, EvidenceNamesTheServiceAsWindowsSpellsIt) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CRYPTSVC", StartType::Automatic, ServiceState::Stopped);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "service-stopped-unexpectedly");
}

TEST(ServicesCheck, PausedAutomaticServiceIsNotRunning) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Paused);
  std::optional<Finding> f = service_finding(check_services(fs.system()), "CryptSvc");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->evidence["state"], "paused");
}

TEST(ServicesCheck, EachProblemServiceGetsItsOwnFinding) {
  fakes::FakeSystem fs;
  add_default_services(fs);
  fs.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  fs.services.add("BITS", StartType::Disabled, ServiceState::Stopped);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Stopped);
  CheckResult r = check_services(fs.system());
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(service_finding(r, "BITS").value().id, "service-disabled");
}

}  // namespace
}  // namespace wufix
