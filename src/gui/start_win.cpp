// wufix-gui.exe's start on Windows (core/gui/start.h): its arguments, the UAC relaunch through
// ShellExecuteExW "runas", and the message box a cancelled prompt gets.
#include <windows.h>
#include <shellapi.h>

#include "core/command_line.h"
#include "gui/app.h"
#include "win/text.h"

namespace wufix::gui {
namespace {

class WinElevationPrompt : public ElevationPrompt {
 public:
  Status relaunch_elevated(const std::vector<std::string>& args) override {
    std::wstring exe = own_path();
    std::wstring params;
    for (const auto& a : args) params += (params.empty() ? L"" : L" ") + win::widen(quote_argument(a));
    SHELLEXECUTEINFOW sei{};
    sei.cbSize = sizeof(sei);
    // NO_UI: a failure is told by our box (with Retry), not by the shell's own error dialog.
    sei.fMask = SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI;
    sei.lpVerb = L"runas";
    sei.lpFile = exe.c_str();
    sei.lpParameters = params.c_str();
    sei.nShow = SW_SHOWNORMAL;
    if (!ShellExecuteExW(&sei)) return win::last_error("ShellExecuteExW failed", win::narrow(exe));
    return ok_status();
  }
  bool ask_retry(std::string_view message) override {
    std::wstring title = wide(text(Text::AppTitle));
    return MessageBoxW(nullptr, wide(message).c_str(), title.c_str(),
                       MB_RETRYCANCEL | MB_ICONWARNING | MB_SETFOREGROUND) == IDRETRY;
  }
};

}  // namespace

std::vector<std::string> command_args() {
  int argc = 0;
  LPWSTR* argv = CommandLineToArgvW(GetCommandLineW(), &argc);
  std::vector<std::string> args;
  for (int i = 1; argv && i < argc; ++i) args.push_back(win::narrow(argv[i]));
  LocalFree(argv);
  return args;
}

StartDecision start_as_admin(const Platform& platform, const std::vector<std::string>& args) {
  WinElevationPrompt prompt;
  return start_elevated(platform, prompt, args);
}

}  // namespace wufix::gui
