// Shared helpers for the Wine test doubles: console/pipe output, scenario files,
// call recording and CBS/DISM-style log lines. Header-only; every double is one .cpp.
//
// State folder: C:\wufix-doubles (override with env WUFIX_DOUBLES_STATE).
//   <name>.scenario  one scenario per line; invocation k uses line k (the last line
//                    repeats); '#' starts a comment. A line is a word plus key=value
//                    options, e.g. "source-missing step_ms=0 add=3010".
//   <name>.calls     one line per invocation: the raw command line (UTF-8).
// Env WUFIX_<NAME>_SCENARIO (e.g. WUFIX_SFC_SCENARIO) overrides the file.
#pragma once

#include <windows.h>

#include <cstdio>
#include <cwctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dbl {

inline std::wstring env(const wchar_t* name) {
  wchar_t buf[32768];
  DWORD n = GetEnvironmentVariableW(name, buf, 32768);
  return (n > 0 && n < 32768) ? std::wstring(buf, n) : std::wstring();
}

inline std::string to_utf8(std::wstring_view w) {
  if (w.empty()) return {};
  int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), (int)w.size(), nullptr, 0, nullptr, nullptr);
  std::string s(n, '\0');
  WideCharToMultiByte(CP_UTF8, 0, w.data(), (int)w.size(), s.data(), n, nullptr, nullptr);
  return s;
}

inline std::wstring from_utf8(std::string_view s) {
  if (s.empty()) return {};
  int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), (int)s.size(), nullptr, 0);
  std::wstring w(n, L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), (int)s.size(), w.data(), n);
  return w;
}

inline std::wstring lower(std::wstring s) {
  for (auto& c : s) c = (wchar_t)std::towlower(c);
  return s;
}

inline bool iequals(std::wstring_view a, std::wstring_view b) {
  return lower(std::wstring(a)) == lower(std::wstring(b));
}

// "/Source:X" with prefix "/source:" -> true and rest = "X" (case-insensitive prefix).
inline bool istarts(std::wstring_view s, std::wstring_view prefix, std::wstring* rest = nullptr) {
  if (s.size() < prefix.size() || !iequals(s.substr(0, prefix.size()), prefix)) return false;
  if (rest) *rest = std::wstring(s.substr(prefix.size()));
  return true;
}

// Parses 0x-hex or decimal (negative decimal = HRESULT as int32). Returns fallback on junk.
inline DWORD parse_code(const std::wstring& s, DWORD fallback) {
  if (s.empty()) return fallback;
  wchar_t* end = nullptr;
  unsigned long long v = istarts(s, L"0x") ? wcstoull(s.c_str() + 2, &end, 16)
                         : s[0] == L'-'    ? (unsigned long long)(DWORD)wcstol(s.c_str(), &end, 10)
                                           : wcstoull(s.c_str(), &end, 10);
  return (end && *end == L'\0') ? (DWORD)v : fallback;
}

// ---- files -------------------------------------------------------------------------------

inline std::wstring state_dir() {
  std::wstring d = env(L"WUFIX_DOUBLES_STATE");
  if (d.empty()) d = L"C:\\wufix-doubles";
  CreateDirectoryW(d.c_str(), nullptr);
  return d;
}

inline void make_dirs(const std::wstring& dir) {
  for (size_t i = 3; i <= dir.size(); ++i)
    if (i == dir.size() || dir[i] == L'\\') CreateDirectoryW(dir.substr(0, i).c_str(), nullptr);
}

inline std::string read_file(const std::wstring& path) {
  HANDLE h = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_EXISTING, 0, nullptr);
  if (h == INVALID_HANDLE_VALUE) return {};
  std::string data;
  char buf[4096];
  DWORD got = 0;
  while (ReadFile(h, buf, sizeof buf, &got, nullptr) && got) data.append(buf, got);
  CloseHandle(h);
  return data;
}

inline void append_file(const std::wstring& path, const std::string& bytes) {
  HANDLE h = CreateFileW(path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         nullptr, OPEN_ALWAYS, 0, nullptr);
  if (h == INVALID_HANDLE_VALUE) return;
  DWORD put = 0;
  WriteFile(h, bytes.data(), (DWORD)bytes.size(), &put, nullptr);
  CloseHandle(h);
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

inline bool exists(const std::wstring& path) { return GetFileAttributesW(path.c_str()) != INVALID_FILE_ATTRIBUTES; }

// ---- scenarios and call records ----------------------------------------------------------

struct Scenario {
  std::wstring name;                          // first word, lower-case
  std::map<std::wstring, std::wstring> opts;  // key=value options, keys lower-case
  std::wstring opt(const std::wstring& k, const std::wstring& dflt = L"") const {
    auto it = opts.find(k);
    return it == opts.end() ? dflt : it->second;
  }
  DWORD step_ms(DWORD dflt) const { return parse_code(opt(L"step_ms"), dflt); }
};

inline Scenario parse_scenario(const std::wstring& line, const wchar_t* dflt) {
  Scenario sc;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::iswspace(line[i])) ++i;
    size_t j = i;
    while (j < line.size() && !std::iswspace(line[j])) ++j;
    if (j > i) {
      std::wstring tok = line.substr(i, j - i);
      size_t eq = tok.find(L'=');
      if (eq != std::wstring::npos) sc.opts[lower(tok.substr(0, eq))] = tok.substr(eq + 1);
      else if (sc.name.empty()) sc.name = lower(tok);
    }
    i = j;
  }
  if (sc.name.empty()) sc.name = dflt;
  return sc;
}

// Records this invocation in <name>.calls and returns the scenario for it.
inline Scenario begin_call(const wchar_t* name, const wchar_t* dflt) {
  std::wstring base = state_dir() + L"\\" + name;
  size_t index = lines_of(read_file(base + L".calls")).size();
  append_file(base + L".calls", to_utf8(GetCommandLineW()) + "\r\n");

  std::wstring var = L"WUFIX_" + std::wstring(name) + L"_SCENARIO";
  for (auto& c : var) c = (c == L'-') ? L'_' : (wchar_t)std::towupper(c);
  std::wstring line = env(var.c_str());
  if (line.empty()) {
    std::vector<std::string> all;
    for (auto& l : lines_of(read_file(base + L".scenario"))) {
      size_t hash = l.find('#');
      if (hash != std::string::npos) l.erase(hash);
      if (l.find_first_not_of(" \t") != std::string::npos) all.push_back(l);
    }
    if (!all.empty()) line = from_utf8(all[index < all.size() ? index : all.size() - 1]);
  }
  return parse_scenario(line, dflt);
}

// ---- output ------------------------------------------------------------------------------

enum class PipeEncoding { Ansi, Utf16 };

// Writes like the real tool: WriteConsoleW on a console, otherwise bytes in the given encoding.
class Out {
 public:
  explicit Out(PipeEncoding enc, DWORD which = STD_OUTPUT_HANDLE) : enc_(enc), h_(GetStdHandle(which)) {
    DWORD mode = 0;
    console_ = GetConsoleMode(h_, &mode) != 0;
  }
  void operator()(std::wstring_view text) const {
    if (h_ == nullptr || h_ == INVALID_HANDLE_VALUE || text.empty()) return;
    DWORD put = 0;
    if (console_) {
      WriteConsoleW(h_, text.data(), (DWORD)text.size(), &put, nullptr);
    } else if (enc_ == PipeEncoding::Utf16) {
      WriteFile(h_, text.data(), (DWORD)(text.size() * sizeof(wchar_t)), &put, nullptr);
    } else {
      std::string bytes = to_utf8(text);  // the doubles print ASCII only
      WriteFile(h_, bytes.data(), (DWORD)bytes.size(), &put, nullptr);
    }
  }

 private:
  PipeEncoding enc_;
  HANDLE h_;
  bool console_ = false;
};

// ---- logs in the CBS.log / dism.log layout -----------------------------------------------

inline std::wstring windows_dir() {
  wchar_t buf[MAX_PATH];
  UINT n = GetWindowsDirectoryW(buf, MAX_PATH);
  return std::wstring(buf, n);
}

// "2024-05-14 10:12:33, Info                  CBS    message\r\n"
inline std::string log_line(const char* level, const char* component, const std::string& msg) {
  SYSTEMTIME t;
  GetLocalTime(&t);
  char buf[128];
  snprintf(buf, sizeof buf, "%04u-%02u-%02u %02u:%02u:%02u, %-22s%-7s", t.wYear, t.wMonth, t.wDay, t.wHour,
           t.wMinute, t.wSecond, level, component);
  return buf + msg + "\r\n";
}

inline void append_log(const std::wstring& relative_dir, const wchar_t* file, const std::string& lines) {
  std::wstring dir = windows_dir() + L"\\" + relative_dir;
  make_dirs(dir);
  append_file(dir + L"\\" + file, lines);
}

inline std::string hex32(DWORD v) {
  char buf[16];
  snprintf(buf, sizeof buf, "0x%08lx", (unsigned long)v);
  return buf;
}

}  // namespace dbl
