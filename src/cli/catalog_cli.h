// What `catalog search`, `catalog download` and `install` share: the catalog options, how an
// argument (KB or update id) becomes an update and its files, the progress bar, and the text
// of a download report.
#pragma once
#include <optional>
#include <string>
#include <variant>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "core/catalog/download.h"
#include "core/catalog/file_select.h"
#include "core/catalog/lookup.h"

namespace wufix {

struct CatalogOptions {
  std::string os = "auto";
  std::string arch = "auto";
  std::string lang = "auto";   // the language of language-specific files: auto (this PC's UI) or xx-yy
  bool all_languages = false;  // every language's files
  std::string catalog_url;     // tests: http://127.0.0.1:PORT
  bool allow_unsigned = false; // tests, with --catalog-url only
};

void add_target_options(CLI::App& app, CatalogOptions& options);
// --lang and --all-languages (download and install).
void add_language_options(CLI::App& app, CatalogOptions& options);
void add_test_options(CLI::App& app, CatalogOptions& options, bool allow_unsigned);

// The checked options: --allow-unsigned only with --catalog-url, which must be loopback.
// Error for the tests-only options in a signed (release) exe.
Result<catalog::HostPolicy> host_policy(const CatalogOptions& options, bool image_signed);
Result<catalog::Target> target_for(const System& sys, const CatalogOptions& options);

// A KB (searched and matched to the target) or an update id (taken as it is), with its files:
// those for this PC's architecture and languages, a servicing stack update the catalog pairs
// with it first (file_select.h has the order).
struct ChosenUpdate {
  std::optional<catalog::Lookup> lookup;  // for a KB
  catalog::UpdateFiles update;
  std::vector<catalog::SkippedFile> skipped;  // files of the update this PC does not take
};
// Errors carry the exit code to use: 2 for a bad argument, 1 when nothing fits or the catalog fails.
struct CatalogFailure {
  Error error;
  int exit_code;
};
std::variant<ChosenUpdate, CatalogFailure> choose_update(catalog::CatalogClient& client, const System& sys,
                                                         const CatalogOptions& options,
                                                         const std::string& argument);

// Redraws one line on stderr when it is a terminal (never with --json).
catalog::DownloadProgressFn progress_bar(Context& ctx);

std::string render_download(const catalog::DownloadReport& report, const Output& out);
std::string human_size(uint64_t bytes);

}  // namespace wufix
