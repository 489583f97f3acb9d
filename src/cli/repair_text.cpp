#include "cli/repair_text.h"

#include <cmath>

#include <fmt/format.h>

#include "core/exit_codes.h"

namespace wufix {
namespace {

Tone tone_of(StepStatus s) {
  switch (s) {
    case StepStatus::Done: return Tone::Good;
    case StepStatus::Planned: return Tone::Good;
    case StepStatus::Skipped: return Tone::Dim;
    case StepStatus::RolledBack: return Tone::Warn;
    case StepStatus::Failed: return Tone::Bad;
  }
  return Tone::Bad;
}

std::string seconds(std::chrono::milliseconds ms) {
  return fmt::format("{:.1f} s", static_cast<double>(ms.count()) / 1000);
}

}  // namespace

std::string actions_block(const std::vector<Action>& actions, std::string_view indent) {
  std::string text;
  for (const auto& a : actions) text += fmt::format("{}- {}\n", indent, a.describe());
  return text;
}

std::string step_block(const StepOutcome& s, const Output& out) {
  if (s.status == StepStatus::Planned) {  // the plan: actions and what will be checked, no results
    std::string text = fmt::format("{} {}\n", out.mark(Tone::Dim), out.paint(Tone::Bold, s.id));
    text += s.actions.empty() ? "    (no change needed as the PC is now)\n"
                              : actions_block(s.actions, "    ");
    auto checks = checks_for_step(s.id);
    text += checks.empty() ? "    verify: the step's own result\n"
                           : fmt::format("    verify: rerun diagnose {}\n", fmt::join(checks, ", "));
    return text;
  }
  std::string head = fmt::format("{} {:<9} {}", out.mark(tone_of(s.status)),
                                 out.paint(Tone::Bold, s.id), to_string(s.status));
  if (!s.report.result.empty()) head += ": " + s.report.result;
  if (s.status != StepStatus::Skipped)
    head += out.paint(Tone::Dim, fmt::format(" ({})", seconds(s.duration)));
  std::string text = head + "\n" + actions_block(s.actions, "    ");
  if (!s.skipped_because.empty()) text += fmt::format("    because {}\n", s.skipped_because);
  for (const auto& d : s.report.details) text += fmt::format("    {}\n", out.paint(Tone::Dim, d));
  if (s.report.error)
    text += fmt::format("    {} {}\n", out.paint(Tone::Bad, "error:"), s.report.error->message());
  if (!s.restored.empty()) text += "    restored:\n" + actions_block(s.restored, "      ");
  if (s.rollback_error)
    text += fmt::format("    {} {}\n", out.paint(Tone::Bad, "rollback failed:"),
                        s.rollback_error->message());
  return text;
}

namespace {

std::string verification_block(const std::vector<Verification>& list, const Output& out) {
  if (list.empty()) return "";
  std::string text = "\nVerified by diagnose:\n";
  for (const auto& v : list) {
    Tone tone = v.status == VerifyStatus::Fixed ? Tone::Good
                : v.status == VerifyStatus::NeedsRestart ? Tone::Warn : Tone::Bad;
    std::string name = v.subject.empty() ? v.finding : v.finding + " (" + v.subject + ")";
    text += fmt::format("  {} {}: {}\n", out.mark(tone), name, to_string(v.status));
    if (v.status != VerifyStatus::Fixed)
      text += fmt::format("      {}\n      evidence: {}\n", v.summary, v.evidence.dump());
  }
  return text;
}

// "done: clock, policy; failed: reset (restored: ...); skipped: sfc (because ...)".
std::string outcome_lines(const RunOutcome& run) {
  std::vector<std::string> done, failed, skipped;
  for (const auto& s : run.steps) {
    if (s.status == StepStatus::Done) done.push_back(s.id);
    if (s.status == StepStatus::Skipped)
      skipped.push_back(s.skipped_because.empty() ? s.id : s.id + " (" + s.skipped_because + ")");
    if (s.status != StepStatus::Failed && s.status != StepStatus::RolledBack) continue;
    std::string line = s.id + (s.report.error ? ": " + s.report.error->message() : "");
    if (!s.restored.empty()) line += fmt::format(" (restored {} change(s))", s.restored.size());
    else if (s.rollback_error) line += " (rollback failed: " + s.rollback_error->message() + ")";
    else line += " (nothing to restore)";
    failed.push_back(line);
  }
  std::string text;
  if (!done.empty()) text += fmt::format("  done: {}\n", fmt::join(done, ", "));
  for (const auto& f : failed) text += "  failed: " + f + "\n";
  for (const auto& k : skipped) text += "  skipped: " + k + "\n";
  return text;
}

}  // namespace

std::string run_summary(const RunOutcome& run, const Output& out) {
  if (run.dry_run)
    return "\nDry run: nothing was changed. Run without --dry-run to do the above.\n";
  std::string text = verification_block(run.verification, out);
  text += fmt::format("\nRun {} ", run.run_id);
  text += run.failed() ? out.paint(Tone::Bad, "finished with problems") + ":\n"
                       : out.paint(Tone::Good, "done") + ":\n";
  text += outcome_lines(run);
  text += fmt::format("Undo it: wufix undo {}\n", run.run_id);
  if (run.reboot_required())
    text += out.paint(Tone::Warn, "Restart Windows now:") +
            " the repair is finished only after a restart. Then run Windows Update again.\n";
  return text;
}

std::string undo_text(const UndoOutcome& undo, const std::vector<std::string>& problems,
                      const Output& out) {
  if (!problems.empty()) {
    std::string text = fmt::format("{} Not undoing run {}: it would not be safe now.\n",
                                   out.mark(Tone::Bad), undo.run_id);
    for (const auto& p : problems) text += fmt::format("    - {}\n", p);
    return text;
  }
  std::string text = actions_block(undo.actions, "  ");
  if (undo.error)
    return text + fmt::format("{} Undo of run {} failed: {}\nRun wufix undo {} again once the "
                              "cause is fixed.\n", out.mark(Tone::Bad), undo.run_id,
                              undo.error->message(), undo.run_id);
  return text + fmt::format("{} Run {} undone.\n", out.mark(Tone::Good), undo.run_id);
}

// The one elevation guard of every command that changes the system. A query that fails is a
// refusal too: acting on a guess would fail halfway, after the first change.
std::optional<int> require_elevation(Context& ctx, std::string_view command_line) {
  auto elevated = ctx.sys.platform->is_elevated();
  if (elevated && *elevated) return std::nullopt;
  std::string unknown =
      elevated ? "" : fmt::format(" (could not tell whether it has them: {})", elevated.error().message());
  ctx.out.error_line(fmt::format(
      "this changes the system and needs administrator rights{}; nothing was changed. Open "
      "\"Terminal (Admin)\" (Win+X, then A) and run: {}", unknown, command_line));
  return exit_code::kNeedsElevation;
}

std::optional<int> require_yes_in_fleet(Context& ctx, bool yes, std::string_view command) {
  if (yes || !ctx.global.fleet) return std::nullopt;
  ctx.out.error_line(fmt::format("--fleet runs unattended and never asks: add --yes to {} (or "
                                 "--dry-run to see the plan); nothing was changed", command));
  return exit_code::kUsage;
}

std::optional<Journals> load_journals(Context& ctx) {
  auto journals = read_all_journals(*ctx.sys.files, *ctx.sys.platform);
  if (!journals) {
    ctx.out.error_line("cannot read the run journals: " + journals.error().message());
    return std::nullopt;
  }
  for (const auto& s : journals->skipped)
    ctx.out.err(fmt::format("wufix: warning: skipped run journal {}: {}\n", s.file, s.reason));
  return std::move(*journals);
}

std::optional<int> refuse_untrusted(Context& ctx, const RunLog& run, std::string_view doing) {
  if (!run.refused) return std::nullopt;
  ctx.out.error_line(fmt::format(
      "refusing to {} run {}: its journal {} holds a change wufix never makes: {}; nothing was "
      "changed", doing, run.run_id, journal_path(*ctx.sys.platform, run.run_id), *run.refused));
  return exit_code::kFindings;
}

std::optional<int> refuse_while_interrupted(Context& ctx, const std::vector<RunLog>& runs) {
  for (const auto& r : runs) {
    if (!r.interrupted() || r.refused) continue;  // a refused journal is not wufix's run
    ctx.out.error_line(fmt::format("run {} was interrupted; finish it with `wufix repair "
                                   "--resume` or revert it with `wufix undo {}`",
                                   r.run_id, r.run_id));
    return exit_code::kRunPending;
  }
  return std::nullopt;
}

std::optional<int> confirm(Context& ctx, bool yes, std::string_view question) {
  if (yes) return std::nullopt;
  if (!ctx.sys.console->in_is_terminal()) {
    ctx.out.error_line("no one to confirm the changes (input is not a terminal); add --yes to "
                       "proceed, or --dry-run to see them");
    return exit_code::kUsage;
  }
  ctx.out.err(fmt::format("{} [y/N] ", question));
  auto answer = ctx.sys.console->read_line();
  if (answer && (*answer == "y" || *answer == "Y" || *answer == "yes")) return std::nullopt;
  ctx.out.err("Nothing was changed.\n");
  return exit_code::kOk;
}

}  // namespace wufix
