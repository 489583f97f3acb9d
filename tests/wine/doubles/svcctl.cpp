// svcctl.exe: the harness's service tool, through the SCM API (Wine's sc.exe lacks qc/config).
//   svcctl create NAME [--start auto|delayed|demand|disabled|0-4] [--display TEXT]
//                      [--hang-on-stop] [--stop-delay MS] [--start-delay MS] [--fail-start CODE]
//                      [--bin COMMANDLINE]
//       installs standin-svc.exe (next to svcctl.exe) as NAME; an existing service NAME is
//       stopped and re-pointed at the stand-in (so Wine's own wuauserv/BITS can be replaced).
//   svcctl delete NAME
//   svcctl config NAME START        set the start type (names as above)
//   svcctl start NAME [--wait S]    start and wait for RUNNING (default 10 s)
//   svcctl stop NAME [--wait S]     send STOP and wait for STOPPED (default 10 s)
//   svcctl query NAME               print "state=running start=2 delayed=0 pid=123 exit=0"
//                                   ("state=absent" when NAME is not installed)
// Exit code: 0 on success (start/stop: reached the wanted state), 1 otherwise; a Win32 error
// is printed as "error=N what".
#include "common.h"

namespace {

struct Sc {  // RAII owner of an SC_HANDLE
  SC_HANDLE h = nullptr;
  explicit Sc(SC_HANDLE v) : h(v) {}
  Sc(const Sc&) = delete;
  Sc& operator=(const Sc&) = delete;
  ~Sc() {
    if (h) CloseServiceHandle(h);
  }
  explicit operator bool() const { return h != nullptr; }
};

int fail(const char* what) {
  DWORD err = GetLastError();
  printf("error=%lu %s\n", err, what);
  return 1;
}

const char* state_name(DWORD s) {
  switch (s) {
    case SERVICE_STOPPED: return "stopped";
    case SERVICE_START_PENDING: return "start_pending";
    case SERVICE_STOP_PENDING: return "stop_pending";
    case SERVICE_RUNNING: return "running";
    case SERVICE_CONTINUE_PENDING: return "continue_pending";
    case SERVICE_PAUSE_PENDING: return "pause_pending";
    case SERVICE_PAUSED: return "paused";
    default: return "unknown";
  }
}

// auto|delayed|demand|manual|disabled|boot|system|0-4 -> start type; *delayed set for "delayed".
bool parse_start(const std::wstring& s, DWORD* type, bool* delayed) {
  *delayed = dbl::iequals(s, L"delayed");
  if (dbl::iequals(s, L"auto") || *delayed) *type = SERVICE_AUTO_START;
  else if (dbl::iequals(s, L"demand") || dbl::iequals(s, L"manual")) *type = SERVICE_DEMAND_START;
  else if (dbl::iequals(s, L"disabled")) *type = SERVICE_DISABLED;
  else if (dbl::iequals(s, L"boot")) *type = SERVICE_BOOT_START;
  else if (dbl::iequals(s, L"system")) *type = SERVICE_SYSTEM_START;
  else if (s.size() == 1 && s[0] >= L'0' && s[0] <= L'4') *type = s[0] - L'0';
  else return false;
  return true;
}

std::wstring service_key(const std::wstring& name) { return L"SYSTEM\\CurrentControlSet\\Services\\" + name; }

// Wine 8's SCM rejects SERVICE_CONFIG_DELAYED_AUTO_START_INFO (ERROR_INVALID_LEVEL); then the
// flag lives only in the registry value Windows keeps it in (DelayedAutostart).
bool set_delayed(SC_HANDLE svc, const std::wstring& name, bool delayed) {
  SERVICE_DELAYED_AUTO_START_INFO info{delayed ? TRUE : FALSE};
  if (ChangeServiceConfig2W(svc, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &info)) return true;
  if (GetLastError() != ERROR_INVALID_LEVEL) return false;
  DWORD data = delayed ? 1 : 0;
  return RegSetKeyValueW(HKEY_LOCAL_MACHINE, service_key(name).c_str(), L"DelayedAutostart", REG_DWORD, &data,
                         sizeof data) == ERROR_SUCCESS;
}

bool get_delayed(SC_HANDLE svc, const std::wstring& name) {
  SERVICE_DELAYED_AUTO_START_INFO info{};
  DWORD needed = 0, data = 0, size = sizeof data;
  if (QueryServiceConfig2W(svc, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, (BYTE*)&info, sizeof info, &needed))
    return info.fDelayedAutostart != FALSE;
  return RegGetValueW(HKEY_LOCAL_MACHINE, service_key(name).c_str(), L"DelayedAutostart", RRF_RT_REG_DWORD, nullptr,
                      &data, &size) == ERROR_SUCCESS && data != 0;
}

SERVICE_STATUS_PROCESS status_of(SC_HANDLE svc) {
  SERVICE_STATUS_PROCESS st{};
  DWORD needed = 0;
  QueryServiceStatusEx(svc, SC_STATUS_PROCESS_INFO, (BYTE*)&st, sizeof st, &needed);
  return st;
}

// Polls until the service reaches `want` or `seconds` pass; returns the last state.
DWORD wait_for(SC_HANDLE svc, DWORD want, DWORD seconds) {
  DWORD deadline = GetTickCount() + seconds * 1000;
  DWORD state = status_of(svc).dwCurrentState;
  while (state != want && (LONG)(deadline - GetTickCount()) > 0) {
    Sleep(100);
    state = status_of(svc).dwCurrentState;
  }
  return state;
}

void set_param(const std::wstring& name, const wchar_t* value, DWORD data) {
  std::wstring key = service_key(name) + L"\\Parameters";
  RegSetKeyValueW(HKEY_LOCAL_MACHINE, key.c_str(), value, REG_DWORD, &data, sizeof data);
}

std::wstring standin_path() {
  wchar_t self[MAX_PATH];
  DWORD n = GetModuleFileNameW(nullptr, self, MAX_PATH);
  std::wstring dir(self, n);
  return L"\"" + dir.substr(0, dir.find_last_of(L'\\')) + L"\\standin-svc.exe\"";
}

int create(SC_HANDLE scm, const std::wstring& name, int argc, wchar_t** argv) {
  DWORD start = SERVICE_DEMAND_START;
  bool delayed = false;
  std::wstring display = name, bin = standin_path();
  DWORD hang = 0, stop_delay = 0, start_delay = 0, fail_start = 0;
  for (int i = 0; i < argc; ++i) {
    std::wstring a = argv[i];
    if (a == L"--hang-on-stop") {
      hang = 1;
      continue;
    }
    if (i + 1 == argc) return printf("error=87 %ls needs a value\n", a.c_str()), 1;
    std::wstring value = argv[++i];
    if (a == L"--start" && parse_start(value, &start, &delayed)) continue;
    if (a == L"--display") display = value;
    else if (a == L"--bin") bin = value;
    else if (a == L"--stop-delay") stop_delay = dbl::parse_code(value, 0);
    else if (a == L"--start-delay") start_delay = dbl::parse_code(value, 0);
    else if (a == L"--fail-start") fail_start = dbl::parse_code(value, 0);
    else return printf("error=87 bad option %ls %ls\n", a.c_str(), value.c_str()), 1;
  }
  Sc svc(OpenServiceW(scm, name.c_str(), SERVICE_ALL_ACCESS));
  if (svc) {  // replace an existing service: stop it, re-point it at the stand-in
    SERVICE_STATUS st{};
    if (status_of(svc.h).dwCurrentState != SERVICE_STOPPED) ControlService(svc.h, SERVICE_CONTROL_STOP, &st);
    wait_for(svc.h, SERVICE_STOPPED, 10);
    if (!ChangeServiceConfigW(svc.h, SERVICE_WIN32_OWN_PROCESS, start, SERVICE_ERROR_NORMAL, bin.c_str(), nullptr,
                              nullptr, L"\0", L"LocalSystem", L"", display.c_str()))
      return fail("ChangeServiceConfig");
  } else {
    svc.h = CreateServiceW(scm, name.c_str(), display.c_str(), SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS, start,
                           SERVICE_ERROR_NORMAL, bin.c_str(), nullptr, nullptr, nullptr, nullptr, nullptr);
    if (!svc) return fail("CreateService");
  }
  if (delayed && !set_delayed(svc.h, name, delayed)) return fail("ChangeServiceConfig2");
  set_param(name, L"HangOnStop", hang);
  set_param(name, L"StopDelayMs", stop_delay);
  set_param(name, L"StartDelayMs", start_delay);
  set_param(name, L"FailStart", fail_start);
  printf("created %ls\n", name.c_str());
  return 0;
}

int query(SC_HANDLE scm, const std::wstring& name) {
  Sc svc(OpenServiceW(scm, name.c_str(), SERVICE_QUERY_STATUS | SERVICE_QUERY_CONFIG));
  if (!svc) {
    if (GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST) return printf("state=absent start=-\n"), 0;
    return fail("OpenService");
  }
  SERVICE_STATUS_PROCESS st = status_of(svc.h);
  std::vector<BYTE> buf(8192);
  DWORD needed = 0;
  auto* cfg = reinterpret_cast<QUERY_SERVICE_CONFIGW*>(buf.data());
  if (!QueryServiceConfigW(svc.h, cfg, (DWORD)buf.size(), &needed)) return fail("QueryServiceConfig");
  printf("state=%s start=%lu delayed=%d pid=%lu exit=%lu\n", state_name(st.dwCurrentState), cfg->dwStartType,
         get_delayed(svc.h, name) ? 1 : 0, st.dwProcessId, st.dwWin32ExitCode);
  return 0;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc < 3) {
    fwprintf(stderr, L"usage: svcctl create|delete|config|start|stop|query NAME ...\n");
    return 2;
  }
  std::wstring cmd = argv[1], name = argv[2];
  Sc scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_ALL_ACCESS));
  if (!scm) return fail("OpenSCManager");
  if (cmd == L"create") return create(scm.h, name, argc - 3, argv + 3);
  if (cmd == L"query") return query(scm.h, name);

  DWORD wait_s = 10;
  if (argc >= 5 && std::wstring(argv[3]) == L"--wait") wait_s = dbl::parse_code(argv[4], 10);
  Sc svc(OpenServiceW(scm.h, name.c_str(), SERVICE_ALL_ACCESS));
  if (!svc) return fail("OpenService");
  SERVICE_STATUS st{};
  if (cmd == L"delete") return DeleteService(svc.h) ? 0 : fail("DeleteService");
  if (cmd == L"config") {
    DWORD start = 0;
    bool delayed = false;
    if (argc < 4 || !parse_start(argv[3], &start, &delayed)) return printf("error=87 bad start type\n"), 1;
    if (!ChangeServiceConfigW(svc.h, SERVICE_NO_CHANGE, start, SERVICE_NO_CHANGE, nullptr, nullptr, nullptr, nullptr,
                              nullptr, nullptr, nullptr))
      return fail("ChangeServiceConfig");
    if (start == SERVICE_AUTO_START && !set_delayed(svc.h, name, delayed)) return fail("ChangeServiceConfig2");
    return 0;
  }
  if (cmd == L"start") {
    if (!StartServiceW(svc.h, 0, nullptr) && GetLastError() != ERROR_SERVICE_ALREADY_RUNNING)
      return fail("StartService");
    DWORD state = wait_for(svc.h, SERVICE_RUNNING, wait_s);
    printf("state=%s\n", state_name(state));
    return state == SERVICE_RUNNING ? 0 : 1;
  }
  if (cmd == L"stop") {
    if (!ControlService(svc.h, SERVICE_CONTROL_STOP, &st) && GetLastError() != ERROR_SERVICE_NOT_ACTIVE)
      return fail("ControlService(STOP)");
    DWORD state = wait_for(svc.h, SERVICE_STOPPED, wait_s);
    printf("state=%s\n", state_name(state));
    return state == SERVICE_STOPPED ? 0 : 1;
  }
  fwprintf(stderr, L"svcctl: unknown command %ls\n", cmd.c_str());
  return 2;
}
