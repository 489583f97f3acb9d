#include "core/logs/markers.h"

#include <algorithm>
#include <cstring>

#include "core/error_codes.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

constexpr size_t kMaxNameBytes = 64;
// Decimal HRESULTs as PowerShell prints them: 0x80000000..0x80FFFFFF (facilities of Windows
// Update, Win32, CBS, setup's 0xC19... stay hex in every log we know).
constexpr int64_t kMinDecimal = -2147483648LL;
constexpr int64_t kMaxDecimal = -2130706433LL;

bool digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

uint32_t hex_of(std::string_view s) {
  uint32_t v = 0;
  for (char c : s) v = v * 16 + static_cast<uint32_t>(digit(c) ? c - '0' : lower(c) - 'a' + 10);
  return v;
}

// Length of the run of hex digits at s[p], counting at most `limit`.
size_t hex_run(std::string_view s, size_t p, size_t limit) {
  size_t n = 0;
  while (p + n < s.size() && n < limit && is_hex_digit(s[p + n])) ++n;
  return n;
}

// " - CBS_E_SOURCE_MISSING" / " => WINDLP_E_..." after the code.
std::string_view name_after(std::string_view s, size_t p) {
  while (p < s.size() && s[p] == ' ') ++p;
  if (p + 1 < s.size() && s[p] == '=' && s[p + 1] == '>') p += 2;
  else if (p < s.size() && s[p] == '-') p += 1;
  else return {};
  while (p < s.size() && s[p] == ' ') ++p;
  size_t end = p;
  while (end < s.size() && end - p < kMaxNameBytes && (is_word_char(s[end]))) ++end;
  std::string_view name = s.substr(p, end - p);
  // A name is upper case with an underscore (CBS_E_…, ERROR_…, S_OK); "0x30018" is no name.
  bool upper = name.size() >= 3 && name.find('_') != std::string_view::npos;
  for (char c : name) upper = upper && !(c >= 'a' && c <= 'z');
  return upper ? name : std::string_view();
}

// "-0x30018" / " - 0x30018" right after a setup code.
uint32_t extend_after(std::string_view s, size_t p) {
  while (p < s.size() && s[p] == ' ') ++p;
  if (p >= s.size() || s[p] != '-') return 0;
  ++p;
  while (p < s.size() && s[p] == ' ') ++p;
  if (p + 2 >= s.size() || s[p] != '0' || lower(s[p + 1]) != 'x') return 0;
  size_t n = hex_run(s, p + 2, 9);
  if (n == 0 || n > 8 || (p + 2 + n < s.size() && is_word_char(s[p + 2 + n]))) return 0;
  return hex_of(s.substr(p + 2, n));
}

// What precedes a bare 8-digit code: '=' or ':' (spaces allowed), as in "hr = 8024402C".
bool assigned_before(std::string_view s, size_t p) {
  size_t spaces = 0;
  while (p > 0 && s[p - 1] == ' ' && spaces < 2) --p, ++spaces;
  return p > 0 && (s[p - 1] == '=' || s[p - 1] == ':');
}

const CodeInfo* code_named(std::string_view name) {
  for (const CodeInfo& info : all_codes())
    if (info.name == name && (info.code & 0xFFFF0000u) == 0x80070000u) return &info;
  return nullptr;
}

// "NTSTATUS_FROM_WIN32(ERROR_FILE_NOT_FOUND)" at s[p]; returns the code and moves p past it.
std::optional<uint32_t> win32_macro(std::string_view s, size_t& p) {
  for (std::string_view macro : {"NTSTATUS_FROM_WIN32(", "HRESULT_FROM_WIN32("}) {
    if (!starts_with(s.substr(p), macro)) continue;
    size_t start = p + macro.size(), end = start;
    while (end < s.size() && end - start < kMaxNameBytes && is_word_char(s[end])) ++end;
    p = end;
    if (end >= s.size() || s[end] != ')') return std::nullopt;
    const CodeInfo* info = code_named(s.substr(start, end - start));
    if (info) return info->code;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<CodeMark> find_code_mark(std::string_view s) {
  size_t p = 0;
  while (p < s.size()) {
    char c = s[p];
    bool boundary = p == 0 || !is_word_char(s[p - 1]);
    if (!boundary) {
      ++p;
      continue;
    }
    size_t start = p;
    if (c == '0' && p + 1 < s.size() && lower(s[p + 1]) == 'x') {
      size_t n = hex_run(s, p + 2, 9);
      p += 2 + n;
      if (n != 8 || (p < s.size() && is_word_char(s[p]))) continue;
      uint32_t code = hex_of(s.substr(start + 2, 8));
      if ((code & 0x80000000u) != 0)
        return CodeMark{code, name_after(s, p), extend_after(s, p), start};
      continue;
    }
    if (is_hex_digit(c)) {
      size_t n = hex_run(s, p, 9);
      p += n;
      if (n != 8 || (p < s.size() && is_word_char(s[p])) || !assigned_before(s, start)) continue;
      uint32_t code = hex_of(s.substr(start, 8));
      if ((code & 0x80000000u) != 0) return CodeMark{code, name_after(s, p), 0, start};
      continue;
    }
    if (c == '-' && p + 1 < s.size() && digit(s[p + 1]) && (p == 0 || !digit(s[p - 1]))) {
      size_t end = p + 1;
      int64_t v = 0;
      while (end < s.size() && digit(s[end]) && end - p <= 11) v = v * 10 + (s[end++] - '0');
      p = end;
      if (end - start != 11 || (end < s.size() && is_word_char(s[end]))) continue;
      if (-v >= kMinDecimal && -v <= kMaxDecimal)
        return CodeMark{static_cast<uint32_t>(static_cast<int32_t>(-v)), {}, 0, start};
      continue;
    }
    if (c == 'N' || c == 'H') {
      size_t next = p;
      if (auto code = win32_macro(s, next)) return CodeMark{*code, {}, 0, start};
      p = next == p ? p + 1 : next;
      continue;
    }
    ++p;
  }
  return std::nullopt;
}

namespace {
bool digit_or_mask(char c) { return (c >= '0' && c <= '9') || c == 'x' || c == 'X'; }
}  // namespace

bool stamp_at(std::string_view s, size_t p) {
  if (p + 19 > s.size()) return false;
  static constexpr int kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  for (int d : kDigits)
    if (!digit_or_mask(s[p + d])) return false;
  char sep = s[p + 4];
  return (sep == '-' || sep == '/') && s[p + 7] == sep && (s[p + 10] == ' ' || s[p + 10] == 'T') &&
         s[p + 13] == ':' && s[p + 16] == ':' && (s[p] == '1' || s[p] == '2');
}

size_t joined_entry(std::string_view s, size_t from) {
  for (size_t p = std::max<size_t>(from, 1); p + 19 <= s.size(); ++p)
    if (s[p - 1] == ' ' && s[p + 4] == s[p + 7] && stamp_at(s, p)) return p;
  return std::string_view::npos;
}

bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty() || text.size() < word.size()) return word.empty();
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (lower(text[i]) != word[0]) continue;
    size_t k = 1;
    while (k < word.size() && lower(text[i + k]) == word[k]) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

bool may_be_quoted(std::string_view line, bool entities) {
  if (line.empty()) return false;
  char first = line.front(), last = line.back();
  // A log's own lines start with their date ("2024-05-14", "2024/05/14") or a ReportingEvents
  // "{GUID}"; other digits may be a line number a viewer or `findstr /n` put in front.
  bool dated = line.size() > 4 && digit(line[1]) && digit(line[2]) && digit(line[3]) &&
               (line[4] == '-' || line[4] == '/');
  bool plain_start = (digit(first) && dated) || first == '{';
  bool plain_end = last != ' ' && last != '\t' && last != '|';
  if (!plain_start || !plain_end) return true;
  return entities && std::memchr(line.data(), '&', line.size()) != nullptr;
}

namespace {

// "&quot;" etc. at s[p] ('&'); appends the character and returns the entity's length, 0 if none.
size_t entity(std::string_view s, size_t p, std::string& out) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"&quot;", '"'}, {"&gt;", '>'}, {"&lt;", '<'}, {"&amp;", '&'}, {"&#39;", '\''},
      {"&apos;", '\''}, {"&nbsp;", ' '}};
  for (const auto& [name, ch] : kNamed) {
    if (starts_with(s.substr(p), name)) {
      out += ch;
      return name.size();
    }
  }
  if (p + 3 < s.size() && s[p + 1] == '#' && digit(s[p + 2])) {
    size_t end = p + 2;
    unsigned v = 0;
    while (end < s.size() && digit(s[end]) && end - p < 6) v = v * 10 + (s[end++] - '0');
    if (end < s.size() && s[end] == ';' && v >= 0x20 && v < 0x7F) {
      out += static_cast<char>(v);
      return end + 1 - p;
    }
  }
  return 0;
}

// Leading quote marks and line numbers, repeatedly: "> | 12: text" → "text".
std::string_view strip_prefixes(std::string_view s) {
  for (;;) {
    s = trim(s);
    if (starts_with(s, ">") || starts_with(s, "|")) {
      s.remove_prefix(1);
      continue;
    }
    size_t n = 0;
    while (n < s.size() && n < 7 && digit(s[n])) ++n;
    // A line number ("12 ", "12: ", "12|"), not the year of a timestamp ("2024-05-14").
    if (n > 0 && n < s.size() && n < 7 && (s[n] == ':' || s[n] == '|' || s[n] == '.' || s[n] == ' ' || s[n] == '\t') &&
        !(n == 4 && n + 1 < s.size() && s[n] == '-')) {
      if (s[n] == '.' && n + 1 < s.size() && digit(s[n + 1])) return s;  // "10.0.19041" text
      s.remove_prefix(n + 1);
      continue;
    }
    return s;
  }
}

}  // namespace

std::string unquote_line(std::string_view raw, size_t max_bytes) {
  std::string decoded;
  decoded.reserve(std::min(raw.size(), max_bytes));
  for (size_t p = 0; p < raw.size() && decoded.size() < max_bytes;) {
    if (raw[p] == '&') {
      if (size_t n = entity(raw, p, decoded)) {
        p += n;
        continue;
      }
    }
    decoded += raw[p++];
  }
  std::string_view s = strip_prefixes(decoded);
  while (!s.empty() && (s.back() == '|' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace wufix
