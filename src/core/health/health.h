// The scheduled health check's results: one stored `diagnose --json` document each, read back
// as HealthResult values; what changed between two of them, and the event-log entries that
// tell admins' monitoring about it. Pure: no OS access here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/seam_tasks.h"

namespace wufix {

// A warning or error finding of a stored result (notes are not tracked).
struct HealthFinding {
  std::string id;        // finding id (contract)
  std::string severity;  // "warning" | "error"
  std::string summary;
  std::string subject;   // what it is about (service, path, value, KB...): "" when one per PC
  // The same problem in two results: id, severity and subject (the summary carries numbers
  // that change every week, such as the free GB).
  std::string key() const { return id + "|" + severity + "|" + subject; }
};

struct HealthResult {
  std::string id;           // its file name without ".json": UTC time and 4 hex digits
  std::string recorded_at;  // ISO 8601 UTC
  std::vector<HealthFinding> problems;
  std::string drive;        // the system drive, "C:\"
  std::optional<uint64_t> free_bytes, total_bytes;
  std::optional<std::string> event_error;  // why the event log could not be written
  int count(std::string_view severity) const;
};

// Reads the document `record_health` stored (a `diagnose --json` document with a "health"
// object); an Error names what is missing.
Result<HealthResult> parse_health_result(const nlohmann::json& doc, std::string id);

// The finding's subject from its evidence: the fields that tell two findings of one id apart.
std::string finding_subject(const nlohmann::json& evidence);

struct HealthChanges {
  std::vector<HealthFinding> appeared;  // in `current`, not in `previous`
  std::vector<HealthFinding> cleared;   // in `previous`, not in `current`
  bool empty() const { return appeared.empty() && cleared.empty(); }
};

// With no previous result every problem has appeared (the first check after enabling).
HealthChanges compare_results(const HealthResult* previous, const HealthResult& current);

// Event ids, one per severity (a contract for admins' monitoring rules).
inline constexpr const char* kEventSource = "wufix";
inline constexpr uint32_t kEventCleared = 1000;          // Information: a problem cleared
inline constexpr uint32_t kEventWarningAppeared = 1001;  // Warning: a warning appeared
inline constexpr uint32_t kEventErrorAppeared = 1002;    // Error: an error appeared

struct HealthEvent {
  EventType type = EventType::Information;
  uint32_t id = 0;
  std::string message;
};

// One entry per finding that appeared or cleared, errors first.
std::vector<HealthEvent> events_for(const HealthChanges& changes);

// {id, recorded_at, errors, warnings, drive, free_bytes, total_bytes, problems, appeared,
// cleared, event_error}: one result with what changed since the one before it.
nlohmann::json to_json(const HealthResult& result, const HealthChanges& changes);

}  // namespace wufix
