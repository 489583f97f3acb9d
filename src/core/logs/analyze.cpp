#include "core/logs/analyze.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "core/json_schema.h"
#include "core/logs/cbs_log.h"
#include "core/logs/markers.h"
#include "core/logs/reporting_events.h"
#include "core/logs/setup_log.h"
#include "core/logs/tolerant.h"

namespace wufix {
namespace {

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of("\\/");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Until the format is known, each line is tried against all of them. Lines the strict parser
// rejects go to the tolerant reader, and a file in no format is read by it alone.
class SniffingParser {
 public:
  SniffingParser(const std::string& path, CauseCollector& out)
      : path_(path), out_(out), format_(format_from_name(path)), tolerant_(path, out) {
    if (format_ != LogFormat::Unknown) parser_ = make_parser(format_, path_, out_);
  }

  bool line(std::string_view text, uint64_t number) {
    std::string unquoted;
    if (may_be_quoted(text, entity_checks_left_ > 0)) {
      unquoted = unquote_line(text, kMaxLineBytes);
      text = unquoted;
      if (text.empty()) return true;
    }
    if (!parser_ && sniffed_ < kSniffLines) {
      ++sniffed_;
      format_ = format_from_line(text);
      if (format_ != LogFormat::Unknown) parser_ = make_parser(format_, path_, out_);
    }
    bool strict = parser_ && parser_->line(text, number);
    if (strict && unquoted.empty() && entity_checks_left_ > 0) --entity_checks_left_;
    if (!strict) tolerant(text, number);
    keep_if_unfinished(text, number);
    return strict;
  }
  void finish() {
    if (parser_) parser_->finish();
  }
  LogFormat format() const { return parser_ ? format_ : tolerant_.guess(); }

 private:
  // A wrapped entry: its first part ended inside a marker, the rest is this line.
  void tolerant(std::string_view text, uint64_t number) {
    if (!previous_.empty() && previous_number_ + 1 == number) {
      std::string joined = previous_ + " " + std::string(text);
      previous_.clear();
      if (tolerant_.line(joined, previous_number_)) return;
    }
    tolerant_.line(text, number);
  }

  // Lines that end where a marker would go on ("[HRESULT =", "error", "hr:") are kept until the
  // next line: a paste may have wrapped the entry there. Whole logs rarely have them.
  void keep_if_unfinished(std::string_view text, uint64_t number) {
    if (!previous_.empty()) previous_.clear();
    char last = text.back();
    if (last != '=' && last != '[' && last != ':' && last != '-' && last != 'T' && last != 'r')
      return;
    std::string_view tail = text.substr(text.size() - std::min<size_t>(text.size(), 12));
    if (tail.find("HRESULT") == std::string_view::npos && tail.find("rror") == std::string_view::npos &&
        tail.find("hr") == std::string_view::npos && tail.find("code") == std::string_view::npos &&
        tail.find("esult") == std::string_view::npos)
      return;
    previous_.assign(text.substr(0, std::min(text.size(), kMaxWrapBytes)));
    previous_number_ = number;
  }

  static constexpr uint64_t kSniffLines = 1000;
  // Text copied from a web page escapes every quote and bracket, so its entities show early;
  // after this many plain lines in the log's own layout the file is Windows' own log, and the
  // search for '&' in every line (a second pass over each byte) stops.
  static constexpr uint64_t kEntityCheckLines = 4096;
  static constexpr size_t kMaxWrapBytes = 4096;

  const std::string& path_;
  CauseCollector& out_;
  LogFormat format_;
  std::unique_ptr<LogParser> parser_;
  TolerantParser tolerant_;
  uint64_t sniffed_ = 0;
  uint64_t entity_checks_left_ = kEntityCheckLines;
  std::string previous_;
  uint64_t previous_number_ = 0;
};

void add(LogAnalysis& a, LogSummary s) {
  a.lines += s.lines;
  a.bad_lines += s.bad_lines;
  a.logs.push_back(std::move(s));
}

}  // namespace

Result<LogSummary> analyze_path(const Files& files, const std::string& path, CauseCollector& out) {
  auto stream = files.open_read(path);
  if (!stream) return stream.error();
  return analyze_stream(**stream, path, out);
}

void finish_analysis(LogAnalysis& a, const CauseCollector& causes) {
  a.causes = causes.ranked();
  a.superseded = causes.superseded();
  a.dropped_candidates = causes.dropped();
}

const char* to_string(LogFormat f) {
  switch (f) {
    case LogFormat::Cbs: return "cbs";
    case LogFormat::Dism: return "dism";
    case LogFormat::ReportingEvents: return "reporting-events";
    case LogFormat::WindowsUpdate: return "windows-update";
    case LogFormat::Setup: return "setup";
    case LogFormat::Excerpt: return "excerpt";
    case LogFormat::Unknown: break;
  }
  return "unknown";
}

LogFormat format_from_name(std::string_view path) {
  std::string name = ascii_lower(base_name(path));
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (!ends(".log")) return LogFormat::Unknown;
  if (name == "cbs.log" || starts_with(name, "cbspersist_")) return LogFormat::Cbs;
  if (name == "dism.log" || starts_with(name, "dismpersist_")) return LogFormat::Dism;
  if (name == "reportingevents.log") return LogFormat::ReportingEvents;
  if (starts_with(name, "windowsupdate")) return LogFormat::WindowsUpdate;
  if (starts_with(name, "setupact") || starts_with(name, "setuperr")) return LogFormat::Setup;
  return LogFormat::Unknown;
}

LogFormat format_from_line(std::string_view line) {
  if (auto l = split_cbs_line(line)) {
    if (l->component == "DISM") return LogFormat::Dism;
    return is_setup_component(l->component) ? LogFormat::Setup : LogFormat::Cbs;
  }
  if (is_windows_update_line(line)) return LogFormat::WindowsUpdate;
  if (!line.empty() && line.front() == '{' && parse_reporting_event(clean_text(line, kMaxLineBytes)))
    return LogFormat::ReportingEvents;
  return LogFormat::Unknown;
}

std::unique_ptr<LogParser> make_parser(LogFormat format, std::string source, CauseCollector& out) {
  switch (format) {
    case LogFormat::Cbs: return make_cbs_parser(std::move(source), out);
    case LogFormat::Dism: return make_dism_parser(std::move(source), out);
    case LogFormat::ReportingEvents: return make_reporting_events_parser(std::move(source), out);
    case LogFormat::WindowsUpdate: return make_windows_update_parser(std::move(source), out);
    case LogFormat::Setup: return make_setup_parser(std::move(source), out);
    case LogFormat::Excerpt:
    case LogFormat::Unknown: break;
  }
  return nullptr;
}

Result<LogSummary> analyze_stream(InputStream& in, const std::string& path, CauseCollector& out) {
  LogSummary s;
  s.path = path;
  SniffingParser parser(path, out);
  auto encoding = read_lines(in, [&](std::string_view text, uint64_t number, bool overlong) {
    ++s.lines;
    if (overlong || !parser.line(text, number)) ++s.bad_lines;
  });
  if (!encoding) return encoding.error();
  parser.finish();
  s.encoding = *encoding;
  s.format = parser.format();
  return s;
}

Result<LogAnalysis> analyze_files(const Files& files, const std::vector<std::string>& paths,
                                  InputStream* standard_input) {
  LogAnalysis a;
  CauseCollector causes;
  for (const std::string& path : paths) {
    Result<LogSummary> s = Error{0, "standard input is not available", path};
    if (path == kStandardInput && standard_input) s = analyze_stream(*standard_input, "stdin", causes);
    else if (path != kStandardInput) s = analyze_path(files, path, causes);
    if (!s) return s.error();
    add(a, std::move(*s));
  }
  finish_analysis(a, causes);
  return a;
}

nlohmann::json to_json(const LogAnalysis& a) {
  using nlohmann::json;
  json logs = json::array();
  for (const LogSummary& s : a.logs) {
    logs.push_back({{"path", s.path},
                    {"format", to_string(s.format)},
                    {"missing", s.missing},
                    {"encoding", s.missing ? json(nullptr) : json(to_string(s.encoding))},
                    {"lines", s.lines},
                    {"bad_lines", s.bad_lines}});
  }
  json causes = json::array();
  for (const Cause& c : a.causes) causes.push_back(to_json(c));
  json superseded = json::array();
  for (const Cause& c : a.superseded) superseded.push_back(to_json(c));
  return {{"schema", kJsonSchema},
          {"version", WUFIX_VERSION},
          {"counts", {{"lines", a.lines}, {"bad_lines", a.bad_lines}, {"logs", a.logs.size()}}},
          {"logs", logs},
          {"causes", causes},
          {"superseded", superseded}};
}

}  // namespace wufix
