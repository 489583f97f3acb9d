// This PC's own logs (Windows), and what supersedes their failures: later successes in the
// logs themselves (the parsers report those) and wufix's own finished repair steps, read from
// the run journals through the journal reader.
#include <algorithm>
#include <cctype>

#include "core/ascii.h"
#include "core/logs/analyze.h"
#include "core/repair/journal.h"
#include "core/time_text.h"

namespace wufix {
namespace {

// "2026-11-29T13:45:01Z" → "2026-11-29T14:45:01" in a zone an hour east of UTC at that time
// (the logs' local time); "" if malformed.
std::string to_local(const Clock& clock, const std::string& iso_utc_time) {
  auto t = parse_iso_utc(iso_utc_time);
  return t ? iso_utc(*t + clock.utc_offset(*t)).substr(0, 19) : "";
}

void add_runs(CauseCollector& causes, const System& sys) {
  auto runs = read_all_journals(*sys.files, *sys.platform);
  // Journals are history's and undo's to report; the logs still stand without them.
  if (!runs || !sys.clock) return;
  for (const RunLog& run : runs->runs) {
    if (run.undone() || run.refused) continue;  // a refused journal is not wufix's run
    std::string when = to_local(*sys.clock, run.started);
    if (when.empty()) continue;
    for (const LoggedStep& step : run.steps) {
      if (step.status != "done") continue;
      causes.resolve({"step:" + step.id, "", 0, when,
                      "wufix repair run " + run.run_id + " (step " + step.id + ")"});
      // A finished DISM repair restored the store; a finished SFC repaired the files.
      if (step.id == "dism") causes.resolve({"store", "", 0, when, "wufix repair run " + run.run_id + " (step dism)"});
    }
  }
}

}  // namespace

std::vector<std::string> machine_log_paths(const System& sys) {
  std::string windows = sys.platform->windows_dir();
  std::string cbs_dir = windows + "\\Logs\\CBS";
  std::vector<std::string> paths;
  if (auto names = sys.files->list(cbs_dir)) {
    std::vector<std::string> persisted;
    for (const std::string& name : *names) {
      std::string low = ascii_lower(name);
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
  // Feature updates: the downlevel and rollback logs of the last attempt, then the new OS's.
  std::string drive = windows.size() >= 2 && windows[1] == ':' ? windows.substr(0, 2) : "C:";
  for (std::string dir : {drive + "\\$WINDOWS.~BT\\Sources\\Panther",
                          drive + "\\$WINDOWS.~BT\\Sources\\Rollback", windows + "\\Panther"})
    for (const char* name : {"setupact.log", "setuperr.log"}) paths.push_back(dir + "\\" + name);
  return paths;
}

Result<LogAnalysis> analyze_machine_logs(const System& sys) {
  LogAnalysis a;
  CauseCollector causes;
  for (const std::string& path : machine_log_paths(sys)) {
    auto present = sys.files->exists(path);
    if (!present) return present.error();
    if (!*present) {
      if (format_from_name(path) == LogFormat::Setup) continue;  // no upgrade attempted: usual
      LogSummary missing;
      missing.path = path;
      missing.format = format_from_name(path);
      missing.missing = true;
      a.logs.push_back(std::move(missing));
      continue;
    }
    auto s = analyze_path(*sys.files, path, causes);
    if (!s) return s.error();
    a.lines += s->lines;
    a.bad_lines += s->bad_lines;
    a.logs.push_back(std::move(*s));
  }
  add_runs(causes, sys);
  finish_analysis(a, causes);
  return a;
}

}  // namespace wufix
