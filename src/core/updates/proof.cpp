#include "core/updates/proof.h"

#include <algorithm>

#include "core/exit_codes.h"
#include "core/hresult.h"

namespace wufix {

std::optional<std::string> proof_skip_reason(const RunOutcome& run, bool no_scan) {
  if (no_scan) return "--no-scan";
  if (run.dry_run) return "dry run";
  if (run.failed()) return "the repair did not finish";
  static const char* const kSearchSteps[] = {"clock", "services", "reset", "policy", "network"};
  bool ran = std::any_of(run.steps.begin(), run.steps.end(), [](const StepOutcome& s) {
    return s.status == StepStatus::Done &&
           std::any_of(std::begin(kSearchSteps), std::end(kSearchSteps),
                       [&](const char* id) { return s.id == id; });
  });
  if (!ran) return "no step that affects the update search ran";
  return std::nullopt;
}

ScanProof skipped_proof(std::string reason) {
  ScanProof p;
  p.reason = std::move(reason);
  return p;
}

ScanProof run_proof_scan(const System& sys, std::chrono::seconds time_limit) {
  std::unique_ptr<UpdateSession> session;
  ScanResult r = scan_updates(sys, session, kCriteriaPending, time_limit);
  ScanProof p;
  if (!r.error) {
    p.status = "ok";
    p.updates = r.updates.size();
    return p;
  }
  p.hresult = r.error->code;
  if (agent_unavailable(r.error->code)) {
    p.reason = "the Windows Update Agent is not available here: " + r.error->message();
    return p;
  }
  p.status = "failed";
  p.advice = advise(r.error->code);
  p.reason = r.error->message();
  return p;
}

int exit_code_with_proof(int run_exit, const ScanProof& proof) {
  return proof.status == "failed" ? exit_code::kFindings : run_exit;
}

nlohmann::json to_json(const ScanProof& p) {
  return {{"status", p.status},
          {"hresult", p.hresult ? nlohmann::json(format_hresult(*p.hresult)) : nlohmann::json()},
          {"updates", p.updates ? nlohmann::json(*p.updates) : nlohmann::json()},
          {"reason", p.reason.empty() ? nlohmann::json() : nlohmann::json(p.reason)},
          {"failure", p.advice ? to_json(*p.advice) : nlohmann::json()}};
}

}  // namespace wufix
