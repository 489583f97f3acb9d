// wufix install KB|FILE.msu|DIR: download (for a KB) and verify, then install with wusa (one
// .msu) or DISM (a checkpoint chain), and say what the installer's exit code means.
#include <algorithm>

#include <fmt/format.h>

#include "cli/catalog_cli.h"
#include "cli/exit_codes.h"
#include "core/catalog/install.h"
#include "core/catalog/markup.h"
#include "core/hresult.h"
#include "core/private_folder.h"

namespace wufix {
namespace {

using namespace catalog;

// .msu or .cab: the packages wufix verifies and installs.
bool is_package(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name.size() > 4 && (name.ends_with(".msu") || name.ends_with(".cab"));
}

// An update id names a folder under %ProgramData%\wufix\downloads: a GUID's characters only.
bool valid_update_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isxdigit(c) || c == '-';
  });
}

std::string file_name_of(const std::string& path) { return path.substr(path.find_last_of("\\/") + 1); }

// A package given by path: the SHA-1 its catalog name carries (when it has one), then the
// Microsoft signature. Like a download, a file that fails is moved to *.rejected.
// It is held open against writers from the hash on, so the installer reads the bytes verified.
FileOutcome verify_local(const System& sys, const std::string& path, bool allow_unsigned) {
  FileOutcome f;
  f.file_name = file_name_of(path);
  f.path = path;
  f.bytes = sys.files->file_size(path).value_or(0);
  auto held = sys.files->hold(path);
  if (!held) {
    f.error = held.error();
    return f;
  }
  Error why;
  bool bad = false;
  if (std::string sha1 = sha1_in_file_name(f.file_name); !sha1.empty()) {
    f.digest_algorithm = "sha1";
    f.digest = sha1;
    auto actual = hash_file(*sys.files, *sys.crypto, path, HashAlgorithm::Sha1);
    if (!actual) {
      f.error = actual.error();
      return f;
    }
    if (to_hex(*actual) != sha1) {
      why = {0, fmt::format("sha1 digest mismatch: the file name says {}, the file has {}", sha1, to_hex(*actual)), path};
      bad = true;
    }
  }
  if (!bad && allow_unsigned) {
    f.signature = "skipped";
  } else if (!bad) {
    if (Status s = sys.crypto->verify_microsoft_signature(path); !s) {
      why = s.error();
      why.what = "the Authenticode signature is not Microsoft's: " + why.what;
      bad = true;
    } else {
      f.signature = "microsoft";
    }
  }
  if (!bad) {
    f.status = FileStatus::Verified;
    f.held = std::move(*held);
    return f;
  }
  held->reset();  // released, so it can be moved aside
  f.status = FileStatus::Rejected;
  f.error = why;
  if (auto moved = reject_file(*sys.files, path)) f.rejected_path = *moved;
  return f;
}

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
    auto policy = host_policy(options_);
    if (!policy) return fail(ctx, policy.error(), exit_code::kUsage);
    if (auto elevated = ctx.sys.platform->is_elevated(); elevated && !*elevated) {
      return fail(ctx, {0, "installing updates needs an elevated prompt: run wufix as administrator", ""},
                  exit_code::kNeedsElevation);
    }
    json_ = {{"schema", 1}, {"input", what_}, {"download", nullptr}, {"packages", nlohmann::json::array()},
             {"install", nullptr}};
    std::vector<FileOutcome> packages;
    if (int code = gather(ctx, *policy, packages); code != exit_code::kOk) return code;
    for (const FileOutcome& f : packages) json_["packages"].push_back(catalog::to_json(f));
    bool all_ok = std::all_of(packages.begin(), packages.end(),
                              [](const FileOutcome& f) { return f.status == FileStatus::Verified; });
    if (!all_ok) {
      json_["outcome"] = "rejected";
      return finish(ctx, "Not every package verified; nothing was installed.\n", exit_code::kFindings);
    }
    std::vector<std::string> paths;
    for (const FileOutcome& f : packages) paths.push_back(f.path);
    InstallPlan plan = plan_install(ctx.sys.platform->windows_dir(), paths);
    if (!ctx.global.json) {
      ctx.out.out(fmt::format("Installing {} package(s) with {} ...\n", paths.size(), plan.tool));
    }
    auto ran = ctx.sys.processes->run({plan.program, plan.args, nullptr});
    if (!ran) return fail(ctx, ran.error(), exit_code::kFindings);
    InstallResult result = interpret_exit(ran->exit_code);
    json_["install"] = catalog::to_json(plan, result);
    json_["outcome"] = to_string(result.outcome);
    return finish(ctx, outcome_text(plan, result, ctx.out), exit_code_for(result.outcome));
  }

 private:
  static int fail(Context& ctx, const Error& e, int code) {
    ctx.out.error_line(e.message());
    return code;
  }

  int finish(Context& ctx, const std::string& text, int code) {
    ctx.out.out(ctx.global.json ? json_text(json_) : text);
    return code;
  }

  static std::string outcome_text(const InstallPlan& plan, const InstallResult& r, const Output& out) {
    std::string code = fmt::format("{} exit code {} ({})", plan.tool, r.exit_code, format_hresult(r.exit_code));
    std::string name = r.name.empty() ? "" : " " + r.name;
    switch (r.outcome) {
      case InstallOutcome::Installed: return fmt::format("{} Installed.\n", out.mark(Tone::Good));
      case InstallOutcome::RestartRequired:
        return fmt::format("{} Installed; restart Windows to finish (exit 3010).\n", out.mark(Tone::Warn));
      case InstallOutcome::AlreadyInstalled:
        return fmt::format("{} Already installed: nothing to do ({}).\n", out.mark(Tone::Good), code);
      case InstallOutcome::NotApplicable:
        return fmt::format("{} Not applicable to this PC ({}{}): it is for another Windows version or "
                           "architecture, already superseded, or needs a prerequisite (a servicing stack "
                           "or checkpoint update) first.\n", out.mark(Tone::Bad), code, name);
      case InstallOutcome::Failed:
        return fmt::format("{} Failed: {}{}{}. See: wufix explain {}\n", out.mark(Tone::Bad), code, name,
                           r.meaning.empty() ? "" : ": " + r.meaning, format_hresult(r.exit_code));
    }
    return {};
  }

  // The verified packages to install; an exit code when it cannot go on.
  int gather(Context& ctx, const HostPolicy& policy, std::vector<FileOutcome>& packages) {
    Files& files = *ctx.sys.files;
    auto is_dir = files.is_directory(what_);
    auto exists = files.exists(what_);
    if (exists && *exists && is_dir && *is_dir) {
      auto names = files.list(what_);
      if (!names) return fail(ctx, names.error(), exit_code::kFindings);
      std::sort(names->begin(), names->end());
      for (const std::string& n : *names)
        if (is_package(n)) packages.push_back(verify_local(ctx.sys, what_ + "\\" + n, options_.allow_unsigned));
      if (packages.empty()) return fail(ctx, {0, "no .msu or .cab files in this folder", what_}, exit_code::kUsage);
      return exit_code::kOk;
    }
    if (exists && *exists) {
      if (!is_package(what_)) return fail(ctx, {0, "wufix installs .msu and .cab packages only", what_}, exit_code::kUsage);
      packages.push_back(verify_local(ctx.sys, what_, options_.allow_unsigned));
      return exit_code::kOk;
    }
    if (is_package(what_)) return fail(ctx, {2, "no such file", what_}, exit_code::kUsage);
    return download(ctx, policy, packages);
  }

  int download(Context& ctx, const HostPolicy& policy, std::vector<FileOutcome>& packages) {
    CatalogClient client(*ctx.sys.http, *ctx.sys.clock, policy);
    auto chosen = choose_update(client, ctx.sys, options_, what_);
    if (auto* failure = std::get_if<CatalogFailure>(&chosen)) return fail(ctx, failure->error, failure->exit_code);
    auto& update = std::get<ChosenUpdate>(chosen);
    const std::string& id = update.update.update_id;
    if (!valid_update_id(id)) return fail(ctx, {0, "the catalog gave an update id that is no GUID", id}, exit_code::kFindings);
    // Private: nobody but SYSTEM and Administrators may put a file where wufix installs from.
    if (Status ready = ensure_private_folder(*ctx.sys.files, *ctx.sys.platform, "downloads\\" + id); !ready)
      return fail(ctx, ready.error(), exit_code::kUsage);
    DownloadOptions options;
    options.dir = data_dir(*ctx.sys.platform) + "\\downloads\\" + id;
    options.allow_unsigned = options_.allow_unsigned;
    DownloadReport report = download_update(client, {*ctx.sys.files, *ctx.sys.crypto, download_owners(*ctx.sys.platform)},
                                            update.update, options, progress_bar(ctx));
    json_["download"] = catalog::to_json(report);
    json_["download"]["skipped"] = skipped_json(update.skipped);
    if (!ctx.global.json) ctx.out.out(render_download(report, ctx.out));
    if (!report.ok()) {
      json_["outcome"] = "rejected";
      finish(ctx, "Not every file could be downloaded and verified; nothing was installed.\n", 0);
      return exit_code::kFindings;
    }
    for (const FileOutcome& f : report.files)
      if (is_package(f.file_name)) packages.push_back(f);
    if (packages.empty()) return fail(ctx, {0, "the update has no .msu or .cab package", id}, exit_code::kFindings);
    return exit_code::kOk;
  }

  std::string what_;
  CatalogOptions options_;
  nlohmann::json json_;
};

}  // namespace

std::unique_ptr<Command> make_install_command() { return std::make_unique<InstallCommand>(); }

}  // namespace wufix
