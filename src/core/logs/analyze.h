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
  std::vector<Cause> causes;      // ranked, best first
  std::vector<Cause> superseded;  // failures a later success made obsolete (superseded_by set)
  uint64_t lines = 0;
  uint64_t bad_lines = 0;
  size_t dropped_candidates = 0;  // beyond CauseCollector::kMaxCandidates
};

// The path that names standard input.
inline constexpr const char* kStandardInput = "-";

// Streams one log. The format comes from the file name, else from its first line in a known
// format among the first 1000; lines not in it (bad lines) go to the tolerant reader, which
// finds failures by their markers (and reads a file in no known format alone).
Result<LogSummary> analyze_stream(InputStream& in, const std::string& path, CauseCollector& out);
Result<LogSummary> analyze_path(const Files& files, const std::string& path, CauseCollector& out);

// Reads the given files in order ("-" is standard_input, shown as "stdin"). A file that cannot
// be opened or read is an Error naming it; a file without any failure marker is no error.
Result<LogAnalysis> analyze_files(const Files& files, const std::vector<std::string>& paths,
                                  InputStream* standard_input = nullptr);
// Ranks what the collector found into the analysis.
void finish_analysis(LogAnalysis& a, const CauseCollector& causes);

// The machine's own logs (Windows): CBS.log with its rotated CbsPersist_*.log, dism.log,
// ReportingEvents.log, %WINDIR%\WindowsUpdate.log, and the feature-update logs (setupact.log,
// setuperr.log in $WINDOWS.~BT\Sources\Panther and \Rollback, %WINDIR%\Panther). Missing
// ones are listed as missing (the feature-update logs only when present); a log that exists but
// cannot be read is an Error naming it. Failures that a later wufix repair run's finished step
// addresses (the run journals) are superseded, like those a later success in the logs repaired.
Result<LogAnalysis> analyze_machine_logs(const System& sys);
std::vector<std::string> machine_log_paths(const System& sys);

// {"schema", "version", "counts": {"lines", "bad_lines", "logs"}, "logs": [...], "causes": [...]}
nlohmann::json to_json(const LogAnalysis& a);

}  // namespace wufix
