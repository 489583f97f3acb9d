// Page 4: the chosen steps run on the worker thread through run_verified_repair, the same call
// `wufix repair` makes; each step's status and the live progress (sfc, DISM) come through
// RunHooks. Cancel stops after the step under way: that step finishes or rolls itself back.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include <algorithm>
#include <memory>

#include "core/repair/verified_run.h"
#include "gui/app.h"
#include "gui/resource.h"

namespace wufix::gui {
namespace {

int row_of(const App& app, std::string_view step) {
  auto it = std::find(app.run_steps.begin(), app.run_steps.end(), step);
  return it == app.run_steps.end() ? -1 : static_cast<int>(it - app.run_steps.begin());
}

// A run that could not begin (no journal): one failed step saying why, nothing changed.
RunOutcome refused_run(const std::string& first_step, const Error& error) {
  RunOutcome run;
  StepOutcome step;
  step.id = first_step;
  step.status = StepStatus::Failed;
  step.report.error = error;
  run.steps.push_back(step);
  return run;
}

RunHooks hooks_for(HWND page, App& app) {
  RunHooks hooks;
  hooks.step_started = [page](const std::string& id) {
    PostMessageW(page, kMsgStepStarted, 0, reinterpret_cast<LPARAM>(new std::string(id)));
  };
  hooks.step_finished = [page](const StepOutcome& s) {
    PostMessageW(page, kMsgStepFinished, 0, reinterpret_cast<LPARAM>(new StepOutcome(s)));
  };
  hooks.progress = [page](std::string_view, double percent) {
    PostMessageW(page, kMsgProgress, static_cast<WPARAM>(percent * 10), 0);
  };
  hooks.cancelled = [&app] { return app.cancel.load(); };
  return hooks;
}

void start_repair(HWND page, App& app) {
  PropSheet_SetWizButtons(app.sheet, 0);
  set_text(page, IDC_STATUS, Text::RepairingBody);
  HWND list = GetDlgItem(page, IDC_LIST);
  std::vector<std::pair<std::string, std::string>> cells;
  for (const auto& id : app.run_steps) cells.emplace_back(step_label(id), text(Text::StepWaiting));
  list_fill(list, cells);
  SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETRANGE32, 0, 1000);
  SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETPOS, 0, 0);
  app.cancel = false;
  app.run.reset();
  RunHooks hooks = hooks_for(page, app);
  app.start([page, &app, hooks] {
    auto run = run_verified_repair(*app.sys, app.options, diagnose_options_for(app.options), hooks,
                                   new_run_id(*app.sys), app.run_steps);
    app.run = run ? *run : refused_run(app.run_steps.front(), run.error());
    PostMessageW(page, kMsgRepaired, 0, 0);
  });
}

}  // namespace

INT_PTR CALLBACK repair_page(HWND page, UINT msg, WPARAM wp, LPARAM lp) {
  switch (msg) {
    case WM_INITDIALOG:
      init_page(page, lp, Text::RepairingTitle);
      list_columns(GetDlgItem(page, IDC_LIST), {{Text::ColumnStep, 55}, {Text::ColumnStatus, 45}});
      return TRUE;
    case kMsgStepStarted: {
      std::unique_ptr<std::string> id(reinterpret_cast<std::string*>(lp));
      int row = row_of(app_of(page), *id);
      if (row >= 0) list_set(GetDlgItem(page, IDC_LIST), row, 1, text(Text::StepRunning));
      SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETPOS, 0, 0);
      return TRUE;
    }
    case kMsgStepFinished: {
      std::unique_ptr<StepOutcome> step(reinterpret_cast<StepOutcome*>(lp));
      int row = row_of(app_of(page), step->id);
      if (row >= 0) list_set(GetDlgItem(page, IDC_LIST), row, 1, step_status_text(*step));
      SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETPOS, 1000, 0);
      return TRUE;
    }
    case kMsgProgress:
      SendDlgItemMessageW(page, IDC_PROGRESS, PBM_SETPOS, wp, 0);
      return TRUE;
    case kMsgRepaired: {
      App& app = app_of(page);
      app.worker.join();
      PropSheet_SetWizButtons(app.sheet, PSWIZB_NEXT);
      PropSheet_PressButton(app.sheet, PSBTN_NEXT);
      return TRUE;
    }
    case WM_NOTIFY: {
      auto* hdr = reinterpret_cast<NMHDR*>(lp);
      App& app = app_of(page);
      switch (hdr->code) {
        case PSN_SETACTIVE:
          if (!app.busy) start_repair(page, app);
          return notify_result(page, 0);
        case PSN_QUERYCANCEL:
          if (!app.busy) return notify_result(page, FALSE);
          app.cancel = true;  // the worker stops before the next step, then shows the result
          set_text(page, IDC_STATUS, Text::CancelWaiting);
          return notify_result(page, TRUE);
        case PSN_WIZBACK:
          return notify_result(page, -1);  // no way back once the repair has begun
      }
      break;
    }
  }
  return FALSE;
}

}  // namespace wufix::gui
