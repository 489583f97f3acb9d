// holddir.exe PATH SECONDS: opens PATH (a directory or a file) without FILE_SHARE_DELETE and
// holds the handle for SECONDS, so renaming or deleting PATH fails meanwhile.
// Prints "held PATH" once the handle is open (the harness waits for that line).
#include <windows.h>

#include <cstdio>
#include <cstdlib>

int wmain(int argc, wchar_t** argv) {
  if (argc != 3) {
    fwprintf(stderr, L"usage: holddir PATH SECONDS\n");
    return 2;
  }
  HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                         FILE_FLAG_BACKUP_SEMANTICS, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    fwprintf(stderr, L"holddir: cannot open %ls: error %lu\n", argv[1], GetLastError());
    return 1;
  }
  wprintf(L"held %ls\n", argv[1]);
  fflush(stdout);
  Sleep((DWORD)wcstoul(argv[2], nullptr, 10) * 1000);
  CloseHandle(h);
  return 0;
}
