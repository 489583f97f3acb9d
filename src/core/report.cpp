#include "core/report.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/hresult.h"
#include "core/json_schema.h"
#include "core/logs/text.h"
#include "core/os_info.h"
#include "core/time_text.h"

namespace wufix {
namespace {

// A value taken from the machine, redacted unless --no-redact.
std::string m(const Redactor* r, std::string_view value) { return r ? r->apply(value) : std::string(value); }

std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string code(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '`', '\'');
  return "`" + out + "`";
}

std::string os_line(const Diagnosis& d) {
  if (!d.os) return "unknown (" + d.os.error().message() + ")";
  const OsInfo& os = *d.os;
  std::string text = os_summary(os);
  if (!os.edition.empty()) text += ", " + os.edition;
  if (!os.installation_type.empty()) text += ", " + os.installation_type;
  return text;
}

std::string findings_section(const Diagnosis& d, const Redactor* r) {
  std::string text = "## Diagnose findings\n\n";
  auto findings = d.findings();
  if (findings.empty()) return text + "No findings: Windows Update's prerequisites look healthy.\n\n";
  text += "| severity | finding | summary | fix |\n|---|---|---|---|\n";
  for (const Finding* f : findings) {
    std::string fix = f->fix ? code("wufix repair --only " + *f->fix) : cell(m(r, f->advice));
    text += fmt::format("| {} | {} | {} | {} |\n", to_string(f->severity), f->id, cell(m(r, f->summary)), fix);
  }
  auto steps = d.fix_steps();
  if (!steps.empty())
    text += fmt::format("\nSuggested repair: {}\n", code(fmt::format("wufix repair --only {}", fmt::join(steps, ","))));
  return text + "\n";
}

std::string cause_section(const Cause& c, size_t rank, const Redactor* r) {
  std::string title = (c.kb.empty() ? "" : c.kb + " ") + format_hresult(c.code) +
                      (c.name.empty() ? "" : " " + c.name);
  std::string text = fmt::format("### {}. {}\n\n", rank, title);
  text += fmt::format("- where: {} line {}{}\n", code(m(r, c.source_log)), c.line,
                      c.time.empty() ? "" : ", " + c.time);
  if (!c.component.empty()) text += fmt::format("- component: {}\n", code(m(r, c.component)));
  if (!c.file.empty()) text += fmt::format("- file: {}\n", code(m(r, c.file)));
  text += fmt::format("- why: {}\n- fix: {}\n\n", c.explanation, code(c.fix));
  std::string excerpt = m(r, c.excerpt);
  for (size_t at = excerpt.find("```"); at != std::string::npos; at = excerpt.find("```"))
    excerpt.replace(at, 3, "'''");
  return text + "```text\n" + excerpt + "\n```\n\n";
}

std::string logs_section(const ReportInput& in, const Redactor* r) {
  std::string text = "## Root causes from the logs\n\n";
  if (!in.logs) return text + "The logs could not be read: " + m(r, in.logs.error().message()) + "\n\n";
  const LogAnalysis& a = *in.logs;
  std::vector<std::string> read;
  for (const LogSummary& s : a.logs)
    if (!s.missing) read.push_back(code(m(r, s.path)));
  text += fmt::format("{} lines read from {}.\n\n", a.lines,
                      read.empty() ? std::string("no log") : fmt::format("{}", fmt::join(read, ", ")));
  if (a.causes.empty()) return text + "No failed update found in the logs.\n\n";
  for (size_t i = 0; i < a.causes.size() && i < in.top_causes; ++i)
    text += cause_section(a.causes[i], i + 1, r);
  if (a.causes.size() > in.top_causes)
    text += fmt::format("{} more causes are in `wufix logs --json`.\n\n", a.causes.size() - in.top_causes);
  return text;
}

std::string runs_section(const std::vector<RunSummary>& runs) {
  std::string text = "## Last wufix runs\n\n";
  if (runs.empty()) return text + "No wufix runs recorded on this PC.\n";
  text += "| run | started | steps | result | undone |\n|---|---|---|---|---|\n";
  for (const RunSummary& r : runs)
    text += fmt::format("| {} | {} | {} | {} | {} |\n", cell(r.id), cell(r.started),
                        cell(fmt::format("{}", fmt::join(r.steps, ", "))), cell(r.result),
                        r.undone ? "yes" : "no");
  return text;
}

}  // namespace

std::string report_markdown(const ReportInput& in, const Redactor* redactor) {
  std::string text = "# Windows Update report\n\n";
  text += fmt::format("Made by wufix {} on {}. {}\n\n", WUFIX_VERSION, iso_utc(in.generated),
                      redactor ? "Names of users, the computer, servers and the network, addresses and profile paths are redacted."
                               : "Nothing is redacted.");
  text += "## System\n\n- OS: " + m(redactor, os_line(in.diagnosis)) + "\n";
  const auto& elevated = in.diagnosis.elevated;
  text += fmt::format("- wufix ran elevated: {}\n\n", !elevated ? "unknown" : *elevated ? "yes" : "no");
  text += findings_section(in.diagnosis, redactor) + logs_section(in, redactor) + runs_section(in.runs);
  return text;
}

nlohmann::json report_json(const ReportInput& in, const Redactor* redactor) {
  using nlohmann::json;
  json diagnosis = to_json(in.diagnosis);
  json logs;
  if (in.logs) {
    json all = to_json(*in.logs);
    json top = json::array();
    for (size_t i = 0; i < all["causes"].size() && i < in.top_causes; ++i) top.push_back(all["causes"][i]);
    logs = {{"counts", all["counts"]}, {"logs", all["logs"]}, {"causes", top}, {"error", nullptr}};
  } else {
    logs = {{"counts", nullptr}, {"logs", json::array()}, {"causes", json::array()},
            {"error", in.logs.error().message()}};
  }
  json runs = json::array();
  for (const RunSummary& r : in.runs)
    runs.push_back({{"id", r.id}, {"started", r.started}, {"steps", r.steps},
                    {"result", r.result}, {"undone", r.undone}});
  json report = {{"schema", kJsonSchema},
                 {"version", WUFIX_VERSION},
                 {"generated", iso_utc(in.generated)},
                 {"redacted", redactor != nullptr},
                 {"os", diagnosis["os"]},
                 {"elevated", diagnosis["elevated"]},
                 {"findings", diagnosis["findings"]},
                 {"fix_steps", diagnosis["fix_steps"]},
                 {"logs", logs},
                 {"runs", runs}};
  if (redactor) {  // the values taken from the machine; ids, codes and wufix's explanations stay
    redactor->apply(report["os"]);
    for (auto& f : report["findings"])
      for (const char* key : {"summary", "evidence", "advice"}) redactor->apply(f[key]);
    redactor->apply(report["logs"]["logs"]);
    redactor->apply(report["logs"]["error"]);
    for (auto& c : report["logs"]["causes"])
      for (auto& [key, value] : c.items())
        if (key != "explanation" && key != "fix" && key != "kind" && key != "code" && key != "name") redactor->apply(value);
  }
  return report;
}

}  // namespace wufix
