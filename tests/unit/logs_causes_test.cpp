// CBS/DISM line parsing, the CBS session logic, and the ranking: dedup, cross-log merge, fixes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/logs/analyze.h"
#include "core/logs/cbs_log.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

std::vector<Cause> analyze(const std::vector<std::pair<std::string, std::string>>& logs) {
  CauseCollector out;
  for (const auto& [name, text] : logs) {
    fakes::StringStream in(text);
    auto s = analyze_stream(in, name, out);
    EXPECT_TRUE(s);
  }
  return out.ranked();
}

std::string cbs(std::string_view level, std::string_view comp, std::string_view message,
                std::string_view time = "2026-05-12 09:58:10") {
  std::string pad_level(std::max<int>(1, 22 - static_cast<int>(level.size())), ' ');
  std::string pad_comp(std::max<int>(1, 7 - static_cast<int>(comp.size())), ' ');
  return std::string(time) + ", " + std::string(level) + pad_level + std::string(comp) + pad_comp +
         std::string(message) + "\r\n";
}

TEST(CbsLine, SplitsHeaderAndStripsCsiSequence) {
  auto l = split_cbs_line("2024-05-14 11:02:10, Info                  CSI    0000012a Hashes for file member");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->stamp, "2024-05-14 11:02:10");
  EXPECT_EQ(l->level, "Info");
  EXPECT_EQ(l->component, "CSI");
  EXPECT_EQ(l->message, "Hashes for file member");
  auto at = split_cbs_line("2024-05-14 10:12:33, Info CSI 00000001@2024/5/14:10:12:33.123 WcpInitialize");
  ASSERT_TRUE(at);
  EXPECT_EQ(at->message, "WcpInitialize");
  EXPECT_FALSE(split_cbs_line("2024-05-14 10:12:33 Info CBS no comma"));
  EXPECT_FALSE(split_cbs_line("2024-05-14 10:12:33, "));
  EXPECT_FALSE(split_cbs_line("  (0)  LockComponentPath: flags: 0"));
}

TEST(CbsLine, SetupMessageIdIsNotTheComponent) {
  auto l = split_cbs_line("2019-06-11 14:22:06, Error       [0x0808fe] MIG    Plugin {526D451C-721A-4B97-AD34-DCE5D8CD22C5}: CSIAgent: error while gathering. Error 0x80070003");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->level, "Error");
  EXPECT_EQ(l->component, "MIG");
  EXPECT_EQ(l->message.substr(0, 7), "Plugin ");
}

TEST(CbsLine, FilesAndPackagesInMessages) {
  EXPECT_EQ(file_in_message("Cannot repair member file [l:12]\"kernel32.dll\" of X"), "kernel32.dll");
  EXPECT_EQ(file_in_message("Failed to open: \\\\?\\C:\\Windows\\x.cab [HRESULT = 0x80070002]"),
            "\\\\?\\C:\\Windows\\x.cab");
  EXPECT_EQ(file_in_message("Repairing corrupted file \\??\\C:\\Windows\\System32\\a.dll from store"),
            "\\??\\C:\\Windows\\System32\\a.dll");
  EXPECT_EQ(file_in_message("Loading D:\\sources\\install.wim, index 1"), "D:\\sources\\install.wim");
  EXPECT_EQ(file_in_message("no file here: just words"), "");
  EXPECT_EQ(package_in_message("for package: Package_1_for_KB5030000~31bf3856ad364e35~amd64~~10.0.1.2."),
            "Package_1_for_KB5030000~31bf3856ad364e35~amd64~~10.0.1.2");
  EXPECT_EQ(package_in_message("no package"), "");
  // Any identity with Microsoft's key token, not only Package_...: foundation and role packages.
  EXPECT_EQ(package_in_message("while resolving Update: Microsoft-Windows-DhcpServerRole-Package~31bf3856ad364e35~amd64~~10.0.20348.2227.DHCPServer from file: (null)"),
            "Microsoft-Windows-DhcpServerRole-Package~31bf3856ad364e35~amd64~~10.0.20348.2227.DHCPServer");
  EXPECT_EQ(package_in_message("for package:Package_for_RollupFix~31bf3856ad364e35~amd64~~20348.2322.1.6 [HRESULT"),
            "Package_for_RollupFix~31bf3856ad364e35~amd64~~20348.2322.1.6");
  // A CSI component (underscores around the token) is not a package.
  EXPECT_EQ(package_in_message("amd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.1_none_0a1b"), "");
}

TEST(CbsSessions, BenignFailuresOfASuccessfulSessionAreNoCause) {
  std::string log = cbs("Info", "CBS", "Exec: Processing started.  Client: WindowsUpdateAgent, Package: Package_for_KB5036980~31bf3856ad364e35~amd64~~1.0") +
                    cbs("Info", "CBS", "Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]") +
                    cbs("Info", "CBS", "Exec: Processing complete.  Session: 1 [HRESULT = 0x00000000 - S_OK]");
  EXPECT_TRUE(analyze({{"CBS.log", log}}).empty());
}

TEST(CbsSessions, TheOriginOfTheFinalCodeIsTheCauseWithTheSessionPackage) {
  std::string log = cbs("Info", "CBS", "Exec: Processing started.  Client: WindowsUpdateAgent, Package: Package_for_KB5036980~31bf3856ad364e35~amd64~~1.0") +
                    cbs("Info", "CBS", "Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]") +
                    cbs("Info", "CBS", "Failed to stage C:\\Windows\\WinSxS\\Temp\\x.mum [HRESULT = 0x80070005 - E_ACCESSDENIED]") +
                    cbs("Info", "CBS", "Failed to commit [HRESULT = 0x80070005 - E_ACCESSDENIED]") +
                    cbs("Info", "CBS", "Exec: Processing complete.  Session: 1 [HRESULT = 0x80070005 - E_ACCESSDENIED]");
  auto causes = analyze({{"CBS.log", log}});
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].kind, cause_kind::kFailedSession);
  EXPECT_EQ(causes[0].code, 0x80070005u);
  EXPECT_EQ(causes[0].line, 3u);
  EXPECT_EQ(causes[0].file, "C:\\Windows\\WinSxS\\Temp\\x.mum");
  EXPECT_EQ(causes[0].kb, "KB5036980");
  EXPECT_EQ(causes[0].time, "2026-05-12T09:58:10");
  EXPECT_EQ(causes[0].name, "E_ACCESSDENIED");
}

TEST(CbsSessions, ErrorLevelFailureOutsideASessionIsALesserCause) {
  std::string log = cbs("Error", "CBS", "Failed to load the COM server [HRESULT = 0x80040154 - REGDB_E_CLASSNOTREG]");
  auto causes = analyze({{"CBS.log", log}});
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].kind, cause_kind::kServicingError);
  EXPECT_EQ(causes[0].fix, "wufix repair --only sfc");
}

TEST(Causes, OneFailureSeenInThreeLogsIsOneCauseWithAllItsFacts) {
  std::string cbs_log =
      cbs("Info", "CBS", "Exec: Processing started.  Package: Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.3593.1.8") +
      cbs("Error", "CBS", "Failed to resolve source for C:\\Windows\\servicing\\x.mum [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]") +
      cbs("Info", "CBS", "Failed to execute execution chain. [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]");
  std::string dism_log = cbs("Error", "DISM", "DISM Package Manager: PID=1 TID=2 Failed to restore the image health. - X(hr:0x800f081f)");
  std::string events =
      "{6F1D2A3B-5C4D-4E5F-8A9B-0C1D2E3F4A5B}\t2026-05-12 10:15:01:123+0200\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t"
      "{A1B2C3D4-1111-2222-3333-444455556666}\t200\t800f081f\tUpdateOrchestrator\tFailure\tContent Install\t"
      "Installation Failure: Windows failed to install the following update with error 0x800f081f: 2026-05 Cumulative Update (KB5037771).\tx\n";
  auto causes = analyze({{"C:\\Windows\\Logs\\CBS\\CBS.log", cbs_log}, {"dism.log", dism_log}, {"ReportingEvents.log", events}});
  ASSERT_EQ(causes.size(), 1u);
  const Cause& c = causes[0];
  EXPECT_EQ(c.source_log, "C:\\Windows\\Logs\\CBS\\CBS.log");
  EXPECT_EQ(c.line, 2u);
  EXPECT_EQ(c.kb, "KB5037771");  // from ReportingEvents
  EXPECT_EQ(c.file, "C:\\Windows\\servicing\\x.mum");
  EXPECT_EQ(c.component, "Package_for_RollupFix~31bf3856ad364e35~amd64~~22621.3593.1.8");
  EXPECT_EQ(c.also_in, (std::vector<std::string>{"ReportingEvents.log:1", "dism.log:1"}));
  EXPECT_EQ(c.fix, "wufix repair --only dism --source PATH");
  EXPECT_NE(c.explanation.find("source"), std::string::npos);
}

TEST(Causes, AFileSfcRepairedFromTheStoreIsNoLongerACauseButOnlyThatFile) {
  // Real CSI wording: the member named with its folder, sfc's repair line with the full path.
  std::string log =
      cbs("Info", "CSI", "0000081d Hashes for file member \\SystemRoot\\WinSxS\\amd64_prncacla.inf_31bf3856ad364e35_6.3.9600.16384_none_9590ba64d5b91f79\\Amd64\\CNBJ2530.DPB do not match actual file [l:36{18}]\"Amd64\\CNBJ2530.DPB\" :", "2026-05-12 09:56:48") +
      cbs("Info", "CSI", "0000081e Hashes for file member [l:10]\"DWrite.dll\" do not match.", "2026-05-12 09:56:48") +
      cbs("Info", "CSI", "00000820 [SR] Repairing corrupted file \\??\\C:\\Windows\\System32\\spool\\drivers\\x64\\3\\cnbj2530.dpb from store", "2026-05-12 09:56:49");
  auto causes = analyze({{"CBS.log", log}});
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0].file, "DWrite.dll");
  // Before the repair line, nothing is superseded: order matters.
  std::string reversed = cbs("Info", "CSI", "00000001 [SR] Repairing corrupted file \\??\\C:\\Windows\\System32\\DWrite.dll from store", "2026-05-12 09:50:00") +
                         cbs("Info", "CSI", "00000002 Hashes for file member [l:10]\"DWrite.dll\" do not match.", "2026-05-12 09:56:48");
  ASSERT_EQ(analyze({{"CBS.log", reversed}}).size(), 1u);
}

TEST(Causes, AnUpdateThatInstalledAfterThousandsOfOthersStillSupersedesItsFailure) {
  // A busy PC's CBS.log: the failed KB installs at last after 3,000 other packages did.
  std::string log =
      cbs("Info", "CBS", "Exec: Processing started.  Client: WindowsUpdateAgent, Package: Package_for_KB5037771~31bf3856ad364e35~amd64~~1.0", "2026-05-12 09:00:00") +
      cbs("Error", "CBS", "Failed to resolve package 'Package_for_KB5037771~31bf3856ad364e35~amd64~~1.0' [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]", "2026-05-12 09:00:01") +
      cbs("Info", "CBS", "Exec: Processing complete.  Session: 1 [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]", "2026-05-12 09:00:02");
  for (int i = 0; i < 3000; ++i)
    log += cbs("Info", "CBS", "Exec: Processing started.  Client: WindowsUpdateAgent, Package: Package_for_KB5" + std::to_string(100000 + i) + "~31bf3856ad364e35~amd64~~1.0", "2026-05-12 10:00:00") +
           cbs("Info", "CBS", "Exec: Processing complete.  Session: 2 [HRESULT = 0x00000000 - S_OK]", "2026-05-12 10:00:01");
  ASSERT_EQ(analyze({{"CBS.log", log}}).size(), 1u);  // not superseded yet
  log += cbs("Info", "CBS", "Exec: Processing started.  Client: WindowsUpdateAgent, Package: Package_for_KB5037771~31bf3856ad364e35~amd64~~1.0", "2026-05-12 11:00:00") +
         cbs("Info", "CBS", "Exec: Processing complete.  Session: 3 [HRESULT = 0x00000000 - S_OK]", "2026-05-12 11:00:01");
  EXPECT_TRUE(analyze({{"CBS.log", log}}).empty());
}

TEST(CbsSessions, BenignInfoFailuresAreSkippedButAnErrorAfterThemIsFound) {
  std::string log = cbs("Info", "CBS", "Session: 31098765_1 initialized by client WindowsUpdateAgent, external staging directory: (null)") +
                    cbs("Info", "CBS", "Failed to query DisableWerReporting flag. [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]") +
                    cbs("Error", "CBS", "Failed to query DisableWerReporting flag. [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]") +
                    cbs("Info", "CBS", "Exec: Processing complete.  Session: 31098765_1 [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]");
  auto causes = analyze({{"CBS.log", log}});
  ASSERT_FALSE(causes.empty());
  EXPECT_EQ(causes[0].code, 0x80070002u);
}

TEST(Causes, TwoUpdatesFailingAlikeStayTwoCauses) {
  Cause a, b;
  a.kind = b.kind = cause_kind::kUpdateInstall;
  a.code = b.code = 0x80070002;
  a.kb = "KB1111111";
  b.kb = "KB2222222";
  CauseCollector out;
  out.add(a);
  out.add(b);
  EXPECT_EQ(out.ranked().size(), 2u);
}

TEST(Causes, FixesFollowTheIssueMapping) {
  Cause c;
  c.kind = cause_kind::kUpdateInstall;
  c.code = 0x80248007;  // datastore: reset
  EXPECT_EQ(fix_for(c), "wufix repair --only reset");
  c.code = 0x80072F8F;  // TLS: clock
  EXPECT_EQ(fix_for(c), "wufix repair --only clock");
  c.code = 0x800F0922;  // table says "wufix logs": not useful here
  c.kb = "KB5037771";
  EXPECT_EQ(fix_for(c), "wufix explain 0x800F0922");
  c.attempts = 3;  // a KB that keeps failing
  EXPECT_EQ(fix_for(c), "wufix install KB5037771");
  c.code = 0x800F0823;  // needs a newer servicing stack: the table's install, with the KB
  EXPECT_EQ(fix_for(c), "wufix install KB5037771");
  c.kind = cause_kind::kStoreCorruption;
  EXPECT_EQ(fix_for(c), "wufix repair --only dism");
  c.kind = cause_kind::kSfcCannotRepair;
  EXPECT_EQ(fix_for(c), "wufix repair --only dism,sfc");
}

TEST(Causes, CollectorIsBoundedAndCountsWhatItDrops) {
  CauseCollector out;
  for (size_t i = 0; i < CauseCollector::kMaxCandidates + 10; ++i) {
    Cause c;
    c.kind = cause_kind::kAgentError;
    c.code = 0x80000000u + static_cast<uint32_t>(i);
    c.source_log = "log" + std::to_string(i % 8);  // under the per-log cap
    out.add(c);
  }
  EXPECT_EQ(out.dropped(), 10u);
}

TEST(Causes, JsonHasTheIssueKeys) {
  auto causes = analyze({{"CBS.log", cbs("Error", "CBS", "Failed [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]")}});
  ASSERT_EQ(causes.size(), 1u);
  auto j = to_json(causes[0]);
  for (const char* key : {"kb", "code", "name", "source_log", "line", "time", "component", "file", "explanation", "fix"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["code"], "0x80070002");
  EXPECT_TRUE(j["kb"].is_null());
}

TEST(LogFormats, DetectedByNameThenByContent) {
  EXPECT_EQ(format_from_name("C:\\Windows\\Logs\\CBS\\CbsPersist_20240514101233.log"), LogFormat::Cbs);
  EXPECT_EQ(format_from_name("/tmp/DISM.LOG"), LogFormat::Dism);
  EXPECT_EQ(format_from_name("ReportingEvents.log"), LogFormat::ReportingEvents);
  EXPECT_EQ(format_from_name("WindowsUpdate.20240514.log"), LogFormat::WindowsUpdate);
  EXPECT_EQ(format_from_name("CbsPersist_1.cab"), LogFormat::Unknown);
  EXPECT_EQ(format_from_line(cbs("Info", "DISM", "DISM.EXE: hello")), LogFormat::Dism);
  EXPECT_EQ(format_from_line("2026/05/12 09:50:01.1234567 1234  5678  Agent   WU client"), LogFormat::WindowsUpdate);
  EXPECT_EQ(format_from_line("hello"), LogFormat::Unknown);
}

TEST(LogFormats, JunkBeforeTheFirstLogLineIsBad) {
  CauseCollector out;
  fakes::StringStream in("user pasted this\n" + cbs("Error", "CBS", "Failed [HRESULT = 0x80070002 - X]"));
  auto s = analyze_stream(in, "posted.txt", out);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->format, LogFormat::Cbs);
  EXPECT_EQ(s->lines, 2u);
  EXPECT_EQ(s->bad_lines, 1u);
  EXPECT_EQ(out.ranked().size(), 1u);
}

}  // namespace
}  // namespace wufix
