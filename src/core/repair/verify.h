// The proof of a repair: the diagnose checks the run's steps were meant to fix run again, and
// each finding the run started from is fixed, still present (with the new evidence) or waits
// for a restart. A repair that leaves its own finding in place has not worked.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/checks/checks.h"
#include "core/findings.h"

namespace wufix {

struct StepOutcome;

enum class VerifyStatus { Fixed, StillPresent, NeedsRestart };
const char* to_string(VerifyStatus s);  // fixed | still-present | needs-restart

struct Verification {
  std::string finding;  // finding id
  std::string subject;  // the value or service it is about ("" when there is one of it)
  std::string step;     // the step that was meant to fix it
  VerifyStatus status = VerifyStatus::StillPresent;
  std::string summary;     // the finding's summary (now, when still present)
  nlohmann::json evidence; // the new evidence when still present, else what was found before
};

// What a finding is about ("wuauserv", a policy key\value), so "NoAutoUpdate still set" is not
// mistaken for "UseWUServer"; "" when there is one of it.
std::string subject_of(const Finding& f);

// The checks that show whether a step worked (none for dism and sfc, whose proof is their own
// verdict).
std::vector<std::string> checks_for_step(std::string_view step);
std::vector<std::string> checks_for_steps(const std::vector<std::string>& steps);

// Runs the named diagnose checks (ids as in diagnose's JSON), in the order given.
std::vector<CheckResult> run_checks(const System& sys, const DiagnoseOptions& options,
                                    const std::vector<std::string>& check_ids);

// Every problem finding of `before` that a done step was meant to fix, against `after`.
std::vector<Verification> verify_findings(const std::vector<CheckResult>& before,
                                          const std::vector<StepOutcome>& steps,
                                          const std::vector<CheckResult>& after);

nlohmann::json to_json(const Verification& v);

}  // namespace wufix
