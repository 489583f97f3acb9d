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

// %ProgramData%\wufix private, and the health folder below it readable by Users through
// `sharing` (created so when missing); refused when it is a link, someone else's, or lets
// anyone but SYSTEM, Administrators, the elevated user and Users in. Without `sharing`, or
// when it fails (`not_shared` says why), the folder is made private (results are still kept;
// status then needs elevation).
Status ensure_health_folder(Files& files, const Platform& platform, FolderSharing* sharing,
                            std::optional<Error>& not_shared);
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

// The result files to remove so that `keep` remain: the oldest of the names that are results,
// with their events files (and events files whose result is gone).
std::vector<std::string> results_beyond(std::vector<std::string> names, size_t keep);

struct HealthRecording {
  HealthResult result;
  HealthChanges changes;  // since the result before it
  size_t events_written = 0;
  std::optional<Error> event_error;   // the first failure; never fails the recording
  std::optional<Error> rotate_error;  // an old result that could not be removed
  std::optional<Error> outcome_error; // the events file could not be written
  std::optional<Error> sharing_error; // Users cannot read the results (status needs elevation)
};

// The scheduled task's run: stores `diagnosis` (diagnose's JSON) with the free space of the
// system drive, then writes one Application event per problem that appeared or cleared since
// the last result (failures are noted in <run-id>.events.json beside it, never fatal), keeps
// the newest 10 results. A result that cannot be stored is an Error after the events (which
// say so) are written.
// `upkeep.cleaner` removes the oldest; `upkeep.event_log` and `upkeep.sharing` may be null.
Result<HealthRecording> record_health(const System& sys, const Upkeep& upkeep,
                                      nlohmann::json diagnosis);

}  // namespace wufix
