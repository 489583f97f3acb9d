#include "core/health/health.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace wufix {
namespace {

std::optional<uint64_t> field_number(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<uint64_t>();
}

std::string field_text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<HealthFinding> missing_from(const std::vector<HealthFinding>& from,
                                        const std::vector<HealthFinding>& in) {
  std::set<std::string> keys;
  for (const HealthFinding& f : in) keys.insert(f.key());
  std::vector<HealthFinding> out;
  for (const HealthFinding& f : from)
    if (!keys.count(f.key())) out.push_back(f);
  return out;
}

nlohmann::json to_json(const std::vector<HealthFinding>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const HealthFinding& f : list)
    out.push_back({{"id", f.id}, {"severity", f.severity}, {"summary", f.summary},
                   {"subject", f.subject.empty() ? nlohmann::json() : nlohmann::json(f.subject)}});
  return out;
}

HealthEvent event_for(const HealthFinding& f, bool appeared) {
  const bool error = f.severity == "error";
  HealthEvent e;
  e.type = !appeared ? EventType::Information : error ? EventType::Error : EventType::Warning;
  e.id = !appeared ? kEventCleared : error ? kEventErrorAppeared : kEventWarningAppeared;
  e.message = fmt::format("wufix health check: {} {} {}: {}{}", f.severity, f.id,
                          appeared ? "appeared" : "cleared", f.summary,
                          appeared ? "\r\nDetails: wufix diagnose; wufix status" : "");
  return e;
}

}  // namespace

int HealthResult::count(std::string_view severity) const {
  return static_cast<int>(std::count_if(problems.begin(), problems.end(),
                                        [&](const HealthFinding& f) { return f.severity == severity; }));
}

std::string finding_subject(const nlohmann::json& evidence) {
  std::string subject;
  if (!evidence.is_object()) return subject;
  for (const char* key : {"service", "path", "product", "kb", "key", "value", "code"}) {
    std::string value = field_text(evidence, key);
    if (value.empty()) continue;
    if (!subject.empty()) subject += " ";
    subject += value;
  }
  return subject;
}

Result<HealthResult> parse_health_result(const nlohmann::json& doc, std::string id) {
  auto health = doc.find("health");
  auto findings = doc.find("findings");
  if (!doc.is_object() || health == doc.end() || !health->is_object() || findings == doc.end() ||
      !findings->is_array())
    return Error{0, "not a wufix health result (no \"health\" or \"findings\")", id};
  HealthResult r;
  r.id = std::move(id);
  r.recorded_at = field_text(*health, "recorded_at");
  r.drive = field_text(*health, "drive");
  r.free_bytes = field_number(*health, "free_bytes");
  r.total_bytes = field_number(*health, "total_bytes");
  if (std::string e = field_text(*health, "event_error"); !e.empty()) r.event_error = e;
  for (const nlohmann::json& f : *findings) {
    if (!f.is_object()) continue;
    std::string severity = field_text(f, "severity");
    if (severity != "warning" && severity != "error") continue;
    auto evidence = f.find("evidence");
    r.problems.push_back({field_text(f, "id"), severity, field_text(f, "summary"),
                          evidence == f.end() ? std::string() : finding_subject(*evidence)});
  }
  return r;
}

HealthChanges compare_results(const HealthResult* previous, const HealthResult& current) {
  static const std::vector<HealthFinding> kNone;
  const auto& before = previous ? previous->problems : kNone;
  return {missing_from(current.problems, before), missing_from(before, current.problems)};
}

std::vector<HealthEvent> events_for(const HealthChanges& changes) {
  std::vector<HealthEvent> events;
  for (const char* severity : {"error", "warning"})
    for (const HealthFinding& f : changes.appeared)
      if (f.severity == severity) events.push_back(event_for(f, true));
  for (const HealthFinding& f : changes.cleared) events.push_back(event_for(f, false));
  return events;
}

nlohmann::json to_json(const HealthResult& r, const HealthChanges& changes) {
  auto opt = [](const std::optional<uint64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  return {{"id", r.id},
          {"recorded_at", r.recorded_at},
          {"errors", r.count("error")},
          {"warnings", r.count("warning")},
          {"drive", r.drive.empty() ? nlohmann::json() : nlohmann::json(r.drive)},
          {"free_bytes", opt(r.free_bytes)},
          {"total_bytes", opt(r.total_bytes)},
          {"problems", to_json(r.problems)},
          {"appeared", to_json(changes.appeared)},
          {"cleared", to_json(changes.cleared)},
          {"event_error", r.event_error ? nlohmann::json(*r.event_error) : nlohmann::json()}};
}

}  // namespace wufix
