// Page 5: per finding fixed / still present / needs a restart, and the buttons the run calls
// for: Restart now (only on click), Undo these changes, Save a report, Download and install KB
// (wufix.exe install, hidden; its outcome in the details box).
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include <memory>

#include <fmt/format.h>

#include "core/command_line.h"
#include "core/exit_codes.h"
#include "core/gui/session.h"
#include "gui/app.h"
#include "gui/resource.h"
#include "win/text.h"

namespace wufix::gui {
namespace {

enum : WPARAM { kInstallFailed, kInstallDone, kInstallRestart };  // kMsgInstalled's wParam

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\r\n";
  return text;
}

void fill_result(HWND page, App& app) {
  const ResultPage result = result_page(app.diagnosis, *app.run);
  HWND list = GetDlgItem(page, IDC_LIST);
  std::vector<std::pair<std::string, std::string>> cells;
  for (const auto& row : result.rows) cells.emplace_back(row.line, status_text(row.status));
  list_fill(list, cells);
  set_text(page, IDC_STATUS, result.headline);
  set_text(page, IDC_DETAILS, joined(result.step_lines));
  show(page, IDC_RESTART, result.restart_now);
  show(page, IDC_UNDO, result.undo);
  show(page, IDC_REPORT, result.save_report);
  show(page, IDC_DOWNLOAD, !result.download_kb.empty());
  set_text(page, IDC_DOWNLOAD, fmt::format(fmt::runtime(text(Text::DownloadKb)), result.download_kb));
  PropSheet_SetWizButtons(app.sheet, PSWIZB_FINISH);
  SetFocus(list);
}

// Focus leaves a button before it is disabled, so Enter still reaches Finish.
void disable(HWND page, int id) {
  SetFocus(GetDlgItem(page, IDC_LIST));
  EnableWindow(GetDlgItem(page, id), FALSE);
}

// After a successful undo the rows that were fixed are as before the run again.
void mark_undone(HWND page, const App& app) {
  const ResultPage result = result_page(app.diagnosis, *app.run);
  HWND list = GetDlgItem(page, IDC_LIST);
  for (size_t i = 0; i < result.rows.size(); ++i)
    if (result.rows[i].status == VerifyStatus::Fixed)
      list_set(list, static_cast<int>(i), 1, text(Text::StatusUndone));
}

void undo(HWND page, App& app) {
  disable(page, IDC_UNDO);
  std::string run_id = app.run->run_id;
  app.start([page, &app, run_id] {
    auto result = undo_run(*app.sys, run_id, app.options.service_timeout);
    PostMessageW(page, kMsgUndone, result.ok(), reinterpret_cast<LPARAM>(new std::string(undo_text(result))));
  });
}

// `wufix report --out FILE` (redacted), then Explorer on its folder with the file selected.
void save_report(HWND page, App& app) {
  disable(page, IDC_REPORT);
  app.start([page] {
    SYSTEMTIME t;
    GetLocalTime(&t);
    std::wstring file = reports_folder() + win::widen(fmt::format("\\wufix-report-{:04}{:02}{:02}-{:02}{:02}{:02}.md",
                                                                  t.wYear, t.wMonth, t.wDay, t.wHour, t.wMinute, t.wSecond));
    auto code = run_hidden(L"\"" + sibling_path(L"wufix.exe") + L"\" report --out \"" + file + L"\"");
    const bool saved = code && (*code == 0 || *code == 1);
    std::string message = saved ? std::string(text(Text::ReportSaved)) + "\r\n" + win::narrow(file)
                                : std::string(text(Text::ReportFailed)) +
                                      (code ? fmt::format(" (exit code {})", *code) : "\r\n" + code.error().message());
    if (saved) (void)show_in_folder(file);  // the report is saved either way; the message names it
    PostMessageW(page, kMsgReported, 0, reinterpret_cast<LPARAM>(new std::string(message)));
  });
}

// `wufix.exe install KB` (download, verify, install) hidden; its exit code in plain words.
void download(HWND page, App& app) {
  const std::string kb = result_page(app.diagnosis, *app.run).download_kb;
  disable(page, IDC_DOWNLOAD);
  set_text(page, IDC_DETAILS, fmt::format(fmt::runtime(text(Text::Installing)), kb));
  std::wstring command = L"\"" + sibling_path(L"wufix.exe") + L"\" install " + win::widen(kb);
  for (const auto& option : app.install_options) command += L" " + win::widen(quote_argument(option));
  app.start([page, kb, command] {
    auto code = run_hidden(command);
    const bool done = code && *code == exit_code::kOk;
    const bool restart = code && *code == exit_code::kRestartRequired;
    std::string message =
        done      ? fmt::format(fmt::runtime(text(Text::Installed)), kb)
        : restart ? fmt::format(fmt::runtime(text(Text::InstalledNeedsRestart)), kb)
        : fmt::format(fmt::runtime(text(Text::InstallFailed)), kb,
                      code ? fmt::format("wufix install exit code {}", *code) : code.error().message());
    const WPARAM outcome = done ? kInstallDone : restart ? kInstallRestart : kInstallFailed;
    PostMessageW(page, kMsgInstalled, outcome, reinterpret_cast<LPARAM>(new std::string(message)));
  });
}

void restart(HWND page) {
  std::wstring ask = wide(text(Text::RestartConfirm)), title = wide(text(Text::AppTitle));
  if (MessageBoxW(page, ask.c_str(), title.c_str(), MB_YESNO | MB_ICONQUESTION | MB_DEFBUTTON2) != IDYES)
    return;
  if (Status done = restart_windows(); !done) set_text(page, IDC_STATUS, done.error().message());
}

}  // namespace

INT_PTR CALLBACK result_page_proc(HWND page, UINT msg, WPARAM wp, LPARAM lp) {
  switch (msg) {
    case WM_INITDIALOG:
      init_page(page, lp, Text::ResultTitle);
      list_columns(GetDlgItem(page, IDC_LIST), {{Text::ColumnFinding, 75}, {Text::ColumnStatus, 25}});
      set_text(page, IDC_RESTART, Text::RestartNow);
      set_text(page, IDC_UNDO, Text::UndoChanges);
      set_text(page, IDC_REPORT, Text::SaveReport);
      return TRUE;
    case kMsgUndone: {
      std::unique_ptr<std::string> message(reinterpret_cast<std::string*>(lp));
      app_of(page).worker.join();
      set_text(page, IDC_STATUS, wp ? text(Text::UndoDone) : text(Text::UndoFailed));
      set_text(page, IDC_DETAILS, *message);
      if (wp) mark_undone(page, app_of(page));
      else EnableWindow(GetDlgItem(page, IDC_UNDO), TRUE);
      return TRUE;
    }
    case kMsgReported: {
      std::unique_ptr<std::string> message(reinterpret_cast<std::string*>(lp));
      app_of(page).worker.join();
      set_text(page, IDC_DETAILS, *message);
      EnableWindow(GetDlgItem(page, IDC_REPORT), TRUE);
      return TRUE;
    }
    case kMsgInstalled: {
      std::unique_ptr<std::string> message(reinterpret_cast<std::string*>(lp));
      app_of(page).worker.join();
      set_text(page, IDC_DETAILS, *message);
      if (wp == kInstallRestart) show(page, IDC_RESTART, true);
      if (wp == kInstallFailed) EnableWindow(GetDlgItem(page, IDC_DOWNLOAD), TRUE);
      return TRUE;
    }
    case WM_COMMAND:
      if (HIWORD(wp) != BN_CLICKED || app_of(page).busy) break;
      switch (LOWORD(wp)) {
        case IDC_UNDO: undo(page, app_of(page)); return TRUE;
        case IDC_REPORT: save_report(page, app_of(page)); return TRUE;
        case IDC_DOWNLOAD: download(page, app_of(page)); return TRUE;
        case IDC_RESTART: restart(page); return TRUE;
      }
      break;
    case WM_NOTIFY: {
      auto* hdr = reinterpret_cast<NMHDR*>(lp);
      App& app = app_of(page);
      switch (hdr->code) {
        case PSN_SETACTIVE:
          fill_result(page, app);
          return notify_result(page, 0);
        case PSN_QUERYCANCEL:
        case PSN_WIZFINISH:
          return notify_result(page, app.busy ? TRUE : FALSE);  // never close mid-undo
        case PSN_WIZBACK:
          return notify_result(page, -1);
      }
      break;
    }
  }
  return FALSE;
}

}  // namespace wufix::gui
