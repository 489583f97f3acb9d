// `wufix logs` (and diagnose's log-root-cause check, and the report): stream every log
// through its parser, then rank what they found.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/logs/causes.h"
#include "core/logs/log_parser.h"
#include "core/logs/text.h"
#include "core/result.h"
#include "core/seam.h"

namespace wufix {

struct LogSummary {
  std::string path;
  LogFormat format = LogFormat::Unknown;
  TextEncoding encoding = TextEncoding::Utf8;
  bool missing = false;    // a machine log that is not there (not an error)
  uint64_t lines = 0;      // non-blank lines read
  uint64_t bad_lines = 0;  // lines not in the log's format (continuations, junk, overlong)
};

struct LogAnalysis {
  std::vector<LogSummary> logs;
  std::vector<Cause> causes;  // ranked, best first
  uint64_t lines = 0;
  uint64_t bad_lines = 0;
  size_t dropped_candidates = 0;  // beyond CauseCollector::kMaxCandidates
};

// Streams one log. The format comes from the file name, else from its first line in a known
// format; the lines before that one are bad lines.
Result<LogSummary> analyze_stream(InputStream& in, const std::string& path, CauseCollector& out);

// Reads the given files in order. Any file that cannot be opened or read, or that has lines
// but none in a known format, is an Error naming it (explicit input must be understood).
Result<LogAnalysis> analyze_files(const Files& files, const std::vector<std::string>& paths);

// The machine's own logs (Windows): CBS.log with its rotated CbsPersist_*.log, dism.log,
// ReportingEvents.log and %WINDIR%\WindowsUpdate.log. Missing ones are listed as missing,
// files in no known format (the Windows 10 WindowsUpdate.log stub) are skipped; a log that
// exists but cannot be read is an Error naming it.
Result<LogAnalysis> analyze_machine_logs(const System& sys);
std::vector<std::string> machine_log_paths(const System& sys);

// {"schema", "version", "counts": {"lines", "bad_lines", "logs"}, "logs": [...], "causes": [...]}
nlohmann::json to_json(const LogAnalysis& a);

}  // namespace wufix
