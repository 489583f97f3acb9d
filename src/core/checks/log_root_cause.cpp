// check_log_root_cause: the root causes `wufix logs` finds in this PC's CBS, DISM and Windows
// Update logs, as diagnose findings. Only recent failures count: older ones were most likely
// overtaken by later updates.
#include <chrono>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/hresult.h"
#include "core/logs/analyze.h"
#include "core/repair/repair.h"
#include "core/time_text.h"

namespace wufix {
namespace {

constexpr size_t kMaxFindings = 3;

// Log times are the PC's local time ("2024-05-14T10:14:02"); a day of slack covers any zone.
bool recent(const Cause& c, std::chrono::system_clock::time_point now) {
  if (c.time.size() < 10) return true;  // no time: cannot tell, keep it
  std::string cutoff = iso_utc(now - kRecentFailures - std::chrono::days(1));
  return c.time.compare(0, 10, cutoff, 0, 10) >= 0;
}

Finding log_cause_finding(const Cause& c) {
  using nlohmann::json;
  auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  Finding f;
  f.id = finding_id::kLogRootCause;
  f.severity = Severity::Warning;
  std::string what = c.kb.empty() ? "" : c.kb + " ";
  f.summary = fmt::format("{}{}{} in {} line {}", what, format_hresult(c.code),
                          c.name.empty() ? "" : " " + c.name, c.source_log, c.line);
  if (!c.file.empty()) f.summary += " (" + c.file + ")";
  f.evidence = {{"kb", text(c.kb)},         {"code", format_hresult(c.code)},
                {"name", text(c.name)},     {"source_log", c.source_log},
                {"line", c.line},           {"time", text(c.time)},
                {"component", text(c.component)}, {"file", text(c.file)},
                {"kind", c.kind}};
  f.fix = repair_step_of(c.fix);
  bool only_step = f.fix && c.fix == "wufix repair --only " + *f.fix;
  f.advice = only_step ? c.explanation : c.explanation + " Fix: " + c.fix;
  return f;
}

}  // namespace

CheckResult check_log_root_cause(const System& sys) {
  if (!sys.clock) return check_skipped(check_id::kLogRootCause, "no clock here");
  auto analysis = analyze_machine_logs(sys);
  if (!analysis) return check_error(check_id::kLogRootCause, analysis.error());
  auto now = sys.clock->now();
  std::vector<Finding> findings;
  for (const Cause& c : analysis->causes) {
    if (findings.size() == kMaxFindings) break;
    // A failed install that only ReportingEvents.log tells of is update-history's finding.
    bool told_by_update_history = c.kind == cause_kind::kUpdateInstall && c.also_in.empty();
    if (recent(c, now) && !told_by_update_history) findings.push_back(log_cause_finding(c));
  }
  return check_with(check_id::kLogRootCause, std::move(findings));
}

}  // namespace wufix
