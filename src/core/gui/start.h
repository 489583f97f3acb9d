// How wufix-gui.exe starts (issue #15). Its manifest is asInvoker, not requireAdministrator:
// with requireAdministrator Windows itself refuses to start the exe when the UAC prompt is
// cancelled, and nothing of ours runs to say why. So the exe starts as the user, and when its
// token is not elevated it starts itself again through the UAC prompt (the one prompt at
// start); a cancelled prompt gets our message, with Retry. Portable: the Windows side is
// ElevationPrompt (src/gui/start_win.cpp), faked in the unit tests (Wine runs every process
// elevated, so only a fake reaches the not-elevated branch).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/seam.h"

namespace wufix::gui {

// The argument the elevated copy is started with: it never asks again (no prompt loop when
// UAC is off and "Run as administrator" gives the same standard token).
inline constexpr std::string_view kRelaunchedArg = "--elevated";

// ERROR_CANCELLED: the user answered No (or closed the prompt) in the UAC dialog.
inline constexpr uint32_t kUacCancelled = 1223;

class ElevationPrompt {
 public:
  virtual ~ElevationPrompt() = default;
  // Starts this exe again with `args` through the UAC prompt (ShellExecuteExW "runas") and
  // returns once it started; an Error with code kUacCancelled when the prompt was cancelled.
  virtual Status relaunch_elevated(const std::vector<std::string>& args) = 0;
  // A message box with Retry and Cancel; true for Retry.
  virtual bool ask_retry(std::string_view message) = 0;
};

struct StartDecision {
  bool run_wizard = false;
  int exit_code = 0;  // when !run_wizard: 0 (the elevated copy carries on) or 3 (needs elevation)
};

// `args`: this process's arguments (without the exe). Elevated, or the elevated copy, or a
// token that cannot be read: the wizard runs here (a not-elevated wizard checks and says that
// repairs need administrator rights). Otherwise: relaunch through UAC, asking again on Retry.
StartDecision start_elevated(const Platform& platform, ElevationPrompt& prompt,
                             const std::vector<std::string>& args);

// The options of wufix-gui.exe's command line that its "Download and install" passes on to
// `wufix.exe install` (the tests' local catalog: --catalog-url URL, --allow-unsigned, --os V,
// --arch A); everything else is dropped.
std::vector<std::string> install_options(const std::vector<std::string>& args);

}  // namespace wufix::gui
