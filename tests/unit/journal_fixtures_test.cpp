// The journal fixtures (tests/fixtures/journals, also the journal fuzzer's seeds) read from disk
// as `undo` and `repair --resume` read them: what each holds, and what trust says of it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/repair/journal.h"
#include "core/repair/journal_trust.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

Result<RunLog> fixture_journal(const std::string& name) {
  std::ifstream in(std::string(WUFIX_SOURCE_DIR) + "/tests/fixtures/journals/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << name;
  fakes::StringStream stream(bytes.str());
  return parse_journal(stream, name);
}

std::optional<std::string> trust(const RunLog& log) {
  return untrusted_entry(log, {"C:\\Windows", "C:\\ProgramData", log.run_id});
}

TEST(JournalFixtures, AResetRunWithSfcThatWasUndone) {
  auto log = fixture_journal("reset_sfc_undone.jsonl");
  ASSERT_TRUE(log.ok()) << log.error().message();
  EXPECT_EQ(log->plan, (std::vector<std::string>{"services", "reset", "sfc"}));
  EXPECT_EQ(log->actions.size(), 12u);
  EXPECT_EQ(log->steps.size(), 3u);
  EXPECT_TRUE(log->steps[2].reboot_required);
  EXPECT_TRUE(log->undone());
  EXPECT_EQ(run_result(*log), "reboot-required");
  EXPECT_EQ(log->verification.size(), 2u);
  EXPECT_EQ(trust(*log), std::nullopt);
}

TEST(JournalFixtures, ACrlfPolicyRunCutInsideDismIsInterruptedWithItsStepOpen) {
  auto log = fixture_journal("policy_interrupted_torn.jsonl");
  ASSERT_TRUE(log.ok()) << log.error().message();
  EXPECT_TRUE(log->truncated_tail);
  EXPECT_EQ(run_result(*log), "interrupted");
  EXPECT_EQ(log->open_step, "dism");
  ASSERT_EQ(log->actions.size(), 4u);
  EXPECT_FALSE(log->actions[1].ok);
  EXPECT_FALSE(log->actions[3].finished);
  EXPECT_EQ(trust(*log), std::nullopt);
}

TEST(JournalFixtures, AHealedClockRunWhoseUndoACleanupForgot) {
  auto log = fixture_journal("clock_hide_forgotten.jsonl");
  ASSERT_TRUE(log.ok()) << log.error().message();
  EXPECT_EQ(run_result(*log), "done");
  ASSERT_TRUE(log->undo_forgotten.has_value());
  EXPECT_NE(log->undo_forgotten->find("--forget-undo"), std::string::npos);
  EXPECT_EQ(log->actions[1].action.update_title.find("ünïcødé") == std::string::npos, false);
  // A hide record belongs to `updates hide` runs, never to a repair plan.
  EXPECT_TRUE(trust(*log).has_value());
}

TEST(JournalFixtures, OnePlantedByAStandardUserIsRefusedAtItsFirstEntry) {
  auto log = fixture_journal("planted_by_a_user.jsonl");
  ASSERT_TRUE(log.ok()) << log.error().message();
  auto refused = trust(*log);
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("entry 1"), std::string::npos) << *refused;
}

}  // namespace
}  // namespace wufix
