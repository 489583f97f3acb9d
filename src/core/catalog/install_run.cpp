#include "core/catalog/install_run.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/catalog/markup.h"
#include "core/exit_codes.h"
#include "core/json_schema.h"
#include "core/private_folder.h"

namespace wufix::catalog {
namespace {

std::string file_name_of(const std::string& path) { return path.substr(path.find_last_of("\\/") + 1); }

InstallRun stopped(InstallRun run, Error error, int exit_code) {
  run.error = std::move(error);
  run.exit_code = exit_code;
  return run;
}

// The SHA-1 its catalog name carries (when it has one), then the Microsoft signature. Like a
// download, a file that fails is moved to *.rejected. It is held open against writers from the
// hash on, so the installer reads the bytes verified.
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
  std::optional<Error> why;
  if (std::string sha1 = sha1_in_file_name(f.file_name); !sha1.empty()) {
    f.digest_algorithm = "sha1";
    f.digest = sha1;
    auto actual = hash_file(*sys.files, *sys.crypto, path, HashAlgorithm::Sha1);
    if (!actual) {
      f.error = actual.error();
      return f;
    }
    if (to_hex(*actual) != sha1)
      why = Error{0, fmt::format("sha1 digest mismatch: the file name says {}, the file has {}", sha1,
                                 to_hex(*actual)), path};
  }
  if (!why && allow_unsigned) {
    f.signature = "skipped";
  } else if (!why) {
    if (Status s = sys.crypto->verify_microsoft_signature(path); !s) {
      why = s.error();
      why->what = "the Authenticode signature is not Microsoft's: " + why->what;
    } else {
      f.signature = "microsoft";
    }
  }
  if (!why) {
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

}  // namespace

bool InstallRun::verified() const {
  return !packages.empty() && std::all_of(packages.begin(), packages.end(), [](const FileOutcome& f) {
           return f.status == FileStatus::Verified;
         });
}

std::string InstallRun::outcome() const {
  if (result) return to_string(result->outcome);
  if (error) return "error";
  return "rejected";
}

bool is_package(std::string_view name) {
  std::string lower = ascii_lower(name);
  return lower.size() > 4 && (lower.ends_with(".msu") || lower.ends_with(".cab"));
}

std::optional<InstallRun> local_install(const System& sys, const std::string& what,
                                        bool allow_unsigned) {
  InstallRun run;
  run.input = what;
  Files& files = *sys.files;
  auto exists = files.exists(what);
  if (!exists) return stopped(run, exists.error(), exit_code::kFindings);  // not "no such file"
  if (!*exists) {
    if (!is_package(what)) return std::nullopt;
    return stopped(run, {2, "no such file", what}, exit_code::kUsage);
  }
  auto is_dir = files.is_directory(what);
  if (!is_dir) return stopped(run, is_dir.error(), exit_code::kFindings);
  if (!*is_dir) {
    if (!is_package(what))
      return stopped(run, {0, "wufix installs .msu and .cab packages only", what}, exit_code::kUsage);
    run.packages.push_back(verify_local(sys, what, allow_unsigned));
    return run;
  }
  auto names = files.list(what);
  if (!names) return stopped(run, names.error(), exit_code::kFindings);
  std::sort(names->begin(), names->end());
  for (const std::string& n : *names)
    if (is_package(n)) run.packages.push_back(verify_local(sys, what + "\\" + n, allow_unsigned));
  if (run.packages.empty())
    return stopped(run, {0, "no .msu or .cab files in this folder", what}, exit_code::kUsage);
  return run;
}

InstallRun download_for_install(const System& sys, CatalogClient& client, const UpdateFiles& update,
                                std::vector<SkippedFile> skipped, bool allow_unsigned,
                                const DownloadProgressFn& progress) {
  InstallRun run;
  const std::string& id = update.update_id;
  run.exit_code = exit_code::kFindings;
  if (!is_update_id(id)) {  // it names a folder under %ProgramData%\wufix\downloads
    run.error = Error{0, "the catalog gave an update id that is no GUID", id};
    return run;
  }
  // Private: nobody but SYSTEM and Administrators may put a file where wufix installs from.
  if (Status ready = ensure_private_folder(*sys.files, *sys.platform, "downloads\\" + id); !ready) {
    run.error = ready.error();
    run.exit_code = exit_code::kUsage;
    return run;
  }
  DownloadOptions options;
  options.dir = data_dir(*sys.platform) + "\\downloads\\" + id;
  options.allow_unsigned = allow_unsigned;
  run.download = download_update(client, {*sys.files, *sys.crypto, download_owners(*sys.platform)},
                                 update, options, progress);
  run.skipped = std::move(skipped);
  if (!run.download->ok()) return run;  // rejected: install_packages runs nothing
  for (const FileOutcome& f : run.download->files)
    if (is_package(f.file_name)) run.packages.push_back(f);
  if (run.packages.empty()) run.error = Error{0, "the update has no .msu or .cab package", id};
  else run.exit_code = exit_code::kOk;
  return run;
}

InstallRun install_packages(System& sys, InstallRun run,
                            const std::function<void(const PackagePlan&)>& starting) {
  if (run.error) return run;
  if (!run.verified()) {
    run.exit_code = exit_code::kFindings;
    return run;
  }
  std::vector<std::string> paths;
  for (const FileOutcome& f : run.packages) paths.push_back(f.path);
  PackagePlan plan = plan_package_install(sys.platform->windows_dir(), paths);
  if (starting) starting(plan);
  auto ran = sys.processes->run({plan.program, plan.args, nullptr});
  if (!ran) return stopped(run, ran.error(), exit_code::kFindings);
  run.result = interpret_exit(ran->exit_code);
  run.plan = std::move(plan);
  run.exit_code = exit_code_for(run.result->outcome);
  return run;
}

nlohmann::json to_json(const std::vector<SkippedFile>& skipped) {
  nlohmann::json out = nlohmann::json::array();
  for (const SkippedFile& f : skipped) out.push_back({{"name", f.file_name}, {"reason", f.reason}});
  return out;
}

nlohmann::json to_json(const InstallRun& run) {
  nlohmann::json download = nullptr;
  if (run.download) {
    download = to_json(*run.download);
    download["skipped"] = to_json(run.skipped);
  }
  nlohmann::json packages = nlohmann::json::array();
  for (const FileOutcome& f : run.packages) packages.push_back(to_json(f));
  return {{"schema", kJsonSchema},
          {"input", run.input},
          {"download", download},
          {"packages", packages},
          {"install", run.plan && run.result ? to_json(*run.plan, *run.result) : nlohmann::json()},
          {"outcome", run.outcome()}};
}

}  // namespace wufix::catalog
