// The ReportingEvents.log reader: encodings, line ends, and lines that do not fit.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <nlohmann/json.hpp>

#include "core/logs/reporting_events.h"
#include "fakes/fake_system.h"
#include "reporting_events_fixture.h"

namespace wufix {
namespace {

using namespace std::chrono_literals;
using namespace testing_logs;

struct Read {
  std::vector<ReportingEvent> events;
  ReportingEventsCounts counts;
};

Read read_all(InputStream& in) {
  Read r;
  auto counts = read_reporting_events(in, [&](const ReportingEvent& e) { r.events.push_back(e); });
  EXPECT_TRUE(counts) << counts.error().message();
  if (counts) r.counts = *counts;
  return r;
}

Read read_all(std::string bytes) {
  fakes::StringStream in(std::move(bytes));
  return read_all(in);
}

class FailingStream : public InputStream {
 public:
  Result<size_t> read(std::span<char>) override { return Error{23, "ReadFile failed", "log"}; }
};

sys_time utc(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
  using namespace std::chrono;
  return time_point_cast<system_clock::duration>(
      sys_days(year(y) / mo / d) + hours(h) + minutes(mi) + seconds(s) + milliseconds(ms));
}

TEST(ReportingEvents, ParsesEveryFieldOfAFailedInstall) {
  auto e = parse_reporting_event(failed_install_line());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->time, utc(2026, 5, 20, 8, 15, 1, 123));  // 10:15:01.123 at +0200
  EXPECT_EQ(e->event_id, 182);
  EXPECT_EQ(e->event_name, "AGENT_INSTALLING_FAILED");
  EXPECT_EQ(e->update_id, "a1b2c3d4-1111-2222-3333-444455556666");
  EXPECT_EQ(e->hresult, 0x80070002u);
  EXPECT_EQ(e->client, "UpdateOrchestrator");
  EXPECT_FALSE(e->success);
  EXPECT_EQ(e->operation, "Content Install");
  EXPECT_EQ(e->title, "2026-05 Cumulative Update for Windows 11 Version 23H2 for x64-based "
                      "Systems (KB5037771)");
  EXPECT_EQ(e->kb, "5037771");
}

TEST(ReportingEvents, SuccessLineHasZeroHresultAndItsTitle) {
  auto e = parse_reporting_event(succeeded_install_line());
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->success);
  EXPECT_EQ(e->hresult, 0u);
  EXPECT_EQ(e->event_id, 183);
  EXPECT_EQ(e->title, "2026-05 Cumulative Update for Windows 11 Version 23H2 for x64-based "
                      "Systems (KB5037771)");
}

TEST(ReportingEvents, NegativeUtcOffsetMovesTimeForward) {
  Line l;
  l.timestamp = "2026-01-31 22:30:00:000-0500";
  auto e = parse_reporting_event(l.text());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->time, utc(2026, 2, 1, 3, 30, 0));
}

TEST(ReportingEvents, YearsTheClockCannotHoldAreBadLinesNotOverflow) {
  for (const char* stamp : {"9999-12-31 10:15:01:123+0200", "0000-01-01 00:00:00:000+0000",
                            "1969-12-31 23:59:59:999+0000"}) {
    Line l;
    l.timestamp = stamp;
    EXPECT_FALSE(parse_reporting_event(l.text())) << stamp;
  }
}

TEST(ReportingEvents, HresultFromTheMessageWhenTheFieldIsMissing) {
  Line l;
  l.hresult = "0";
  auto e = parse_reporting_event(l.text());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->hresult, 0x80070002u);
}

TEST(ReportingEvents, ReadsUtf16LeWithBom) {
  Read r =
      read_all(utf16le(failed_install_line() + "\r\n" + succeeded_install_line() + "\r\n", true));
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.counts.lines, 2u);
  EXPECT_EQ(r.counts.bad_lines, 0u);
  EXPECT_EQ(r.events[0].kb, "5037771");
  EXPECT_FALSE(r.events[0].success);
  EXPECT_TRUE(r.events[1].success);
}

TEST(ReportingEvents, ReadsUtf16LeWithoutBom) {
  Read r = read_all(utf16le(failed_install_line() + "\n", false));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].hresult, 0x80070002u);
}

TEST(ReportingEvents, ReadsUtf8WithAndWithoutBom) {
  std::string text = failed_install_line() + "\n" + succeeded_install_line() + "\n";
  EXPECT_EQ(read_all(text).events.size(), 2u);
  Read with_bom = read_all("\xEF\xBB\xBF" + text);
  ASSERT_EQ(with_bom.events.size(), 2u);
  EXPECT_EQ(with_bom.counts.bad_lines, 0u);
}

TEST(ReportingEvents, CrlfAndLfBothEndLinesAndCrIsNotKept) {
  Read r = read_all(failed_install_line() + "\r\n" + succeeded_install_line() + "\n" +
                    failed_install_line() + "\r\n");
  ASSERT_EQ(r.events.size(), 3u);
  for (const auto& e : r.events) EXPECT_EQ(e.text.find('\r'), std::string::npos);
}

TEST(ReportingEvents, LastLineWithoutLineBreakIsRead) {
  Read r = read_all(failed_install_line() + "\n" + succeeded_install_line());
  EXPECT_EQ(r.events.size(), 2u);
}

TEST(ReportingEvents, TruncatedLastLineIsCountedAsBad) {
  std::string cut = succeeded_install_line().substr(0, 120);  // stopped mid-write
  Read r = read_all(utf16le(failed_install_line() + "\r\n" + cut, true));
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.counts.lines, 2u);
  EXPECT_EQ(r.counts.bad_lines, 1u);
}

TEST(ReportingEvents, JunkLinesAreCountedAndSkipped) {
  std::string junk =
      "hello world\n"
      "\t\t\t\t\n"
      "{6F1D2A3B-0000-0000-0000-000000000000}\tyesterday\t1\t182\tFailure\n"
      "{6F1D2A3B-0000-0000-0000-000000000000}\t2026-13-01 10:00:00:000+0000\t1\t182\tFailure\n"
      "{6F1D2A3B-0000-0000-0000-000000000000}\t2026-02-30 10:00:00:000+0000\t1\t182\tFailure\n"
      "{6F1D2A3B-0000-0000-0000-000000000000}\t2026-05-20 10:00:00:000+9900\t1\t182\tFailure\n"
      "\n\n";
  Read r = read_all(junk + failed_install_line() + "\n");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.counts.lines, 6u);  // blank (and whitespace-only) lines are not lines
  EXPECT_EQ(r.counts.bad_lines, 5u);
}

TEST(ReportingEvents, StreamsByteByByteAcrossSurrogatePairs) {
  Line l;
  l.message = "Installation Successful: Windows successfully installed the following update: "
              "Emoji \xF0\x9F\x98\x80 Pack (KB1234567)";
  l.result = "Success";
  fakes::TrickleStream one_byte(utf16le(l.text() + "\r\n" + failed_install_line() + "\r\n", true), 1);
  Read r = read_all(one_byte);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].title, "Emoji \xF0\x9F\x98\x80 Pack (KB1234567)");
  EXPECT_EQ(r.events[0].kb, "1234567");
}

TEST(ReportingEvents, AnsiBytesBecomeValidUtf8) {
  Line l;
  l.message = "Installation Failure: Windows failed to install the following update with error "
              "0x80070002: Mise \xE0 jour (KB5037771).";
  Read r = read_all(l.text() + "\n");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].title, "Mise \xC3\xA0 jour (KB5037771)");
  EXPECT_NO_THROW(nlohmann::json(r.events[0].title).dump());
}

TEST(ReportingEvents, OverlongLineIsBadAndTheNextLineStillParses) {
  std::string huge(1 << 20, 'x');
  Read r = read_all(huge + "\n" + failed_install_line() + "\n");
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.counts.bad_lines, 1u);
}

TEST(ReportingEvents, ReadFailureIsReturned) {
  FailingStream in;
  auto counts = read_reporting_events(in, [](const ReportingEvent&) {});
  ASSERT_FALSE(counts);
  EXPECT_EQ(counts.error().code, 23u);
}

TEST(ReportingEvents, EmptyFileHasNoLines) {
  Read r = read_all(std::string());
  EXPECT_EQ(r.counts.lines, 0u);
  EXPECT_TRUE(r.events.empty());
}

TEST(ReportingEvents, RandomBytesNeverCrash) {
  std::mt19937 rng(182);
  uint64_t lines = 0;
  for (int round = 0; round < 50; ++round) {
    std::string bytes(rng() % 5000, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? '\t' : rng());
    Read r = read_all(bytes);
    lines += r.counts.lines;
    EXPECT_LE(r.counts.bad_lines, r.counts.lines);
    for (const auto& e : r.events) EXPECT_NO_THROW(nlohmann::json(e.title).dump());
  }
  EXPECT_GT(lines, 400u);  // the garbage was read as lines (456 with this seed), not refused whole
}

}  // namespace
}  // namespace wufix
