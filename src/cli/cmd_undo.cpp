// wufix undo [RUN-ID]: put back what a run changed, after checking it is still safe to.
#include <fmt/format.h>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/repair_text.h"
#include "core/private_folder.h"
#include "core/repair/dry_run.h"
#include "core/repair/repair.h"

namespace wufix {
namespace {

class UndoCommand : public Command {
 public:
  std::string name() const override { return "undo"; }
  std::string summary() const override {
    return "Revert a repair run (default: the last one): folders renamed back, services restored";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.add_option("run-id", run_id_, "The run to undo (see: wufix history)");
    sub.add_flag("--yes,-y", yes_, "Do not ask for confirmation");
    sub.add_option("--service-timeout", timeout_s_, "Seconds to wait for each service")
        ->check(CLI::Range(1, 3600));
  }
  int run(Context& ctx) override;

 private:
  // What the undo would do, from the dry-run backend.
  std::vector<Action> preview(Context& ctx, const RunLog& run);
  int report(Context& ctx, const UndoOutcome& outcome, const std::vector<std::string>& problems);

  std::string run_id_;
  bool yes_ = false;
  int timeout_s_ = 60;
};

std::vector<Action> UndoCommand::preview(Context& ctx, const RunLog& run) {
  DryRunSystem dry(ctx.sys);
  auto journal = JournalWriter::open(dry.files, *ctx.sys.platform, run.run_id);
  if (!journal) return {};
  return perform_undo(dry.sys, *journal, run, std::chrono::seconds(timeout_s_)).actions;
}

int UndoCommand::report(Context& ctx, const UndoOutcome& outcome,
                        const std::vector<std::string>& problems) {
  ctx.out.out(ctx.global.json ? json_text(to_json(outcome, problems))
                              : undo_text(outcome, problems, ctx.out));
  return problems.empty() && !outcome.error ? exit_code::kOk : exit_code::kFindings;
}

int UndoCommand::run(Context& ctx) {
  if (auto refused = require_yes_in_fleet(ctx, yes_, "undo")) return *refused;
  if (auto refused = require_elevation(ctx, "wufix undo " + run_id_)) return *refused;
  if (Status ready = ensure_private_folder(*ctx.sys.files, *ctx.sys.platform, "runs"); !ready) {
    ctx.out.error_line(ready.error().message());
    return exit_code::kUsage;
  }
  auto journals = load_journals(ctx);
  if (!journals) return exit_code::kUsage;
  const auto* runs = &journals->runs;
  auto run = find_run(*runs, run_id_);
  if (!run) {
    ctx.out.error_line(run.error().message());
    return exit_code::kUsage;
  }
  const RunLog& log = **run;
  if (auto refused = refuse_untrusted(ctx, log, "undo")) return *refused;
  if (log.undone()) {
    ctx.out.out(fmt::format("Run {} is already undone.\n", log.run_id));
    return exit_code::kOk;
  }
  auto problems = undo_problems(log, *runs, ctx.sys);
  if (!problems) {
    ctx.out.error_line(problems.error().message());
    return exit_code::kFindings;
  }
  if (!problems->empty()) return report(ctx, UndoOutcome{log.run_id, {}, {}}, *problems);
  if (!yes_ && !ctx.global.json) {
    ctx.out.out(fmt::format("Undo run {} ({}):\n", log.run_id, log.started) +
                actions_block(preview(ctx, log), "  "));
  }
  if (auto stop = confirm(ctx, yes_, "Undo this run?")) return *stop;
  auto journal = JournalWriter::open(*ctx.sys.files, *ctx.sys.platform, log.run_id,
                                     log.last_seq() + 1);
  if (!journal) {
    ctx.out.error_line("cannot write the run journal, so nothing was changed: " +
                       journal.error().message());
    return exit_code::kFindings;
  }
  UndoOutcome outcome =
      perform_undo(ctx.sys, *journal, log, std::chrono::seconds(timeout_s_));
  return report(ctx, outcome, {});
}

}  // namespace

std::unique_ptr<Command> make_undo_command() { return std::make_unique<UndoCommand>(); }

}  // namespace wufix
