#include "core/logs/analyze.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "core/logs/cbs_log.h"
#include "core/logs/reporting_events.h"

namespace wufix {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of("\\/");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Until the format is known, each line is tried against all of them.
class SniffingParser {
 public:
  SniffingParser(const std::string& path, CauseCollector& out)
      : path_(path), out_(out), format_(format_from_name(path)) {
    if (format_ != LogFormat::Unknown) parser_ = make_parser(format_, path_, out_);
  }

  bool line(std::string_view text, uint64_t number) {
    if (!parser_) {
      format_ = format_from_line(text);
      if (format_ == LogFormat::Unknown) return false;
      parser_ = make_parser(format_, path_, out_);
    }
    return parser_->line(text, number);
  }
  void finish() {
    if (parser_) parser_->finish();
  }
  LogFormat format() const { return format_; }

 private:
  const std::string& path_;
  CauseCollector& out_;
  LogFormat format_;
  std::unique_ptr<LogParser> parser_;
};

void add(LogAnalysis& a, LogSummary s) {
  a.lines += s.lines;
  a.bad_lines += s.bad_lines;
  a.logs.push_back(std::move(s));
}

Result<LogSummary> analyze_path(const Files& files, const std::string& path, CauseCollector& out) {
  auto stream = files.open_read(path);
  if (!stream) return stream.error();
  return analyze_stream(**stream, path, out);
}

// A file with lines of which none is in its format (or in any known format).
bool unknown(const LogSummary& s) { return s.lines > 0 && s.bad_lines == s.lines; }

}  // namespace

const char* to_string(LogFormat f) {
  switch (f) {
    case LogFormat::Cbs: return "cbs";
    case LogFormat::Dism: return "dism";
    case LogFormat::ReportingEvents: return "reporting-events";
    case LogFormat::WindowsUpdate: return "windows-update";
    case LogFormat::Unknown: break;
  }
  return "unknown";
}

LogFormat format_from_name(std::string_view path) {
  std::string name = lower(base_name(path));
  auto ends = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (!ends(".log")) return LogFormat::Unknown;
  if (name == "cbs.log" || starts_with(name, "cbspersist_")) return LogFormat::Cbs;
  if (name == "dism.log" || starts_with(name, "dismpersist_")) return LogFormat::Dism;
  if (name == "reportingevents.log") return LogFormat::ReportingEvents;
  if (starts_with(name, "windowsupdate")) return LogFormat::WindowsUpdate;
  return LogFormat::Unknown;
}

LogFormat format_from_line(std::string_view line) {
  if (auto l = split_cbs_line(line))
    return l->component == "DISM" ? LogFormat::Dism : LogFormat::Cbs;
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

Result<LogAnalysis> analyze_files(const Files& files, const std::vector<std::string>& paths) {
  LogAnalysis a;
  CauseCollector causes;
  for (const std::string& path : paths) {
    auto s = analyze_path(files, path, causes);
    if (!s) return s.error();
    if (unknown(*s))
      return Error{0, "not a log wufix can read (CBS, DISM, ReportingEvents or WindowsUpdate)", path};
    add(a, std::move(*s));
  }
  a.causes = causes.ranked();
  a.dropped_candidates = causes.dropped();
  return a;
}

std::vector<std::string> machine_log_paths(const System& sys) {
  std::string windows = sys.platform->windows_dir();
  std::string cbs_dir = windows + "\\Logs\\CBS";
  std::vector<std::string> paths;
  if (auto names = sys.files->list(cbs_dir)) {
    std::vector<std::string> persisted;
    for (const std::string& name : *names) {
      std::string low = lower(name);
      if (starts_with(low, "cbspersist_") && low.size() > 4 && low.substr(low.size() - 4) == ".log")
        persisted.push_back(name);
    }
    std::sort(persisted.begin(), persisted.end());  // named by date: oldest first
    for (const std::string& name : persisted) paths.push_back(cbs_dir + "\\" + name);
  }
  paths.push_back(cbs_dir + "\\CBS.log");
  paths.push_back(windows + "\\Logs\\DISM\\dism.log");
  paths.push_back(windows + "\\SoftwareDistribution\\ReportingEvents.log");
  paths.push_back(windows + "\\WindowsUpdate.log");
  return paths;
}

Result<LogAnalysis> analyze_machine_logs(const System& sys) {
  LogAnalysis a;
  CauseCollector causes;
  for (const std::string& path : machine_log_paths(sys)) {
    auto present = sys.files->exists(path);
    if (!present) return present.error();
    if (!*present) {
      LogSummary missing;
      missing.path = path;
      missing.format = format_from_name(path);
      missing.missing = true;
      a.logs.push_back(std::move(missing));
      continue;
    }
    auto s = analyze_path(*sys.files, path, causes);
    if (!s) return s.error();
    add(a, std::move(*s));
  }
  a.causes = causes.ranked();
  a.dropped_candidates = causes.dropped();
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
  return {{"schema", 1},
          {"version", WUFIX_VERSION},
          {"counts", {{"lines", a.lines}, {"bad_lines", a.bad_lines}, {"logs", a.logs.size()}}},
          {"logs", logs},
          {"causes", causes}};
}

}  // namespace wufix
