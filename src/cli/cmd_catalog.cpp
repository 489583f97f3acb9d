// wufix catalog search|download: the how-to's step 6 done right: find a KB in the Microsoft
// Update Catalog, pick the row for this PC (or the one given by --os/--arch), fetch and verify
// every file.
#include <fmt/format.h>

#include "cli/catalog_cli.h"
#include "core/catalog/install_run.h"
#include "core/exit_codes.h"
#include "core/json_schema.h"

namespace wufix {
namespace {


std::string render_search(const catalog::Lookup& l, bool all, const Output& out) {
  const catalog::CatalogRow* chosen = l.chosen();
  std::string text = fmt::format("{} in the Microsoft Update Catalog: {} row(s); this PC: {}\n\n", l.kb,
                                 l.search.rows.size(), l.target.label());
  auto row_text = [&](size_t i) {
    const catalog::CatalogRow& r = l.search.rows[i];
    const catalog::RowVerdict& v = l.selection.verdicts[i];
    bool is_chosen = chosen == &r;
    std::string line = fmt::format("{} {}\n    {} | {} | {} | {}\n    update id {}\n",
                                   out.mark(is_chosen ? Tone::Good : Tone::Dim),
                                   is_chosen ? out.paint(Tone::Bold, r.title) : r.title, r.products,
                                   r.classification, r.last_updated, r.size_text, r.update_id);
    if (!v.fits) line += fmt::format("    {}\n", out.paint(Tone::Dim, "not for this PC: " + v.reason));
    return line;
  };
  bool list_all = all || !chosen;  // with no match, every row says why
  for (size_t i = 0; i < l.search.rows.size(); ++i)
    if (list_all || chosen == &l.search.rows[i]) text += row_text(i);
  if (chosen) {
    size_t others = l.search.rows.size() - 1;
    if (!all && others) text += fmt::format("\n{} other row(s) do not fit this PC (--all lists them).\n", others);
    text += fmt::format("\nDownload: wufix catalog download {}   Install: wufix install {}\n", chosen->update_id, l.kb);
  } else {
    text += fmt::format("\n{} No update fits: {}\n", out.mark(Tone::Bad), l.selection.reason);
  }
  return text;
}

int fail(Context& ctx, const Error& e, int code) {
  ctx.out.error_line(e.message());
  return code;
}

class CatalogCommand : public Command {
 public:
  std::string name() const override { return "catalog"; }
  std::string summary() const override {
    return "Find a KB in the Microsoft Update Catalog for this PC; download and verify it";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.require_subcommand(1);
    search_ = sub.add_subcommand("search", "List a KB's catalog entries and mark the one for this PC");
    search_->add_option("kb", search_kb_, "KB number, e.g. KB5044284")->required();
    add_target_options(*search_, search_options_);
    search_->add_flag("--all", all_, "List every row, with why each does not fit");
    add_test_options(*search_, search_options_, false);

    download_ = sub.add_subcommand("download", "Download and verify an update's files (every file of a chain)");
    download_->add_option("update", download_arg_, "KB number (matched as search does) or update id")->required();
    add_target_options(*download_, download_options_);
    add_language_options(*download_, download_options_);
    download_->add_option("--out", out_dir_, "Folder for the files (default: .\\<KB or update id>)");
    add_test_options(*download_, download_options_, true);
  }

  int run(Context& ctx) override { return search_->parsed() ? run_search(ctx) : run_download(ctx); }

 private:
  int run_search(Context& ctx) {
    auto kb = catalog::normalize_kb(search_kb_);
    if (!kb) return fail(ctx, {0, "not a KB number (KB5044284 or 5044284)", search_kb_}, exit_code::kUsage);
    auto policy = host_policy(search_options_, ctx.image_signed);
    if (!policy) return fail(ctx, policy.error(), exit_code::kUsage);
    auto target = target_for(ctx.sys, search_options_);
    if (!target) return fail(ctx, target.error(), exit_code::kUsage);
    catalog::CatalogClient client(*ctx.sys.http, *ctx.sys.clock, *policy);
    auto lookup = catalog::look_up(client, *kb, *target);
    if (!lookup) return fail(ctx, lookup.error(), exit_code::kFindings);
    // The chosen row's details page: a newer update that replaces it is worth knowing before
    // downloading a gigabyte. A details page that cannot be read does not fail the search.
    nlohmann::json superseded;  // null: not checked or not readable
    std::string superseded_text;
    if (const catalog::CatalogRow* chosen = lookup->chosen()) {
      auto newer = client.superseded_by(chosen->update_id);
      if (newer) {
        superseded = nlohmann::json::array();
        for (const catalog::Replacement& r : *newer) {
          superseded.push_back({{"update_id", r.update_id}, {"title", r.title}});
          superseded_text += fmt::format("  {} {} (update id {})\n", ctx.out.mark(Tone::Warn), r.title, r.update_id);
        }
        if (!superseded_text.empty()) superseded_text = "\nA newer update replaces this one:\n" + superseded_text;
      } else {
        superseded_text = "\n(Could not read whether a newer update replaces it: " + newer.error().message() + ")\n";
      }
    }
    if (ctx.global.json) {
      nlohmann::json j = catalog::to_json(*lookup);
      j["superseded_by"] = superseded;
      ctx.out.out(json_text(j));
    } else {
      ctx.out.out(render_search(*lookup, all_, ctx.out) + superseded_text);
    }
    return lookup->chosen() ? exit_code::kOk : exit_code::kFindings;
  }

  int run_download(Context& ctx) {
    auto policy = host_policy(download_options_, ctx.image_signed);
    if (!policy) return fail(ctx, policy.error(), exit_code::kUsage);
    catalog::CatalogClient client(*ctx.sys.http, *ctx.sys.clock, *policy);
    auto chosen = choose_update(client, ctx.sys, download_options_, download_arg_);
    if (auto* failure = std::get_if<CatalogFailure>(&chosen)) return fail(ctx, failure->error, failure->exit_code);
    auto& update = std::get<ChosenUpdate>(chosen);
    catalog::DownloadOptions options;
    options.dir = !out_dir_.empty() ? out_dir_
                  : update.lookup    ? ".\\" + update.lookup->kb
                                     : ".\\" + update.update.update_id;
    options.allow_unsigned = download_options_.allow_unsigned;
    catalog::DownloadReport report = catalog::download_update(client, {*ctx.sys.files, *ctx.sys.crypto, catalog::download_owners(*ctx.sys.platform)},
                                            update.update, options,
                                            progress_bar(ctx));
    if (ctx.global.json) {
      nlohmann::json j = catalog::to_json(report);
      j["schema"] = kJsonSchema;
      j["query"] = update.lookup ? nlohmann::json(update.lookup->kb) : nlohmann::json(download_arg_);
      j["skipped"] = catalog::to_json(update.skipped);
      ctx.out.out(json_text(j));
    } else {
      ctx.out.out(render_download(report, ctx.out));
      if (!update.skipped.empty()) {
        ctx.out.out(fmt::format("{} other file(s) of this update are not for this PC (another architecture or language; "
                                "--all-languages takes every language).\n", update.skipped.size()));
      }
      ctx.out.out(report.ok() ? fmt::format("\nAll {} file(s) verified. Install: wufix install \"{}\"\n",
                                            report.files.size(), report.dir)
                              : "\nNot every file could be downloaded and verified; nothing here is safe to install.\n");
    }
    return report.ok() ? exit_code::kOk : exit_code::kFindings;
  }

  CLI::App* search_ = nullptr;
  CLI::App* download_ = nullptr;
  std::string search_kb_, download_arg_, out_dir_;
  CatalogOptions search_options_, download_options_;
  bool all_ = false;
};

}  // namespace

std::unique_ptr<Command> make_catalog_command() { return std::make_unique<CatalogCommand>(); }

}  // namespace wufix
