// The programs wufix-gui starts: wufix.exe from its own folder (report, install), and the
// restart the user asked for.
#include <windows.h>
#include <shlobj.h>

#include "gui/app.h"

namespace wufix::gui {

std::wstring sibling_path(const wchar_t* name) {
  std::wstring path(MAX_PATH, L'\0');
  DWORD n = 0;
  while ((n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()))) == path.size())
    path.resize(path.size() * 2);
  path.resize(n);
  return path.substr(0, path.find_last_of(L'\\') + 1) + name;
}

namespace {

Result<PROCESS_INFORMATION> create(std::wstring& command_line, DWORD flags) {
  STARTUPINFOW si{};
  si.cb = sizeof(si);
  PROCESS_INFORMATION pi{};
  if (!CreateProcessW(nullptr, command_line.data(), nullptr, nullptr, FALSE, flags, nullptr,
                      nullptr, &si, &pi))
    return Error{GetLastError(), "CreateProcessW failed", ""};
  return pi;
}

}  // namespace

Result<DWORD> run_hidden(std::wstring command_line) {
  auto pi = create(command_line, CREATE_NO_WINDOW);
  if (!pi) return pi.error();
  WaitForSingleObject(pi->hProcess, INFINITE);
  DWORD code = 0;
  GetExitCodeProcess(pi->hProcess, &code);
  CloseHandle(pi->hThread);
  CloseHandle(pi->hProcess);
  return code;
}

Status open_in_console(std::wstring command_line) {
  auto pi = create(command_line, CREATE_NEW_CONSOLE);
  if (!pi) return pi.error();
  CloseHandle(pi->hThread);
  CloseHandle(pi->hProcess);
  return ok_status();
}

Status restart_windows() {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token))
    return Error{GetLastError(), "OpenProcessToken failed", ""};
  TOKEN_PRIVILEGES tp{};
  tp.PrivilegeCount = 1;
  tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
  LookupPrivilegeValueW(nullptr, SE_SHUTDOWN_NAME, &tp.Privileges[0].Luid);
  AdjustTokenPrivileges(token, FALSE, &tp, 0, nullptr, nullptr);
  CloseHandle(token);
  if (!ExitWindowsEx(EWX_REBOOT, SHTDN_REASON_MAJOR_OPERATINGSYSTEM | SHTDN_REASON_MINOR_UPGRADE |
                                     SHTDN_REASON_FLAG_PLANNED))
    return Error{GetLastError(), "ExitWindowsEx failed", ""};
  return ok_status();
}

std::wstring reports_folder() {
  PWSTR documents = nullptr;
  std::wstring folder = L"C:\\";
  if (SUCCEEDED(SHGetKnownFolderPath(FOLDERID_Documents, KF_FLAG_CREATE, nullptr, &documents)))
    folder = documents;
  CoTaskMemFree(documents);
  return folder;
}

}  // namespace wufix::gui
