// check_update_history: updates whose latest install attempt failed. The Windows Update Agent's
// history comes first; where it is unavailable (Wine's E_NOTIMPL, unregistered classes) the
// ReportingEvents.log in SoftwareDistribution stands in.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/error_codes.h"
#include "core/hresult.h"
#include "core/logs/reporting_events.h"
#include "core/repair/repair.h"
#include "core/time_text.h"

namespace wufix {
namespace {

using std::chrono::system_clock;

constexpr const char* kSourceWua = "wua";
constexpr const char* kSourceLog = "ReportingEvents.log";
// Older failures were most likely overtaken by later cumulative updates.

enum class AttemptOutcome { Succeeded, Failed };

// One install attempt, whichever source it came from.
struct Attempt {
  std::string update_id;  // lower case, no braces; may be empty
  std::string kb;         // digits; may be empty
  std::string title;
  system_clock::time_point time;
  AttemptOutcome outcome = AttemptOutcome::Failed;
  uint32_t hresult = 0;
};

struct History {
  std::vector<Attempt> attempts;
  const char* source = kSourceWua;
};

std::string normalize_id(std::string_view id) {
  std::string out;
  for (char c : id)
    if (c != '{' && c != '}') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// WUA: installations only; "succeeded with errors" counts as installed, and not-started or
// in-progress entries say nothing yet.
std::optional<Attempt> from_wua(const UpdateHistoryEntry& e) {
  constexpr int kInstallation = 1;
  if (e.operation != kInstallation) return std::nullopt;
  Attempt a;
  if (e.result_code == 2 || e.result_code == 3) a.outcome = AttemptOutcome::Succeeded;
  else if (e.result_code == 4 || e.result_code == 5) a.outcome = AttemptOutcome::Failed;
  else return std::nullopt;
  a.update_id = normalize_id(e.update_id);
  a.title = e.title;
  a.kb = find_kb(e.title);
  a.time = e.date;
  a.hresult = e.hresult;
  return a;
}

// ReportingEvents.log: "Content Install" lines; downloads and scans are not installs.
std::optional<Attempt> from_log(const ReportingEvent& ev) {
  if (ev.operation.find("Install") == std::string::npos ||
      ev.operation.find("Uninstall") != std::string::npos)
    return std::nullopt;
  return Attempt{ev.update_id, ev.kb, ev.title, ev.time,
                 ev.success ? AttemptOutcome::Succeeded : AttemptOutcome::Failed, ev.hresult};
}

Result<History> read_log(const System& sys) {
  std::string path = sys.platform->windows_dir() + "\\SoftwareDistribution\\ReportingEvents.log";
  auto stream = sys.files->open_read(path);
  if (!stream) return stream.error();
  History h;
  h.source = kSourceLog;
  auto counts = read_reporting_events(**stream, [&](const ReportingEvent& ev) {
    if (auto a = from_log(ev)) h.attempts.push_back(std::move(*a));
  });
  if (!counts) return counts.error();
  return h;
}

// The agent first; the log only when the agent cannot answer. Both failing is an Error whose
// text names both reasons.
Result<History> read_history(const System& sys) {
  std::string wua_reason = "not available here";
  if (sys.update_agent) {
    auto entries = sys.update_agent->history();
    if (entries) {
      History h;
      for (const auto& e : *entries)
        if (auto a = from_wua(e)) h.attempts.push_back(std::move(*a));
      return h;
    }
    wua_reason = entries.error().message();
  }
  std::string log_reason = "not available here";
  if (sys.files && sys.platform) {
    auto log = read_log(sys);
    if (log) return log;
    log_reason = log.error().message();
  }
  return Error{0, "no update history",
               "Windows Update Agent: " + wua_reason + "; ReportingEvents.log: " + log_reason};
}

// The update an attempt belongs to: its id, else its KB, else its title.
std::string update_key(const Attempt& a) {
  if (!a.update_id.empty()) return "id:" + a.update_id;
  if (!a.kb.empty()) return "kb:" + a.kb;
  return "title:" + a.title;
}

struct Failure {
  Attempt last;  // the latest failed attempt
  int attempts = 0;  // failures since the last success
};

// Updates whose latest outcome is a failure within the window. A later success of the same
// KB under another update id (Defender definitions, re-released packages) also clears it.
std::vector<Failure> open_failures(std::vector<Attempt> attempts, system_clock::time_point now) {
  std::stable_sort(attempts.begin(), attempts.end(),
                   [](const Attempt& a, const Attempt& b) { return a.time < b.time; });
  std::map<std::string, Failure> failing;
  std::map<std::string, system_clock::time_point> kb_success;
  for (Attempt& a : attempts) {
    std::string key = update_key(a);
    if (a.outcome == AttemptOutcome::Succeeded) {
      failing.erase(key);
      if (!a.kb.empty()) kb_success[a.kb] = a.time;
      continue;
    }
    Failure& f = failing[key];
    ++f.attempts;
    f.last = std::move(a);
  }
  std::vector<Failure> open;
  for (auto& [key, f] : failing) {
    auto ok = kb_success.find(f.last.kb);
    if (ok != kb_success.end() && ok->second >= f.last.time) continue;
    if (f.last.time < now - kRecentFailures) continue;
    open.push_back(std::move(f));
  }
  std::sort(open.begin(), open.end(),
            [](const Failure& a, const Failure& b) { return a.last.time > b.last.time; });
  return open;
}

// The table's cause, then its fix when that says more than the repair step the finding names
// and is not diagnose (running now). "KB..." in the fix becomes the real KB.
std::string history_advice(const CodeInfo* info, const std::string& kb) {
  std::string advice = info ? info->cause : "";
  std::string fix = info ? info->fix : "";
  if (auto at = fix.find("KB..."); at != std::string::npos && !kb.empty())
    fix.replace(at, 5, "KB" + kb);
  auto step = repair_step_of(fix);
  bool only_the_step = step && fix == "wufix repair --only " + *step;  // --source PATH is more
  bool usable = !fix.empty() && !only_the_step && fix != "wufix diagnose" &&
                fix.find("KB...") == std::string::npos;
  if (usable) advice += (advice.empty() ? "" : "; try: ") + fix;
  if (advice.empty() && !kb.empty()) advice = "wufix install KB" + kb;
  return advice;
}

Finding failure_finding(const Failure& f, const char* source) {
  const Attempt& a = f.last;
  // An aborted install may record no code; S_OK would only confuse.
  const CodeInfo* info = a.hresult != 0 ? find_code(a.hresult) : nullptr;
  std::string hresult = format_hresult(a.hresult);
  std::string name = info && !info->name.empty() ? info->name : "";
  std::string what = !a.kb.empty()      ? "KB" + a.kb
                     : !a.title.empty() ? a.title
                                        : "Update " + a.update_id;
  Finding out;
  out.id = finding_id::kUpdateFailed;
  out.severity = Severity::Error;
  out.summary = what + " failed to install: " +
                (a.hresult == 0 ? "no error code recorded" : hresult) +
                (name.empty() ? "" : " " + name);
  using nlohmann::json;
  out.evidence = {{"kb", a.kb.empty() ? json() : json("KB" + a.kb)},
                  {"title", a.title},
                  {"date", iso_utc(a.time)},
                  {"hresult", hresult},
                  {"name", name.empty() ? json() : json(name)},
                  {"source", source},
                  {"attempts", f.attempts}};
  if (info) out.fix = repair_step_of(info->fix);
  out.advice = history_advice(info, a.kb);
  return out;
}

}  // namespace

CheckResult check_update_history(const System& sys) {
  if (!sys.clock) return check_skipped(check_id::kUpdateHistory, "no clock here");
  auto history = read_history(sys);
  if (!history) return check_skipped(check_id::kUpdateHistory, history.error().message());
  auto now = sys.clock->now();
  std::vector<Finding> findings;
  for (const Failure& f : open_failures(std::move(history->attempts), now))
    findings.push_back(failure_finding(f, history->source));
  return check_with(check_id::kUpdateHistory, std::move(findings));
}

}  // namespace wufix
