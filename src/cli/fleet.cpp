#include "cli/fleet.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/exit_codes.h"
#include "core/text.h"

namespace wufix {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 300;  // one error or message: enough to act on, never the line

const char* result_word(int exit_code) {
  switch (exit_code) {
    case exit_code::kOk: return "ok";
    case exit_code::kFindings: return "findings";
    case exit_code::kUsage: return "error";
    case exit_code::kNeedsElevation: return "needs-elevation";
    case exit_code::kRunPending: return "run-pending";
    case exit_code::kRestartRequired: return "restart-required";
  }
  return "error";
}

std::string clip(std::string text) {
  if (text.size() > kMaxText) text = text.substr(0, kMaxText - 3) + "...";
  return text;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < text.size();)
    if (std::string_view line = next_line(text, pos); !line.empty()) lines.emplace_back(line);
  return lines;
}

// "wufix: error: X" lines (and anything else on stderr) as one message.
json error_text(std::string_view err) {
  std::string joined;
  for (std::string line : lines_of(err)) {
    constexpr std::string_view kPrefix = "wufix: error: ";
    if (line.rfind(kPrefix, 0) == 0) line.erase(0, kPrefix.size());
    joined += (joined.empty() ? "" : "; ") + line;
  }
  return joined.empty() ? json(nullptr) : json(clip(joined));
}

json ids_where(const json& findings, bool problems) {
  json ids = json::array();
  for (const json& f : findings) {
    bool problem = f.value("severity", "") != "info";
    if (problem == problems) ids.push_back(f.value("id", ""));
  }
  return ids;
}

void diagnose_fields(const json& doc, json& line) {
  const json& findings = doc.contains("findings") ? doc["findings"] : json::array();
  line["findings"] = ids_where(findings, true);
  line["notes"] = ids_where(findings, false);
  line["fix_steps"] = doc.value("fix_steps", json::array());
  line["reboot_required"] = std::any_of(findings.begin(), findings.end(), [](const json& f) {
    return f.value("id", "") == "pending-reboot";
  });
}

void repair_fields(const json& doc, json& line) {
  json steps = json::array();
  for (const json& s : doc.value("steps", json::array())) {
    json step = {{"id", s.value("id", "")}, {"status", s.value("status", "")},
                 {"result", s.contains("result") ? s["result"] : json()}};
    if (s.contains("error") && s["error"].is_object())
      step["error"] = clip(s["error"].value("message", ""));
    steps.push_back(step);
  }
  line["run_id"] = doc.value("run_id", "");
  line["dry_run"] = doc.value("dry_run", false);
  line["steps"] = steps;
  line["reboot_required"] = doc.value("reboot_required", false);
}

void logs_fields(const json& doc, json& line) {
  json causes = json::array();
  for (const json& c : doc.value("causes", json::array())) {
    if (causes.size() == 3) break;
    causes.push_back({{"kb", c.value("kb", json())}, {"code", c.value("code", json())},
                      {"name", c.value("name", json())}, {"fix", c.value("fix", json())}});
  }
  line["causes"] = causes;
}

void explain_fields(const json& doc, json& line) {
  json codes = json::array();
  for (const json& e : doc) codes.push_back({{"hresult", e.value("hresult", "")}, {"name", e.value("name", json())}});
  line["codes"] = codes;
}

// Commands without a summary of their own (and those added later): their top-level scalars
// and lists of scalars, which is what a script would match on.
void generic_fields(const json& doc, json& line) {
  if (!doc.is_object()) return;
  for (const auto& [key, value] : doc.items()) {
    if (key == "schema" || key == "version" || line.contains(key)) continue;
    bool scalars = value.is_array() && std::all_of(value.begin(), value.end(),
                                                   [](const json& v) { return v.is_primitive(); });
    if (value.is_primitive()) line[key] = value.is_string() ? json(clip(value.get<std::string>())) : value;
    else if (scalars) line[key] = value;
  }
}

void command_fields(std::string_view command, const json& doc, json& line) {
  if (command == "diagnose" && doc.is_object()) diagnose_fields(doc, line);
  else if (command == "repair" && doc.is_object()) repair_fields(doc, line);
  else if (command == "logs" && doc.is_object()) logs_fields(doc, line);
  else if (command == "explain" && doc.is_array()) explain_fields(doc, line);
  generic_fields(doc, line);
}

std::string dump(const json& line) {
  return line.dump(-1, ' ', true, json::error_handler_t::replace);  // ASCII: any code page
}

// Drops list items from the back of the longest list until the line fits; says so.
void fit(json& line) {
  while (dump(line).size() > kFleetLineMax) {
    json* longest = nullptr;
    for (auto& [key, value] : line.items())
      if (value.is_array() && !value.empty() && (!longest || value.dump().size() > longest->dump().size()))
        longest = &value;
    if (!longest) break;
    longest->erase(longest->size() - 1);
    line["truncated"] = true;
  }
  if (dump(line).size() > kFleetLineMax) {  // no list left to shorten: keep what scripts need
    line = {{"wufix", line["wufix"]}, {"command", line["command"]}, {"exit_code", line["exit_code"]},
            {"result", line["result"]}, {"truncated", true}};
  }
}

}  // namespace

bool fleet_requested(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--") return false;
    if (a == "--fleet") return true;
  }
  return false;
}

std::string fleet_line(const FleetInput& in) {
  json line = {{"wufix", WUFIX_VERSION},
               {"command", in.command.empty() ? json() : json(in.command)},
               {"exit_code", in.exit_code},
               {"result", result_word(in.exit_code)},
               {"reboot_required", in.exit_code == exit_code::kRestartRequired},
               {"error", error_text(in.err)}};
  json doc = json::parse(in.out, nullptr, false);
  if (!doc.is_discarded()) {
    command_fields(in.command, doc, line);
  } else if (auto lines = lines_of(in.out); !lines.empty()) {
    line["message"] = clip(lines.back());  // a command that answered in words ("Nothing to repair")
  }
  fit(line);
  return dump(line) + "\n";
}

}  // namespace wufix
