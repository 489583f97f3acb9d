// w32tm.exe double (Wine has none): /resync [/force] [/nowait], /query /status [/verbose],
// /config ... /update, /register, /unregister.
// Scenarios (w32tm.scenario / WUFIX_W32TM_SCENARIO):
//   ok (default)   resync succeeds; status shows a synchronized NTP source
//   no-data        resync: "did not resync because no time data was available." (exit 1, value
//                  not verified against Windows); status shows Local CMOS Clock, unsynchronized
//   not-started    every command: "The service has not been started. (0x80070426)", exit 0x80070426
//   register-fails /register fails with access denied (0x80070005), as under a broken SCM
// /register creates the W32Time service (the stand-in service next to this program, demand
// start, Parameters\Type = NTP) as the real one registers itself; /unregister deletes it.
// Output is ANSI text to a pipe (not verified against Windows).
#include "common.h"

namespace {

const dbl::Out out(dbl::PipeEncoding::Ansi);

bool has(int argc, wchar_t** argv, const wchar_t* opt) {
  for (int i = 1; i < argc; ++i)
    if (dbl::iequals(argv[i], opt)) return true;
  return false;
}

int status(bool synced, bool verbose) {
  if (synced) {
    out(L"Leap Indicator: 0(no warning)\r\n"
        L"Stratum: 4 (secondary reference - syncd by (S)NTP)\r\n"
        L"Precision: -23 (119.209ns per tick)\r\n"
        L"Root Delay: 0.0468750s\r\n"
        L"Root Dispersion: 7.8341000s\r\n"
        L"ReferenceId: 0x14659A8A (source IP:  20.101.57.9)\r\n"
        L"Last Successful Sync Time: 5/14/2024 10:12:33 AM\r\n"
        L"Source: time.windows.com,0x9\r\n"
        L"Poll Interval: 10 (1024s)\r\n");
    if (verbose) out(L"Phase Offset: 0.0012345s\r\nLast Sync Error: 0 (The command completed successfully.)\r\n");
  } else {
    out(L"Leap Indicator: 3(not synchronized)\r\n"
        L"Stratum: 0 (unspecified)\r\n"
        L"Precision: -23 (119.209ns per tick)\r\n"
        L"Root Delay: 0.0000000s\r\n"
        L"Root Dispersion: 0.0000000s\r\n"
        L"ReferenceId: 0x00000000 (unspecified)\r\n"
        L"Last Successful Sync Time: unspecified\r\n"
        L"Source: Local CMOS Clock\r\n"
        L"Poll Interval: 10 (1024s)\r\n");
    if (verbose) out(L"Phase Offset: 0.0000000s\r\nLast Sync Error: 0x800705B4 (This operation returned because the timeout period expired.)\r\n");
  }
  return 0;
}

std::wstring standin_path() {
  wchar_t self[MAX_PATH];
  DWORD n = GetModuleFileNameW(nullptr, self, MAX_PATH);
  std::wstring dir(self, n);
  return L"\"" + dir.substr(0, dir.find_last_of(L'\\')) + L"\\standin-svc.exe\"";
}

int fail(const wchar_t* what) {
  DWORD e = GetLastError();
  out(std::wstring(L"The following error occurred: ") + what + L" failed (" + std::to_wstring(e) + L")\r\n");
  return (int)(0x80070000 | e);
}

int register_service(bool unregister) {
  SC_HANDLE scm = OpenSCManagerW(nullptr, nullptr, SC_MANAGER_ALL_ACCESS);
  if (!scm) return fail(L"OpenSCManager");
  int rc = 0;
  if (unregister) {
    SC_HANDLE svc = OpenServiceW(scm, L"W32Time", DELETE);
    if (svc && !DeleteService(svc)) rc = fail(L"DeleteService");
    if (svc) CloseServiceHandle(svc);
  } else {
    SC_HANDLE svc = CreateServiceW(scm, L"W32Time", L"Windows Time", SERVICE_ALL_ACCESS,
                                   SERVICE_WIN32_OWN_PROCESS, SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL,
                                   standin_path().c_str(), nullptr, nullptr, nullptr, nullptr, nullptr);
    if (!svc && GetLastError() != ERROR_SERVICE_EXISTS) rc = fail(L"CreateService");
    if (svc) CloseServiceHandle(svc);
    const wchar_t ntp[] = L"NTP";
    RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters",
                    L"Type", REG_SZ, ntp, sizeof ntp);
  }
  CloseServiceHandle(scm);
  if (rc == 0) out(L"W32Time successfully " + std::wstring(unregister ? L"unregistered" : L"registered") + L".\r\n");
  return rc;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  dbl::Scenario sc = dbl::begin_call(L"w32tm", L"ok");
  const bool resync = has(argc, argv, L"/resync");
  if (resync) out(L"Sending resync command to local computer\r\n");

  if (sc.name == L"not-started") {
    out(L"The following error occurred: The service has not been started. (0x80070426)\r\n");
    return (int)0x80070426;
  }
  if (resync) {
    if (sc.name == L"no-data") {
      out(L"The computer did not resync because no time data was available.\r\n");
      return 1;
    }
    out(L"The command completed successfully.\r\n");
    return 0;
  }
  if (has(argc, argv, L"/query") && has(argc, argv, L"/status"))
    return status(sc.name != L"no-data", has(argc, argv, L"/verbose"));
  if (has(argc, argv, L"/register")) {
    if (sc.name == L"register-fails") {
      out(L"The following error occurred: Access is denied. (0x80070005)\r\n");
      return (int)0x80070005;
    }
    return register_service(false);
  }
  if (has(argc, argv, L"/unregister")) return register_service(true);
  if (has(argc, argv, L"/config")) {
    out(L"The command completed successfully.\r\n");
    return 0;
  }
  out(L"The following error occurred: The parameter is incorrect. (0x80070057)\r\n");
  return (int)0x80070057;
}
