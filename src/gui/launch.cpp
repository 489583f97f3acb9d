// The programs wufix-gui starts: wufix.exe from its own folder (report, install), Explorer
// on a saved report, and the restart the user asked for.
#include <windows.h>
#include <shlobj.h>

#include "gui/app.h"

namespace wufix::gui {

std::wstring own_path() {
  std::wstring path(MAX_PATH, L'\0');
  DWORD n = 0;
  while ((n = GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()))) == path.size())
    path.resize(path.size() * 2);
  path.resize(n);
  return path;
}

std::wstring sibling_path(const wchar_t* name) {
  const std::wstring path = own_path();
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

namespace {

std::wstring system_dir() {
  wchar_t dir[MAX_PATH];
  UINT n = GetSystemDirectoryW(dir, MAX_PATH);
  return std::wstring(dir, n < MAX_PATH ? n : 0);
}

std::wstring windows_dir() {
  wchar_t dir[MAX_PATH];
  UINT n = GetSystemWindowsDirectoryW(dir, MAX_PATH);
  return std::wstring(dir, n < MAX_PATH ? n : 0);
}

// Starts the command line and lets it run on its own.
Status start_detached(std::wstring command_line) {
  auto pi = create(command_line, 0);
  if (!pi) return pi.error();
  CloseHandle(pi->hThread);
  CloseHandle(pi->hProcess);
  return ok_status();
}

}  // namespace

Status show_in_folder(const std::wstring& file) {
  return start_detached(L"\"" + windows_dir() + L"\\explorer.exe\" /select,\"" + file + L"\"");
}

Status restart_windows() {
  // /d p:2:17: planned, operating system, hotfix (what Windows Update itself records).
  auto code = run_hidden(L"\"" + system_dir() + L"\\shutdown.exe\" /r /t 0 /d p:2:17");
  if (!code) return code.error();
  if (*code != 0) return Error{*code, "shutdown.exe /r failed", ""};
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
