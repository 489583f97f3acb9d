#include "win/explorer_start.h"

#include <windows.h>
#include <shellapi.h>

#include <string>

#include "core/gui/strings.h"
#include "win/text.h"

namespace wufix::win {

bool alone_on_console() {
  DWORD ids[2];
  return GetConsoleProcessList(ids, 2) == 1;
}

int offer_gui() {
  using gui::Text;
  const std::wstring title = widen(gui::text(Text::AppTitle));
  std::wstring gui_path(MAX_PATH, L'\0');
  DWORD n = GetModuleFileNameW(nullptr, gui_path.data(), static_cast<DWORD>(gui_path.size()));
  gui_path.resize(n);
  gui_path = gui_path.substr(0, gui_path.find_last_of(L'\\') + 1) + L"wufix-gui.exe";
  if (GetFileAttributesW(gui_path.c_str()) == INVALID_FILE_ATTRIBUTES) {
    MessageBoxW(nullptr, widen(gui::text(Text::GuiMissing)).c_str(), title.c_str(), MB_ICONINFORMATION);
    return 2;
  }
  if (MessageBoxW(nullptr, widen(gui::text(Text::ExplorerStart)).c_str(), title.c_str(),
                  MB_YESNO | MB_ICONQUESTION) != IDYES)
    return 0;
  // wufix-gui.exe asks for elevation itself (core/gui/start.h): one UAC prompt, its own message
  // when that is cancelled.
  auto started = reinterpret_cast<INT_PTR>(
      ShellExecuteW(nullptr, L"open", gui_path.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  return started > 32 ? 0 : 2;
}

}  // namespace wufix::win
