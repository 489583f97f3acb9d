// wufix report's redaction (issue #11): one test per class, each with lines as the machine
// writes them (WindowsUpdate.log, CBS.log, registry evidence, JSON-escaped ReportingEvents
// text), and the rule that wufix's own words are never touched.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/redact.h"
#include "core/report.h"

namespace wufix {
namespace {

Redactor corp() {
  RedactionNames n;
  n.users = {"helpdesk-admin", "alice"};  // USERNAME of the admin, alice from the profile folders
  n.computers = {"DESKTOP-1A2B3C", "CORP"};
  n.servers = server_names("http://wsus01.corp.example.com:8530");
  for (auto& s : server_names("time.windows.com,0x9 ntp1.corp.example.com,0x1")) n.servers.push_back(s);
  n.dns_domains = {"corp.example.com"};
  return Redactor(n);
}

TEST(Redact, WsusAndNtpServerNames) {
  Redactor r = corp();
  EXPECT_EQ(r.apply("WUServer = http://wsus01.corp.example.com:8530"), "WUServer = http://<server>:8530");
  EXPECT_EQ(r.apply("NtpServer: ntp1.corp.example.com,0x1 time.windows.com,0x9"), "NtpServer: <server>,0x1 time.windows.com,0x9");
  EXPECT_EQ(r.apply("contacting WSUS01 failed"), "contacting <server> failed");
  EXPECT_EQ(server_names("time.windows.com,0x9"), std::vector<std::string>{});
}

TEST(Redact, DnsDomainAndItsHosts) {
  Redactor r = corp();
  EXPECT_EQ(r.apply("proxy.corp.example.com:8080 in corp.example.com"), "<host>:8080 in <domain>");
  EXPECT_EQ(r.apply("download.windowsupdate.com"), "download.windowsupdate.com");
}

TEST(Redact, IpAddresses) {
  Redactor r;
  EXPECT_EQ(r.apply("connect to 10.20.30.40:8530 failed."), "connect to <ip>:8530 failed.");
  EXPECT_EQ(r.apply("via fe80::1ff:fe23:4567:890a and 2001:db8:0:0:0:0:2:1"), "via <ip> and <ip>");
  // versions and times are not addresses
  EXPECT_EQ(r.apply("10.0.19041.3803 at 08:15:01, std::string, 1.2.3"), "10.0.19041.3803 at 08:15:01, std::string, 1.2.3");
}

TEST(Redact, EmailAndUpn) {
  Redactor r;
  EXPECT_EQ(r.apply("signed in as alice.smith@contoso.com (UPN bob@corp.local)."),
            "signed in as <email> (UPN <email>).");
  EXPECT_EQ(r.apply("@ 2024 and a@b"), "@ 2024 and a@b");
}

TEST(Redact, DomainBackslashUser) {
  Redactor r = corp();
  EXPECT_EQ(r.apply("User: CORP\\jdoe started"), "User: <domain>\\<user> started");
  EXPECT_EQ(r.apply("owner OTHERDOM\\svc_wsus"), "owner <domain>\\<user>");
  EXPECT_EQ(r.apply("{\"user\":\"CORP\\\\jdoe\"}"), "{\"user\":\"<domain>\\\\<user>\"}");
  // paths and built-in accounts are not accounts of people
  EXPECT_EQ(r.apply("C:\\Windows\\System32 as NT AUTHORITY\\SYSTEM"), "C:\\Windows\\System32 as NT AUTHORITY\\SYSTEM");
}

TEST(Redact, AccountSids) {
  Redactor r;
  EXPECT_EQ(r.apply("SID S-1-5-21-3623811015-3361044348-30300820-1013 and S-1-5-18"),
            "SID S-1-5-21-<sid> and S-1-5-18");
}

TEST(Redact, ProfilesOutsideUsers) {
  Redactor r;
  EXPECT_EQ(r.apply("D:\\Profiles\\jdoe\\Desktop\\x.log"), "D:\\Profiles\\<user>\\Desktop\\x.log");
  EXPECT_EQ(r.apply("\\\\fs01\\home$\\jdoe\\Documents"), "\\\\fs01\\home$\\<user>\\Documents");
  EXPECT_EQ(r.apply("C:\\Documents and Settings\\jdoe\\Local Settings"), "C:\\Documents and Settings\\<user>\\Local Settings");
  EXPECT_EQ(r.apply("C:\\Users\\Public\\Documents"), "C:\\Users\\Public\\Documents");
}

TEST(Redact, JsonEscapedPaths) {
  Redactor r;
  EXPECT_EQ(r.apply("{\"path\":\"C:\\\\Users\\\\jdoe\\\\AppData\"}"), "{\"path\":\"C:\\\\Users\\\\<user>\\\\AppData\"}");
  EXPECT_EQ(r.apply("C:/Users/jdoe/x"), "C:/Users/<user>/x");
}

TEST(Redact, LoggedOnUserWhenAnAdminRanWufix) {
  Redactor r = corp();  // USERNAME=helpdesk-admin; alice's profile folder is on the PC
  EXPECT_EQ(r.apply("Downloaded by alice for HELPDESK-ADMIN"), "Downloaded by <user> for <user>");
  EXPECT_EQ(r.apply("on DESKTOP-1A2B3C"), "on <computer>");
}

TEST(Redact, WufixOwnWordsStay) {
  ReportInput in;
  in.generated = std::chrono::sys_days(std::chrono::year(2026) / 5 / 29);
  in.diagnosis.os = Error{0, "not read", ""};
  LogAnalysis logs;
  Cause c;
  c.code = 0x800F081F;
  c.source_log = "C:\\Users\\root\\CBS.log";
  c.excerpt = "root failed on root-pc";
  c.explanation = "Root cause: the source files are missing";
  c.fix = "wufix repair --only dism";
  logs.causes.push_back(c);
  in.logs = logs;
  Redactor r({"root"}, {"root-pc"});
  std::string md = report_markdown(in, &r);
  EXPECT_NE(md.find("## Root causes from the logs"), std::string::npos) << md;
  EXPECT_NE(md.find("Root cause: the source files are missing"), std::string::npos);
  EXPECT_NE(md.find("<user> failed on <computer>"), std::string::npos) << md;
  EXPECT_NE(md.find("C:\\Users\\<user>\\CBS.log"), std::string::npos);
  nlohmann::json j = report_json(in, &r);
  EXPECT_EQ(j["logs"]["causes"][0]["explanation"], "Root cause: the source files are missing");
  EXPECT_EQ(j["logs"]["causes"][0]["excerpt"], "<user> failed on <computer>");
}

}  // namespace
}  // namespace wufix
