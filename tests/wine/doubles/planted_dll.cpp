// winhttp.dll as an attacker would plant it beside wufix.exe in a Downloads folder (issue #11):
// a DLL that, once loaded, writes "<its own path>.loaded". Exports nothing, so whoever loads
// it gets no WinHTTP; the marker file is the evidence that the loader picked it at all.
// Built by tests/wine/doubles/CMakeLists.txt as planted/winhttp.dll.
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID) {
  if (reason != DLL_PROCESS_ATTACH) return TRUE;
  wchar_t path[MAX_PATH + 16];
  DWORD n = GetModuleFileNameW(self, path, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return TRUE;
  lstrcatW(path, L".loaded");
  HANDLE marker = CreateFileW(path, GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (marker != INVALID_HANDLE_VALUE) CloseHandle(marker);
  return TRUE;
}
