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

namespace wufix {

// One past wufix run, as the run journal tells it.
struct RunSummary {
  std::string id;
  std::string started;             // ISO 8601
  std::vector<std::string> steps;  // step ids, in run order
  std::string result;              // "ok", "failed", "interrupted", ...
  bool undone = false;
};

// Replaces user names, the computer name and user-profile paths with placeholders:
// "C:\Users\alice\Desktop" → "C:\Users\<user>\Desktop", "DESKTOP-1A2B3C" → "<computer>".
class Redactor {
 public:
  Redactor() = default;  // redacts profile paths only
  Redactor(std::vector<std::string> user_names, std::vector<std::string> computer_names);
  std::string apply(std::string_view text) const;
  void apply(nlohmann::json& value) const;  // every string value inside

 private:
  std::vector<std::string> users_, computers_;
};

struct ReportInput {
  Diagnosis diagnosis;
  Result<LogAnalysis> logs = Error{0, "not read", ""};
  std::vector<RunSummary> runs;  // newest first
  std::chrono::system_clock::time_point generated;
  size_t top_causes = 5;
};

// The Markdown document; `redactor` null keeps every name (--no-redact).
std::string report_markdown(const ReportInput& in, const Redactor* redactor);
// {"schema", "version", "generated", "redacted", "os", "elevated", "findings", "fix_steps",
//  "logs": {"counts", "error", "causes"}, "runs"}.
nlohmann::json report_json(const ReportInput& in, const Redactor* redactor);

}  // namespace wufix
