// Root causes found in the logs: every reader reports candidates into one CauseCollector,
// which deduplicates them (within a log and across logs) and ranks them, best first.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace wufix {

// What kind of evidence a cause rests on; the rank's first criterion.
namespace cause_kind {
inline constexpr const char* kFailedSession = "failed-servicing-session";  // CBS origin line
inline constexpr const char* kStoreCorruption = "component-store-corruption";
inline constexpr const char* kSfcCannotRepair = "sfc-cannot-repair";
inline constexpr const char* kUpdateInstall = "update-install-failed";   // ReportingEvents
inline constexpr const char* kUpdateDownload = "update-download-failed";  // ReportingEvents
inline constexpr const char* kDismOperation = "dism-operation-failed";
inline constexpr const char* kAgentFatal = "update-agent-fatal";          // WindowsUpdate.log
inline constexpr const char* kAgentError = "update-agent-error";          // WindowsUpdate.log
inline constexpr const char* kServicingError = "servicing-error";         // CBS Error line
inline constexpr const char* kFeatureUpdate = "feature-update-failed";    // setupact/setuperr.log
inline constexpr const char* kPastedError = "error-in-excerpt";           // a marker out of format
}  // namespace cause_kind

struct Cause {
  std::string kind;         // cause_kind::...
  std::string kb;           // "KB5037771"; empty when unknown
  uint32_t code = 0;        // the failure HRESULT
  std::string name;         // symbolic name (from the line, else the code table); may be empty
  std::string source_log;   // the log's path as given, where the decisive line is
  uint64_t line = 0;        // 1-based line number of the decisive line
  std::string time;         // "2024-05-14T10:14:02" (the PC's local time; "Z" when UTC)
  std::string component;    // package identity, CSI component, WU agent component
  std::string file;         // the missing or corrupt file, when the log names it
  std::string excerpt;      // the decisive line itself
  std::string operation;    // what failed, in the log's words ("Failed to restore the image health.")
  int attempts = 1;         // failed attempts of the same update (ReportingEvents)
  uint32_t extend_code = 0;   // feature updates: 0x30018 of 0xC1900101-0x30018; 0 when none
  std::string failure_class;  // feature updates: "driver-rollback", "disk-space", ...
  // Filled by the collector.
  std::string explanation;
  std::string fix;          // the wufix command that addresses it
  uint64_t occurrences = 1;
  std::vector<std::string> also_in;      // "dism.log:40": the same cause seen elsewhere
  std::vector<std::string> other_files;  // more files of the same corruption
  std::string superseded_by;             // what made it obsolete ("dism.log:80", "run ..."), if so
  // The latest occurrence in its log (the decisive line stays the first): what a later success
  // must come after to supersede it. Filled by the collector.
  uint64_t last_line = 0;
  std::string last_time;
};

// A later success that makes earlier failures obsolete: a repaired component store, an update
// that installed after all, a wufix repair step that finished.
struct Resolution {
  std::string scope;       // "store" | "sfc" | "kb:KB5037771" | "step:<repair step id>" | "file:<name>"
  std::string source_log;  // where it was seen ("" for a wufix run)
  uint64_t line = 0;
  std::string time;        // as the causes' times: local "2024-05-14T10:14:02" or UTC "...Z"
  std::string by;          // for people: "dism.log:80 (RestoreHealth)"
};

// The scopes a cause belongs to: what would supersede it.
std::vector<std::string> scopes_of(const Cause& c);
// "file:kernel32.dll": the scope of a damaged file that sfc later repaired (the name without
// its folders, case-folded).
std::string file_scope(std::string_view file);

// Rank of a kind: higher is more decisive.
int kind_weight(const std::string& kind);

// The wufix command for a cause: repair step, install of a KB that keeps failing, else explain.
std::string fix_for(const Cause& c);
// What the code means and why Windows Update hits it, from the code table and the kind.
std::string explanation_for(const Cause& c);

class CauseCollector {
 public:
  // Bounded so that a hostile log cannot grow memory: further distinct candidates only count.
  static constexpr size_t kMaxCandidates = 4096;
  static constexpr size_t kMaxCandidatesPerLog = 1024;
  static constexpr size_t kMaxResolutions = 4096;

  void add(Cause c);
  void resolve(Resolution r);
  // Deduplicated and ranked, best first; explanation and fix filled in. Causes a later
  // resolution made obsolete are left out (see superseded()).
  std::vector<Cause> ranked() const;
  // The causes ranked() leaves out, each with superseded_by set.
  std::vector<Cause> superseded() const;
  size_t dropped() const { return dropped_; }

 private:
  const Resolution* resolution_for(const Cause& c) const;

  std::map<std::string, Cause> candidates_;  // by kind + code + kb + file + component
  std::map<std::string, size_t> per_log_;    // candidates per source log
  // The latest of each scope and log, by scope + '\0' + log: a busy log resolves thousands.
  std::map<std::string, Resolution> resolutions_;
  size_t dropped_ = 0;
};

nlohmann::json to_json(const Cause& c);

}  // namespace wufix
