// Windows entry point: UTF-16 argv in, the real seam built once, the CLI run over it.
#include <windows.h>

#include <cstdio>

#include "cli/cli.h"
#include "win/explorer_start.h"
#include "win/text.h"
#include "win/win_system.h"

int wmain(int argc, wchar_t** argv) {
  // Before any DLL that is not a KnownDLL loads (winhttp, wintrust, crypt32 and bcrypt are
  // delay-loaded, see CMakeLists.txt): System32 only, never the folder wufix.exe was started
  // from, where anyone may have planted a winhttp.dll.
  if (!SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32)) {
    fputs("wufix: error: SetDefaultDllDirectories failed; refusing to run\n", stderr);
    return 2;
  }
  // Double-clicked in Explorer, with nothing to do: say what wufix is instead of flashing a
  // console window shut, and offer the wizard.
  if (argc == 1 && wufix::win::alone_on_console()) return wufix::win::offer_gui();
  wufix::win::WinSystem win;

  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.push_back(wufix::win::narrow(argv[i]));
  wufix::Upkeep upkeep;
  upkeep.cleaner = &win.cleaner;
  upkeep.tasks = &win.tasks;
  upkeep.event_log = &win.event_log;
  upkeep.sharing = &win.sharing;
  upkeep.log_files = &win.log_files;
  upkeep.program_path = wufix::win::program_path();
  return wufix::run_cli(args, win.sys, wufix::win::image_signed(), upkeep);
}
