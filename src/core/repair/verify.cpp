#include "core/repair/verify.h"

#include <algorithm>

#include "core/checks/update_policy.h"
#include "core/checks/winhttp_proxy.h"
#include "core/repair/repair.h"

namespace wufix {
namespace {

struct StepChecks {
  const char* step;
  std::vector<std::string> checks;
};

const std::vector<StepChecks>& step_checks() {
  static const std::vector<StepChecks> table = {
      {step_id::kClock, {check_id::kClock, check_id::kTimeService}},
      {step_id::kPolicy, {check_id::kUpdatePolicy}},
      {step_id::kNetwork, {check_id::kWinHttpProxy}},
      {step_id::kServices, {check_id::kServices}},
      {step_id::kReset, {check_id::kServices}},
  };
  return table;
}

CheckResult run_check(const System& sys, const DiagnoseOptions& options, const std::string& id) {
  if (id == check_id::kClock) return check_clock(sys, options);
  if (id == check_id::kTimeService) return check_time_service(sys);
  if (id == check_id::kServices) return check_services(sys);
  if (id == check_id::kUpdatePolicy) return check_update_policy(sys);
  if (id == check_id::kWinHttpProxy) return check_winhttp_proxy(sys);
  return check_skipped(id, "not a check repair verifies");
}

const Finding* find_again(const std::vector<CheckResult>& after, const Finding& f) {
  for (const auto& c : after)
    for (const auto& g : c.findings)
      if (g.id == f.id && subject_of(g) == subject_of(f) && is_problem(g.severity)) return &g;
  return nullptr;
}

}  // namespace

// What a finding is about, so "NoAutoUpdate still set" is not mistaken for "UseWUServer".
std::string subject_of(const Finding& f) {
  std::string subject;
  for (const char* field : {"key", "value", "service"})
    if (f.evidence.contains(field) && f.evidence[field].is_string())
      subject += (subject.empty() ? "" : "\\") + f.evidence[field].get<std::string>();
  return subject;
}

const char* to_string(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::Fixed: return "fixed";
    case VerifyStatus::StillPresent: return "still-present";
    case VerifyStatus::NeedsRestart: return "needs-restart";
  }
  return "still-present";
}

std::vector<std::string> checks_for_step(std::string_view step) {
  for (const auto& s : step_checks())
    if (s.step == step) return s.checks;
  return {};
}

std::vector<std::string> checks_for_steps(const std::vector<std::string>& steps) {
  std::vector<std::string> checks;
  for (const auto& step : steps)
    for (const auto& c : checks_for_step(step))
      if (std::find(checks.begin(), checks.end(), c) == checks.end()) checks.push_back(c);
  return checks;
}

std::vector<CheckResult> run_checks(const System& sys, const DiagnoseOptions& options,
                                    const std::vector<std::string>& check_ids) {
  std::vector<CheckResult> results;
  for (const auto& id : check_ids) results.push_back(run_check(sys, options, id));
  return results;
}

std::vector<Verification> verify_findings(const std::vector<CheckResult>& before,
                                          const std::vector<StepOutcome>& steps,
                                          const std::vector<CheckResult>& after) {
  std::vector<Verification> out;
  for (const auto& check : before) {
    for (const auto& f : check.findings) {
      if (!f.fix || !is_problem(f.severity)) continue;
      auto step = std::find_if(steps.begin(), steps.end(), [&](const StepOutcome& s) {
        return s.id == *f.fix && s.status == StepStatus::Done;
      });
      if (step == steps.end()) continue;
      const auto& verifying = checks_for_step(step->id);
      if (std::find(verifying.begin(), verifying.end(), check.id) == verifying.end()) continue;
      Verification v{f.id, subject_of(f), step->id, VerifyStatus::Fixed, f.summary, f.evidence};
      auto rerun = std::find_if(after.begin(), after.end(),
                                [&](const CheckResult& c) { return c.id == check.id; });
      if (rerun == after.end() || rerun->status == CheckStatus::Error ||
          rerun->status == CheckStatus::Skipped) {
        // Not measurable now: not a proof either way, so not "fixed".
        v.status = step->report.reboot_required ? VerifyStatus::NeedsRestart
                                                : VerifyStatus::StillPresent;
        v.evidence = {{"recheck", rerun == after.end() ? "not run"
                                  : rerun->error       ? rerun->error->message()
                                                       : rerun->reason}};
      } else if (const Finding* again = find_again(after, f)) {
        v.status = step->report.reboot_required ? VerifyStatus::NeedsRestart
                                                : VerifyStatus::StillPresent;
        v.summary = again->summary;
        v.evidence = again->evidence;
      }
      out.push_back(std::move(v));
    }
  }
  return out;
}

nlohmann::json to_json(const Verification& v) {
  return {{"finding", v.finding}, {"subject", v.subject}, {"step", v.step},
          {"status", to_string(v.status)}, {"summary", v.summary}, {"evidence", v.evidence}};
}

}  // namespace wufix
