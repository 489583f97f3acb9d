// Page 2: diagnose on the worker thread (a marquee while it runs), then the findings, one line
// each with its severity icon; the selected one's evidence below.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include "core/repair/verified_run.h"
#include "gui/app.h"
#include "gui/resource.h"

namespace wufix::gui {
namespace {

void start_diagnose(HWND page, App& app) {
  PropSheet_SetWizButtons(app.sheet, 0);
  set_text(page, IDC_STATUS, Text::Checking);
  show(page, IDC_PROGRESS, true);
  SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETMARQUEE, TRUE, 40);
  ListView_DeleteAllItems(GetDlgItem(page, IDC_LIST));
  app.start([page, &app] {
    app.diagnosis = run_diagnose(*app.sys, diagnose_options_for(app.options));
    PostMessageW(page, kMsgDiagnosed, 0, 0);
  });
}

void show_findings(HWND page, App& app) {
  app.worker.join();
  app.diagnosed = true;
  SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETMARQUEE, FALSE, 0);
  show(page, IDC_PROGRESS, false);
  app.findings = finding_rows(app.diagnosis);
  HWND list = GetDlgItem(page, IDC_LIST);
  for (const auto& row : app.findings) list_add(list, row.line, static_cast<int>(row.icon));
  set_text(page, IDC_STATUS, app.diagnosis.has_problems() ? Text::CheckedProblems : Text::CheckedHealthy);
  if (!app.findings.empty()) {
    ListView_SetItemState(list, 0, LVIS_SELECTED | LVIS_FOCUSED, LVIS_SELECTED | LVIS_FOCUSED);
  }
  PropSheet_SetWizButtons(app.sheet, PSWIZB_BACK | PSWIZB_NEXT);
  SetFocus(list);
}

HIMAGELIST severity_icons() {
  const int size = GetSystemMetrics(SM_CXSMICON);
  HIMAGELIST icons = ImageList_Create(size, size, ILC_COLOR32 | ILC_MASK, 3, 0);
  for (auto* id : {IDI_ERROR, IDI_WARNING, IDI_INFORMATION})  // in Icon's order
    ImageList_AddIcon(icons, LoadIconW(nullptr, id));
  return icons;
}

}  // namespace

INT_PTR CALLBACK check_page(HWND page, UINT msg, WPARAM, LPARAM lp) {
  switch (msg) {
    case WM_INITDIALOG: {
      init_page(page, lp, Text::CheckingTitle);
      set_text(page, IDC_DETAILS_LABEL, Text::DetailsLabel);
      HWND list = GetDlgItem(page, IDC_LIST);
      list_columns(list, {{Text::ColumnFinding, 100}});
      ListView_SetImageList(list, severity_icons(), LVSIL_SMALL);
      return TRUE;
    }
    case kMsgDiagnosed:
      show_findings(page, app_of(page));
      return TRUE;
    case WM_NOTIFY: {
      auto* hdr = reinterpret_cast<NMHDR*>(lp);
      App& app = app_of(page);
      if (hdr->code == PSN_SETACTIVE) {
        if (!app.diagnosed && !app.busy) start_diagnose(page, app);
        else if (app.diagnosed) PropSheet_SetWizButtons(app.sheet, PSWIZB_BACK | PSWIZB_NEXT);
        return notify_result(page, 0);
      }
      // A double-click on a finding moves to its details (Alt+D and Tab do from the keyboard).
      if (hdr->code == LVN_ITEMACTIVATE && hdr->idFrom == IDC_LIST) SetFocus(GetDlgItem(page, IDC_DETAILS));
      if (hdr->code == LVN_ITEMCHANGED && hdr->idFrom == IDC_LIST) {
        auto* change = reinterpret_cast<NMLISTVIEW*>(lp);
        if ((change->uNewState & LVIS_SELECTED) && change->iItem >= 0 &&
            change->iItem < static_cast<int>(app.findings.size()))
          set_text(page, IDC_DETAILS, app.findings[change->iItem].details);
      }
      break;
    }
  }
  return FALSE;
}

}  // namespace wufix::gui
