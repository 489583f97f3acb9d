// check_antivirus: third-party antivirus from Security Center, never Defender, never on Server.
#include <gtest/gtest.h>

#include "core/checks/checks.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

// productState samples (formats.md (i)): 0x061100 on and current, 0x061110 on but out of date,
// 0x060100 off, 0x041000 on (other provider flags).
constexpr uint32_t kOn = 397568;
constexpr uint32_t kOnOutdated = 397584;
constexpr uint32_t kOff = 393472;
constexpr uint32_t kOnOther = 266240;

OsInfo client() {
  OsInfo os;
  os.product = "Windows 11 Pro";
  os.build = "22631";
  os.installation_type = "Client";
  return os;
}

OsInfo server() {
  OsInfo os;
  os.product = "Windows Server 2022 Datacenter";
  os.build = "20348";
  os.installation_type = "Server";
  return os;
}

AntivirusProduct product(std::string name, uint32_t state, std::string path = "") {
  return AntivirusProduct{std::move(name), state, std::move(path)};
}

CheckResult antivirus_check(fakes::FakeSystem& fs, const Result<OsInfo>& os = client()) {
  return check_antivirus(fs.system(), os);
}

TEST(AntivirusCheck, DefenderAloneIsOk) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Windows Defender", kOn)};
  CheckResult r = antivirus_check(fs);
  EXPECT_EQ(r.id, "antivirus");
  EXPECT_EQ(r.status, CheckStatus::Ok);
}

TEST(AntivirusCheck, NewerDefenderNamesAreDefenderToo) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Microsoft Defender Antivirus", kOn),
                                 product("microsoft defender", kOff)};
  EXPECT_EQ(antivirus_check(fs).status, CheckStatus::Ok);
}

TEST(AntivirusCheck, NoProductsIsOk) {
  fakes::FakeSystem fs;
  EXPECT_EQ(antivirus_check(fs).status, CheckStatus::Ok);
}

TEST(AntivirusCheck, ThirdPartyAloneIsInfoWithDecodedState) {
  fakes::FakeSystem fs;
  fs.security_center.products = {
      product("Windows Defender", kOff),
      product("Avast Antivirus", kOn, "C:\\Program Files\\Avast\\wsc_proxy.exe")};
  CheckResult r = antivirus_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.id, "third-party-antivirus");
  EXPECT_EQ(f.severity, Severity::Info);
  EXPECT_EQ(f.fix, std::nullopt);
  EXPECT_EQ(f.evidence, nlohmann::json({{"product", "Avast Antivirus"},
                                        {"product_state", kOn},
                                        {"enabled", true},
                                        {"up_to_date", true},
                                        {"path", "C:\\Program Files\\Avast\\wsc_proxy.exe"}}));
}

TEST(AntivirusCheck, AdviceSaysWufixNeverDisablesItAndHowToPause) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Norton 360", kOn)};
  std::string advice = antivirus_check(fs).findings.at(0).advice;
  EXPECT_NE(advice.find("never disables"), std::string::npos) << advice;
  EXPECT_NE(advice.find("Norton 360's real-time protection"), std::string::npos) << advice;
  EXPECT_NE(advice.find("removal tool"), std::string::npos) << advice;
  EXPECT_NE(advice.find("back on"), std::string::npos) << advice;
}

TEST(AntivirusCheck, OutOfDateSignaturesAreDecoded) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("ESET Security", kOnOutdated)};
  const nlohmann::json e = antivirus_check(fs).findings.at(0).evidence;
  EXPECT_EQ(e["enabled"], true);
  EXPECT_EQ(e["up_to_date"], false);
}

TEST(AntivirusCheck, TurnedOffProductIsDecodedAsDisabled) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("McAfee VirusScan", kOff)};
  CheckResult r = antivirus_check(fs);
  EXPECT_EQ(r.findings.at(0).evidence["enabled"], false);
  EXPECT_EQ(r.findings.at(0).severity, Severity::Info);
}

TEST(AntivirusCheck, DefenderAndThirdPartyBothOnIsAWarning) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Windows Defender", kOn), product("Avast Antivirus", kOn)};
  CheckResult r = antivirus_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, Severity::Warning);
}

TEST(AntivirusCheck, TwoThirdPartyOnAreTwoWarnings) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Avast Antivirus", kOn), product("Kaspersky", kOnOther)};
  CheckResult r = antivirus_check(fs);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].severity, Severity::Warning);
  EXPECT_EQ(r.findings[1].severity, Severity::Warning);
}

TEST(AntivirusCheck, StaleTurnedOffEntryBesideAnActiveOneStaysInfo) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Avast Antivirus", kOn), product("Old AV", kOff)};
  CheckResult r = antivirus_check(fs);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].severity, Severity::Info);
  EXPECT_EQ(r.findings[1].severity, Severity::Info);
}

TEST(AntivirusCheck, UnnamedProductIsStillReported) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("", kOn)};
  CheckResult r = antivirus_check(fs);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].summary.find("(unnamed)"), std::string::npos);
}

TEST(AntivirusCheck, ServerSkuIsSkippedWithoutAsking) {
  fakes::FakeSystem fs;
  fs.security_center.error = Error{0x80041010, "must not be asked", ""};
  CheckResult r = antivirus_check(fs, server());
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_EQ(r.reason, "Windows Server has no Security Center");
}

TEST(AntivirusCheck, MissingSecurityCenterNamespaceIsSkipped) {
  fakes::FakeSystem fs;
  fs.security_center.error = Error{0x8004100E, "ConnectServer failed", "root\\SecurityCenter2"};
  CheckResult r = antivirus_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Skipped);
  EXPECT_EQ(r.reason, "Security Center (WMI root\\SecurityCenter2) is not available on this system");
}

TEST(AntivirusCheck, OtherWmiErrorIsACheckError) {
  fakes::FakeSystem fs;
  fs.security_center.error = Error{0x80070005, "ConnectServer failed", "root\\SecurityCenter2"};
  CheckResult r = antivirus_check(fs);
  EXPECT_EQ(r.status, CheckStatus::Error);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0x80070005u);
}

TEST(AntivirusCheck, UnreadableOsStillAsksSecurityCenter) {
  fakes::FakeSystem fs;
  fs.security_center.products = {product("Avast Antivirus", kOn)};
  CheckResult r = antivirus_check(fs, Error{5, "RegOpenKeyExW failed", "CurrentVersion"});
  EXPECT_EQ(r.status, CheckStatus::Finding);
}

}  // namespace
}  // namespace wufix
