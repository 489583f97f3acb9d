// %WINDIR%\SoftwareDistribution\ReportingEvents.log: one Windows Update event per line,
// TAB-separated. Read as a stream (the file grows for years), in UTF-16LE or UTF-8, and
// parsed defensively: lines that do not fit are counted and skipped.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/logs/text.h"
#include "core/result.h"
#include "core/seam.h"

namespace wufix {

struct ReportingEvent {
  std::chrono::system_clock::time_point time;  // UTC (the line's ±HHMM offset applied)
  int event_id = 0;           // 182
  std::string event_name;     // "AGENT_INSTALLING_FAILED"; empty when the line has none
  std::string update_id;      // lower case, without braces, as WUA reports it
  uint32_t hresult = 0;       // 0 on success
  std::string client;         // "UpdateOrchestrator"
  bool success = false;       // "Success" / "Failure"
  std::string operation;      // "Content Install", "Content Download", ...
  std::string title;          // "2024-05 Cumulative Update ... (KB5037771)"
  std::string kb;             // "5037771" (digits only); empty when the text names none
  std::string text;           // the whole free-text field
};

struct ReportingEventsCounts {
  size_t lines = 0;      // non-blank lines seen
  size_t bad_lines = 0;  // lines skipped because they did not parse
};

// One line, already decoded to UTF-8 and without its line break; nullopt when it does not parse.
std::optional<ReportingEvent> parse_reporting_event(std::string_view line);

// Streams the whole log, calling on_event for every line that parses, in file order.
// The Error is the stream's read failure; bad content is only counted.
Result<ReportingEventsCounts> read_reporting_events(
    InputStream& in, const std::function<void(const ReportingEvent&)>& on_event);

}  // namespace wufix
