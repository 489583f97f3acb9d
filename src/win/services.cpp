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

DWORD start_value(StartType type) {
  switch (type) {
    case StartType::Boot: return SERVICE_BOOT_START;
    case StartType::System: return SERVICE_SYSTEM_START;
    case StartType::Automatic: return SERVICE_AUTO_START;
    case StartType::Manual: return SERVICE_DEMAND_START;
    case StartType::Disabled: return SERVICE_DISABLED;
    case StartType::Unknown: break;
  }
  return SERVICE_NO_CHANGE;
}

}  // namespace

Result<UniqueService> WinServices::open(std::string_view name, DWORD access) const {
  auto scm = manager();
  if (!scm) return scm.error();
  UniqueService service(OpenServiceW(*scm, widen(name).c_str(), access));
  if (!service) return last_error("OpenServiceW failed", name);
  return service;
}

Result<std::vector<std::string>> WinServices::active_dependents(std::string_view name) const {
  auto service = open(name, SERVICE_ENUMERATE_DEPENDENTS);
  if (!service) return service.error();
  DWORD needed = 0, count = 0;
  if (EnumDependentServicesW(service->get(), SERVICE_ACTIVE, nullptr, 0, &needed, &count)) {
    return std::vector<std::string>{};  // none
  }
  if (GetLastError() != ERROR_MORE_DATA) return last_error("EnumDependentServicesW failed", name);
  std::vector<uint64_t> buf((needed + sizeof(uint64_t) - 1) / sizeof(uint64_t));
  auto* entries = reinterpret_cast<ENUM_SERVICE_STATUSW*>(buf.data());
  if (!EnumDependentServicesW(service->get(), SERVICE_ACTIVE, entries,
                              static_cast<DWORD>(buf.size() * sizeof(uint64_t)), &needed, &count)) {
    return last_error("EnumDependentServicesW failed", name);
  }
  std::vector<std::string> names;
  for (DWORD i = 0; i < count; ++i) names.push_back(narrow(entries[i].lpServiceName));
  return names;
}

Status WinServices::set_start_type(std::string_view name, StartType type, bool delayed) {
  auto service = open(name, SERVICE_CHANGE_CONFIG | SERVICE_QUERY_CONFIG);
  if (!service) return service.error();
  if (!ChangeServiceConfigW(service->get(), SERVICE_NO_CHANGE, start_value(type),
                            SERVICE_NO_CHANGE, nullptr, nullptr, nullptr, nullptr, nullptr,
                            nullptr, nullptr)) {
    return last_error("ChangeServiceConfigW failed", name);
  }
  if (type != StartType::Automatic) return ok_status();
  SERVICE_DELAYED_AUTO_START_INFO info{delayed ? TRUE : FALSE};
  if (!ChangeServiceConfig2W(service->get(), SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &info)) {
    // Systems without the setting (Wine answers ERROR_INVALID_LEVEL) are never delayed.
    if (!delayed && GetLastError() == ERROR_INVALID_LEVEL) return ok_status();
    return last_error("ChangeServiceConfig2W failed", name);
  }
  return ok_status();
}

Status WinServices::start(std::string_view name) {
  auto service = open(name, SERVICE_START);
  if (!service) return service.error();
  if (!StartServiceW(service->get(), 0, nullptr) &&
      GetLastError() != ERROR_SERVICE_ALREADY_RUNNING) {
    return last_error("StartServiceW failed", name);
  }
  return ok_status();
}

Status WinServices::request_stop(std::string_view name) {
  auto service = open(name, SERVICE_STOP);
  if (!service) return service.error();
  SERVICE_STATUS status{};
  if (!ControlService(service->get(), SERVICE_CONTROL_STOP, &status)) {
    DWORD error = GetLastError();
    // Already stopped, or already stopping (status is filled in for this error): the caller
    // waits for STOPPED either way.
    bool stopping = error == ERROR_SERVICE_CANNOT_ACCEPT_CTRL &&
                    status.dwCurrentState == SERVICE_STOP_PENDING;
    if (error != ERROR_SERVICE_NOT_ACTIVE && !stopping)
      return win32_error(error, "ControlService(STOP) failed", name);
  }
  return ok_status();
}

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
