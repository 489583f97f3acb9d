// The diagnose runner: every check runs, findings are gathered in order, JSON has the schema.
#include <gtest/gtest.h>

#include "core/diagnose.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

// A healthy Windows 11 23H2 x64 with default services; the time server does not answer.
void make_healthy(fakes::FakeSystem& fs) {
  fs.registry.set_string(fakes::kCurrentVersion, "ProductName", "Windows 10 Pro");
  fs.registry.set_string(fakes::kCurrentVersion, "DisplayVersion", "23H2");
  fs.registry.set_string(fakes::kCurrentVersion, "CurrentBuild", "22631");
  fs.registry.set_dword(fakes::kCurrentVersion, "UBR", 3593);
  fs.registry.set_string(fakes::kCurrentVersion, "EditionID", "Professional");
  fs.registry.set_string(fakes::kCurrentVersion, "InstallationType", "Client");
  fs.services.add("wuauserv", StartType::Manual, ServiceState::Stopped);
  fs.services.add("BITS", StartType::Manual, ServiceState::Stopped);
  fs.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
  fs.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
  fs.services.add("W32Time", StartType::Manual, ServiceState::Running);
  fs.registry.set_string("SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", "Type", "NTP");
  fs.files.add_dir("C:\\Windows");
  fs.files.add_dir("C:\\Windows\\System32");
  fs.network.error = Error{10060, "timed out", "time.windows.com:123"};
}

std::vector<std::string> finding_ids(const Diagnosis& d) {
  std::vector<std::string> ids;
  for (const Finding* f : d.findings()) ids.push_back(f->id);
  return ids;
}

TEST(Diagnose, HealthyMachineHasNoProblemsAndEveryCheckReports) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  Diagnosis d = run_diagnose(fs.system(), DiagnoseOptions{});
  EXPECT_FALSE(d.has_problems()) << ::testing::PrintToString(finding_ids(d));
  EXPECT_EQ(d.checks.size(), 15u);  // with update-policy and winhttp-proxy
  EXPECT_TRUE(d.fix_steps().empty());
}

TEST(Diagnose, DisabledServiceCallsForTheServicesStep) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  fs.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  Diagnosis d = run_diagnose(fs.system(), DiagnoseOptions{});
  EXPECT_TRUE(d.has_problems());
  EXPECT_EQ(d.fix_steps(), std::vector<std::string>{"services"});
}

TEST(Diagnose, NotElevatedNamesTheChecksAccessDeniedLimited) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  fs.platform.elevated = false;
  fs.update_agent.error = Error{0x80070005, "QueryHistory failed", ""};
  fs.files.fail["c:\\windows\\softwaredistribution\\reportingevents.log"] =
      Error{5, "cannot open", "ReportingEvents.log"};
  fs.security_center.error = Error{5, "access denied", "root\\SecurityCenter2"};
  Diagnosis d = run_diagnose(fs.system(), DiagnoseOptions{});
  ASSERT_EQ(d.elevated, std::optional<bool>(false));
  const Finding* not_elevated = nullptr;
  for (const Finding* f : d.findings())
    if (f->id == "not-elevated") not_elevated = f;
  ASSERT_NE(not_elevated, nullptr);
  EXPECT_EQ(not_elevated->evidence["limited_checks"], nlohmann::json({"antivirus", "log-root-cause"}));
}

// The wizard offers repairs only to a token known to be elevated, like the CLI's guard.
TEST(Diagnose, RepairsAreOfferedOnlyWhenTheTokenIsSurelyElevated) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  EXPECT_TRUE(run_diagnose(fs.system(), DiagnoseOptions{}).surely_elevated());
  fs.platform.elevated = false;
  EXPECT_FALSE(run_diagnose(fs.system(), DiagnoseOptions{}).surely_elevated());
  fs.platform.elevated = Error{5, "OpenProcessToken failed", ""};
  Diagnosis unread = run_diagnose(fs.system(), DiagnoseOptions{});
  EXPECT_EQ(unread.elevated, std::nullopt);
  EXPECT_FALSE(unread.surely_elevated());
}

TEST(Diagnose, JsonCarriesTheDocumentedKeys) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  fs.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  nlohmann::json j = to_json(run_diagnose(fs.system(), DiagnoseOptions{}));
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["version"], WUFIX_VERSION);
  EXPECT_EQ(j["os"]["product"], "Windows 11 Pro");
  EXPECT_EQ(j["os"]["display_version"], "23H2");
  EXPECT_EQ(j["os"]["build"], "22631");
  EXPECT_EQ(j["os"]["ubr"], 3593);
  EXPECT_EQ(j["os"]["arch"], "x64");
  EXPECT_EQ(j["elevated"], true);
  ASSERT_EQ(j["checks"].size(), 15u);
  for (const auto& c : j["checks"]) {
    EXPECT_TRUE(c.contains("id") && c.contains("status") && c.contains("reason")) << c.dump();
  }
  bool found = false;
  for (const auto& f : j["findings"]) {
    if (f["id"] != "service-disabled") continue;
    found = true;
    EXPECT_EQ(f["severity"], "error");
    EXPECT_EQ(f["fix"], "services");
    EXPECT_EQ(f["evidence"]["service"], "wuauserv");
  }
  EXPECT_TRUE(found) << j.dump(2);
}

TEST(Diagnose, UnknownOsValuesAreNullInJson) {
  fakes::FakeSystem fs;
  make_healthy(fs);
  fakes::FakeRegistry wine_like;  // Wine: no DisplayVersion, UBR, EditionID, InstallationType
  wine_like.set_string(fakes::kCurrentVersion, "ProductName", "Microsoft Windows 10");
  wine_like.set_string(fakes::kCurrentVersion, "CurrentBuild", "18362");
  System sys = fs.system();
  sys.registry = &wine_like;
  nlohmann::json os = to_json(run_diagnose(sys, DiagnoseOptions{}))["os"];
  EXPECT_EQ(os["build"], "18362");
  for (const char* key : {"display_version", "ubr", "edition", "installation_type"}) {
    EXPECT_TRUE(os[key].is_null()) << key << ": " << os.dump();
  }
}

}  // namespace
}  // namespace wufix
