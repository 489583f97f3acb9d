// WindowsUpdate.log (formats.md (f)): the text Get-WindowsUpdateLog decodes on Windows 10/11,
//   2024/05/14 10:15:05.4567890 1234  5678  Handler         FATAL: CBS called Error with 0x800f0922,
// and the legacy (Windows 7/8.1) text log, TAB-separated,
//   2015-01-14	09:28:12:123	 908	1ec	Handler	FATAL: ... 0x80070002
#include <cctype>

#include "core/logs/log_parser.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

struct AgentLine {
  std::string_view stamp;      // first 19 characters: date and time to the second
  std::string_view component;  // Agent, Handler, DownloadManager, ...
  std::string_view message;
};

std::optional<AgentLine> split_agent_line(std::string_view s) {
  if (s.size() < 21 || !iso_local_time(s)) return std::nullopt;
  // Fractions of a second: ".1234567" (decoded) or ":123" (legacy).
  if (s[19] != '.' && s[19] != ':') return std::nullopt;
  size_t p = 20;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
  if (p == 20) return std::nullopt;
  std::string_view fields[3];
  for (auto& field : fields) {  // PID, TID, component
    size_t start = skip_blanks(s, p);
    p = token_end(s, start);
    field = s.substr(start, p - start);
    if (field.empty()) return std::nullopt;
  }
  if (!is_hex_digits(fields[0]) || !is_hex_digits(fields[1])) return std::nullopt;
  return AgentLine{s.substr(0, 19), fields[2], s.substr(skip_blanks(s, p))};
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

class WindowsUpdateParser : public LogParser {
 public:
  WindowsUpdateParser(std::string source, CauseCollector& out)
      : source_(std::move(source)), out_(out) {}

  bool line(std::string_view raw, uint64_t number) override {
    auto l = split_agent_line(raw);
    if (!l) return false;
    std::string_view m = l->message;
    bool fatal = m.find("FATAL") != std::string_view::npos;
    if (!fatal && !contains_any(m, {"fail", "Fail", "FAIL", "error", "Error", "ERROR", "Exit code"}))
      return true;
    std::optional<uint32_t> code = find_hr_code(m);
    if (!code) code = find_failure_code(m);
    if (!code) return true;
    Cause c;
    c.kind = fatal ? cause_kind::kAgentFatal : cause_kind::kAgentError;
    c.code = *code;
    c.source_log = source_;
    c.line = number;
    c.time = iso_local_time(l->stamp).value_or("");
    c.component = clean_text(l->component, 100);
    c.operation = clean_text(trim(m), 300);
    c.excerpt = clean_text(raw, 600);
    std::string kb = find_kb(m);
    if (!kb.empty()) c.kb = "KB" + kb;
    out_.add(std::move(c));
    return true;
  }

 private:
  std::string source_;
  CauseCollector& out_;
};

}  // namespace

bool is_windows_update_line(std::string_view line) { return split_agent_line(line).has_value(); }

std::unique_ptr<LogParser> make_windows_update_parser(std::string source, CauseCollector& out) {
  return std::make_unique<WindowsUpdateParser>(std::move(source), out);
}

}  // namespace wufix
