#include "core/logs/causes.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error_codes.h"
#include "core/hresult.h"

namespace wufix {
namespace {

constexpr size_t kMaxAlsoIn = 10;
constexpr size_t kMaxOtherFiles = 20;
constexpr int kCorroborationBonus = 5;  // per further log that shows the same cause

constexpr std::string_view kRepair = "wufix repair ";
constexpr std::string_view kInstall = "wufix install KB...";

bool starts(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// Download, protocol and datastore errors of the agent: a fresh SoftwareDistribution helps.
bool cache_error(uint32_t code) {
  uint32_t group = code & 0xFFFFF000u;
  return group == 0x80244000u || group == 0x80246000u || group == 0x80248000u;
}

std::string location(const Cause& c) { return fmt::format("{}:{}", c.source_log, c.line); }

// The same root cause told by two candidates: the same code, and KB and kind family agree.
bool same_cause(const Cause& a, const Cause& b) {
  if (a.code != b.code) return false;
  if (!a.kb.empty() && !b.kb.empty() && a.kb != b.kb) return false;
  // Two different updates failing the same way are two causes, told apart by their KB.
  return true;
}

void absorb(Cause& into, const Cause& c) {
  into.occurrences += c.occurrences;
  into.attempts = std::max(into.attempts, c.attempts);
  if (into.kb.empty()) into.kb = c.kb;
  if (into.name.empty()) into.name = c.name;
  if (into.component.empty()) into.component = c.component;
  if (into.extend_code == 0) into.extend_code = c.extend_code;
  if (into.failure_class.empty()) into.failure_class = c.failure_class;
  if (into.file.empty()) {
    into.file = c.file;
  } else if (!c.file.empty() && c.file != into.file && into.other_files.size() < kMaxOtherFiles &&
             std::find(into.other_files.begin(), into.other_files.end(), c.file) ==
                 into.other_files.end()) {
    into.other_files.push_back(c.file);
  }
  for (const std::string& f : c.other_files)
    if (into.other_files.size() < kMaxOtherFiles && f != into.file &&
        std::find(into.other_files.begin(), into.other_files.end(), f) == into.other_files.end())
      into.other_files.push_back(f);
  if (c.source_log != into.source_log && into.also_in.size() < kMaxAlsoIn) {
    std::string where = location(c);
    if (std::find(into.also_in.begin(), into.also_in.end(), where) == into.also_in.end())
      into.also_in.push_back(where);
  }
}

// "wufix repair --only dism,sfc --source PATH" → {"dism", "sfc"}.
std::vector<std::string> repair_steps(const std::string& fix) {
  constexpr std::string_view kOnly = "wufix repair --only ";
  std::vector<std::string> steps;
  if (!starts(fix, kOnly)) return steps;
  std::string list = fix.substr(kOnly.size(), fix.find(' ', kOnly.size()) - kOnly.size());
  for (size_t start = 0; start <= list.size();) {
    size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) steps.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return steps;
}

bool is_store_code(uint32_t code) { return code == 0x800F0831u || code == 0x80073712u; }

// Later by line in the same log, else by time (both must have one; "Z" times are UTC, which
// the caller has already turned into the logs' local time when it matters).
bool later(const Resolution& r, const Cause& c) {
  if (r.source_log == c.source_log && !r.source_log.empty()) return r.line > c.last_line;
  if (r.time.size() < 19 || c.last_time.size() < 19) return false;
  return r.time.compare(0, 19, c.last_time, 0, 19) > 0;
}

int score(const Cause& c) {
  std::set<std::string> logs;
  for (const std::string& where : c.also_in) logs.insert(where.substr(0, where.rfind(':')));
  logs.erase(c.source_log);
  return kind_weight(c.kind) + kCorroborationBonus * static_cast<int>(logs.size());
}

bool better(const Cause& a, const Cause& b) {
  int sa = score(a), sb = score(b);
  if (sa != sb) return sa > sb;
  if (a.occurrences != b.occurrences) return a.occurrences > b.occurrences;
  if (a.time != b.time) return a.time > b.time;  // the latest failure is the current one
  return a.line < b.line;
}

}  // namespace

int kind_weight(const std::string& kind) {
  using namespace cause_kind;
  static const std::map<std::string, int> kWeights = {
      {kFailedSession, 90}, {kStoreCorruption, 85}, {kSfcCannotRepair, 84},
      {kUpdateInstall, 80}, {kDismOperation, 75},   {kUpdateDownload, 60},
      {kAgentFatal, 55},    {kServicingError, 40},  {kAgentError, 25},
      {kFeatureUpdate, 86}, {kPastedError, 30}};
  auto it = kWeights.find(kind);
  return it == kWeights.end() ? 0 : it->second;
}

std::vector<std::string> scopes_of(const Cause& c) {
  std::vector<std::string> scopes;
  if (c.kind == cause_kind::kStoreCorruption || c.kind == cause_kind::kSfcCannotRepair ||
      is_store_code(c.code))
    scopes.push_back("store");
  if (c.kind == cause_kind::kSfcCannotRepair) scopes.push_back("sfc");
  if ((c.kind == cause_kind::kStoreCorruption || c.kind == cause_kind::kSfcCannotRepair) &&
      !c.file.empty())
    scopes.push_back(file_scope(c.file));
  if (!c.kb.empty()) scopes.push_back("kb:" + c.kb);
  for (const std::string& step : repair_steps(c.fix.empty() ? fix_for(c) : c.fix))
    scopes.push_back("step:" + step);
  return scopes;
}

std::string file_scope(std::string_view file) {
  // The name alone: CSI names a member "Amd64\CNBJ2530.DPB", sfc's repair line a full path.
  file = file.substr(file.find_last_of("\\/") + 1);
  std::string scope = "file:";
  for (char ch : file) scope += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return scope;
}

std::string fix_for(const Cause& c) {
  if (c.kind == cause_kind::kFeatureUpdate) {
    if (c.failure_class == "disk-space") return "wufix diagnose";
    return "wufix explain " + format_code_and_extend(c.code, c.extend_code);
  }
  if (c.kind == cause_kind::kStoreCorruption) return "wufix repair --only dism";
  if (c.kind == cause_kind::kSfcCannotRepair) return "wufix repair --only dism,sfc";
  const CodeInfo* info = find_code(c.code);
  std::string table = info ? info->fix : "";
  if (starts(table, kRepair)) return table;
  if (table == kInstall && !c.kb.empty()) return "wufix install " + c.kb;
  if (cache_error(c.code)) return "wufix repair --only reset";
  if (!c.kb.empty() && c.attempts >= 2) return "wufix install " + c.kb;
  if (table == "wufix diagnose") return table;
  return "wufix explain " + format_hresult(c.code);
}

std::string explanation_for(const Cause& c) {
  const CodeInfo* info = find_code(c.code);
  std::string meaning = info ? info->description : "a code wufix does not know";
  if (info && !info->cause.empty()) meaning += "; " + info->cause;
  std::string what;
  if (c.kind == cause_kind::kStoreCorruption) {
    what = "The component store (WinSxS) is damaged";
    if (!c.file.empty()) what += ": " + c.file;
    return what + ". DISM must restore it from a good source before updates can install.";
  }
  if (c.kind == cause_kind::kSfcCannotRepair)
    return "SFC found " + (c.file.empty() ? std::string("a system file") : c.file) +
           " corrupt and could not repair it: its copy in the component store is damaged too. "
           "Restore the store with DISM, then run SFC again.";
  if (c.kind == cause_kind::kUpdateInstall || c.kind == cause_kind::kUpdateDownload) {
    std::string verb = c.kind == cause_kind::kUpdateInstall ? "install" : "download";
    what = (c.kb.empty() ? std::string("An update") : c.kb) + " failed to " + verb;
    if (c.attempts > 1) what += fmt::format(" ({} attempts)", c.attempts);
    return what + ": " + meaning;
  }
  if (c.kind == cause_kind::kFeatureUpdate) {
    what = "The feature update (upgrade) failed";
    if (!c.failure_class.empty()) what += " [" + c.failure_class + "]";
    if (c.extend_code) what += fmt::format(" in phase/operation {}", format_extend_code(c.extend_code));
    if (!c.file.empty()) what += ", naming " + c.file;
    return what + ": " + meaning;
  }
  if (c.kind == cause_kind::kDismOperation && !c.operation.empty())
    return "DISM: " + c.operation + " " + meaning;
  return meaning;
}

void CauseCollector::add(Cause c) {
  std::string key = c.kind + '|' + format_hresult(c.code) + '|' + c.kb + '|' + c.file + '|' +
                    c.component + '|' + c.source_log;
  auto it = candidates_.find(key);
  if (it != candidates_.end()) {
    // The latest occurrence decides whether a later success superseded it.
    Cause& known = it->second;
    known.occurrences += c.occurrences;
    known.attempts = std::max(known.attempts, c.attempts);
    if (known.extend_code == 0) known.extend_code = c.extend_code;
    if (c.line > known.last_line) {
      known.last_line = c.line;
      if (!c.time.empty()) known.last_time = c.time;
    }
    return;
  }
  size_t& in_log = per_log_[c.source_log];
  if (candidates_.size() >= kMaxCandidates || in_log >= kMaxCandidatesPerLog) {
    ++dropped_;
    return;
  }
  ++in_log;
  if (c.name.empty()) {
    if (const CodeInfo* info = find_code(c.code)) c.name = info->name;
  }
  c.last_line = c.line;
  c.last_time = c.time;
  candidates_.emplace(std::move(key), std::move(c));
}

void CauseCollector::resolve(Resolution r) {
  std::string key = r.scope + '\0' + r.source_log;
  auto known = resolutions_.find(key);
  if (known != resolutions_.end()) {
    if (r.line >= known->second.line) known->second = std::move(r);
    return;
  }
  if (resolutions_.size() < kMaxResolutions) resolutions_.emplace(std::move(key), std::move(r));
}

const Resolution* CauseCollector::resolution_for(const Cause& c) const {
  if (resolutions_.empty()) return nullptr;
  for (const std::string& scope : scopes_of(c)) {
    std::string prefix = scope + '\0';
    for (auto it = resolutions_.lower_bound(prefix);
         it != resolutions_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (later(it->second, c)) return &it->second;
  }
  return nullptr;
}

std::vector<Cause> CauseCollector::superseded() const {
  std::vector<Cause> out;
  for (const auto& [key, c] : candidates_) {
    const Resolution* r = resolution_for(c);
    if (r == nullptr) continue;
    out.push_back(c);
    out.back().superseded_by = r->by;
  }
  std::sort(out.begin(), out.end(), better);
  for (Cause& c : out) {
    c.fix = fix_for(c);
    c.explanation = explanation_for(c);
  }
  return out;
}

std::vector<Cause> CauseCollector::ranked() const {
  std::vector<Cause> all;
  for (const auto& [key, c] : candidates_)
    if (resolution_for(c) == nullptr) all.push_back(c);
  std::sort(all.begin(), all.end(), better);
  std::vector<Cause> merged;
  for (const Cause& c : all) {
    auto into = std::find_if(merged.begin(), merged.end(),
                             [&](const Cause& m) { return same_cause(m, c); });
    if (into == merged.end()) merged.push_back(c);
    else absorb(*into, c);
  }
  std::stable_sort(merged.begin(), merged.end(), better);
  for (Cause& c : merged) {
    c.fix = fix_for(c);
    c.explanation = explanation_for(c);
  }
  return merged;
}

nlohmann::json to_json(const Cause& c) {
  using nlohmann::json;
  auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"kb", text(c.kb)},
          {"code", format_hresult(c.code)},
          {"name", text(c.name)},
          {"source_log", c.source_log},
          {"line", c.line},
          {"time", text(c.time)},
          {"component", text(c.component)},
          {"file", text(c.file)},
          {"explanation", c.explanation},
          {"fix", c.fix},
          {"kind", c.kind},
          {"operation", text(c.operation)},
          {"excerpt", c.excerpt},
          {"occurrences", c.occurrences},
          {"attempts", c.attempts},
          {"also_in", c.also_in},
          {"other_files", c.other_files},
          {"extend_code", c.extend_code ? json(format_extend_code(c.extend_code)) : json(nullptr)},
          {"failure_class", text(c.failure_class)},
          {"superseded_by", text(c.superseded_by)}};
}

}  // namespace wufix
