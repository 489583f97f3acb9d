// wufix cleanup: frees the space Windows Update itself wastes (leftover aside copies of earlier
// resets, Download payloads while nothing updates, the component store through DISM), nothing
// else. Deletion cannot be undone: the plan is shown and confirmed once, and journaled.
#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/progress.h"
#include "cli/repair_text.h"
#include "core/cleanup/cleanup.h"

namespace wufix {
namespace {

constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0;

std::string size_text(uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.2f} GB", bytes / kBytesPerGb);
  if (bytes >= (1ull << 20)) return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
  return fmt::format("{} bytes", bytes);
}

std::string item_line(const CleanupItem& i, const Output& out) {
  std::string status = i.status == "freed"     ? out.paint(Tone::Good, "freed     ")
                       : i.status == "failed"  ? out.paint(Tone::Bad, "failed    ")
                       : i.status == "would-free" ? std::string("would free")
                       : i.status.empty() && i.selected ? std::string("to free   ")
                                                        : out.paint(Tone::Dim, "kept      ");
  uint64_t shown = i.status == "freed" || i.status == "failed" ? i.freed_bytes : i.bytes;
  std::string line = fmt::format("  {} {:>10}  {:<15} {}\n", status, size_text(shown),
                                 to_string(i.kind), i.path);
  if (!i.selected && !i.reason.empty()) line += fmt::format("{:31}{}\n", "", i.reason);
  if (!i.error.empty()) line += fmt::format("{:31}{}\n", "", i.error);
  return line;
}

std::string items_text(const CleanupPlan& plan, const Output& out) {
  if (plan.items.empty()) return "  nothing Windows Update left behind was found\n";
  std::string text;
  for (const CleanupItem& i : plan.items) text += item_line(i, out);
  return text;
}

class CleanupCommand : public Command {
 public:
  std::string name() const override { return "cleanup"; }
  std::string summary() const override {
    return "Free the space Windows Update wastes: leftovers of earlier resets, Download "
           "payloads, the component store (never /ResetBase)";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.add_flag("--dry-run", options_.dry_run, "List every path and the bytes it would free; delete nothing");
    sub.add_flag("--yes,-y", options_.yes, "Do not ask for confirmation");
    sub.add_option("--older-than", older_than_, "Only leftovers set aside at least DAYS days ago")
        ->check(CLI::Range(0, 36500));
    sub.add_flag("--forget-undo", options_.forget_undo,
                 "Also free the folders of runs that can still be undone; those runs can then "
                 "no longer be undone");
    sub.footer(
        "Frees only: SoftwareDistribution.old, catroot2.old, *.wufix-<run-id> and\n"
        "*.wufix-undo-<run-id> copies of earlier resets (once an update has installed\n"
        "successfully since), SoftwareDistribution\\Download payloads (only while wuauserv and\n"
        "TrustedInstaller are idle and no restart is pending), and the component store through\n"
        "DISM /StartComponentCleanup. Never DISM /ResetBase: it makes the installed updates\n"
        "impossible to uninstall. Never your files, Windows.old or restore points.\n"
        "Deletion cannot be undone; each deletion is journaled in\n"
        "%ProgramData%\\wufix\\cleanup\\<id>.jsonl.");
  }
  int run(Context& ctx) override;

 private:
  int finish(Context& ctx, const CleanupResult& result);

  CleanupOptions options_;
  int older_than_ = -1;
};

int CleanupCommand::finish(Context& ctx, const CleanupResult& result) {
  if (ctx.global.json) {
    ctx.out.out(json_text(to_json(result)));
  } else if (result.dry_run) {
    ctx.out.out("Cleanup plan (dry run: nothing is deleted):\n" + items_text(result.plan, ctx.out) +
                fmt::format("Would free {} in all.\n", size_text(result.plan.selected_bytes())));
  } else {
    ctx.out.out(items_text(result.plan, ctx.out) +
                fmt::format("{} {} freed in all (journal: cleanup {}).\n",
                            result.failed() ? ctx.out.mark(Tone::Bad) : ctx.out.mark(Tone::Good),
                            size_text(result.freed_bytes), result.cleanup_id));
  }
  return result.failed() ? exit_code::kFindings : exit_code::kOk;
}

int CleanupCommand::run(Context& ctx) {
  if (older_than_ >= 0) options_.older_than_days = older_than_;
  if (!options_.dry_run)
    if (auto refused = require_yes_in_fleet(ctx, options_.yes, "cleanup")) return *refused;
  if (auto refused = require_elevation(ctx, "wufix cleanup")) return *refused;
  if (!ctx.upkeep.cleaner) {
    ctx.out.error_line("cleanup is not available in this build");
    return exit_code::kUsage;
  }
  auto journals = load_journals(ctx);
  if (!journals) return exit_code::kUsage;
  if (auto pending = refuse_while_interrupted(ctx, journals->runs)) return *pending;

  ProgressBar bar(ctx);
  auto facts = collect_cleanup_facts(ctx.sys, *ctx.upkeep.cleaner, journals->runs, true,
                                     [&](double p) { bar.update("analyse component store", p); });
  bar.finish();
  if (!facts) {
    ctx.out.error_line("cannot look for leftovers: " + facts.error().message());
    return exit_code::kFindings;
  }
  CleanupPlan plan = plan_cleanup(*facts, options_);
  const bool nothing = std::none_of(plan.items.begin(), plan.items.end(),
                                    [](const CleanupItem& i) { return i.selected; });
  if (options_.dry_run) return finish(ctx, dry_run_result(std::move(plan)));
  if (nothing) {
    CleanupResult shown = dry_run_result(std::move(plan));
    shown.dry_run = false;
    if (ctx.global.json) return finish(ctx, shown);
    ctx.out.out(items_text(shown.plan, ctx.out) + "Nothing to free.\n");
    return exit_code::kOk;
  }
  if (!options_.yes && !ctx.global.json) {
    std::string text = "wufix cleanup will delete:\n" + items_text(plan, ctx.out) +
                       fmt::format("{} in all. Deletion cannot be undone.\n",
                                   size_text(plan.selected_bytes()));
    for (const std::string& run : plan.forget_runs)
      text += fmt::format("Run {} can then no longer be undone (--forget-undo).\n", run);
    ctx.out.out(text);
  }
  if (auto stop = confirm(ctx, options_.yes, "Delete these for good?")) return *stop;

  std::random_device random;
  std::string id = make_run_id(ctx.sys.clock->now(), random());
  auto journal = create_cleanup_journal(*ctx.sys.files, *ctx.sys.platform, id);
  if (!journal) {
    ctx.out.error_line("cannot write the cleanup journal, so nothing was deleted: " +
                       journal.error().message());
    return exit_code::kFindings;
  }
  CleanupResult result = perform_cleanup(
      ctx.sys, *ctx.upkeep.cleaner, std::move(plan), journals->runs, id, *journal,
      [&](const CleanupItem& item, double percent) {
        bar.update(to_string(item.kind), percent, item.path);
      });
  bar.finish();
  return finish(ctx, result);
}

}  // namespace

std::unique_ptr<Command> make_cleanup_command() { return std::make_unique<CleanupCommand>(); }

}  // namespace wufix
