#include "core/report.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/hresult.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

constexpr const char* kUser = "<user>";
constexpr const char* kComputer = "<computer>";

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool equal_at(std::string_view text, size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (fold(text[at + i]) != fold(word[i])) return false;
  return true;
}

// Every whole-word, case-insensitive occurrence of `word` becomes `with`.
std::string replace_word(std::string_view text, std::string_view word, std::string_view with) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool start = i == 0 || !word_char(text[i - 1]);
    size_t end = i + word.size();
    if (start && equal_at(text, i, word) && (end == text.size() || !word_char(text[end]))) {
      out += with;
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// "\Users\alice\..." and "/home/alice/...": the folder after the profile root is a user name.
std::string redact_profiles(std::string_view text) {
  static const std::vector<std::string_view> kRoots = {"\\users\\", "/users/", "/home/"};
  static const std::vector<std::string_view> kShared = {"public", "default", "all users",
                                                        "default user", "<user>"};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    auto root = std::find_if(kRoots.begin(), kRoots.end(),
                             [&](std::string_view r) { return equal_at(text, i, r); });
    if (root == kRoots.end()) {
      out += text[i++];
      continue;
    }
    size_t name = i + root->size(), end = name;
    while (end < text.size() && text[end] != '\\' && text[end] != '/' && text[end] != '"' &&
           text[end] != '\'' && text[end] != '\n' && text[end] != '`' && text[end] != ' ')
      ++end;
    std::string_view user = text.substr(name, end - name);
    bool shared = std::any_of(kShared.begin(), kShared.end(), [&](std::string_view s) {
      return s.size() == user.size() && equal_at(user, 0, s);
    });
    out += text.substr(i, root->size());
    out += shared || user.empty() ? std::string(user) : kUser;
    i = end;
  }
  return out;
}

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
  std::string text = os.product;
  if (!os.display_version.empty()) text += " " + os.display_version;
  text += fmt::format(" (build {}{}, {})", os.build.empty() ? "?" : os.build,
                      os.ubr ? fmt::format(".{}", *os.ubr) : "", to_string(os.arch));
  if (!os.edition.empty()) text += ", " + os.edition;
  if (!os.installation_type.empty()) text += ", " + os.installation_type;
  return text;
}

std::string findings_section(const Diagnosis& d) {
  std::string text = "## Diagnose findings\n\n";
  auto findings = d.findings();
  if (findings.empty()) return text + "No findings: Windows Update's prerequisites look healthy.\n\n";
  text += "| severity | finding | summary | fix |\n|---|---|---|---|\n";
  for (const Finding* f : findings) {
    std::string fix = f->fix ? code("wufix repair --only " + *f->fix) : cell(f->advice);
    text += fmt::format("| {} | {} | {} | {} |\n", to_string(f->severity), f->id, cell(f->summary), fix);
  }
  auto steps = d.fix_steps();
  if (!steps.empty())
    text += fmt::format("\nSuggested repair: {}\n", code(fmt::format("wufix repair --only {}", fmt::join(steps, ","))));
  return text + "\n";
}

std::string cause_section(const Cause& c, size_t rank) {
  std::string title = (c.kb.empty() ? "" : c.kb + " ") + format_hresult(c.code) +
                      (c.name.empty() ? "" : " " + c.name);
  std::string text = fmt::format("### {}. {}\n\n", rank, title);
  text += fmt::format("- where: {} line {}{}\n", code(c.source_log), c.line,
                      c.time.empty() ? "" : ", " + c.time);
  if (!c.component.empty()) text += fmt::format("- component: {}\n", code(c.component));
  if (!c.file.empty()) text += fmt::format("- file: {}\n", code(c.file));
  text += fmt::format("- why: {}\n- fix: {}\n\n", c.explanation, code(c.fix));
  std::string excerpt = c.excerpt;
  for (size_t at = excerpt.find("```"); at != std::string::npos; at = excerpt.find("```"))
    excerpt.replace(at, 3, "'''");
  return text + "```text\n" + excerpt + "\n```\n\n";
}

std::string logs_section(const ReportInput& in) {
  std::string text = "## Root causes from the logs\n\n";
  if (!in.logs) return text + "The logs could not be read: " + in.logs.error().message() + "\n\n";
  const LogAnalysis& a = *in.logs;
  std::vector<std::string> read;
  for (const LogSummary& s : a.logs)
    if (!s.missing) read.push_back(code(s.path));
  text += fmt::format("{} lines read from {}.\n\n", a.lines,
                      read.empty() ? std::string("no log") : fmt::format("{}", fmt::join(read, ", ")));
  if (a.causes.empty()) return text + "No failed update found in the logs.\n\n";
  for (size_t i = 0; i < a.causes.size() && i < in.top_causes; ++i)
    text += cause_section(a.causes[i], i + 1);
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

Redactor::Redactor(std::vector<std::string> user_names, std::vector<std::string> computer_names) {
  // Very short names would blank out ordinary words; a profile path still hides them.
  for (auto& u : user_names)
    if (u.size() >= 3) users_.push_back(std::move(u));
  for (auto& c : computer_names)
    if (c.size() >= 2) computers_.push_back(std::move(c));
}

std::string Redactor::apply(std::string_view text) const {
  std::string out = redact_profiles(text);
  for (const std::string& c : computers_) out = replace_word(out, c, kComputer);
  for (const std::string& u : users_) out = replace_word(out, u, kUser);
  return out;
}

void Redactor::apply(nlohmann::json& value) const {
  if (value.is_string()) {
    value = apply(value.get<std::string>());
  } else if (value.is_array()) {
    for (auto& item : value) apply(item);
  } else if (value.is_object()) {
    for (auto& item : value) apply(item);  // keys are the schema's, never a name
  }
}

std::string report_markdown(const ReportInput& in, const Redactor* redactor) {
  std::string text = "# Windows Update report\n\n";
  text += fmt::format("Made by wufix {} on {}. {}\n\n", WUFIX_VERSION, iso_utc(in.generated),
                      redactor ? "User names, the computer name and profile paths are redacted."
                               : "Nothing is redacted.");
  text += "## System\n\n- OS: " + os_line(in.diagnosis) + "\n";
  const auto& elevated = in.diagnosis.elevated;
  text += fmt::format("- wufix ran elevated: {}\n\n", !elevated ? "unknown" : *elevated ? "yes" : "no");
  text += findings_section(in.diagnosis) + logs_section(in) + runs_section(in.runs);
  return redactor ? redactor->apply(text) : text;
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
  json report = {{"schema", 1},
                 {"version", WUFIX_VERSION},
                 {"generated", iso_utc(in.generated)},
                 {"redacted", redactor != nullptr},
                 {"os", diagnosis["os"]},
                 {"elevated", diagnosis["elevated"]},
                 {"findings", diagnosis["findings"]},
                 {"fix_steps", diagnosis["fix_steps"]},
                 {"logs", logs},
                 {"runs", runs}};
  if (redactor) redactor->apply(report);
  return report;
}

}  // namespace wufix
