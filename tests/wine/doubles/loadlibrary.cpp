// loadlibrary.exe NAME: LoadLibraryW(NAME) with the default search order and no
// SetDefaultDllDirectories, as a program without wufix's protection does. The control of the
// DLL-planting test: with a planted DLL beside it, this one must load the plant, so the test
// proves the plant works and that wufix.exe ignoring it means something.
// Exit code: 0 loaded, 1 not loaded, 2 usage.
#include <windows.h>

int wmain(int argc, wchar_t** argv) {
  if (argc != 2) return 2;
  return LoadLibraryW(argv[1]) ? 0 : 1;
}
