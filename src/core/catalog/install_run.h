// `wufix install` as one value, as repair has its RunOutcome: what was asked, the download (for a
// KB), the packages (each verified and held against writers), the installer's plan and result.
// The CLI renders text and JSON from it; nothing here prints.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/download.h"
#include "core/catalog/file_select.h"
#include "core/catalog/install.h"
#include "core/seam.h"

namespace wufix::catalog {

struct InstallRun {
  std::string input;                      // the KB, file or folder asked for
  std::optional<DownloadReport> download;  // a KB's download
  std::vector<SkippedFile> skipped;       // the KB's files this PC does not take
  std::vector<FileOutcome> packages;      // what would be installed, each with its verdict
  std::optional<PackagePlan> plan;        // set once the installer ran
  std::optional<InstallResult> result;
  std::optional<Error> error;             // why it stopped before the installer
  int exit_code = 0;                      // wufix's (core/exit_codes.h)

  bool verified() const;    // packages there, every one verified
  std::string outcome() const;  // "installed", "restart-required", ..., "rejected", "error"
};

// .msu or .cab: the packages wufix verifies and installs.
bool is_package(std::string_view name);

// The packages `what` names on disk, verified: one .msu/.cab, or every one in a folder. A
// package's SHA-1 from its catalog name (when it carries one), then Microsoft's signature; a
// file that fails goes to *.rejected. Not there, not a package, an empty folder: exit 2; a
// file that cannot be read: exit 1 with its error (never "no such file"). nullopt: `what` is
// neither on disk nor a package's name, so it names an update for the catalog (a KB, an id).
std::optional<InstallRun> local_install(const System& sys, const std::string& what,
                                        bool allow_unsigned);

// A catalog update chosen for this PC (its files, and those it does not take), downloaded into
// the private %ProgramData%\wufix\downloads\ID and verified there; its packages set when every
// file verified. An update id that is no GUID (is_update_id) is refused before any folder is made.
InstallRun download_for_install(const System& sys, CatalogClient& client, const UpdateFiles& update,
                                std::vector<SkippedFile> skipped, bool allow_unsigned,
                                const DownloadProgressFn& progress);

// Runs the installer (wusa for one .msu, DISM for a chain or a .cab) when every package
// verified; otherwise nothing runs and the run is "rejected". `starting` is told the plan first.
InstallRun install_packages(System& sys, InstallRun run,
                            const std::function<void(const PackagePlan&)>& starting = {});

// [{"name", "reason"}]: the files of an update this PC does not take.
nlohmann::json to_json(const std::vector<SkippedFile>& skipped);
// {"schema", "input", "download", "packages", "install", "outcome"} (docs/cli.md).
nlohmann::json to_json(const InstallRun& run);

}  // namespace wufix::catalog
