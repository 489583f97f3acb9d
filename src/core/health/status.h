// What `wufix schedule status` and `wufix status` show: whether the task is registered, the
// stored results and their trend. Text and JSON both read these values.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/health/store.h"
#include "core/seam_tasks.h"

namespace wufix {

struct ScheduleState {
  std::optional<bool> enabled;  // nullopt: Task Scheduler could not be asked (error says why)
  std::string error;
  std::string xml;  // the task as Task Scheduler keeps it (Wine keeps no triggers)
};

ScheduleState read_schedule_state(const TaskScheduler* tasks);

struct HealthStatus {
  ScheduleState schedule;
  HealthResults stored;
};

// Free space and problems from the oldest stored result to the newest.
struct HealthTrend {
  std::optional<int64_t> free_change;  // bytes, newest minus oldest (both known)
  HealthChanges changes;               // problems new since the oldest, and gone since
};
HealthTrend health_trend(const HealthResults& stored);

// `schedule status --json`: {schema, task {name, enabled, error, command, arguments},
// results [to_json(result, changes) oldest first], trend {...}, skipped [...]}.
nlohmann::json to_json(const HealthStatus& status, std::string_view program_path);

// `status --json`: {schema, schedule_enabled, last (to_json(result, changes)) or null, results}.
nlohmann::json last_result_json(const HealthStatus& status);

}  // namespace wufix
