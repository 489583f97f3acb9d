// The real seam, built once per process: every Win32 implementation wired into one System.
// Shared by wufix.exe (src/win/main.cpp) and wufix-gui.exe (src/gui/main.cpp).
#pragma once
#include "core/seam.h"
#include "core/seam_upkeep.h"
#include "win/clock.h"
#include "win/console.h"
#include "win/crypto.h"
#include "win/file_cleaner.h"
#include "win/files.h"
#include "win/http.h"
#include "win/log_files.h"
#include "win/network.h"
#include "win/platform.h"
#include "win/processes.h"
#include "win/proxy.h"
#include "win/registry.h"
#include "win/security_center.h"
#include "win/services.h"
#include "win/task_scheduler.h"
#include "win/update_agent.h"

namespace wufix::win {

struct WinSystem {
  WinConsole console;
  WinRegistry registry;
  WinServices services;
  WinFiles files;
  WinClock clock;
  WinNetwork network;
  WinUpdateAgent update_agent;
  WinSecurityCenter security_center;
  WinPlatform platform;
  WinProcesses processes;
  WinHttp http;
  WinCrypto crypto;
  WinProxySettings proxy;
  WinFileCleaner cleaner;  // not in System: only cleanup deletes (core/seam_upkeep.h)
  WinTaskScheduler tasks;  // not in System either: schedule's (core/seam_tasks.h)
  WinEventLog event_log;
  WinFolderSharing sharing;
  WinLogFiles log_files;   // --log (core/seam_log.h)
  System sys;

  WinSystem() {
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
  }
  WinSystem(const WinSystem&) = delete;
  WinSystem& operator=(const WinSystem&) = delete;
};

}  // namespace wufix::win
