// wufix updates [scan] | install | hide | unhide: Windows Update's own search, download and
// installation through the Windows Update Agent, and hiding the update that keeps failing.
#include <random>

#include <fmt/format.h>

#include "cli/catalog_cli.h"
#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/progress.h"
#include "cli/repair_text.h"
#include "cli/updates_text.h"
#include "core/private_folder.h"

namespace wufix {
namespace {

class UpdatesCommand : public Command {
 public:
  std::string name() const override { return "updates"; }
  std::string summary() const override {
    return "Search, install, hide updates through Windows Update itself (scan by default)";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.require_subcommand(0, 1);
    sub.add_flag("--hidden", hidden_, "List the hidden updates instead of the pending ones");
    scan_ = sub.add_subcommand("scan", "List the pending updates (the default)");
    scan_->add_flag("--hidden", hidden_, "List the hidden updates instead");
    install_ = sub.add_subcommand("install", "Download and install pending updates (never restarts)");
    install_->add_option("update", args_, "KB numbers or update ids (default: what Windows Update installs)");
    install_->add_flag("--all", filter_.all, "Also the optional updates");
    install_->add_flag("--exclude-drivers", filter_.exclude_drivers, "Leave drivers out");
    install_->add_flag("--exclude-preview", filter_.exclude_preview, "Leave previews and optional updates out");
    install_->add_flag("--yes,-y", yes_, "Do not ask for confirmation");
    hide_ = sub.add_subcommand("hide", "Hide updates (journaled: wufix undo unhides them)");
    hide_->add_option("update", args_, "KB numbers or update ids")->required();
    unhide_ = sub.add_subcommand("unhide", "Unhide updates (journaled)");
    unhide_->add_option("update", args_, "KB numbers or update ids")->required();
  }
  int run(Context& ctx) override;

 private:
  int scan(Context& ctx);
  int install(Context& ctx, const std::vector<std::string>& wanted);
  int hide(Context& ctx, const std::vector<std::string>& wanted, bool hide);
  // The search as scan does it; an exit code when it failed (error reported).
  std::optional<int> search(Context& ctx, std::string_view criteria, ScanResult& result);

  CLI::App *scan_ = nullptr, *install_ = nullptr, *hide_ = nullptr, *unhide_ = nullptr;
  std::vector<std::string> args_;
  UpdateFilter filter_;
  bool hidden_ = false, yes_ = false;
  std::unique_ptr<UpdateSession> session_;
};

std::optional<int> UpdatesCommand::search(Context& ctx, std::string_view criteria, ScanResult& r) {
  if (!ctx.global.json && ctx.sys.console->err_is_terminal())
    ctx.out.err(ctx.out.paint(Tone::Dim, "Searching for updates (this can take a few minutes)...\n"));
  r = scan_updates(ctx.sys, session_, criteria, std::chrono::seconds(0));
  if (!r.error) return std::nullopt;
  ctx.out.error_line("the update search failed: " + r.error->message());
  if (ctx.global.json) ctx.out.out(json_text(to_json(r)));
  else if (!agent_unavailable(r.error->code)) ctx.out.out(scan_text(r, hidden_, ctx.out));
  return exit_code::kFindings;
}

int UpdatesCommand::scan(Context& ctx) {
  ScanResult r;
  if (auto failed = search(ctx, hidden_ ? kCriteriaHidden : kCriteriaPending, r)) return *failed;
  ctx.out.out(ctx.global.json ? json_text(to_json(r)) : scan_text(r, hidden_, ctx.out));
  return exit_code::kOk;
}

UpdateProgressFn bar_for(ProgressBar& bar, bool bytes) {
  return [&bar, bytes](const UpdateProgress& p) {
    std::string detail = fmt::format("update {} of {}", p.index + 1, p.count);
    if (bytes && p.bytes_total)
      detail = human_size(p.bytes_done) + " of " + human_size(p.bytes_total);
    bar.update(bytes ? "download" : "install", p.percent, detail);
  };
}

int UpdatesCommand::install(Context& ctx, const std::vector<std::string>& wanted) {
  if (auto refused = require_yes_in_fleet(ctx, yes_, "updates install")) return *refused;
  if (auto refused = require_elevation(ctx, "wufix updates install")) return *refused;
  ScanResult found;
  if (auto failed = search(ctx, kCriteriaPending, found)) return *failed;
  UpdateFilter filter = filter_;
  filter.wanted = wanted;
  InstallPlan plan = plan_install(found.updates, filter);
  if (!ctx.global.json && (!yes_ || plan.chosen.empty()))
    ctx.out.out(plan_text(plan, found.service, ctx.out));
  if (!plan.chosen.empty())
    if (auto stop = confirm(ctx, yes_, "Download and install these updates?")) return *stop;
  ProgressBar bar(ctx);
  InstallHooks hooks;
  if (!ctx.global.json) {
    hooks.download_progress = bar_for(bar, true);
    hooks.install_progress = bar_for(bar, false);
  }
  InstallReport report = run_install(*session_, plan, hooks);
  bar.finish();
  report.service = found.service;
  ctx.out.out(ctx.global.json ? json_text(to_json(report)) : install_text(report, ctx.out));
  return report.exit_code();
}

int UpdatesCommand::hide(Context& ctx, const std::vector<std::string>& wanted, bool hide) {
  std::string verb = hide ? "hide" : "unhide";
  if (auto refused = require_elevation(ctx, "wufix updates " + verb)) return *refused;
  if (Status ready = ensure_private_folder(*ctx.sys.files, *ctx.sys.platform, "runs"); !ready) {
    ctx.out.error_line(ready.error().message());
    return exit_code::kUsage;
  }
  auto journals = load_journals(ctx);
  if (!journals) return exit_code::kUsage;
  if (auto pending = refuse_while_interrupted(ctx, journals->runs)) return *pending;
  auto opened = ctx.sys.update_agent->open_session();
  if (!opened) {
    ctx.out.error_line("the Windows Update Agent is not available: " + opened.error().message());
    return exit_code::kFindings;
  }
  std::random_device random;
  std::string run_id = make_run_id(ctx.sys.clock->now(), random());
  HideOutcome o = set_updates_hidden(ctx.sys, **opened, run_id, wanted, hide);
  if (o.error) ctx.out.error_line(fmt::format("{} failed: {}", verb, o.error->message()));
  ctx.out.out(ctx.global.json ? json_text(to_json(o)) : hide_text(o, ctx.out));
  return o.exit_code();
}

int UpdatesCommand::run(Context& ctx) {
  auto wanted = parse_update_args(args_);
  if (!wanted) {
    ctx.out.error_line(wanted.error().message());
    return exit_code::kUsage;
  }
  if (install_->parsed()) return install(ctx, *wanted);
  if (hide_->parsed()) return hide(ctx, *wanted, true);
  if (unhide_->parsed()) return hide(ctx, *wanted, false);
  return scan(ctx);
}

}  // namespace

std::unique_ptr<Command> make_updates_command() { return std::make_unique<UpdatesCommand>(); }

}  // namespace wufix
