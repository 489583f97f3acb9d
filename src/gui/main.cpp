// wufix-gui.exe: the troubleshooter-style wizard over the same core and seam as wufix.exe
// (issue #15). Five property-sheet wizard pages; the work runs on a worker thread.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include "gui/app.h"
#include "gui/resource.h"
#include "win/win_system.h"

namespace {

HFONT make_title_font() {
  NONCLIENTMETRICSW metrics{};
  metrics.cbSize = sizeof(metrics);
  SystemParametersInfoW(SPI_GETNONCLIENTMETRICS, sizeof(metrics), &metrics, 0);
  LOGFONTW font = metrics.lfMessageFont;
  font.lfWeight = FW_BOLD;
  font.lfHeight = font.lfHeight * 3 / 2;
  return CreateFontIndirectW(&font);
}

}  // namespace

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE, PWSTR, int) {
  using namespace wufix::gui;
  const std::wstring title = wide(text(Text::AppTitle));
  // As wufix.exe: System32 only for the delay-loaded DLLs, never the download folder.
  if (!SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32)) {
    MessageBoxW(nullptr, L"SetDefaultDllDirectories failed; refusing to run", title.c_str(), MB_ICONERROR);
    return 2;
  }
  INITCOMMONCONTROLSEX controls{sizeof(controls), ICC_LISTVIEW_CLASSES | ICC_PROGRESS_CLASS | ICC_STANDARD_CLASSES};
  InitCommonControlsEx(&controls);

  wufix::win::WinSystem win;
  const std::vector<std::string> args = command_args();
  if (StartDecision start = start_as_admin(win.platform, args); !start.run_wizard)
    return start.exit_code;
  App app;
  app.sys = &win.sys;
  app.install_options = install_options(args);
  app.title_font = make_title_font();

  struct PageSpec {
    int dialog;
    DLGPROC proc;
  };
  const PageSpec specs[] = {{IDD_WELCOME, welcome_page}, {IDD_CHECK, check_page},
                            {IDD_PLAN, plan_page},       {IDD_REPAIR, repair_page},
                            {IDD_RESULT, result_page_proc}};
  PROPSHEETPAGEW pages[5] = {};
  for (int i = 0; i < 5; ++i) {
    pages[i].dwSize = sizeof(PROPSHEETPAGEW);
    pages[i].dwFlags = PSP_USETITLE;
    pages[i].hInstance = instance;
    pages[i].pszTemplate = MAKEINTRESOURCEW(specs[i].dialog);
    pages[i].pfnDlgProc = specs[i].proc;
    pages[i].pszTitle = title.c_str();
    pages[i].lParam = reinterpret_cast<LPARAM>(&app);
  }
  PROPSHEETHEADERW sheet{};
  sheet.dwSize = sizeof(sheet);
  sheet.dwFlags = PSH_WIZARD | PSH_PROPSHEETPAGE | PSH_NOAPPLYNOW;
  sheet.hInstance = instance;
  sheet.pszCaption = title.c_str();
  sheet.nPages = 5;
  sheet.ppsp = pages;
  PropertySheetW(&sheet);
  DeleteObject(app.title_font);
  return 0;
}
