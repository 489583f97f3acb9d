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
  // Filled by the collector.
  std::string explanation;
  std::string fix;          // the wufix command that addresses it
  uint64_t occurrences = 1;
  std::vector<std::string> also_in;      // "dism.log:40": the same cause seen elsewhere
  std::vector<std::string> other_files;  // more files of the same corruption
};

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

  void add(Cause c);
  // Deduplicated and ranked, best first; explanation and fix filled in.
  std::vector<Cause> ranked() const;
  size_t dropped() const { return dropped_; }

 private:
  std::map<std::string, Cause> candidates_;  // by kind + code + kb + file + component
  size_t dropped_ = 0;
};

nlohmann::json to_json(const Cause& c);

}  // namespace wufix
