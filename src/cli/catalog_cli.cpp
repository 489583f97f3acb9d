#include "cli/catalog_cli.h"

#include <fmt/format.h>

#include "core/exit_codes.h"
#include "cli/progress.h"
#include "core/checks/reg_values.h"

namespace wufix {


void add_target_options(CLI::App& app, CatalogOptions& o) {
  app.add_option("--os", o.os, "auto (this PC), win10-22H2, win11-24H2, ..., server2016|2019|2022|2025, ltsb2016, ltsc2019|2021|2024")
      ->default_str("auto");
  app.add_option("--arch", o.arch, "auto (this PC), x64, arm64 or x86")->default_str("auto");
}

void add_language_options(CLI::App& app, CatalogOptions& o) {
  app.add_option("--lang", o.lang, "Language of language-specific files: auto (this PC's UI language) or xx-yy")
      ->default_str("auto");
  app.add_flag("--all-languages", o.all_languages, "Download the files of every language");
}

void add_test_options(CLI::App& app, CatalogOptions& o, bool allow_unsigned) {
  app.add_option("--catalog-url", o.catalog_url, "Tests only: a local catalog at http://127.0.0.1:PORT");
  if (allow_unsigned) {
    app.add_flag("--allow-unsigned", o.allow_unsigned,
                 "Tests only, with --catalog-url: skip the Authenticode check (digests are always checked)");
  }
}

Result<catalog::HostPolicy> host_policy(const CatalogOptions& o, bool image_signed) {
  // A signed exe is a release: a planted shortcut or script must not point it at a local
  // catalog and skip the signature check while the admin approves a UAC prompt.
  if (image_signed && (!o.catalog_url.empty() || o.allow_unsigned))
    return Error{0, "--catalog-url and --allow-unsigned are for tests; a signed wufix.exe refuses them", ""};
  if (o.catalog_url.empty()) {
    if (o.allow_unsigned) return Error{0, "--allow-unsigned is only accepted with --catalog-url (tests)", ""};
    return catalog::HostPolicy::microsoft();
  }
  return catalog::HostPolicy::loopback(o.catalog_url);
}

Result<catalog::Target> target_for(const System& sys, const CatalogOptions& o) {
  bool need_os = o.os.empty() || o.os == "auto";
  Result<OsInfo> os = need_os ? read_os_info(sys) : Result<OsInfo>(OsInfo{});
  return catalog::make_target(o.os, o.arch, need_os ? &os : nullptr, sys.platform->native_arch());
}

namespace {

constexpr const char* kLanguageKey = "SYSTEM\\CurrentControlSet\\Control\\Nls\\Language";

// The language Windows was installed in (its UI language unless a language pack replaced it):
// InstallLanguage, a LANGID in hex ("0407").
std::optional<std::string> pc_language(const System& sys) {
  for (const char* name : {"InstallLanguage", "Default"}) {
    auto value = sys.registry->read(Hive::LocalMachine, kLanguageKey, name);
    if (!value || !*value) continue;
    auto text = regval::as_text(**value);
    if (!text || text->empty() || text->size() > 4) continue;
    unsigned id = 0;
    bool hex = true;
    for (char c : *text) {
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) hex = false;
      id = id * 16 + static_cast<unsigned>(digit < 0 ? 0 : digit);
    }
    if (!hex) continue;
    if (auto tag = catalog::language_of_langid(static_cast<uint16_t>(id))) return tag;
  }
  return std::nullopt;
}

Result<catalog::LanguageChoice> language_choice(const System& sys, const CatalogOptions& o) {
  catalog::LanguageChoice choice;
  choice.all = o.all_languages;
  if (o.lang.empty() || o.lang == "auto") {
    if (auto tag = pc_language(sys)) choice.wanted.push_back(*tag);
    return choice;
  }
  auto tag = catalog::normalize_language(o.lang);
  if (!tag) return Error{0, "--lang takes a language tag such as de-de, en-us or pt-br", o.lang};
  choice.wanted.push_back(*tag);
  return choice;
}

// The architecture whose files are taken: --arch, else this PC's for a KB; an update id named
// on the command line keeps every architecture's files unless --arch says otherwise.
Arch files_arch(const System& sys, const CatalogOptions& o, bool by_update_id) {
  if (o.arch.empty() || o.arch == "auto") return by_update_id ? Arch::Unknown : sys.platform->native_arch();
  return catalog::parse_arch(o.arch).value_or(Arch::Unknown);
}

}  // namespace

std::variant<ChosenUpdate, CatalogFailure> choose_update(catalog::CatalogClient& client, const System& sys,
                                                         const CatalogOptions& options,
                                                         const std::string& argument) {
  ChosenUpdate chosen;
  std::string update_id;
  if (catalog::is_update_id(argument)) {
    update_id = argument;
  } else {
    auto kb = catalog::normalize_kb(argument);
    if (!kb) {
      return CatalogFailure{{0, "not a KB number or an update id (KB5044284, 5044284 or a GUID)", argument},
                            exit_code::kUsage};
    }
    auto target = target_for(sys, options);
    if (!target) return CatalogFailure{target.error(), exit_code::kUsage};
    auto lookup = catalog::look_up(client, *kb, *target);
    if (!lookup) return CatalogFailure{lookup.error(), exit_code::kFindings};
    if (!lookup->chosen()) {
      return CatalogFailure{{0, fmt::format("no update of {} fits {}: {} (see wufix catalog search {} --all)",
                                            *kb, target->label(), lookup->selection.reason, *kb), ""},
                            exit_code::kFindings};
    }
    update_id = lookup->chosen()->update_id;
    chosen.lookup = std::move(*lookup);
  }
  auto languages = language_choice(sys, options);
  if (!languages) return CatalogFailure{languages.error(), exit_code::kUsage};
  auto files = catalog::files_of(client, update_id);
  if (!files) return CatalogFailure{files.error(), exit_code::kFindings};
  chosen.update = std::move(*files);
  const catalog::Selection* selection = chosen.lookup ? &chosen.lookup->selection : nullptr;
  if (selection && selection->prerequisite) {  // the servicing stack update, installed first
    auto stack = catalog::files_of(client, chosen.lookup->search.rows[*selection->prerequisite].update_id);
    if (!stack) return CatalogFailure{stack.error(), exit_code::kFindings};
    chosen.update.files.insert(chosen.update.files.begin(), stack->files.begin(), stack->files.end());
  }
  auto picked = catalog::choose_files(chosen.update.files, files_arch(sys, options, !chosen.lookup), *languages);
  if (!picked) {
    Error e = picked.error();
    e.context = update_id;
    return CatalogFailure{e, exit_code::kFindings};
  }
  chosen.update.files = std::move(picked->files);
  chosen.skipped = std::move(picked->skipped);
  return chosen;
}

std::string human_size(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < (1u << 20)) return fmt::format("{:.1f} KB", bytes / 1024.0);
  if (bytes < (1u << 30)) return fmt::format("{:.1f} MB", bytes / 1048576.0);
  return fmt::format("{:.2f} GB", bytes / 1073741824.0);
}

catalog::DownloadProgressFn progress_bar(Context& ctx) {
  auto bar = std::make_shared<ProgressBar>(ctx);
  if (!bar->enabled()) return nullptr;
  auto last_whole = std::make_shared<int>(-1);
  return [bar, last_whole](const std::string& file, uint64_t done, std::optional<uint64_t> total) {
    std::optional<double> percent;
    if (total && *total) percent = 100.0 * static_cast<double>(done) / static_cast<double>(*total);
    // One redraw per whole percent when the size is known (a chunk is often far less): under
    // Wine every console write is a round trip.
    if (percent && static_cast<int>(*percent) == *last_whole && done < *total) return;
    if (percent) *last_whole = static_cast<int>(*percent);
    bar->update(std::string_view(file).substr(0, 40), percent,
                human_size(done) + (total ? " of " + human_size(*total) : ""));
    if (total && done >= *total) bar->finish();
  };
}

std::string render_download(const catalog::DownloadReport& r, const Output& out) {
  std::string text = fmt::format("{}\n  update {}  ->  {}\n", out.paint(Tone::Bold, r.title), r.update_id, r.dir);
  for (const catalog::FileOutcome& f : r.files) {
    Tone tone = f.status == catalog::FileStatus::Verified ? Tone::Good : Tone::Bad;
    std::string detail;
    if (f.status == catalog::FileStatus::Verified) {
      detail = fmt::format("{}, {} ok, signature {}{}{}", human_size(f.bytes), f.digest_algorithm,
                           f.signature == "skipped" ? "not checked (--allow-unsigned)" : "Microsoft",
                           f.reused ? ", already downloaded" : "",
                           f.resumes ? fmt::format(", resumed {}x", f.resumes) : "");
    } else {
      detail = f.error ? f.error->message() : "failed";
      if (!f.rejected_path.empty()) detail += "; moved to " + f.rejected_path;
    }
    text += fmt::format("{} {}\n    {}\n", out.mark(tone), f.file_name, detail);
  }
  return text;
}

}  // namespace wufix
