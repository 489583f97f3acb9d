// Windows entry point: UTF-16 argv in, the real seam built once, the CLI run over it.
#include <windows.h>

#include "cli/cli.h"
#include "win/console.h"
#include "win/text.h"

int wmain(int argc, wchar_t** argv) {
  wufix::win::WinConsole console;
  wufix::System sys;
  sys.console = &console;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.push_back(wufix::win::narrow(argv[i]));
  return wufix::run_cli(args, sys);
}
