// Page 3: one checkbox per repair step, ticked as diagnose recommends; the exact plan (the
// dry-run backend) on request.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include "core/gui/session.h"
#include "gui/app.h"
#include "gui/resource.h"

namespace wufix::gui {
namespace {

void read_ticks(HWND page, App& app) {
  HWND list = GetDlgItem(page, IDC_LIST);
  for (size_t i = 0; i < app.plan.size(); ++i)
    app.plan[i].ticked = ListView_GetCheckState(list, static_cast<int>(i)) != 0;
}

void update_next(HWND page, App& app) {
  read_ticks(page, app);
  bool can_repair = app.diagnosis.surely_elevated() && !ticked_steps(app.plan).empty();
  PropSheet_SetWizButtons(app.sheet, PSWIZB_BACK | (can_repair ? PSWIZB_NEXT : 0));
}

void fill_plan(HWND page, App& app) {
  HWND list = GetDlgItem(page, IDC_LIST);
  // app.plan stays empty while the rows go in: each insert and tick sends LVN_ITEMCHANGED,
  // whose handler must not read the ticks of rows not there yet.
  app.plan.clear();
  const auto rows = plan_rows(app.diagnosis);
  std::vector<std::pair<std::string, std::string>> cells;
  for (const auto& r : rows) cells.emplace_back(r.label, text(r.ticked ? Text::PlanCalledFor : Text::PlanOptional));
  list_fill(list, cells);
  for (size_t row = 0; row < rows.size(); ++row) ListView_SetCheckState(list, static_cast<int>(row), rows[row].ticked);
  app.plan = rows;
  ListView_SetItemState(list, 0, LVIS_SELECTED | LVIS_FOCUSED, LVIS_SELECTED | LVIS_FOCUSED);
  if (!app.diagnosis.surely_elevated()) set_text(page, IDC_BODY, Text::NotElevated);
  else if (ticked_steps(app.plan).empty()) set_text(page, IDC_BODY, Text::PlanNothing);
  else set_text(page, IDC_BODY, Text::PlanBody);
  set_text(page, IDC_DETAILS, "");
  update_next(page, app);
}

}  // namespace

INT_PTR CALLBACK plan_page(HWND page, UINT msg, WPARAM wp, LPARAM lp) {
  switch (msg) {
    case WM_INITDIALOG: {
      init_page(page, lp, Text::PlanTitle);
      set_text(page, IDC_SHOW_PLAN, Text::ShowPlan);
      HWND list = GetDlgItem(page, IDC_LIST);
      list_columns(list, {{Text::ColumnStep, 75}, {Text::ColumnStatus, 25}});
      ListView_SetExtendedListViewStyle(list, LVS_EX_FULLROWSELECT | LVS_EX_CHECKBOXES);
      return TRUE;
    }
    case WM_COMMAND:
      if (LOWORD(wp) == IDC_SHOW_PLAN && HIWORD(wp) == BN_CLICKED) {
        App& app = app_of(page);
        read_ticks(page, app);
        set_text(page, IDC_DETAILS, plan_text(*app.sys, app.options, ticked_steps(app.plan)));
        return TRUE;
      }
      break;
    case WM_NOTIFY: {
      auto* hdr = reinterpret_cast<NMHDR*>(lp);
      App& app = app_of(page);
      switch (hdr->code) {
        case PSN_SETACTIVE:
          fill_plan(page, app);
          SetFocus(GetDlgItem(page, IDC_LIST));
          return notify_result(page, 0);
        case LVN_ITEMCHANGED:
          if (hdr->idFrom == IDC_LIST && !app.plan.empty()) update_next(page, app);
          break;
        case PSN_WIZNEXT:
          read_ticks(page, app);
          app.run_steps = ticked_steps(app.plan);
          return notify_result(page, 0);
      }
      break;
    }
  }
  return FALSE;
}

}  // namespace wufix::gui
