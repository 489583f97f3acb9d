#include "win/console.h"

#include <vector>

#include "win/text.h"

namespace wufix::win {
namespace {

bool is_console(HANDLE h) {
  DWORD mode = 0;
  return h != nullptr && h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode) != 0;
}

void enable_ansi(HANDLE h) {  // Windows 10 consoles understand ANSI colour once asked
  DWORD mode = 0;
  if (GetConsoleMode(h, &mode)) SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}

}  // namespace

WinConsole::WinConsole()
    : out_(GetStdHandle(STD_OUTPUT_HANDLE)),
      err_(GetStdHandle(STD_ERROR_HANDLE)),
      out_console_(is_console(out_)),
      err_console_(is_console(err_)) {
  if (out_console_) enable_ansi(out_);
  if (err_console_) enable_ansi(err_);
}

void WinConsole::write(HANDLE h, bool console, std::string_view utf8) {
  if (h == nullptr || h == INVALID_HANDLE_VALUE || utf8.empty()) return;
  if (console) {
    std::wstring wide = widen(utf8);
    DWORD written = 0;
    WriteConsoleW(h, wide.data(), static_cast<DWORD>(wide.size()), &written, nullptr);
    return;
  }
  while (!utf8.empty()) {
    DWORD written = 0;
    if (!WriteFile(h, utf8.data(), static_cast<DWORD>(utf8.size()), &written, nullptr) ||
        written == 0) {
      return;  // a closed pipe: nobody is left to read
    }
    utf8.remove_prefix(written);
  }
}

void WinConsole::write_out(std::string_view utf8) { write(out_, out_console_, utf8); }
void WinConsole::write_err(std::string_view utf8) { write(err_, err_console_, utf8); }

bool WinConsole::in_is_terminal() const { return is_console(GetStdHandle(STD_INPUT_HANDLE)); }

// ReadConsoleW on a console (typed text in any language), bytes as UTF-8 from a pipe.
std::optional<std::string> WinConsole::read_line() {
  HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
  std::wstring line;
  wchar_t wc = 0;
  char c = 0;
  std::string bytes;
  DWORD got = 0;
  const bool console = is_console(in);
  for (;;) {
    if (console ? !ReadConsoleW(in, &wc, 1, &got, nullptr) : !ReadFile(in, &c, 1, &got, nullptr))
      break;
    if (got == 0) break;
    if (console ? wc == L'\n' : c == '\n') {
      std::string text = console ? narrow(line) : bytes;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      return text;
    }
    if (console) line += wc;
    else bytes += c;
  }
  if (line.empty() && bytes.empty()) return std::nullopt;
  return console ? narrow(line) : bytes;
}

std::optional<std::string> WinConsole::env(std::string_view name) const {
  std::wstring wname = widen(name);
  DWORD n = GetEnvironmentVariableW(wname.c_str(), nullptr, 0);
  if (n == 0) return std::nullopt;
  std::vector<wchar_t> buf(n);
  n = GetEnvironmentVariableW(wname.c_str(), buf.data(), n);
  return narrow(std::wstring_view(buf.data(), n));
}

}  // namespace wufix::win
