// wufix repair: the how-to's repair steps, journaled, rolled back on failure, resumable.
#include <fmt/format.h>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/progress.h"
#include "cli/repair_text.h"
#include "cli/updates_text.h"
#include "core/diagnose.h"
#include "core/private_folder.h"
#include "core/repair/verified_run.h"
#include "cli/ntp_option.h"

namespace wufix {
namespace {

class RepairCommand : public Command {
 public:
  std::string name() const override { return "repair"; }
  std::string summary() const override {
    return "Repair what diagnose found (clock, policy, network, services, reset, dism, sfc); "
           "journaled, undoable, verified";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.add_option("--only", selection_.only,
                   "Run only these steps (comma-separated):\n" + steps_help())
        ->delimiter(',');
    sub.add_option("--skip", selection_.skip, "Leave these steps out")->delimiter(',');
    sub.add_flag("--all", selection_.all,
                 fmt::format("Every step, in order: {}", fmt::join(step_order(), ",")));
    sub.add_flag("--dry-run", dry_run_, "Print the exact plan and change nothing");
    sub.add_flag("--yes,-y", yes_, "Do not ask for confirmation");
    sub.add_flag("--resume", resume_, "Finish an interrupted run");
    sub.add_option("--service-timeout", timeout_s_, "Seconds to wait for each service")
        ->check(CLI::Range(1, 3600));
    sub.add_option("--source", options_.dism_source,
                   "Repair source for DISM (/Source:..., with /LimitAccess)");
    add_ntp_server_option(sub, options_.ntp_host, options_.ntp_port,
                          "Time server the clock step checks, HOST[:PORT]");
    sub.add_flag("--force", options_.force,
                 "policy: remove the values even on a domain/Intune-managed PC");
    sub.add_flag("--no-scan", no_scan_, "Skip the update search that proves the repair");
  }
  int run(Context& ctx) override;

 private:
  std::string command_line() const;
  std::vector<std::string> steps(Context& ctx);
  int run_new(Context& ctx, const std::vector<std::string>& steps);
  int resume(Context& ctx, const std::vector<RunLog>& runs);
  int finish(Context& ctx, const RunOutcome& outcome);
  RunHooks hooks(Context& ctx, ProgressBar& bar);
  DiagnoseOptions diagnose_options() const { return diagnose_options_for(options_); }

  StepSelection selection_;
  RepairOptions options_;
  bool dry_run_ = false, yes_ = false, resume_ = false, no_scan_ = false;
  int timeout_s_ = 60;
};

std::string RepairCommand::command_line() const {
  std::string line = "wufix repair";
  if (resume_) line += " --resume";
  if (selection_.all) line += " --all";
  if (!selection_.only.empty()) line += " --only " + fmt::format("{}", fmt::join(selection_.only, ","));
  if (!selection_.skip.empty()) line += " --skip " + fmt::format("{}", fmt::join(selection_.skip, ","));
  if (options_.force) line += " --force";
  return line;
}

std::vector<std::string> RepairCommand::steps(Context& ctx) {
  std::vector<std::string> suggested;
  if (!selection_.all && selection_.only.empty()) {
    suggested = run_diagnose(ctx.sys, diagnose_options()).fix_steps();
  }
  return choose_steps(selection_, suggested);
}

RunHooks RepairCommand::hooks(Context& ctx, ProgressBar& bar) {
  RunHooks h;
  if (ctx.global.json) return h;
  h.progress = [&bar](std::string_view step, double pct) { bar.update(step, pct); };
  h.step_started = [&ctx](const std::string& id) {
    ctx.out.out(ctx.out.paint(Tone::Dim, fmt::format("… {}\n", id)));
  };
  h.step_finished = [&ctx, &bar](const StepOutcome& s) {
    bar.finish();
    ctx.out.out(step_block(s, ctx.out));
  };
  return h;
}

// The run's result, then the proof: one update search after the steps that can stop it.
int RepairCommand::finish(Context& ctx, const RunOutcome& outcome) {
  auto skip = proof_skip_reason(outcome, no_scan_);
  if (!skip && !ctx.global.json)
    ctx.out.out(ctx.out.paint(Tone::Dim, "… checking that Windows Update can search again\n"));
  ScanProof proof = skip ? skipped_proof(*skip) : run_proof_scan(ctx.sys, kProofScanLimit);
  int code = exit_code_with_proof(outcome.exit_code(), proof);
  if (ctx.global.json) {
    nlohmann::json j = to_json(outcome);
    j["scan"] = to_json(proof);
    j["exit_code"] = code;
    ctx.out.out(json_text(j));
  } else {
    if (!outcome.dry_run) ctx.out.out(proof_text(proof, ctx.out));
    ctx.out.out(run_summary(outcome, ctx.out));
  }
  return code;
}

int RepairCommand::run_new(Context& ctx, const std::vector<std::string>& steps) {
  ProgressBar bar(ctx);
  if (dry_run_ || !yes_) {  // the exact plan: for --dry-run, and to ask before a real run
    auto plan = plan_repair(ctx.sys, options_, dry_run_ ? hooks(ctx, bar) : RunHooks{}, steps);
    if (!plan) {  // the dry backend discards what it is given: not expected
      ctx.out.error_line(plan.error().message());
      return exit_code::kUsage;
    }
    if (dry_run_) return finish(ctx, *plan);
    for (const auto& s : plan->steps) ctx.out.out(step_block(s, ctx.out));
    if (auto stop = confirm(ctx, yes_, "Make these changes?")) return *stop;
  }
  auto outcome = run_verified_repair(ctx.sys, options_, diagnose_options(), hooks(ctx, bar),
                                     new_run_id(ctx.sys), steps);
  if (!outcome) {
    ctx.out.error_line("cannot write the run journal, so nothing was changed: " +
                       outcome.error().message());
    return exit_code::kFindings;
  }
  return finish(ctx, *outcome);
}

// Names the options the interrupted run had that this command line lacks: they are not used.
void note_logged_options(Context& ctx, const nlohmann::json& logged, const RepairOptions& now) {
  if (!logged.is_object()) return;
  auto source = logged.find("dism_source");
  if (source != logged.end() && source->is_string() && !source->get<std::string>().empty() &&
      now.dism_source.empty())
    ctx.out.err(fmt::format("wufix: note: the interrupted run had --source {}; it is used only "
                            "when given again\n", source->get<std::string>()));
  auto force = logged.find("force");
  if (force != logged.end() && force->is_boolean() && force->get<bool>() && !now.force)
    ctx.out.err("wufix: note: the interrupted run had --force; it is used only when given again\n");
}

int RepairCommand::resume(Context& ctx, const std::vector<RunLog>& runs) {
  const RunLog* open = nullptr;
  for (const auto& r : runs)
    if (r.interrupted()) open = &r;
  if (!open) {
    ctx.out.out("No interrupted run: nothing to resume.\n");
    return exit_code::kOk;
  }
  if (auto refused = refuse_untrusted(ctx, *open, "resume")) return *refused;
  if (auto stop = confirm(ctx, yes_, fmt::format("Finish interrupted run {}?", open->run_id)))
    return *stop;
  auto journal = JournalWriter::open(*ctx.sys.files, *ctx.sys.platform, open->run_id,
                                     open->last_seq() + 1);
  if (!journal) {
    ctx.out.error_line("cannot write the run journal: " + journal.error().message());
    return exit_code::kFindings;
  }
  // This command line's options, never the journal's: a journal must not choose the DISM
  // source (a \\host\share would hand the admin's credentials to that host) or a time server.
  const RepairOptions& options = options_;
  note_logged_options(ctx, open->options, options);
  if (open->undo_begun) {  // it died while being undone: finish the undo
    UndoOutcome undo = perform_undo(ctx.sys, *journal, *open, options.service_timeout);
    ctx.out.out(ctx.global.json ? json_text(to_json(undo, {})) : undo_text(undo, {}, ctx.out));
    return undo.error ? exit_code::kFindings : exit_code::kOk;
  }
  ProgressBar bar(ctx);
  Changes changes(ctx.sys, *journal);
  RunHooks live = hooks(ctx, bar);
  RunSetup setup{ctx.sys, changes, options, live, open->run_id, false};
  RunOutcome outcome = resume_repair(setup, *open);
  if (!ctx.global.json && !outcome.resume_rollback.empty())
    ctx.out.out("Put back what the interrupted step had changed:\n" +
                actions_block(outcome.resume_rollback, "  "));
  return finish(ctx, outcome);
}

int RepairCommand::run(Context& ctx) {
  options_.service_timeout = std::chrono::seconds(timeout_s_);
  if (Status valid = check_selection(selection_); !valid) {
    ctx.out.error_line(valid.error().what);
    return exit_code::kUsage;
  }
  if (!dry_run_) {
    if (auto refused = require_yes_in_fleet(ctx, yes_, "repair")) return *refused;
    if (auto refused = require_elevation(ctx, command_line())) return *refused;
    if (Status ready = ensure_private_folder(*ctx.sys.files, *ctx.sys.platform, "runs"); !ready) {
      ctx.out.error_line(ready.error().message());
      return exit_code::kUsage;
    }
  }
  auto journals = load_journals(ctx);
  if (!journals) return exit_code::kUsage;
  const auto* runs = &journals->runs;
  if (resume_) return resume(ctx, *runs);
  if (auto pending = refuse_while_interrupted(ctx, *runs)) return *pending;
  const auto chosen = steps(ctx);
  if (chosen.empty()) {
    ctx.out.out("Nothing to repair: diagnose found nothing a repair step fixes.\n");
    return exit_code::kOk;
  }
  return run_new(ctx, chosen);
}

}  // namespace

std::unique_ptr<Command> make_repair_command() { return std::make_unique<RepairCommand>(); }

}  // namespace wufix
