// The proof at the end of `wufix repair`: one search through the Windows Update Agent, as the
// how-to's "check for updates again".
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/repair/repair.h"
#include "core/updates/scan.h"

namespace wufix {

inline constexpr std::chrono::seconds kProofScanLimit{300};

struct ScanProof {
  std::string status = "skipped";  // ok | failed | skipped
  std::optional<uint32_t> hresult;
  std::optional<size_t> updates;   // found, when ok
  std::string reason;              // why skipped, or the failure explained
  std::optional<CodeAdvice> advice;  // for a failed search
};

// Why no proof is due after this run (nullopt: scan): --no-scan, a dry run, a failed run, or a
// run of none of the steps that can stop the search (clock, services, reset, policy, network).
std::optional<std::string> proof_skip_reason(const RunOutcome& run, bool no_scan);

ScanProof skipped_proof(std::string reason);
// One search for pending updates. An agent that is not there at all (class not registered,
// E_NOTIMPL) is skipped with that reason; any other error is a failed proof.
ScanProof run_proof_scan(const System& sys, std::chrono::seconds time_limit);

// A repair that claimed success whose search then failed exits 1; otherwise the run's code.
int exit_code_with_proof(int run_exit, const ScanProof& proof);

nlohmann::json to_json(const ScanProof& p);

}  // namespace wufix
