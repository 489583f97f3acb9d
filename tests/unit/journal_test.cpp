// The journal read back: what a run planned and did, and the cuts a crash leaves.
#include "core/repair/journal.h"

#include <gtest/gtest.h>

#include "core/time_text.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

Result<RunLog> parse(const std::string& text) {
  fakes::StringStream in(text);
  return parse_journal(in, "run.jsonl");
}

const std::string kRunHeader =
    R"({"type":"run","run_id":"r1","started":"2026-11-29T12:00:00Z","plan":["services","reset"],"options":{}})"
    "\n";
const std::string kIntent =
    R"({"type":"intent","seq":1,"group":"reset","action":{"kind":"rename","from":"C:\\W\\SD","to":"C:\\W\\SD.old"}})"
    "\n";

TEST(Journal, AFinishedRunIsNotInterrupted) {
  auto log = parse(kRunHeader + R"({"type":"group","group":"services"})" "\n" +
                   R"({"type":"step","step":"services","status":"done","result":"restored"})" "\n" +
                   R"({"type":"end","result":"done"})" "\n");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->run_id, "r1");
  EXPECT_EQ(log->plan, (std::vector<std::string>{"services", "reset"}));
  EXPECT_FALSE(log->interrupted());
  EXPECT_EQ(log->steps.at(0).result, "restored");
}

TEST(Journal, AnIntentWithoutOutcomeIsAChangeThatMayHaveHappened) {
  auto log = parse(kRunHeader + R"({"type":"group","group":"reset"})" "\n" + kIntent);
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->interrupted());
  EXPECT_EQ(log->open_step, "reset");
  ASSERT_EQ(log->actions.size(), 1u);
  EXPECT_FALSE(log->actions[0].finished);
  EXPECT_EQ(log->actions[0].action.to, "C:\\W\\SD.old");
}

TEST(Journal, AnOutcomeClosesItsIntent) {
  auto log = parse(kRunHeader + kIntent + R"({"type":"outcome","seq":1,"ok":true})" "\n");
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->actions[0].finished);
  EXPECT_TRUE(log->actions[0].ok);
}

TEST(Journal, ALastLineCutByPowerLossIsIgnored) {
  auto log = parse(kRunHeader + kIntent + R"({"type":"outcome","se)");
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->truncated_tail);
  EXPECT_FALSE(log->actions[0].finished);
}

TEST(Journal, ADamagedLineInTheMiddleIsAnErrorNamingIt) {
  auto log = parse(kRunHeader + "garbage\n" + kIntent);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().message(), "damaged run journal: run.jsonl line 2");
}

// Found by fuzzing: nlohmann casts 1e90 into an int or unsigned field (undefined behaviour).
TEST(Journal, ANumberNoFieldCanHoldIsDamageNotAValue) {
  for (const char* seq : {"1e90", "1.5", "4294967297", "\"1\""}) {
    auto log = parse(kRunHeader + R"({"type":"intent","seq":)" + seq +
                     R"(,"group":"reset","action":{"kind":"rename","from":"C:\\W\\SD","to":"C:\\W\\SD.old"}})" "\n" +
                     kIntent);
    ASSERT_FALSE(log.ok()) << seq;
    EXPECT_EQ(log.error().message(), "damaged run journal: run.jsonl line 2") << seq;
  }
  auto outcome = parse(kRunHeader + kIntent + R"({"type":"outcome","seq":3.3e90,"ok":true})" "\n" +
                       R"({"type":"end","result":"done"})" "\n");
  ASSERT_FALSE(outcome.ok());
}

TEST(Journal, AProxyAccessTypeBeyondAnyNumberIsOneTheTrustCheckRefuses) {
  auto log = parse(kRunHeader +
                   R"({"type":"intent","seq":1,"group":"network","action":{"kind":"set-winhttp-proxy",)"
                   R"("old_proxy":{"access_type":3333333333333333333333333333,"proxy":"10.0.0.1:8080","bypass":""},)"
                   R"("new_proxy":{"access_type":1,"proxy":"","bypass":""}}})" "\n");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->actions.at(0).action.old_proxy.access_type, 0u);
}

TEST(Journal, BlankLinesCarryNothingAndLineNumbersStayTheFiles) {
  auto log = parse(kRunHeader + "\r\n   \n" + kIntent + "\n");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->actions.size(), 1u);
  auto bad = parse(kRunHeader + "\n\ngarbage\n" + kIntent);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "damaged run journal: run.jsonl line 4");
}

TEST(Journal, ALineLongerThanAnyRecordIsDamageNotMemory) {
  std::string huge = R"({"type":"group","group":")" + std::string(200 * 1024, 'x') + "\"}\n";
  auto log = parse(kRunHeader + huge + kIntent);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().message(), "damaged run journal: run.jsonl line 2");
}

TEST(Journal, ADamagedLineFollowedOnlyByBlankLinesIsStillTheCutTail) {
  auto log = parse(kRunHeader + kIntent + R"({"type":"outcome","se)" + "\n\n");
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->truncated_tail);
}

TEST(Journal, AnActionOfUnknownKindIsDamage) {
  auto log = parse(kRunHeader + R"({"type":"intent","seq":1,"action":{"kind":"format-disk"}})" "\n" +
                   R"({"type":"end","result":"done"})" "\n");
  EXPECT_FALSE(log.ok());
}

TEST(Journal, WithoutARunHeaderItIsNotAJournal) {
  auto log = parse(R"({"type":"end","result":"done"})" "\n");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message().find("not a wufix run journal"), std::string::npos);
}

TEST(Journal, UndoStateIsTracked) {
  auto log = parse(kRunHeader + R"({"type":"end","result":"done"})" "\n" +
                   R"({"type":"undo-begin"})" "\n");
  ASSERT_TRUE(log.ok());
  EXPECT_TRUE(log->interrupted());  // an undo that never ended
  EXPECT_FALSE(log->undone());
  log = parse(kRunHeader + R"({"type":"end","result":"done"})" "\n" + R"({"type":"undo-begin"})" "\n" +
              R"({"type":"undo-end","ok":true})" "\n");
  EXPECT_TRUE(log->undone());
  EXPECT_FALSE(log->interrupted());
}

TEST(Journal, RunIdsSortByTime) {
  auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1'795'953'600));
  EXPECT_EQ(make_run_id(t, 0xbeef), "20261129-120000-beef");
  EXPECT_LT(make_run_id(t, 0xffff), make_run_id(t + std::chrono::seconds(1), 0));
  EXPECT_EQ(iso_utc(t), "2026-11-29T12:00:00Z");
}

TEST(Journal, WriterFlushesEveryRecordAndReadsBackAllRuns) {
  fakes::FakeSystem fake;
  for (const char* id : {"20261129-090000-0001", "20261128-090000-0002"}) {
    auto w = JournalWriter::open(fake.files, fake.platform, id);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->write({{"type", "run"}, {"run_id", id}}).ok());
  }
  EXPECT_EQ(fake.files.flushes, 2);
  auto runs = read_all_journals(fake.files, fake.platform);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->runs.size(), 2u);
  EXPECT_EQ(runs->runs.at(0).run_id, "20261128-090000-0002");  // oldest first
}

}  // namespace
}  // namespace wufix
