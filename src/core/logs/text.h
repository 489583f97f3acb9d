// What every log reader shares: streaming a file as lines in flat memory, whatever its
// encoding, and small helpers that pick fields out of a line without copying it.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"  // trim
#include "core/result.h"
#include "core/seam.h"
#include "core/text.h"

namespace wufix {

// Real log lines are a few hundred bytes; a longer one is junk and must not grow memory.
inline constexpr size_t kMaxLineBytes = 64 * 1024;
// The codes a corrupt component store shows as in CBS.log and in pasted excerpts of it.
inline constexpr uint32_t kCbsStoreCorruptionCode = 0x800F0831;  // CBS_E_STORE_CORRUPTION
inline constexpr uint32_t kSxsStoreCorruptCode = 0x80073712;     // ERROR_SXS_COMPONENT_STORE_CORRUPT

// A field a parser keeps from a line (component, file, package, title): enough for any real one.
inline constexpr size_t kFieldBytes = 300;

// One line: without its line break (LF or CRLF). For UTF-8/ANSI input these are the file's
// own bytes (use clean_text() before keeping any); UTF-16LE input arrives as UTF-8.
// `number` is the 1-based line number in the file; `overlong` lines come with empty text.
using LineHandler = std::function<void(std::string_view text, uint64_t number, bool overlong)>;

// Streams the whole of `in` through on_line, skipping blank lines (whitespace or NUL only).
// The encoding comes from a BOM, else from NUL bytes in odd positions (UTF-16LE ASCII).
// A last line without a line break is still a line. The Error is the stream's read failure.
Result<TextEncoding> read_lines(InputStream& in, const LineHandler& on_line);

// A field fit to keep and print: NULs and control characters (but TAB) dropped, valid UTF-8
// (bytes that are not are read as Latin-1, as ANSI logs are), at most max_bytes long.
std::string clean_text(std::string_view raw, size_t max_bytes = 1024);

// Inline and without library calls: the log parsers call these for every line.
// From p, past spaces and TABs / to the end of the field (the next space or TAB).
inline size_t skip_blanks(std::string_view s, size_t p) {
  while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
  return p;
}
inline size_t token_end(std::string_view s, size_t p) {
  while (p < s.size() && s[p] != ' ' && s[p] != '\t') ++p;
  return p;
}
inline bool starts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (s[i] != prefix[i]) return false;
  return true;
}

// The digits of the first "KB<digits>" (6 to 8 digits) in a title, message or package name
// ("5037771"), case-insensitive as package names write it ("kb5037771"); empty when none.
std::string find_kb(std::string_view text);

// Failure codes as logs print them. Each returns the first one that is a failure (bit 31 set);
// success codes such as "[HRESULT = 0x00000000 - S_OK]" are passed over.
struct CodeMention {
  uint32_t code = 0;
  std::string_view name;  // the symbolic name next to it, when the line has one
};
// "[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]" (CBS.log, and dism.log's CBS lines).
std::optional<CodeMention> find_bracket_hresult(std::string_view line);
// "hr:0x800f081f" (dism.log), "hr=0x8024402c", "hr = 8024402C" (WindowsUpdate.log).
std::optional<uint32_t> find_hr_code(std::string_view line);
// Any "0x" followed by exactly 8 hex digits that is a failure code.
std::optional<uint32_t> find_failure_code(std::string_view line);

// "2024-05-14 10:14:02" or "2024/05/14 10:15:01" at the start of s → "2024-05-14T10:14:02";
// nullopt unless the fields are digits with a plausible date and time.
std::optional<std::string> iso_local_time(std::string_view s);
bool is_local_time(std::string_view s);  // the same test, without making the string

}  // namespace wufix
