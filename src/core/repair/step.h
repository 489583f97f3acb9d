// A repair step: a function over the seam that makes every change through Changes (so it is
// journaled and can be rolled back) and returns what it found and did as a value.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/repair/changes.h"
#include "core/seam.h"

namespace wufix {

struct RepairOptions {
  std::chrono::seconds service_timeout{60};  // per service, for stop and start
  std::string dism_source;                   // --source: /Source:<path> /LimitAccess
  std::string ntp_host = "time.windows.com";
  uint16_t ntp_port = 123;
  bool force = false;  // --force: the policy step on a domain/Intune-managed PC
};

// Live progress of a long step (sfc, dism): percent in [0, 100].
using ProgressFn = std::function<void(std::string_view step_id, double percent)>;

struct StepContext {
  System& sys;
  Changes& changes;
  const RepairOptions& options;
  ProgressFn progress;
  std::string run_id;
};

struct StepReport {
  std::string result;            // the step's own vocabulary: "repaired", "healthy", ...
  std::optional<Error> error;    // set: the step failed (and its changes get rolled back)
  bool reboot_required = false;
  std::vector<std::string> details;  // lines for people: "offset after resync: 0.2 s"
};

StepReport run_clock_step(StepContext& ctx);
StepReport run_services_step(StepContext& ctx);
StepReport run_reset_step(StepContext& ctx);
StepReport run_sfc_step(StepContext& ctx);
StepReport run_dism_step(StepContext& ctx);
StepReport run_policy_step(StepContext& ctx);
StepReport run_network_step(StepContext& ctx);

}  // namespace wufix
