// Small helpers over Win32 controls, shared by the pages.
#include <windows.h>
#include <commctrl.h>
#include <prsht.h>

#include "gui/app.h"
#include "gui/resource.h"
#include "win/text.h"

namespace wufix::gui {

App& app_of(HWND page) { return *reinterpret_cast<App*>(GetWindowLongPtrW(page, GWLP_USERDATA)); }

void init_page(HWND page, LPARAM init_lparam, Text title) {
  auto* psp = reinterpret_cast<PROPSHEETPAGEW*>(init_lparam);
  SetWindowLongPtrW(page, GWLP_USERDATA, psp->lParam);
  App& app = app_of(page);
  app.sheet = GetParent(page);
  set_text(page, IDC_TITLE, title);
  SendDlgItemMessageW(page, IDC_TITLE, WM_SETFONT, reinterpret_cast<WPARAM>(app.title_font), TRUE);
}

std::wstring wide(std::string_view utf8) { return win::widen(utf8); }

void set_text(HWND page, int id, std::string_view utf8) {
  SetDlgItemTextW(page, id, wide(utf8).c_str());
}
void set_text(HWND page, int id, Text t) { set_text(page, id, text(t)); }

void show(HWND page, int id, bool visible) {
  ShowWindow(GetDlgItem(page, id), visible ? SW_SHOW : SW_HIDE);
}

void list_columns(HWND list, const std::vector<std::pair<Text, int>>& columns) {
  ListView_SetExtendedListViewStyle(list, LVS_EX_FULLROWSELECT | LVS_EX_DOUBLEBUFFER);
  RECT r{};
  GetClientRect(list, &r);
  const int width = r.right - r.left - GetSystemMetrics(SM_CXVSCROLL);
  int i = 0;
  for (const auto& [title, percent] : columns) {
    std::wstring name = wide(text(title));
    LVCOLUMNW col{};
    col.mask = LVCF_TEXT | LVCF_WIDTH;
    col.pszText = name.data();
    col.cx = width * percent / 100;
    ListView_InsertColumn(list, i++, &col);
  }
}

int list_add(HWND list, std::string_view first, int image) {
  std::wstring t = wide(first);
  LVITEMW item{};
  item.mask = LVIF_TEXT | (image >= 0 ? LVIF_IMAGE : 0);
  item.iItem = ListView_GetItemCount(list);
  item.pszText = t.data();
  item.iImage = image;
  return static_cast<int>(SendMessageW(list, LVM_INSERTITEMW, 0, reinterpret_cast<LPARAM>(&item)));
}

void list_set(HWND list, int row, int column, std::string_view utf8) {
  std::wstring t = wide(utf8);
  LVITEMW item{};
  item.iSubItem = column;
  item.pszText = t.data();
  SendMessageW(list, LVM_SETITEMTEXTW, row, reinterpret_cast<LPARAM>(&item));
}

void list_fill(HWND list, const std::vector<std::pair<std::string, std::string>>& rows) {
  ListView_DeleteAllItems(list);
  for (const auto& [first, second] : rows) list_set(list, list_add(list, first), 1, second);
}

INT_PTR notify_result(HWND page, LONG_PTR result) {
  SetWindowLongPtrW(page, DWLP_MSGRESULT, result);
  return TRUE;
}

}  // namespace wufix::gui
