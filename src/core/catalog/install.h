// Installing verified packages: one .msu with wusa.exe, several (a 24H2 checkpoint chain) or a
// .cab with DISM /Add-Package, each file by name (/PackagePath per file, never a folder: DISM
// would take whatever else lies there); the installer's exit code mapped to an outcome a
// person and a script can act on.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace wufix::catalog {

enum class InstallOutcome { Installed, RestartRequired, AlreadyInstalled, NotApplicable, Failed };

struct PackagePlan {
  std::string tool;                   // "wusa" or "dism"
  std::string program;                // full path under System32
  std::vector<std::string> args;
  std::vector<std::string> packages;  // the .msu/.cab files it installs
};

// `packages`: the verified .msu/.cab paths (at least one), in the order to install them.
PackagePlan plan_package_install(const std::string& windows_dir, const std::vector<std::string>& packages);

struct InstallResult {
  InstallOutcome outcome = InstallOutcome::Failed;
  uint32_t exit_code = 0;  // the installer's, as an unsigned 32-bit value
  std::string name;        // symbolic name of the code when known (WU_E_NOT_APPLICABLE)
  std::string meaning;     // what it means, from the code table
};

InstallResult interpret_exit(uint32_t exit_code);
// wufix's exit code for the outcome: 0, 3010 (restart), 1 (not applicable, failed).
int exit_code_for(InstallOutcome outcome);
const char* to_string(InstallOutcome outcome);
// The SHA-1 many catalog file names end with ("..._<40 hex>.msu"), for a file given by path.
std::string sha1_in_file_name(const std::string& file_name);
nlohmann::json to_json(const PackagePlan& plan, const InstallResult& result);

}  // namespace wufix::catalog
