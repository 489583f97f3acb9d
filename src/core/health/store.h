// %ProgramData%\wufix\health: the scheduled check's last 10 results, private like the run
// journals (only SYSTEM and Administrators write) and readable by users (`wufix status`).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/health/health.h"
#include "core/repair/journal.h"
#include "core/seam.h"
#include "core/seam_upkeep.h"

namespace wufix {

inline constexpr size_t kHealthResultsKept = 10;

std::string health_dir(const Platform& platform);
// The name (without .json) of the result recorded now, after `before` (sorted by name).
std::string next_result_id(const std::vector<HealthResult>& before,
                           std::chrono::system_clock::time_point now);  // ...\ProgramData\wufix\health

struct HealthResults {
  std::vector<HealthResult> results;    // oldest first
  std::vector<SkippedJournal> skipped;  // files that are not wufix's own, or unreadable
};

// Every result file that is wufix's own (<run-id>.json, owned by SYSTEM, Administrators or the
// elevated user running wufix). Needs no elevation: only the health folder and its files are
// read. An Error when the folder is not wufix's own or cannot be listed; none when missing.
Result<HealthResults> read_health_results(const Files& files, const Platform& platform);

// The result files to remove so that `keep` remain: the oldest of the names that are results.
std::vector<std::string> results_beyond(std::vector<std::string> names, size_t keep);

struct HealthRecording {
  HealthResult result;
  HealthChanges changes;  // since the result before it
  size_t events_written = 0;
  std::optional<Error> event_error;   // the first failure; never fails the recording
  std::optional<Error> rotate_error;  // an old result that could not be removed
};

// The scheduled task's run: stores `diagnosis` (diagnose's JSON) with the free space of the
// system drive, writes one Application event per problem that appeared or cleared since the
// last result (failures are noted in the result, never fatal), keeps the newest 10 results.
// `upkeep.cleaner` removes the oldest; `upkeep.event_log` and `upkeep.sharing` may be null.
Result<HealthRecording> record_health(const System& sys, const Upkeep& upkeep,
                                      nlohmann::json diagnosis);

}  // namespace wufix
