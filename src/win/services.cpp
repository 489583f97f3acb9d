#include "win/services.h"

#include <windows.h>

#include <vector>

#include "win/text.h"

namespace wufix::win {
namespace {

StartType start_type_of(DWORD start) {
  switch (start) {
    case SERVICE_BOOT_START: return StartType::Boot;
    case SERVICE_SYSTEM_START: return StartType::System;
    case SERVICE_AUTO_START: return StartType::Automatic;
    case SERVICE_DEMAND_START: return StartType::Manual;
    case SERVICE_DISABLED: return StartType::Disabled;
    default: return StartType::Unknown;
  }
}

ServiceState state_of(DWORD state) {
  switch (state) {
    case SERVICE_STOPPED: return ServiceState::Stopped;
    case SERVICE_START_PENDING: return ServiceState::StartPending;
    case SERVICE_STOP_PENDING: return ServiceState::StopPending;
    case SERVICE_RUNNING: return ServiceState::Running;
    case SERVICE_CONTINUE_PENDING: return ServiceState::ContinuePending;
    case SERVICE_PAUSE_PENDING: return ServiceState::PausePending;
    case SERVICE_PAUSED: return ServiceState::Paused;
    default: return ServiceState::Unknown;
  }
}

Result<DWORD> query_start_type(SC_HANDLE service, const std::string& name) {
  DWORD needed = 0;
  QueryServiceConfigW(service, nullptr, 0, &needed);  // sizes the variable-length strings
  if (needed == 0) return last_error("QueryServiceConfigW failed", name);
  // uint64_t storage keeps the struct's pointers aligned.
  std::vector<uint64_t> buf((needed + sizeof(uint64_t) - 1) / sizeof(uint64_t));
  auto* config = reinterpret_cast<QUERY_SERVICE_CONFIGW*>(buf.data());
  if (!QueryServiceConfigW(service, config, static_cast<DWORD>(buf.size() * sizeof(uint64_t)),
                           &needed)) {
    return last_error("QueryServiceConfigW failed", name);
  }
  return config->dwStartType;
}

// Delayed auto-start is optional information: older systems and Wine may not answer,
// and "not delayed" is the right reading then.
bool query_delayed(SC_HANDLE service) {
  SERVICE_DELAYED_AUTO_START_INFO info{};
  DWORD needed = 0;
  return QueryServiceConfig2W(service, SERVICE_CONFIG_DELAYED_AUTO_START_INFO,
                              reinterpret_cast<BYTE*>(&info), sizeof info, &needed) &&
         info.fDelayedAutostart;
}

}  // namespace

Result<SC_HANDLE> WinServices::manager() const {
  std::call_once(connect_once_, [this] {
    scm_.reset(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm_) connect_error_ = GetLastError();
  });
  if (!scm_) {
    return win32_error(connect_error_, "OpenSCManagerW failed", "local Service Control Manager");
  }
  return scm_.get();
}

Result<ServiceStatus> WinServices::query(std::string_view name) const {
  auto scm = manager();
  if (!scm) return scm.error();
  ServiceStatus status;
  status.name = std::string(name);
  UniqueService service(
      OpenServiceW(*scm, widen(name).c_str(), SERVICE_QUERY_CONFIG | SERVICE_QUERY_STATUS));
  if (!service) {
    if (GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST) return status;  // exists = false
    return last_error("OpenServiceW failed", status.name);
  }
  status.exists = true;

  auto start = query_start_type(service.get(), status.name);
  if (!start) return start.error();
  status.start_type = start_type_of(*start);
  // The flag only takes effect on Automatic services (services.msc shows it only there).
  status.delayed_auto_start = *start == SERVICE_AUTO_START && query_delayed(service.get());

  SERVICE_STATUS_PROCESS process{};
  DWORD needed = 0;
  if (!QueryServiceStatusEx(service.get(), SC_STATUS_PROCESS_INFO,
                            reinterpret_cast<BYTE*>(&process), sizeof process, &needed)) {
    return last_error("QueryServiceStatusEx failed", status.name);
  }
  status.state = state_of(process.dwCurrentState);
  status.pid = process.dwProcessId;
  return status;
}

}  // namespace wufix::win
