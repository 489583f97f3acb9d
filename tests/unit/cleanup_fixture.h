// The cleanup tests' fixtures: the selection rules over facts, and the run over fakes.
#pragma once
#include <gtest/gtest.h>

#include "core/cleanup/cleanup.h"
#include "core/repair/undo.h"
#include "core/time_text.h"
#include "fakes/fake_cleaner.h"
#include "repair_fixture.h"

// A named namespace: gtest wants one fixture class per suite across the test files.
namespace wufix::cleanup_testing {

using namespace std::chrono_literals;
using fakes::fold;

const std::string kWin = "C:\\Windows";
const std::string kSdOld = kWin + "\\SoftwareDistribution.old";

inline TimePoint at(std::string_view iso) { return *parse_iso_utc(iso); }

struct Rules : ::testing::Test {
  CleanupFacts facts;
  CleanupOptions options;
  Rules() {
    facts.now = at("2026-12-02T12:00:00Z");
    facts.last_install_success = at("2026-11-20T08:00:00Z");
  }
  CleanupItem only() {
    CleanupPlan plan = plan_cleanup(facts, options);
    EXPECT_EQ(plan.items.size(), 1u);
    return plan.items.at(0);
  }
};

struct CleanupRun : RepairFixture {
  fakes::FakeCleaner cleaner{fake.files};
  CleanupOptions cleanup_options;

  int cleanups = 0;

  // An update installs a day after now (the run, the leftovers), and cleanup runs after that.
  void installed_after_the_run() {
    UpdateHistoryEntry ok;
    ok.operation = 1;
    ok.result_code = 2;
    ok.date = fake.clock.time + 24h;
    fake.update_agent.entries = {ok};
    fake.clock.time = ok.date + 1h;
  }
  CleanupResult cleanup() {
    auto runs = read_all_journals(fake.files, fake.platform);
    auto facts = collect_cleanup_facts(sys, cleaner, runs->runs, false, nullptr);
    EXPECT_TRUE(facts.ok());
    CleanupPlan plan = plan_cleanup(*facts, cleanup_options);
    id = "20261202-120000-c1e" + std::to_string(++cleanups);
    auto journal = create_cleanup_journal(fake.files, fake.platform, id);
    EXPECT_TRUE(journal.ok());
    return perform_cleanup(sys, cleaner, plan, runs->runs, id, *journal, nullptr);
  }
  std::string id;
  std::string cleanup_journal() {
    return fake.files.content("C:\\ProgramData\\wufix\\cleanup\\" + id + ".jsonl");
  }
};

// The item of `kind` in a result (the test fails when there is none).
inline const CleanupItem& item_of(const CleanupResult& result, CleanupKind kind) {
  auto it = std::find_if(result.plan.items.begin(), result.plan.items.end(),
                         [&](const CleanupItem& i) { return i.kind == kind; });
  EXPECT_NE(it, result.plan.items.end());
  static const CleanupItem kNone;
  return it == result.plan.items.end() ? kNone : *it;
}

}  // namespace wufix::cleanup_testing
