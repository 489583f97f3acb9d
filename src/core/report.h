// `wufix report`: one forum-ready document (Markdown, or JSON) about this PC's update trouble:
// OS and build, diagnose's findings, the top root causes from the logs with their lines, and
// the last wufix runs. Names that identify people or the machine are redacted by default.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/diagnose.h"
#include "core/logs/analyze.h"
#include "core/redact.h"

namespace wufix {

// One past wufix run, as the run journal tells it.
struct RunSummary {
  std::string id;
  std::string started;             // ISO 8601
  std::vector<std::string> steps;  // step ids, in run order
  std::string result;              // "ok", "failed", "interrupted", ...
  bool undone = false;
};

struct ReportInput {
  Diagnosis diagnosis;
  Result<LogAnalysis> logs = Error{0, "not read", ""};
  std::vector<RunSummary> runs;  // newest first
  std::chrono::system_clock::time_point generated;
  size_t top_causes = 5;
};

// The Markdown document; `redactor` null keeps every name (--no-redact). Only values taken
// from the machine are redacted, never the document's own words.
std::string report_markdown(const ReportInput& in, const Redactor* redactor);
// {"schema", "version", "generated", "redacted", "os", "elevated", "findings", "fix_steps",
//  "logs": {"counts", "error", "causes"}, "runs"}.
nlohmann::json report_json(const ReportInput& in, const Redactor* redactor);

}  // namespace wufix
