#include "cli/health_text.h"

#include <cmath>

#include <fmt/format.h>

#include "core/health/task.h"

namespace wufix {
namespace {

constexpr double kHealthBytesPerGb = 1024.0 * 1024.0 * 1024.0;

std::string gb_text(double bytes) { return fmt::format("{:.1f} GB", bytes / kHealthBytesPerGb); }

// "2026-12-02T17:40:05Z" -> "2026-12-02 17:40 UTC"
std::string utc_minute(const std::string& iso) {
  return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC" : iso;
}

std::string counts(const HealthResult& r) {
  int errors = r.count("error"), warnings = r.count("warning");
  if (errors + warnings == 0) return "healthy";
  return fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
}

std::string free_text(const HealthResult& r) {
  return r.free_bytes ? fmt::format("{} {} free", r.drive, gb_text(static_cast<double>(*r.free_bytes)))
                      : std::string("free space unknown");
}

std::string id_list(const std::vector<HealthFinding>& list) {
  std::string text;
  for (const HealthFinding& f : list) text += (text.empty() ? "" : ", ") + f.id;
  return text;
}

std::string changes_text(const HealthChanges& c, std::string_view indent) {
  std::string text;
  if (!c.appeared.empty()) text += fmt::format("{}new: {}\n", indent, id_list(c.appeared));
  if (!c.cleared.empty()) text += fmt::format("{}cleared: {}\n", indent, id_list(c.cleared));
  return text;
}

std::string task_line(const ScheduleState& s) {
  if (!s.enabled) return fmt::format("Scheduled health check: unknown ({})\n", s.error);
  if (!*s.enabled)
    return "Scheduled health check: not enabled (wufix schedule enable, as administrator)\n";
  return fmt::format("Scheduled health check: enabled (task \"{}\": weekly on Sunday 03:00 and 10 "
                     "minutes after boot, as SYSTEM)\n", kHealthTaskName);
}

std::string skipped_text(const HealthResults& stored) {
  std::string text;
  for (const SkippedJournal& s : stored.skipped)
    text += fmt::format("  skipped {}: {}\n", s.file, s.reason);
  return text;
}

Tone health_tone(const std::string& severity) { return severity == "error" ? Tone::Bad : Tone::Warn; }

}  // namespace

std::string schedule_status_text(const HealthStatus& status, const Output& out) {
  std::string text = task_line(status.schedule);
  const auto& results = status.stored.results;
  if (results.empty()) return text + "No results yet.\n" + skipped_text(status.stored);
  text += fmt::format("Last {} result{} (at most {} are kept), oldest first:\n", results.size(),
                      results.size() == 1 ? "" : "s", kHealthResultsKept);
  const HealthResult* previous = nullptr;
  for (const HealthResult& r : results) {
    Tone tone = r.count("error") ? Tone::Bad : r.count("warning") ? Tone::Warn : Tone::Good;
    text += fmt::format("{} {}  {:<22} {}\n", out.mark(tone), utc_minute(r.recorded_at), counts(r),
                        free_text(r));
    if (previous) text += changes_text(compare_results(previous, r), "      ");
    if (r.event_error) text += fmt::format("      event log not written: {}\n", *r.event_error);
    previous = &r;
  }
  HealthTrend trend = health_trend(status.stored);
  if (results.size() > 1) {
    text += fmt::format("Since {}:\n", utc_minute(results.front().recorded_at));
    if (trend.free_change)
      text += fmt::format("  free space {}{} ({} -> {})\n", *trend.free_change < 0 ? "-" : "+",
                          gb_text(std::abs(static_cast<double>(*trend.free_change))),
                          gb_text(static_cast<double>(*results.front().free_bytes)),
                          gb_text(static_cast<double>(*results.back().free_bytes)));
    text += trend.changes.empty() ? "  the same problems\n" : changes_text(trend.changes, "  ");
  }
  return text + skipped_text(status.stored);
}

std::string last_result_text(const HealthStatus& status, const Output& out) {
  std::string text = task_line(status.schedule);
  const auto& results = status.stored.results;
  if (results.empty())
    return text + "No scheduled result yet (wufix diagnose checks now).\n" + skipped_text(status.stored);
  const HealthResult& last = results.back();
  text += fmt::format("Last check {}: {}, {}\n", utc_minute(last.recorded_at), counts(last), free_text(last));
  for (const HealthFinding& f : last.problems)
    text += fmt::format("{} {}: {}\n", out.mark(health_tone(f.severity)), out.paint(Tone::Bold, f.id), f.summary);
  if (results.size() > 1) {
    HealthChanges c = compare_results(&results[results.size() - 2], last);
    text += c.empty() ? "No change since the check before.\n"
                      : "Since the check before:\n" + changes_text(c, "  ");
  }
  return text + "More: wufix schedule status; fix: wufix diagnose, wufix repair\n" +
         skipped_text(status.stored);
}

}  // namespace wufix
