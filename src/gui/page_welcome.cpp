// Page 1: what wufix will check; nothing is changed yet.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include "gui/app.h"
#include "gui/resource.h"

namespace wufix::gui {

INT_PTR CALLBACK welcome_page(HWND page, UINT msg, WPARAM, LPARAM lp) {
  switch (msg) {
    case WM_INITDIALOG:
      init_page(page, lp, Text::WelcomeTitle);
      set_text(page, IDC_BODY, Text::WelcomeBody);
      return TRUE;
    case WM_NOTIFY:
      if (reinterpret_cast<NMHDR*>(lp)->code == PSN_SETACTIVE) {
        PropSheet_SetWizButtons(GetParent(page), PSWIZB_NEXT);
        return notify_result(page, 0);
      }
      break;
  }
  return FALSE;
}

}  // namespace wufix::gui
