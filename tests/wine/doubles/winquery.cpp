// winquery.exe TITLE: what a screen reader or UI Automation client reads of another program's
// windows, for the GUI tests. For each visible top-level window titled TITLE: a line
// "window <class> dpi=<awareness>", then one line per descendant control:
//   <id> TAB <class> TAB <flags> TAB <text>
// flags: v visible, e enabled, f has the keyboard focus; <text> is the control's window text
// (WM_GETTEXT, as accessibility reads it), for a progress bar "<pos>/<max>", for a list view
// "rows=N checked=I,J selected=K" (LVM_GETITEMSTATE: no buffer crosses the processes). Exit 1
// when no window has TITLE.
#define _WIN32_WINNT 0x0A00
#include <windows.h>
#include <commctrl.h>

#include <cstdio>
#include <string>

#include "common.h"

namespace {

HWND g_focus = nullptr;

std::wstring class_of(HWND w) {
  wchar_t name[128] = {};
  GetClassNameW(w, name, 128);
  return name;
}

std::wstring text_of(HWND w) {
  if (dbl::iequals(class_of(w), L"msctls_progress32")) {
    LRESULT pos = SendMessageW(w, PBM_GETPOS, 0, 0);
    LRESULT max = SendMessageW(w, PBM_GETRANGE, FALSE, 0);
    return std::to_wstring(pos) + L"/" + std::to_wstring(max);
  }
  if (dbl::iequals(class_of(w), L"SysListView32")) {  // no text: rows, ticked and selected rows
    const int rows = static_cast<int>(SendMessageW(w, LVM_GETITEMCOUNT, 0, 0));
    std::wstring checked, selected;
    for (int i = 0; i < rows; ++i) {
      LRESULT state = SendMessageW(w, LVM_GETITEMSTATE, i, LVIS_STATEIMAGEMASK | LVIS_SELECTED);
      if (((state & LVIS_STATEIMAGEMASK) >> 12) == 2) checked += (checked.empty() ? L"" : L",") + std::to_wstring(i);
      if (state & LVIS_SELECTED) selected += (selected.empty() ? L"" : L",") + std::to_wstring(i);
    }
    return L"rows=" + std::to_wstring(rows) + L" checked=" + checked + L" selected=" + selected;
  }
  wchar_t text[4096] = {};
  SendMessageTimeoutW(w, WM_GETTEXT, 4096, reinterpret_cast<LPARAM>(text), SMTO_ABORTIFHUNG, 2000, nullptr);
  std::wstring t = text;
  for (auto& c : t)
    if (c == L'\r' || c == L'\n' || c == L'\t') c = L' ';
  return t;
}

BOOL CALLBACK print_control(HWND w, LPARAM) {
  std::wstring flags;
  if (IsWindowVisible(w)) flags += L'v';
  if (IsWindowEnabled(w)) flags += L'e';
  if (w == g_focus) flags += L'f';
  std::wstring line = std::to_wstring(GetDlgCtrlID(w)) + L"\t" + class_of(w) + L"\t" + flags + L"\t" + text_of(w) + L"\n";
  fputs(dbl::to_utf8(line).c_str(), stdout);
  return TRUE;
}

const char* awareness(HWND w) {
  DPI_AWARENESS_CONTEXT ctx = GetWindowDpiAwarenessContext(w);
  if (!ctx) return "?";
  if (AreDpiAwarenessContextsEqual(ctx, DPI_AWARENESS_CONTEXT_PER_MONITOR_AWARE_V2)) return "permonitorv2";
  switch (GetAwarenessFromDpiAwarenessContext(ctx)) {
    case DPI_AWARENESS_UNAWARE: return "unaware";
    case DPI_AWARENESS_SYSTEM_AWARE: return "system";
    case DPI_AWARENESS_PER_MONITOR_AWARE: return "permonitor";
    default: return "?";
  }
}

struct Search {
  std::wstring title;
  int found = 0;
};

BOOL CALLBACK print_window(HWND w, LPARAM lp) {
  auto* search = reinterpret_cast<Search*>(lp);
  if (!IsWindowVisible(w)) return TRUE;
  wchar_t title[512] = {};
  GetWindowTextW(w, title, 512);
  if (search->title != title) return TRUE;
  ++search->found;
  GUITHREADINFO info{};
  info.cbSize = sizeof(info);
  g_focus = GetGUIThreadInfo(GetWindowThreadProcessId(w, nullptr), &info) ? info.hwndFocus : nullptr;
  std::printf("window %s dpi=%s\n", dbl::to_utf8(class_of(w)).c_str(), awareness(w));
  EnumChildWindows(w, print_control, 0);
  return TRUE;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc != 2) {
    fputs("usage: winquery TITLE\n", stderr);
    return 2;
  }
  Search search{argv[1]};
  EnumWindows(print_window, reinterpret_cast<LPARAM>(&search));
  return search.found ? 0 : 1;
}
