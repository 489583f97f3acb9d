// One parser per log format. The reader hands every non-blank line of a file to its parser,
// which reports root-cause candidates to the collector; lines it cannot read are bad lines.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/logs/causes.h"

namespace wufix {

enum class LogFormat { Unknown, Cbs, Dism, ReportingEvents, WindowsUpdate, Setup, Excerpt };
// "cbs", "dism", "reporting-events", "windows-update", "setup", "excerpt" (failure markers
// in no known layout), "unknown"
const char* to_string(LogFormat f);

class LogParser {
 public:
  virtual ~LogParser() = default;
  // One line (the file's bytes, without the line break); false when it is not a line of this
  // format (a continuation line or junk: counted as bad and otherwise ignored).
  virtual bool line(std::string_view text, uint64_t number) = 0;
  // End of the file: causes still open (a session without its end) are reported now.
  virtual void finish() {}
};

// `source` names the log in the causes it reports (the path as the user gave it).
std::unique_ptr<LogParser> make_cbs_parser(std::string source, CauseCollector& out);
std::unique_ptr<LogParser> make_dism_parser(std::string source, CauseCollector& out);
std::unique_ptr<LogParser> make_reporting_events_parser(std::string source, CauseCollector& out);
std::unique_ptr<LogParser> make_windows_update_parser(std::string source, CauseCollector& out);
std::unique_ptr<LogParser> make_setup_parser(std::string source, CauseCollector& out);
std::unique_ptr<LogParser> make_parser(LogFormat format, std::string source, CauseCollector& out);

// The format a file name promises (CBS.log, CbsPersist_*.log, dism.log, ReportingEvents.log,
// WindowsUpdate*.log, setupact*.log, setuperr*.log), case-insensitive; Unknown otherwise.
LogFormat format_from_name(std::string_view path);
// A WindowsUpdate.log line (decoded or legacy layout).
bool is_windows_update_line(std::string_view line);
// The format a line is written in; Unknown when it fits none.
LogFormat format_from_line(std::string_view line);

}  // namespace wufix
