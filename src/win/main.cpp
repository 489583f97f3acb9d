// Windows entry point: UTF-16 argv in, the real seam built once, the CLI run over it.
#include <windows.h>

#include <cstdio>

#include "cli/cli.h"
#include "win/clock.h"
#include "win/console.h"
#include "win/crypto.h"
#include "win/file_cleaner.h"
#include "win/files.h"
#include "win/http.h"
#include "win/network.h"
#include "win/platform.h"
#include "win/processes.h"
#include "win/proxy.h"
#include "win/registry.h"
#include "win/security_center.h"
#include "win/services.h"
#include "win/text.h"
#include "win/update_agent.h"

int wmain(int argc, wchar_t** argv) {
  // Before any DLL that is not a KnownDLL loads (winhttp, wintrust, crypt32 and bcrypt are
  // delay-loaded, see CMakeLists.txt): System32 only, never the folder wufix.exe was started
  // from, where anyone may have planted a winhttp.dll.
  if (!SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32)) {
    fputs("wufix: error: SetDefaultDllDirectories failed; refusing to run\n", stderr);
    return 2;
  }
  wufix::win::WinConsole console;
  wufix::win::WinRegistry registry;
  wufix::win::WinServices services;
  wufix::win::WinFiles files;
  wufix::win::WinClock clock;
  wufix::win::WinNetwork network;
  wufix::win::WinUpdateAgent update_agent;
  wufix::win::WinSecurityCenter security_center;
  wufix::win::WinPlatform platform;
  wufix::win::WinProcesses processes;
  wufix::win::WinHttp http;
  wufix::win::WinCrypto crypto;
  wufix::win::WinProxySettings proxy;
  wufix::win::WinFileCleaner cleaner;

  wufix::System sys;
  sys.console = &console;
  sys.registry = &registry;
  sys.services = &services;
  sys.files = &files;
  sys.clock = &clock;
  sys.network = &network;
  sys.update_agent = &update_agent;
  sys.security_center = &security_center;
  sys.platform = &platform;
  sys.processes = &processes;
  sys.http = &http;
  sys.crypto = &crypto;
  sys.registry_editor = &registry;
  sys.proxy = &proxy;

  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.push_back(wufix::win::narrow(argv[i]));
  wufix::Upkeep upkeep;
  upkeep.cleaner = &cleaner;
  return wufix::run_cli(args, sys, wufix::win::image_signed(), upkeep);
}
