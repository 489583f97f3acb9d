#include "core/catalog/install.h"

#include <cctype>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/error_codes.h"
#include "core/exit_codes.h"
#include "core/hresult.h"

namespace wufix::catalog {
namespace {

constexpr uint32_t kSuccess = 0;
constexpr uint32_t kRebootInitiated = 1641;        // ERROR_SUCCESS_REBOOT_INITIATED
constexpr uint32_t kWuRebootRequired = 0x00240005;  // WU_S_REBOOT_REQUIRED
constexpr uint32_t kAlreadyInstalled = 0x00240006;  // WU_S_ALREADY_INSTALLED
constexpr uint32_t kWuNotApplicable = 0x80240017;   // WU_E_NOT_APPLICABLE
constexpr uint32_t kCbsNotApplicable = 0x800F081E;  // CBS_E_NOT_APPLICABLE

}  // namespace

PackagePlan plan_package_install(const std::string& windows_dir, const std::vector<std::string>& packages) {
  PackagePlan plan;
  plan.packages = packages;
  std::string system32 = windows_dir + "\\System32\\";
  if (packages.size() == 1 && ascii_lower(packages.front()).ends_with(".msu")) {
    plan.tool = "wusa";
    plan.program = system32 + "wusa.exe";
    plan.args = {packages.front(), "/quiet", "/norestart"};
  } else {
    plan.tool = "dism";
    plan.program = system32 + "dism.exe";
    plan.args = {"/Online", "/Add-Package"};
    for (const auto& p : packages) plan.args.push_back("/PackagePath:" + p);
    plan.args.insert(plan.args.end(), {"/Quiet", "/NoRestart"});
  }
  return plan;
}

InstallResult interpret_exit(uint32_t code) {
  InstallResult r;
  r.exit_code = code;
  switch (code) {
    case kSuccess: r.outcome = InstallOutcome::Installed; break;
    case kErrorSuccessRebootRequired:
    case kRebootInitiated:
    case kWuRebootRequired: r.outcome = InstallOutcome::RestartRequired; break;
    case kAlreadyInstalled: r.outcome = InstallOutcome::AlreadyInstalled; break;
    case kWuNotApplicable:
    case kCbsNotApplicable: r.outcome = InstallOutcome::NotApplicable; break;
    default: r.outcome = InstallOutcome::Failed;
  }
  // 1..0xFFFF from an installer is a Win32 error (87, 740, 3010) listed as its HRESULT.
  if (const CodeInfo* info = find_code(error_code_hresult(code))) {
    r.name = info->name;
    r.meaning = info->description;
  }
  return r;
}

int exit_code_for(InstallOutcome outcome) {
  switch (outcome) {
    case InstallOutcome::Installed:
    case InstallOutcome::AlreadyInstalled: return exit_code::kOk;
    case InstallOutcome::RestartRequired: return exit_code::kRestartRequired;
    case InstallOutcome::NotApplicable:
    case InstallOutcome::Failed: return exit_code::kFindings;
  }
  return exit_code::kFindings;
}

const char* to_string(InstallOutcome outcome) {
  switch (outcome) {
    case InstallOutcome::Installed: return "installed";
    case InstallOutcome::RestartRequired: return "restart-required";
    case InstallOutcome::AlreadyInstalled: return "already-installed";
    case InstallOutcome::NotApplicable: return "not-applicable";
    case InstallOutcome::Failed: return "failed";
  }
  return "failed";
}

std::string sha1_in_file_name(const std::string& file_name) {
  size_t dot = file_name.rfind('.');
  size_t underscore = file_name.rfind('_', dot);
  if (dot == std::string::npos || underscore == std::string::npos || dot - underscore - 1 != 40) return {};
  std::string hex = file_name.substr(underscore + 1, 40);
  for (char& c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return {};
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return hex;
}

nlohmann::json to_json(const PackagePlan& plan, const InstallResult& result) {
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  return {{"tool", plan.tool},
          {"program", plan.program},
          {"args", plan.args},
          {"packages", plan.packages},
          {"outcome", to_string(result.outcome)},
          {"exit_code", result.exit_code},
          {"hresult", format_hresult(result.exit_code)},
          {"name", or_null(result.name)},
          {"meaning", or_null(result.meaning)}};
}

}  // namespace wufix::catalog
