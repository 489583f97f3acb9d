#include "core/health/status.h"

#include "core/health/task.h"
#include "core/json_schema.h"

namespace wufix {
namespace {

// Each result with what changed since the one before it.
nlohmann::json results_json(const HealthResults& stored) {
  nlohmann::json out = nlohmann::json::array();
  const HealthResult* previous = nullptr;
  for (const HealthResult& r : stored.results) {
    // The oldest kept result has no predecessor here: nothing is claimed as new.
    HealthChanges changes = previous ? compare_results(previous, r) : HealthChanges{};
    out.push_back(to_json(r, changes));
    previous = &r;
  }
  return out;
}

nlohmann::json skipped_json(const HealthResults& stored) {
  nlohmann::json out = nlohmann::json::array();
  for (const SkippedJournal& s : stored.skipped) out.push_back({{"file", s.file}, {"reason", s.reason}});
  return out;
}

nlohmann::json ids(const std::vector<HealthFinding>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const HealthFinding& f : list) out.push_back(f.id);
  return out;
}

nlohmann::json enabled_json(const ScheduleState& s) {
  return s.enabled ? nlohmann::json(*s.enabled) : nlohmann::json();
}

}  // namespace

ScheduleState read_schedule_state(const TaskScheduler* tasks) {
  ScheduleState state;
  if (tasks == nullptr) {
    state.error = "Task Scheduler is not available in this build";
    return state;
  }
  auto xml = tasks->task_xml(kHealthTaskName);
  if (!xml) {
    state.error = xml.error().message();
    return state;
  }
  state.enabled = xml->has_value();
  if (*xml) state.xml = **xml;
  return state;
}

HealthTrend health_trend(const HealthResults& stored) {
  HealthTrend trend;
  if (stored.results.size() < 2) return trend;
  const HealthResult& first = stored.results.front();
  const HealthResult& last = stored.results.back();
  if (first.free_bytes && last.free_bytes)
    trend.free_change = static_cast<int64_t>(*last.free_bytes) - static_cast<int64_t>(*first.free_bytes);
  trend.changes = compare_results(&first, last);
  return trend;
}

nlohmann::json to_json(const HealthStatus& status, std::string_view program_path) {
  HealthTrend trend = health_trend(status.stored);
  const auto& results = status.stored.results;
  nlohmann::json task = {{"name", kHealthTaskName},
                         {"enabled", enabled_json(status.schedule)},
                         {"error", status.schedule.error.empty() ? nlohmann::json()
                                                                 : nlohmann::json(status.schedule.error)},
                         {"command", program_path.empty() ? nlohmann::json()
                                                          : nlohmann::json(program_path)},
                         {"arguments", kHealthTaskArguments}};
  nlohmann::json trend_json = {
      {"from", results.empty() ? nlohmann::json() : nlohmann::json(results.front().recorded_at)},
      {"to", results.empty() ? nlohmann::json() : nlohmann::json(results.back().recorded_at)},
      {"free_bytes_change", trend.free_change ? nlohmann::json(*trend.free_change) : nlohmann::json()},
      {"new_findings", ids(trend.changes.appeared)},
      {"cleared_findings", ids(trend.changes.cleared)}};
  return {{"schema", kJsonSchema},
          {"task", task},
          {"results", results_json(status.stored)},
          {"trend", trend_json},
          {"skipped", skipped_json(status.stored)}};
}

nlohmann::json last_result_json(const HealthStatus& status) {
  const auto& results = status.stored.results;
  nlohmann::json last;
  if (!results.empty()) {
    const HealthResult* previous = results.size() > 1 ? &results[results.size() - 2] : nullptr;
    last = to_json(results.back(), previous ? compare_results(previous, results.back()) : HealthChanges{});
  }
  return {{"schema", kJsonSchema},
          {"schedule_enabled", enabled_json(status.schedule)},
          {"last", last},
          {"results", results.size()},
          {"skipped", skipped_json(status.stored)}};
}

}  // namespace wufix
