// wufix install KB|FILE.msu|DIR: download (for a KB) and verify, then install with wusa (one
// .msu) or DISM (a checkpoint chain), and say what the installer's exit code means. The work is
// core/catalog/install_run's; this file reads the options and renders the catalog::InstallRun value.
#include <fmt/format.h>

#include "cli/catalog_cli.h"
#include "cli/repair_text.h"
#include "core/catalog/install_run.h"
#include "core/exit_codes.h"
#include "core/hresult.h"

namespace wufix {
namespace {

class InstallCommand : public Command {
 public:
  std::string name() const override { return "install"; }
  std::string summary() const override {
    return "Install a KB (downloaded and verified), an .msu/.cab, or a folder of them";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.add_option("what", what_, "KB number, update id, FILE.msu|.cab, or a folder of them")->required();
    add_target_options(sub, options_);
    add_language_options(sub, options_);
    add_test_options(sub, options_, true);
  }

  int run(Context& ctx) override {
    auto policy = host_policy(options_, ctx.image_signed);
    if (!policy) return fail(ctx, policy.error(), exit_code::kUsage);
    if (auto refused = require_elevation(ctx, "wufix install " + what_)) return *refused;
    auto local = catalog::local_install(ctx.sys, what_, options_.allow_unsigned);
    catalog::InstallRun run = local ? std::move(*local) : download(ctx, *policy);
    if (run.error) return fail(ctx, *run.error, run.exit_code);
    run = catalog::install_packages(ctx.sys, std::move(run), [&ctx](const catalog::PackagePlan& plan) {
      if (!ctx.global.json)
        ctx.out.out(fmt::format("Installing {} package(s) with {} ...\n", plan.packages.size(), plan.tool));
    });
    if (run.error) return fail(ctx, *run.error, run.exit_code);
    ctx.out.out(ctx.global.json ? json_text(catalog::to_json(run)) : run_text(run, ctx.out));
    return run.exit_code;
  }

 private:
  static int fail(Context& ctx, const Error& e, int code) {
    ctx.out.error_line(e.message());
    return code;
  }

  static std::string run_text(const catalog::InstallRun& run, const Output& out) {
    if (run.plan && run.result) return outcome_text(*run.plan, *run.result, out);
    if (run.download && !run.download->ok())
      return "Not every file could be downloaded and verified; nothing was installed.\n";
    return "Not every package verified; nothing was installed.\n";
  }

  static std::string outcome_text(const catalog::PackagePlan& plan, const catalog::InstallResult& r, const Output& out) {
    std::string code = fmt::format("{} exit code {} ({})", plan.tool, r.exit_code, format_hresult(r.exit_code));
    std::string name = r.name.empty() ? "" : " " + r.name;
    switch (r.outcome) {
      case catalog::InstallOutcome::Installed: return fmt::format("{} Installed.\n", out.mark(Tone::Good));
      case catalog::InstallOutcome::RestartRequired:
        return fmt::format("{} Installed; restart Windows to finish (exit 3010).\n", out.mark(Tone::Warn));
      case catalog::InstallOutcome::AlreadyInstalled:
        return fmt::format("{} Already installed: nothing to do ({}).\n", out.mark(Tone::Good), code);
      case catalog::InstallOutcome::NotApplicable:
        return fmt::format("{} Not applicable to this PC ({}{}): it is for another Windows version or "
                           "architecture, already superseded, or needs a prerequisite (a servicing stack "
                           "or checkpoint update) first.\n", out.mark(Tone::Bad), code, name);
      case catalog::InstallOutcome::Failed:
        return fmt::format("{} Failed: {}{}{}. See: wufix explain {}\n", out.mark(Tone::Bad), code, name,
                           r.meaning.empty() ? "" : ": " + r.meaning, format_hresult(r.exit_code));
    }
    return {};
  }

  // A KB or an update id: the catalog's row for this PC, downloaded and verified (core).
  catalog::InstallRun download(Context& ctx, const catalog::HostPolicy& policy) {
    catalog::CatalogClient client(*ctx.sys.http, *ctx.sys.clock, policy);
    auto chosen = choose_update(client, ctx.sys, options_, what_);
    catalog::InstallRun run;
    if (auto* failure = std::get_if<CatalogFailure>(&chosen)) {
      run.error = failure->error;
      run.exit_code = failure->exit_code;
    } else {
      auto& update = std::get<ChosenUpdate>(chosen);
      run = catalog::download_for_install(ctx.sys, client, update.update, std::move(update.skipped),
                                          options_.allow_unsigned, progress_bar(ctx));
      if (run.download && !ctx.global.json) ctx.out.out(render_download(*run.download, ctx.out));
    }
    run.input = what_;
    return run;
  }

  std::string what_;
  CatalogOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_install_command() { return std::make_unique<InstallCommand>(); }

}  // namespace wufix
