// standin-svc.exe: a real Win32 service (SERVICE_WIN32_OWN_PROCESS) to install under any name
// (CryptSvc, wuauserv, BITS, ...). Its behaviour is read from
// HKLM\SYSTEM\CurrentControlSet\Services\<name>\Parameters (DWORDs, read when needed, so a
// test may change them while the service runs):
//   StartDelayMs  time spent in START_PENDING before RUNNING (default 0)
//   StopDelayMs   time spent in STOP_PENDING before STOPPED (default 0)
//   HangOnStop    1 = on stop, report STOP_PENDING and never stop
//   FailStart     non-zero = stop at once with this Win32 exit code instead of running
//   StartOnStop   (REG_SZ) a service to start when this one is asked to stop, as UsoSvc and
//                 Delivery Optimization start wuauserv again
// Each event is appended to C:\wufix-doubles\services.log as
// "2024-05-14 10:12:33.123 <name> <event>" (start-pending, running, stop-requested, stopped,
// hanging, failed), so tests can assert the order in which services were stopped.
#include "common.h"

namespace {

std::wstring g_name;
SERVICE_STATUS_HANDLE g_status_handle = nullptr;
SERVICE_STATUS g_status{};
HANDLE g_stop_event = nullptr;

DWORD param(const wchar_t* value, DWORD dflt) {
  std::wstring key = L"SYSTEM\\CurrentControlSet\\Services\\" + g_name + L"\\Parameters";
  DWORD data = 0, size = sizeof data;
  LONG rc = RegGetValueW(HKEY_LOCAL_MACHINE, key.c_str(), value, RRF_RT_REG_DWORD, nullptr, &data, &size);
  return rc == ERROR_SUCCESS ? data : dflt;
}

void log_event(const char* event) {
  SYSTEMTIME t;
  GetLocalTime(&t);
  char stamp[64];
  snprintf(stamp, sizeof stamp, "%04u-%02u-%02u %02u:%02u:%02u.%03u ", t.wYear, t.wMonth, t.wDay, t.wHour,
           t.wMinute, t.wSecond, t.wMilliseconds);
  dbl::append_file(dbl::state_dir() + L"\\services.log", stamp + dbl::to_utf8(g_name) + " " + event + "\r\n");
}

void report(DWORD state, DWORD exit_code = NO_ERROR, DWORD wait_hint_ms = 0) {
  g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
  g_status.dwCurrentState = state;
  g_status.dwWin32ExitCode = exit_code;
  g_status.dwWaitHint = wait_hint_ms;
  g_status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
  g_status.dwCheckPoint = (state == SERVICE_RUNNING || state == SERVICE_STOPPED) ? 0 : g_status.dwCheckPoint + 1;
  SetServiceStatus(g_status_handle, &g_status);
}

HANDLE g_restarter = nullptr;

// The StartOnStop service, started through the SCM from its own thread (the SCM is busy with
// our stop while the handler runs); the service waits for it before it reports STOPPED.
DWORD WINAPI start_on_stop(void*) {
  std::wstring key = L"SYSTEM\\CurrentControlSet\\Services\\" + g_name + L"\\Parameters";
  wchar_t other[256];
  DWORD size = sizeof other;
  if (RegGetValueW(HKEY_LOCAL_MACHINE, key.c_str(), L"StartOnStop", RRF_RT_REG_SZ, nullptr, other, &size) !=
      ERROR_SUCCESS)
    return 0;
  SC_HANDLE scm = OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT);
  SC_HANDLE svc = scm ? OpenServiceW(scm, other, SERVICE_START) : nullptr;
  bool started = svc && StartServiceW(svc, 0, nullptr);
  log_event(started ? "restarted-other" : "restart-other-failed");
  if (svc) CloseServiceHandle(svc);
  if (scm) CloseServiceHandle(scm);
  return 0;
}

DWORD WINAPI handler(DWORD control, DWORD, void*, void*) {
  switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
      log_event("stop-requested");
      if (!g_restarter) g_restarter = CreateThread(nullptr, 0, start_on_stop, nullptr, 0, nullptr);
      if (param(L"HangOnStop", 0)) {
        report(SERVICE_STOP_PENDING, NO_ERROR, 600000);
        log_event("hanging");
      } else {
        report(SERVICE_STOP_PENDING, NO_ERROR, param(L"StopDelayMs", 0) + 1000);
        SetEvent(g_stop_event);
      }
      return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
      return NO_ERROR;
    default:
      return ERROR_CALL_NOT_IMPLEMENTED;
  }
}

void WINAPI service_main(DWORD argc, wchar_t** argv) {
  g_name = argc > 0 ? argv[0] : L"standin";
  g_status_handle = RegisterServiceCtrlHandlerExW(g_name.c_str(), handler, nullptr);
  if (!g_status_handle) return;
  g_stop_event = CreateEventW(nullptr, TRUE, FALSE, nullptr);

  DWORD start_delay = param(L"StartDelayMs", 0);
  report(SERVICE_START_PENDING, NO_ERROR, start_delay + 1000);
  log_event("start-pending");
  if (DWORD fail = param(L"FailStart", 0)) {
    log_event("failed");
    report(SERVICE_STOPPED, fail);
    return;
  }
  Sleep(start_delay);
  report(SERVICE_RUNNING);
  log_event("running");

  WaitForSingleObject(g_stop_event, INFINITE);
  if (g_restarter) WaitForSingleObject(g_restarter, 10000);
  Sleep(param(L"StopDelayMs", 0));
  log_event("stopped");
  report(SERVICE_STOPPED);
}

}  // namespace

int wmain() {
  SERVICE_TABLE_ENTRYW table[] = {{const_cast<wchar_t*>(L""), service_main}, {nullptr, nullptr}};
  if (!StartServiceCtrlDispatcherW(table)) {
    fwprintf(stderr, L"standin-svc: must be started by the service manager (error %lu)\n", GetLastError());
    return 1;
  }
  return 0;
}
