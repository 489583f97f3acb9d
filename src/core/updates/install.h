// wufix updates install: which of the pending updates to install (the plan, a value), then
// download and install them through the agent, each update's outcome explained.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/updates/scan.h"

namespace wufix {

struct UpdateFilter {
  std::vector<std::string> wanted;  // KB5044284 or update ids; empty: see `all`
  bool all = false;                 // also optional (browse-only) updates
  bool exclude_drivers = false;
  bool exclude_preview = false;
};

// "KB5044284", "5044284" -> "KB5044284"; an update id (GUID) as it is, lower-case.
// An Error names the argument that is neither.
Result<std::vector<std::string>> parse_update_args(const std::vector<std::string>& args);

struct LeftOut {
  UpdateFacts update;
  std::string reason;  // "driver (--exclude-drivers)", "optional: name it or use --all"
};

struct InstallPlan {
  std::vector<UpdateFacts> chosen;
  std::vector<LeftOut> left_out;
  std::vector<std::string> not_found;  // asked for, but not pending (installed, hidden, unknown)
};

// Without names: what Windows Update itself installs (not browse-only), with --all every
// pending update; with names: exactly those. The exclusions apply in every case.
InstallPlan plan_install(const std::vector<UpdateFacts>& pending, const UpdateFilter& filter);

// installed | installed-with-errors | failed | download-failed | not-found
struct UpdateOutcome {
  UpdateFacts update;
  std::string status;
  std::optional<UpdateOpResult> download, install;
  uint32_t hresult = 0;  // the failing code (download's or install's)
  bool reboot_required = false;
  std::optional<CodeAdvice> advice;  // for a failure
};

struct InstallReport {
  UpdateService service;
  std::vector<UpdateOutcome> updates;
  std::vector<LeftOut> left_out;
  std::vector<std::string> not_found;
  bool reboot_required = false;
  std::optional<Error> error;  // the agent failed as a whole (search, download or install call)

  bool failed() const;
  int exit_code() const;  // 0 all installed, 1 any failed, 3010 a restart is required
};

struct InstallHooks {
  UpdateProgressFn download_progress, install_progress;
};

// Downloads the chosen updates (those already downloaded too: the agent skips them), then
// installs those that downloaded. Never restarts.
InstallReport run_install(UpdateSession& session, const InstallPlan& plan,
                          const InstallHooks& hooks);

const char* result_code_text(int operation_result_code);
nlohmann::json to_json(const InstallReport& r);

}  // namespace wufix
