// The tolerant reader: the marker finder on every form and on hostile 64 KB lines (asserted by
// correctness, never by time: bench/logs_hostile.py measures time and memory), unquoting,
// pasted excerpts through analyze_stream, and failures that a later success superseded.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/explain.h"
#include "core/logs/analyze.h"
#include "core/logs/markers.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

class StringStream : public InputStream {
 public:
  explicit StringStream(std::string s) : s_(std::move(s)) {}
  Result<size_t> read(std::span<char> buf) override {
    size_t n = std::min(buf.size(), s_.size() - pos_);
    std::copy_n(s_.data() + pos_, n, buf.data());
    pos_ += n;
    return n;
  }

 private:
  std::string s_;
  size_t pos_ = 0;
};

LogAnalysis analyze_excerpt(const std::string& text, const std::string& name = "paste.txt") {
  StringStream in(text);
  CauseCollector causes;
  LogAnalysis a;
  auto s = analyze_stream(in, name, causes);
  EXPECT_TRUE(s) << s.error().message();
  if (s) a.logs.push_back(*s);
  finish_analysis(a, causes);
  return a;
}

uint32_t code_of(std::string_view line) {
  auto m = find_code_mark(line);
  return m ? m->code : 0;
}

TEST(CodeMarks, EveryFormLogsPrint) {
  auto bracket = find_code_mark("Failed [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]");
  ASSERT_TRUE(bracket);
  EXPECT_EQ(bracket->code, 0x800F0831u);
  EXPECT_EQ(bracket->name, "CBS_E_STORE_CORRUPTION");
  EXPECT_EQ(code_of("* END * Install ClientId = UpdateOrchestrator, resultMapped=80070643"), 0x80070643u);
  EXPECT_EQ(code_of("hr = 8024402C"), 0x8024402Cu);
  EXPECT_EQ(code_of("PC01 Failed KB5039211 648MB title -2145124318"), 0x80240022u);
  EXPECT_EQ(code_of("Result = 0xC1900101[gle=0x8007000d]"), 0xC1900101u);
  EXPECT_EQ(code_of("Error: 0x800f081f"), 0x800F081Fu);
  EXPECT_EQ(code_of("Setting original failure status: 0x80073712, last forward"), 0x80073712u);
  EXPECT_EQ(code_of("(F) NTSTATUS_FROM_WIN32(ERROR_FILE_NOT_FOUND) #1# from X"), 0x80070002u);
  EXPECT_EQ(code_of("x [HRESULT = 0x00000000 - S_OK] then 0x80070005"), 0x80070005u);
  auto extend = find_code_mark("Rollback initiated. Error: 0xC1900101-0x30018");
  ASSERT_TRUE(extend);
  EXPECT_EQ(extend->extend, 0x30018u);
  EXPECT_EQ(find_code_mark("SetupDiag: Error: 0xC1900101 - 0x50016")->extend, 0x50016u);
  auto named = find_code_mark("Suspend(1253): Result = 0xC1800104 => WINDLP_E_OPERATION_COMPLETED");
  EXPECT_EQ(named->name, "WINDLP_E_OPERATION_COMPLETED");
}

TEST(CodeMarks, WhatIsNoCode) {
  EXPECT_EQ(code_of("0x800700051 is too long, 0x8007 too short"), 0u);
  EXPECT_EQ(code_of("{A1B2C3D4-0000-0000-0000-000000000001} and 8c3e2f1a bytes"), 0u);
  EXPECT_EQ(code_of("Seconds executed: -1234, build 22621"), 0u);
  EXPECT_EQ(code_of("NTSTATUS_FROM_WIN32(ERROR_NO_SUCH_NAME_ANYWHERE)"), 0u);
  EXPECT_EQ(code_of("ABC0x80070005"), 0u);  // inside a word
}

// Hostile 64 KB lines: many markers without a code, the code at the very end. The answer must
// still be right; that it comes in linear time is bench/logs_hostile.py's to show.
TEST(CodeMarks, HostileLongLines) {
  auto repeat = [](std::string_view piece, size_t bytes) {
    std::string s;
    while (s.size() + piece.size() < bytes) s += piece;
    return s;
  };
  const size_t k64 = 64 * 1024 - 64;
  EXPECT_EQ(code_of(repeat("0x", k64) + " 0x80070005"), 0x80070005u);
  EXPECT_EQ(code_of(repeat("hr=", k64) + "hr=8024402C"), 0x8024402Cu);
  EXPECT_EQ(code_of(repeat("-9", k64)), 0u);
  EXPECT_EQ(code_of(repeat("NTSTATUS_FROM_WIN32(", k64)), 0u);
  EXPECT_EQ(code_of(repeat("f", k64)), 0u);
  auto b = find_bracket_hresult(repeat("[HRESULT = ", k64) + "[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->code, 0x800F081Fu);
  EXPECT_EQ(joined_entry(repeat("2024-05-14 ", k64)), std::string_view::npos);
  EXPECT_EQ(unquote_line(repeat("> ", k64) + "x", kMaxLineBytes), "x");
  EXPECT_EQ(unquote_line(repeat("&", 1000) + "&gt;", kMaxLineBytes), repeat("&", 1000) + ">");
  // Ten such lines through the whole reader: each line read once, every cause right.
  std::string log;
  for (int i = 0; i < 10; ++i)
    log += repeat("[HRESULT = ", k64 - 60) + "Error CBS x [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]\n";
  LogAnalysis a = analyze_excerpt(log);
  ASSERT_EQ(a.causes.size(), 1u);
  EXPECT_EQ(a.causes[0].code, 0x800F0831u);
  EXPECT_EQ(a.causes[0].occurrences, 10u);
}

TEST(Unquote, ForumQuotingEntitiesAndColumns) {
  EXPECT_EQ(unquote_line("> 12: Error CBS x |", 100), "Error CBS x");
  EXPECT_EQ(unquote_line("| 2024-05-14 10:14:02, Info CBS y |", 100), "2024-05-14 10:14:02, Info CBS y");
  EXPECT_EQ(unquote_line("&quot;C:\\a b&quot; &gt; &#39;x&#39;", 100), "\"C:\\a b\" > 'x'");
  EXPECT_EQ(unquote_line("2024-05-14 10:14:02, Info CBS z", 100), "2024-05-14 10:14:02, Info CBS z");
  EXPECT_EQ(unquote_line("10.0.19041.1 is the build", 100), "10.0.19041.1 is the build");
  EXPECT_TRUE(may_be_quoted("> x"));
  EXPECT_TRUE(may_be_quoted("2024-05-14 x |"));
  EXPECT_TRUE(may_be_quoted("2024-05-14 10:14:02, Info CSI [l:10]&quot;DWrite.dll&quot;"));
  // Once a log has shown thousands of plain lines, its '&'s are no longer looked for.
  EXPECT_FALSE(may_be_quoted("2024-05-14 10:14:02, Info CSI [l:10]&quot;DWrite.dll&quot;", false));
  EXPECT_TRUE(may_be_quoted("&gt; 2024-05-14 10:14:02, Info CBS z", false));
  EXPECT_FALSE(may_be_quoted("2024-05-14 10:14:02, Info CBS z"));
  EXPECT_FALSE(may_be_quoted("2026/11/24 03:19:02.8841207 1180  7432  Handler x"));
  // Line numbers a viewer or `findstr /n` put in front: stripped, so the date is read.
  EXPECT_TRUE(may_be_quoted("20533:2026-11-24 03:19:01, Error CBS z"));
  EXPECT_TRUE(may_be_quoted("1190  2026/11/24 03:19:02.8841207 1180  7432  Handler x"));
  EXPECT_EQ(unquote_line("20533:2026-11-24 03:19:01, Error CBS z", 100),
            "2026-11-24 03:19:01, Error CBS z");
  EXPECT_EQ(unquote_line("1190  2026/11/24 03:19:02.8841207 1180", 100),
            "2026/11/24 03:19:02.8841207 1180");
}

TEST(TolerantReader, ThreeLinesWithoutTimestampsAreACbsExcerpt) {
  LogAnalysis a = analyze_excerpt(
      "Info CBS Exec: Processing started. Package: Package_for_KB5036892~31bf3856ad364e35~amd64~~19041.4291.1.10\r\n"
      "Error CBS Failed to resolve package 'Package_for_KB5036892~31bf3856ad364e35~amd64~~19041.4291.1.10' "
      "[HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]\n"
      "Info CBS Failed to execute execution chain. [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]\n");
  EXPECT_EQ(a.logs[0].format, LogFormat::Cbs);
  ASSERT_EQ(a.causes.size(), 1u);
  EXPECT_EQ(a.causes[0].kind, cause_kind::kStoreCorruption);
  EXPECT_EQ(a.causes[0].kb, "KB5036892");
  EXPECT_EQ(a.causes[0].line, 2u);
  EXPECT_EQ(a.causes[0].fix, "wufix repair --only dism");
}

TEST(TolerantReader, NoMarkerIsNoCauseAndNoError) {
  LogAnalysis a = analyze_excerpt("my update is stuck at 0%\nnothing else to say\n");
  EXPECT_TRUE(a.causes.empty());
  EXPECT_EQ(a.logs[0].lines, 2u);
  EXPECT_EQ(a.logs[0].format, LogFormat::Unknown);
}

TEST(TolerantReader, DecisiveContextIsKept) {
  LogAnalysis a = analyze_excerpt(
      "2024-03-02 11:40:14, Info CSI 00000a60 Failed to find file: "
      "x86_microsoft-windows-directwrite_31bf3856ad364e35_10.0.19041.3996_none_6f0c8a5e1a2b3c4d\\DWrite.dll "
      "[gle=0x80070002]\n",
      "sfcdetails.txt");
  ASSERT_EQ(a.causes.size(), 1u);
  const Cause& c = a.causes[0];
  EXPECT_EQ(c.kind, cause_kind::kStoreCorruption);
  EXPECT_EQ(c.file, "DWrite.dll");
  EXPECT_EQ(c.component, "x86_microsoft-windows-directwrite_31bf3856ad364e35_10.0.19041.3996_none_6f0c8a5e1a2b3c4d");
  EXPECT_EQ(c.time, "2024-03-02T11:40:14");
  EXPECT_NE(c.excerpt.find("Failed to find file"), std::string::npos);
}

TEST(TolerantReader, MaskedTimeStaysMaskedAndKbComesFromALineBefore) {
  LogAnalysis a = analyze_excerpt(
      "20xx-xx-06 xx:51:10, Info CBS Installing KB5036893 now\n"
      "20xx-xx-06 xx:51:15, Error CBS Failed to commit [HRESULT = 0x80070005 - E_ACCESSDENIED]\n");
  ASSERT_EQ(a.causes.size(), 1u);
  EXPECT_EQ(a.causes[0].time, "20xx-xx-06Txx:51:15");
  EXPECT_EQ(a.causes[0].kb, "KB5036893");
  EXPECT_EQ(a.causes[0].name, "E_ACCESSDENIED");
}

TEST(Superseded, AStoreRepairLaterInTheLogClearsTheCorruption) {
  const std::string corrupt =
      "2026-05-12 09:40:05, Info                  CBS    (p)\tCSI Payload Corrupt\t\tamd64_x\\kernel32.dll\r\n";
  const std::string repaired =
      "2026-05-12 09:52:41, Info                  CBS    Total Repaired Corruption:\t1\r\n";
  LogAnalysis before = analyze_excerpt(corrupt, "CBS.log");
  ASSERT_EQ(before.causes.size(), 1u);
  LogAnalysis after = analyze_excerpt(corrupt + repaired, "CBS.log");
  EXPECT_TRUE(after.causes.empty());
  ASSERT_EQ(after.superseded.size(), 1u);
  EXPECT_EQ(after.superseded[0].superseded_by, "CBS.log:2 (component store repaired)");
  // Corruption found again after the repair is a cause again.
  LogAnalysis again = analyze_excerpt(corrupt + repaired + corrupt, "CBS.log");
  EXPECT_EQ(again.causes.size(), 1u);
}

TEST(Superseded, AnUpdateThatInstalledLater) {
  const std::string session =
      "2026-05-12 09:00:00, Info                  CBS    Exec: Processing started.  Client: WindowsUpdateAgent, "
      "Session: 1_2, Package: Package_for_KB5037771~31bf3856ad364e35~amd64~~1.0\r\n";
  LogAnalysis a = analyze_excerpt(
      session +
          "2026-05-12 09:01:00, Info                  CBS    Exec: Processing complete.  Session: 1_2 "
          "[HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]\r\n" +
          session +
          "2026-05-13 09:01:00, Info                  CBS    Exec: Processing complete.  Session: 1_2 "
          "[HRESULT = 0x00000000 - S_OK]\r\n",
      "CBS.log");
  EXPECT_TRUE(a.causes.empty());
  ASSERT_EQ(a.superseded.size(), 1u);
  EXPECT_EQ(a.superseded[0].kb, "KB5037771");
}

TEST(Superseded, AFinishedWufixRepairStepOfThatKind) {
  fakes::FakeSystem fs;
  fs.files.add_dir("C:\\Windows\\Logs\\CBS");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CBS.log",
                    "2026-05-12 09:40:05, Info                  CBS    (p)\tCSI Payload Corrupt\t\tamd64_x\\kernel32.dll\r\n");
  using namespace std::chrono;
  fs.clock.time = sys_days(year(2026) / 5 / 20);
  ASSERT_EQ(analyze_machine_logs(fs.system())->causes.size(), 1u);
  // A day later under any time zone: the run started after the failure.
  std::string run = R"({"type":"run","run_id":"20260513-120000-abcd","started":"2026-05-13T12:00:00Z","plan":["dism"]})"
                    "\n"
                    R"({"type":"step","step":"dism","status":"done","result":"repaired"})"
                    "\n"
                    R"({"type":"end","result":"done"})"
                    "\n";
  fs.files.add_dir("C:\\ProgramData\\wufix");
  fs.files.add_dir("C:\\ProgramData\\wufix\\runs");
  fs.files.add_file("C:\\ProgramData\\wufix\\runs\\20260513-120000-abcd.jsonl", run);
  auto a = analyze_machine_logs(fs.system());
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->causes.empty());
  ASSERT_EQ(a->superseded.size(), 1u);
  EXPECT_NE(a->superseded[0].superseded_by.find("20260513-120000-abcd"), std::string::npos);
  EXPECT_EQ(to_json(*a)["superseded"][0]["superseded_by"], a->superseded[0].superseded_by);
}

// CBS.log is stamped in the PC's local time, a journal in UTC: a run that started at 08:00 UTC
// came after a 09:40 failure on a PC two hours east of UTC, and before it on a PC in UTC.
TEST(Superseded, ARunIsComparedWithTheLogsInThePcsLocalTime) {
  fakes::FakeSystem fs;
  fs.files.add_dir("C:\\Windows\\Logs\\CBS");
  fs.files.add_file("C:\\Windows\\Logs\\CBS\\CBS.log",
                    "2026-05-13 09:40:05, Info                  CBS    (p)\tCSI Payload Corrupt\t\tamd64_x\\kernel32.dll\r\n");
  fs.files.add_dir("C:\\ProgramData\\wufix");
  fs.files.add_dir("C:\\ProgramData\\wufix\\runs");
  fs.files.add_file("C:\\ProgramData\\wufix\\runs\\20260513-080000-abcd.jsonl",
                    R"({"type":"run","run_id":"20260513-080000-abcd","started":"2026-05-13T08:00:00Z","plan":["dism"]})"
                    "\n"
                    R"({"type":"step","step":"dism","status":"done","result":"repaired"})"
                    "\n");
  fs.clock.offset = std::chrono::minutes(120);
  auto east = analyze_machine_logs(fs.system());
  ASSERT_TRUE(east);
  EXPECT_TRUE(east->causes.empty());
  EXPECT_EQ(east->superseded.size(), 1u);
  fs.clock.offset = std::chrono::minutes(0);
  auto utc = analyze_machine_logs(fs.system());
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->causes.size(), 1u);
  EXPECT_TRUE(utc->superseded.empty());
}

TEST(SetupLogs, PantherLogsAreReadWhenPresent) {
  fakes::FakeSystem fs;
  fs.files.add_dir("C:\\$WINDOWS.~BT\\Sources\\Panther");
  fs.files.add_file("C:\\$WINDOWS.~BT\\Sources\\Panther\\setuperr.log",
                    "2024-09-12 10:22:31, Error                 MOUPG  CSetupHost::Execute(371): Result = 0xC1900208\r\n");
  auto a = analyze_machine_logs(fs.system());
  ASSERT_TRUE(a);
  ASSERT_EQ(a->causes.size(), 1u);
  EXPECT_EQ(a->causes[0].kind, cause_kind::kFeatureUpdate);
  EXPECT_EQ(a->causes[0].failure_class, "incompatible-app");
  for (const LogSummary& s : a->logs)  // absent Panther logs are not listed
    EXPECT_TRUE(s.path.find("Rollback") == std::string::npos) << s.path;
}

TEST(CauseCollector, DistinctCausesPerLogAreCapped) {
  CauseCollector causes;
  for (uint32_t i = 0; i < 3000; ++i) {
    Cause c;
    c.kind = cause_kind::kServicingError;
    c.code = 0x80000000u + i;
    c.source_log = "CBS.log";
    causes.add(c);
  }
  EXPECT_EQ(causes.ranked().size(), CauseCollector::kMaxCandidatesPerLog);
  EXPECT_EQ(causes.dropped(), 3000 - CauseCollector::kMaxCandidatesPerLog);
}

TEST(ExplainSetup, ExtendCodeNamesPhaseAndOperation) {
  auto e = explain_codes({"0xC1900101-0x30018"});
  ASSERT_TRUE(e) << e.error().message();
  ASSERT_TRUE((*e)[0].extend);
  EXPECT_EQ((*e)[0].decoded.hresult, 0xC1900101u);
  EXPECT_NE((*e)[0].extend->phase.find("FIRST_BOOT"), std::string::npos);
  EXPECT_EQ((*e)[0].extend->operation, "SP_EXECUTION_OP_SYSPREP");
  nlohmann::json j = explanation_json((*e)[0]);
  EXPECT_EQ(j["extend_code"]["code"], "0x30018");
  EXPECT_TRUE(j["name"].is_null());  // no verified symbolic name
  for (const char* code : {"0xC1900208", "0xC1900200", "0xC1900202", "0x80070070", "0x8007042B",
                           "0xC1900107", "0x800F0922"}) {
    auto known = explain_codes({code});
    ASSERT_TRUE(known);
    EXPECT_TRUE((*known)[0].info) << code;
  }
}

}  // namespace
}  // namespace wufix
