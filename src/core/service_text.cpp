#include "core/service_text.h"

namespace wufix {

const char* to_string(StartType t) {
  switch (t) {
    case StartType::Boot: return "boot";
    case StartType::System: return "system";
    case StartType::Automatic: return "automatic";
    case StartType::Manual: return "manual";
    case StartType::Disabled: return "disabled";
    case StartType::Unknown: return "unknown";
  }
  return "unknown";
}

const char* to_string(ServiceState s) {
  switch (s) {
    case ServiceState::Stopped: return "stopped";
    case ServiceState::StartPending: return "start-pending";
    case ServiceState::StopPending: return "stop-pending";
    case ServiceState::Running: return "running";
    case ServiceState::ContinuePending: return "continue-pending";
    case ServiceState::PausePending: return "pause-pending";
    case ServiceState::Paused: return "paused";
    case ServiceState::Unknown: return "unknown";
  }
  return "unknown";
}

StartType start_type_from_string(std::string_view text) {
  for (auto t : {StartType::Boot, StartType::System, StartType::Automatic, StartType::Manual,
                 StartType::Disabled}) {
    if (text == to_string(t)) return t;
  }
  return StartType::Unknown;
}

ServiceState service_state_from_string(std::string_view text) {
  for (auto s : {ServiceState::Stopped, ServiceState::StartPending, ServiceState::StopPending,
                 ServiceState::Running, ServiceState::ContinuePending, ServiceState::PausePending,
                 ServiceState::Paused}) {
    if (text == to_string(s)) return s;
  }
  return ServiceState::Unknown;
}

}  // namespace wufix
