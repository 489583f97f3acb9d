#include "core/repair/repair.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/exit_codes.h"
#include "core/findings.h"
#include "core/repair/revert.h"
#include "core/time_text.h"

namespace wufix {
namespace {

using Clock = std::chrono::steady_clock;

bool listed(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// The step runs; if it fails, what it changed is put back (journaled as its rollback group).
StepOutcome run_one(RunSetup& setup, const std::string& id) {
  StepOutcome out;
  out.id = id;
  const auto started = Clock::now();
  const StepInfo* step = find_step(id);
  if (!step) {
    out.status = StepStatus::Failed;
    out.report.error = Error{0, "not a wufix repair step", id};
    return out;
  }
  if (Status s = setup.changes.begin_step(id); !s) {
    out.status = StepStatus::Failed;
    out.report.error = s.error();
    return out;
  }
  StepContext ctx{setup.sys, setup.changes, setup.options, setup.hooks.progress, setup.run_id};
  out.report = step->run(ctx);
  out.actions = setup.changes.step_actions();
  if (setup.dry_run) {
    out.status = StepStatus::Planned;
  } else if (!out.report.error) {
    out.status = StepStatus::Done;
  } else {
    out.status = StepStatus::Failed;
    if (!out.actions.empty()) {
      // No rollback without its group on disk: a resume must know these changes are reverts.
      Status undone = setup.changes.begin_step("rollback:" + id);
      if (undone) {
        undone = revert(out.actions, setup.changes, setup.sys, setup.options.service_timeout,
                        "wufix-" + setup.run_id);
        out.restored = setup.changes.step_actions();
      }
      if (undone) out.status = StepStatus::RolledBack;
      else out.rollback_error = undone.error();
    }
  }
  out.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return out;
}

void journal_step(JournalWriter& journal, const StepOutcome& s) {
  // A failed journal write here loses only the summary line: every change is already on disk.
  (void)journal.write({{"type", "step"},
                       {"step", s.id},
                       {"status", to_string(s.status)},
                       {"result", s.report.result},
                       {"reboot_required", s.report.reboot_required}});
}

void finish_skipped(RunSetup& setup, RunOutcome& outcome, StepOutcome step) {
  journal_step(setup.changes.journal(), step);
  outcome.steps.push_back(std::move(step));
  if (setup.hooks.step_finished) setup.hooks.step_finished(outcome.steps.back());
}

void run_steps(RunSetup& setup, const std::vector<std::string>& steps, RunOutcome& outcome) {
  for (const auto& id : steps) {
    if (setup.hooks.cancelled && setup.hooks.cancelled()) {
      StepOutcome cancelled{id, StepStatus::Skipped, {}, {}, {}, {}, {}, {}};
      cancelled.skipped_because = kCancelledReason;
      finish_skipped(setup, outcome, std::move(cancelled));
      continue;
    }
    if (auto why = skip_reason(id, outcome.steps)) {
      StepOutcome skipped{id, StepStatus::Skipped, {}, {}, {}, {}, {}, {}};
      skipped.skipped_because = *why;
      finish_skipped(setup, outcome, std::move(skipped));
      continue;
    }
    if (setup.hooks.step_started) setup.hooks.step_started(id);
    StepOutcome step = run_one(setup, id);
    journal_step(setup.changes.journal(), step);
    outcome.steps.push_back(std::move(step));
    if (setup.hooks.step_finished) setup.hooks.step_finished(outcome.steps.back());
  }
  if (setup.hooks.verify) outcome.verification = setup.hooks.verify(outcome.steps);
  const char* result = outcome.failed()            ? "failed"
                       : outcome.reboot_required() ? "reboot-required"
                                                   : "done";
  nlohmann::json verification = nlohmann::json::array();
  for (const auto& v : outcome.verification) verification.push_back(to_json(v));
  // Only the summary: every change and step line is on disk already.
  (void)setup.changes.journal().write(
      {{"type", "end"}, {"result", result}, {"verification", verification}});
}

}  // namespace

const std::vector<StepInfo>& step_table() {
  static const std::vector<StepInfo> table = {
      {step_id::kClock, run_clock_step, "check the clock against a time server and resync it",
       "Set the clock right and turn on Windows Time", {}},
      {step_id::kPolicy, run_policy_step,
       "remove the policy values that block, redirect or defer updates",
       "Remove leftover Windows Update policies", {}},
      {step_id::kNetwork, run_network_step,
       "reset a WinHTTP proxy that does not answer to direct access",
       "Reset a broken proxy setting", {}},
      {step_id::kServices, run_services_step,
       "put the update services back on their Windows start types and start them",
       "Turn the update services back on", {}},
      {step_id::kReset, run_reset_step,
       "stop the update services, rename SoftwareDistribution and catroot2 aside, restart",
       "Reset the Windows Update components and cache",
       {{step_id::kServices, "reset starts wuauserv, BITS and CryptSvc again, which the services "
                             "step makes startable"}}},
      {step_id::kDism, run_dism_step,
       "DISM CheckHealth, ScanHealth, RestoreHealth: repair the component store",
       "Repair the Windows component store (DISM, slow)",
       {{step_id::kNetwork,
         "DISM fetches repair files through Windows Update, so through the WinHTTP proxy"}}},
      {step_id::kSfc, run_sfc_step, "sfc /scannow: restore protected system files",
       "Check and repair system files (sfc, slow)",
       {{step_id::kReset, "sfc's scan must not race services that reset stops and starts"},
        {step_id::kDism, "sfc copies good files from the component store, which DISM repairs"}}},
  };
  return table;
}

const StepInfo* find_step(std::string_view id) {
  for (const auto& step : step_table())
    if (step.id == id) return &step;
  return nullptr;
}

const std::vector<std::string>& step_order() {
  static const std::vector<std::string> order = [] {
    std::vector<std::string> ids;
    for (const auto& step : step_table()) ids.emplace_back(step.id);
    return ids;
  }();
  return order;
}

std::optional<std::string> repair_step_of(std::string_view fix) {
  constexpr std::string_view kPrefix = "wufix repair --only ";
  if (!fix.starts_with(kPrefix)) return std::nullopt;
  fix.remove_prefix(kPrefix.size());
  std::string_view id = fix.substr(0, fix.find_first_of(" ,"));
  if (!find_step(id)) return std::nullopt;
  return std::string(id);
}

std::string steps_help() {
  std::string text;
  for (const auto& step : step_table()) text += fmt::format("  {:<9} {}\n", step.id, step.help);
  return text;
}

std::optional<std::string> skip_reason(const std::string& id,
                                       const std::vector<StepOutcome>& earlier) {
  const StepInfo* step = find_step(id);
  if (!step) return std::nullopt;
  for (const auto& d : step->needs) {
    auto dep = std::find_if(earlier.begin(), earlier.end(),
                            [&](const StepOutcome& s) { return s.id == d.step; });
    if (dep == earlier.end() || dep->status == StepStatus::Done ||
        dep->status == StepStatus::Planned)
      continue;
    return fmt::format("{} {}, and {}: {}", d.step,
                       dep->status == StepStatus::Skipped ? "was skipped" : "did not succeed",
                       id, d.why);
  }
  return std::nullopt;
}

Status check_selection(const StepSelection& selection) {
  for (const auto* list : {&selection.only, &selection.skip})
    for (const auto& id : *list)
      if (!find_step(id))
        return Error{0, fmt::format("unknown step '{}' (steps: {})", id,
                                    fmt::join(step_order(), ", ")), id};
  return ok_status();
}

std::vector<std::string> choose_steps(const StepSelection& selection,
                                      const std::vector<std::string>& suggested) {
  const auto& wanted = selection.all              ? step_order()
                       : !selection.only.empty() ? selection.only
                                                 : suggested;
  std::vector<std::string> steps;
  for (const auto& id : step_order())
    if (listed(wanted, id) && !listed(selection.skip, id)) steps.push_back(id);
  return steps;
}

const char* to_string(StepStatus s) {
  switch (s) {
    case StepStatus::Done: return "done";
    case StepStatus::Skipped: return "skipped";
    case StepStatus::Failed: return "failed";
    case StepStatus::RolledBack: return "rolled-back";
    case StepStatus::Planned: return "planned";
  }
  return "failed";
}

bool RunOutcome::failed() const {
  return std::any_of(steps.begin(), steps.end(), [](const StepOutcome& s) {
           return s.status == StepStatus::Failed || s.status == StepStatus::RolledBack;
         }) ||
         std::any_of(verification.begin(), verification.end(), [](const Verification& v) {
           return v.status == VerifyStatus::StillPresent;
         });
}

bool RunOutcome::reboot_required() const {
  return std::any_of(steps.begin(), steps.end(),
                     [](const StepOutcome& s) { return s.report.reboot_required; }) ||
         std::any_of(verification.begin(), verification.end(), [](const Verification& v) {
           return v.status == VerifyStatus::NeedsRestart;
         });
}

int RunOutcome::exit_code() const {
  if (failed()) return exit_code::kFindings;
  return reboot_required() && !dry_run ? exit_code::kRestartRequired : exit_code::kOk;
}

nlohmann::json options_json(const RepairOptions& o) {
  return {{"service_timeout_s", o.service_timeout.count()},
          {"force", o.force},
          {"dism_source", o.dism_source},
          {"ntp_host", o.ntp_host},
          {"ntp_port", o.ntp_port}};
}

RunOutcome run_repair(RunSetup& setup, const std::vector<std::string>& steps) {
  RunOutcome outcome;
  outcome.run_id = setup.run_id;
  outcome.dry_run = setup.dry_run;
  Status header = setup.changes.journal().write({{"type", "run"},
                                                 {"run_id", setup.run_id},
                                                 {"started", iso_utc(setup.sys.clock->now())},
                                                 {"plan", steps},
                                                 {"options", options_json(setup.options)}});
  if (!header) {
    // Without a journal nothing may change: the run stops before its first step.
    StepOutcome refused{steps.empty() ? "journal" : steps.front(), StepStatus::Failed, {}, {},
                        {}, {}, {}, {}};
    refused.report.error = header.error();
    outcome.steps.push_back(refused);
    return outcome;
  }
  run_steps(setup, steps, outcome);
  return outcome;
}

std::vector<Action> actions_that_may_have_happened(const RunLog& log) {
  std::vector<Action> actions;
  for (const auto& a : log.actions)
    if ((a.ok || !a.finished) && a.action.kind != Action::Kind::RunProgram)
      actions.push_back(a.action);
  return actions;
}

RunOutcome resume_repair(RunSetup& setup, const RunLog& log) {
  RunOutcome outcome;
  outcome.run_id = log.run_id;
  outcome.resumed = true;
  std::set<std::string> finished;
  for (const auto& s : log.steps) finished.insert(s.id);
  // The changes of the step the run died in (and of its rollback, if it died in that).
  RunLog open = log;
  std::erase_if(open.actions, [&](const LoggedAction& a) {
    return a.group == "undo" || finished.count(a.group) ||
           finished.count(a.group.substr(a.group.find(':') + 1));
  });
  std::vector<Action> partial = actions_that_may_have_happened(open);
  if (!partial.empty()) {
    // The half-done step is put back first; when that cannot even be journaled, nothing runs.
    Status undone = setup.changes.begin_step("resume-rollback");
    if (undone) {
      undone = revert(partial, setup.changes, setup.sys, setup.options.service_timeout,
                      "wufix-" + log.run_id);
      outcome.resume_rollback = setup.changes.step_actions();
    }
    if (!undone) {
      StepOutcome failed{log.open_step, StepStatus::Failed, {}, {}, {}, undone.error(), {}, {}};
      failed.report.error = undone.error();
      outcome.steps.push_back(failed);
      return outcome;
    }
  }
  std::vector<std::string> remaining;
  // A hide/unhide run has no repair step to run again: finishing it is the rollback above.
  for (const auto& id : log.plan)
    if (!finished.count(id) && find_step(id)) remaining.push_back(id);
  run_steps(setup, remaining, outcome);
  return outcome;
}

}  // namespace wufix
