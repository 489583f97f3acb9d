// The schedule and status tests' helpers and fixture (a named namespace: gtest wants one
// fixture class per suite across the test files).
#pragma once
#include <gtest/gtest.h>

#include "core/health/store.h"
#include "fakes/fake_cleaner.h"
#include "fakes/fake_system.h"
#include "fakes/fake_tasks.h"

namespace wufix::health_testing {

using nlohmann::json;
inline constexpr uint64_t kGiB = 1ull << 30;
inline const std::string kHealth = "C:\\ProgramData\\wufix\\health";

inline json finding_json(std::string id, std::string severity, std::string summary,
                  json evidence = json::object()) {
  return {{"id", id}, {"severity", severity}, {"summary", summary}, {"evidence", evidence},
          {"fix", nullptr}, {"advice", nullptr}};
}

inline json diagnosis_json(std::vector<json> findings) {
  return {{"schema", 1}, {"checks", json::array()}, {"findings", findings}};
}

inline HealthResult result_of(std::vector<json> findings) {
  json doc = diagnosis_json(std::move(findings));
  doc["health"] = {{"recorded_at", "2026-12-01T03:00:00Z"}, {"drive", "C:\\"}};
  return parse_health_result(doc, "20261201-030000-0001").value();
}

inline std::vector<std::string> ids_of(const std::vector<HealthFinding>& list) {
  std::vector<std::string> out;
  for (const HealthFinding& f : list) out.push_back(f.id + (f.subject.empty() ? "" : ":" + f.subject));
  return out;
}

struct HealthFixture : ::testing::Test {
  fakes::FakeSystem fake;
  System sys = fake.system();
  fakes::FakeCleaner cleaner{fake.files};
  fakes::FakeTaskScheduler tasks;
  fakes::FakeEventLog events;
  fakes::FakeFolderSharing sharing{fake.files};
  Upkeep upkeep() {
    Upkeep u;
    u.cleaner = &cleaner;
    u.tasks = &tasks;
    u.event_log = &events;
    u.sharing = &sharing;
    u.program_path = "C:\\Tools\\wufix.exe";
    return u;
  }
  // One scheduled run a day later than the last, with this much free space.
  HealthRecording record(std::vector<json> findings, uint64_t free_gb = 50) {
    fake.clock.time += std::chrono::hours(24);
    fake.files.space.free_bytes = free_gb * kGiB;
    auto rec = record_health(sys, upkeep(), diagnosis_json(std::move(findings)));
    EXPECT_TRUE(rec.ok()) << rec.error().message();
    return rec.ok() ? *rec : HealthRecording{};
  }
  std::vector<std::string> stored() { return *fake.files.list(kHealth); }
  // The result files (not their events files), oldest first.
  std::vector<std::string> stored_results() {
    std::vector<std::string> names = stored();
    std::erase_if(names, [](const std::string& n) { return n.ends_with(".events.json"); });
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace wufix::health_testing
