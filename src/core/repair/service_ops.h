// Stopping and starting groups of services the way a careful admin would: dependents first,
// every request at once, then waiting for all of them with a per-service timeout. No process is
// ever killed.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "core/repair/changes.h"
#include "core/seam.h"

namespace wufix {

// Stops the services (those that exist and are not stopped) and their active dependents.
Status stop_services(Changes& changes, const System& sys, const std::vector<std::string>& names,
                     std::chrono::seconds timeout);

// Starts the services that exist and are not running, and waits until they run.
Status start_services(Changes& changes, const System& sys, const std::vector<std::string>& names,
                      std::chrono::seconds timeout);

// Polls until every service is in `target`; an Error naming those that were not in time.
Status wait_for_state(const System& sys, const std::vector<std::string>& names,
                      ServiceState target, std::chrono::seconds timeout);

std::string display_duration(std::chrono::seconds s);  // "60 s"

// Running, or on its way there (starting, resuming): what a stop has to stop and undo restarts.
inline bool is_running(ServiceState s) {
  return s == ServiceState::Running || s == ServiceState::StartPending ||
         s == ServiceState::ContinuePending;
}

}  // namespace wufix
