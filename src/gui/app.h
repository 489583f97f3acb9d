// wufix-gui's state shared by its pages, and the helpers every page uses. One App per process;
// pages reach it through their PROPSHEETPAGE's lParam.
#pragma once
#include <windows.h>

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/diagnose.h"
#include "core/gui/pages.h"
#include "core/gui/start.h"
#include "core/gui/strings.h"
#include "core/repair/repair.h"

namespace wufix::gui {

// Messages a worker thread posts to its page (lParam: a heap object the page deletes).
enum : UINT {
  kMsgDiagnosed = WM_APP + 1,   // the diagnosis is in App::diagnosis
  kMsgStepStarted,              // lParam: std::string* step id
  kMsgStepFinished,             // lParam: StepOutcome*
  kMsgProgress,                 // wParam: percent * 10
  kMsgRepaired,                 // the outcome is in App::run
  kMsgUndone,                   // lParam: std::string* text
  kMsgReported,                 // lParam: std::string* text
  kMsgInstalled,                // wParam: the install's outcome; lParam: std::string* text
};

struct App {
  System* sys = nullptr;
  RepairOptions options;
  HFONT title_font = nullptr;
  HWND sheet = nullptr;
  Diagnosis diagnosis;
  bool diagnosed = false;
  std::vector<FindingRow> findings;
  std::vector<PlanRow> plan;
  std::optional<RunOutcome> run;
  std::vector<std::string> run_steps;  // the ticked steps, in run order
  std::vector<std::string> install_options;  // passed on to `wufix.exe install` (start.h)
  std::atomic<bool> busy{false};
  std::atomic<bool> cancel{false};
  std::thread worker;

  // Starts `work` on the worker thread (after the last one has ended).
  template <class F>
  void start(F work) {
    if (worker.joinable()) worker.join();
    busy = true;
    worker = std::thread([this, work]() mutable {
      work();
      busy = false;
    });
  }
  ~App() {
    if (worker.joinable()) worker.join();
  }
};

// The pages' dialog procedures (page_*.cpp).
INT_PTR CALLBACK welcome_page(HWND page, UINT msg, WPARAM wp, LPARAM lp);
INT_PTR CALLBACK check_page(HWND page, UINT msg, WPARAM wp, LPARAM lp);
INT_PTR CALLBACK plan_page(HWND page, UINT msg, WPARAM wp, LPARAM lp);
INT_PTR CALLBACK repair_page(HWND page, UINT msg, WPARAM wp, LPARAM lp);
INT_PTR CALLBACK result_page_proc(HWND page, UINT msg, WPARAM wp, LPARAM lp);

// The start (start_win.cpp): this process's arguments; elevated, or relaunched through UAC.
std::vector<std::string> command_args();
StartDecision start_as_admin(const Platform& platform, const std::vector<std::string>& args);

// Other programs (launch.cpp): wufix.exe beside wufix-gui.exe, Explorer, a restart.
std::wstring own_path();  // this exe, whatever its name ("wufix-gui (1).exe" from a browser)
std::wstring sibling_path(const wchar_t* name);
// Runs the command line hidden and waits; the exit code, or an Error.
Result<DWORD> run_hidden(std::wstring command_line);
// Explorer with `file` selected in its folder (explorer.exe /select,FILE).
Status show_in_folder(const std::wstring& file);
// System32\shutdown.exe /r: Windows restarts now, as the user asked (a program of its own,
// not ExitWindowsEx, so that a test can stand in for it; under Wine ExitWindowsEx ends the
// whole session).
Status restart_windows();
// The folder for saved reports (Documents), created if needed.
std::wstring reports_folder();

// Page helpers (controls.cpp).
App& app_of(HWND page);  // from WM_INITDIALOG's PROPSHEETPAGE (stored in GWLP_USERDATA)
void init_page(HWND page, LPARAM init_lparam, Text title);
std::wstring wide(std::string_view utf8);
void set_text(HWND page, int id, std::string_view utf8);
void set_text(HWND page, int id, Text t);
void show(HWND page, int id, bool visible);
// A report-style list view with these columns (widths in percent of the control).
void list_columns(HWND list, const std::vector<std::pair<Text, int>>& columns);
int list_add(HWND list, std::string_view first, int image = -1);
void list_set(HWND list, int row, int column, std::string_view utf8);
// Replaces the rows of a two-column list view.
void list_fill(HWND list, const std::vector<std::pair<std::string, std::string>>& rows);
// Sets the page's result for a WM_NOTIFY (DWLP_MSGRESULT) and returns TRUE.
INT_PTR notify_result(HWND page, LONG_PTR result);

}  // namespace wufix::gui
