// Every time wufix writes is UTC, whatever TZ the PC (or Wine's wineserver) runs under.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/repair/journal.h"
#include "core/time_text.h"
#include "fakes/fake_log_files.h"
#include "fakes/fake_system.h"
#include "native/clock.h"

namespace wufix {
namespace {

using namespace std::chrono;

// Runs the test under a zone 14 hours east of UTC (POSIX form: needs no tzdata), then restores.
class FarFromUtc : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    setenv("TZ", "WUFIX-14", 1);
    tzset();
  }
  void TearDown() override {
    if (saved_) setenv("TZ", saved_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }
  std::optional<std::string> saved_;
};

const system_clock::time_point kNov29 = sys_days(2026y / 11 / 29) + 13h + 45min + 1s;

TEST_F(FarFromUtc, IsoTimesAreUtc) {
  EXPECT_EQ(iso_utc(kNov29), "2026-11-29T13:45:01Z");
  EXPECT_EQ(iso_utc(kNov29 + 999ms), "2026-11-29T13:45:01Z");  // whole seconds, rounded down
}

TEST_F(FarFromUtc, RunIdsAreUtc) { EXPECT_EQ(make_run_id(kNov29, 0x13f2a), "20261129-134501-3f2a"); }

// The Linux build's clock reads the zone as Windows' does: local time minus UTC.
TEST_F(FarFromUtc, TheNativeClockGivesTheZonesOffset) {
  EXPECT_EQ(native::PosixClock().utc_offset(kNov29), hours(14));
}

TEST_F(FarFromUtc, TheLogFileStampsLinesInUtc) {
  fakes::FakeConsole console;
  fakes::FakeFiles files;
  fakes::FakeClock clock;
  clock.time = kNov29;
  Output out(console, false);
  ASSERT_TRUE(out.open_log(files.open_append("C:\\logs\\wufix.log"), clock, "C:\\logs\\wufix.log").ok());
  out.out("hello\n");
  EXPECT_EQ(files.content("C:\\logs\\wufix.log"), "2026-11-29T13:45:01Z out hello\n");
}

TEST(LogFile, AWriteThatFailsEndsTheCopyWithOneLineOnStderr) {
  fakes::FakeConsole console;
  fakes::FakeFiles files;
  fakes::FakeClock clock;
  Output out(console, false);
  ASSERT_TRUE(out.open_log(files.open_append("C:\\wufix.log"), clock, "C:\\wufix.log").ok());
  out.out("first\n");
  files.fail_writes = Error{112, "WriteFile failed", "C:\\wufix.log"};  // disk full
  out.out("second\n");
  out.out("third\n");
  EXPECT_EQ(console.out, "first\nsecond\nthird\n");  // the run itself goes on
  EXPECT_EQ(console.err, "wufix: error: the log file C:\\wufix.log is incomplete from here: "
                         "WriteFile failed: C:\\wufix.log (Win32 112)\n");
}

// A scheduled and a manual run may name the same --log: where the OS seam has a shared opener
// (Windows: others may append and read meanwhile), --log goes through it.
TEST(LogFile, OpensThroughTheSharedOpenerWhenThereIsOne) {
  fakes::FakeSystem fake;
  System sys = fake.system();
  fakes::FakeLogFiles shared(fake.files);
  Upkeep upkeep;
  upkeep.log_files = &shared;
  EXPECT_EQ(run_cli({"explain", "5", "--log", "C:\\wufix.log"}, sys, false, upkeep), 0)
      << fake.console.err;
  EXPECT_EQ(shared.opened, (std::vector<std::string>{"C:\\wufix.log"}));
  EXPECT_NE(fake.files.content("C:\\wufix.log").find("ERROR_ACCESS_DENIED"), std::string::npos);
}

TEST(IsoTimeText, ReadsBackWhatItWrites) {
  EXPECT_EQ(parse_iso_utc("2026-11-29T13:45:01Z"), kNov29);
  EXPECT_EQ(parse_iso_utc(iso_utc(kNov29)), kNov29);
}

TEST(IsoTimeText, RefusesAnythingElse) {
  for (const char* bad : {"2026-11-29T13:45:01", "2026-11-29 13:45:01Z", "2026-02-30T13:45:01Z",
                          "2026-11-29T24:00:00Z", "2026-11-29T13:45:01Zjunk", "", "Z"})
    EXPECT_FALSE(parse_iso_utc(bad)) << bad;
}

}  // namespace
}  // namespace wufix
