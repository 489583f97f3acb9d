// The failure markers of Windows servicing text, wherever it comes from: whole logs, pasted
// excerpts, event text, PowerShell output. Every function here reads a line once, left to
// right (no search restarts from a marker), so a hostile 64 KB line costs what its length does.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace wufix {

struct CodeMark {
  uint32_t code = 0;      // a failure code (bit 31 set)
  std::string_view name;  // "CBS_E_STORE_CORRUPTION" of "0x800f0831 - CBS_E_STORE_CORRUPTION"
  uint32_t extend = 0;    // Setup's extend code: 0x30018 of "0xC1900101-0x30018"; 0 when none
  size_t at = 0;          // where the code's text starts in the line
};

// The first failure code the line carries, in any of the forms logs print:
//   "0x800f081f" (any case, exactly 8 hex digits), "hr=8024402C", "resultMapped=80070643",
//   "hr = 8024402C", "Error: 0x800f081f", decimal HRESULTs ("-2145124318"), and
//   "NTSTATUS_FROM_WIN32(ERROR_…)" / "HRESULT_FROM_WIN32(ERROR_…)" when the table knows the name.
// Success codes ("[HRESULT = 0x00000000 - S_OK]") are passed over.
std::optional<CodeMark> find_code_mark(std::string_view line);

// A line pasted into a forum or web page, put back: leading quote marks ("> ", "| "), line
// numbers ("12: ", "12 | "), HTML entities (&quot; &gt; &lt; &amp; &#39; &nbsp; &#NN;), a
// trailing "|" column and surrounding spaces removed. At most max_bytes long.
std::string unquote_line(std::string_view raw, size_t max_bytes);
// True when unquote_line() could change the line (a cheap test on its first and last bytes and,
// with `entities`, an '&'): the strict fast path calls it for every line.
bool may_be_quoted(std::string_view line, bool entities = true);

// "2024-05-14 10:14:02", "2024/05/14 10:15:05", and masked ones ("20xx-xx-06 xx:51:15") at p.
bool stamp_at(std::string_view s, size_t p);
// Where a second entry starts inside the line, at or after `from` (two entries a paste joined
// into one line); npos if none.
size_t joined_entry(std::string_view s, size_t from = 1);

// Case-insensitive search, for words whose case varies between logs ("Failed", "FAILED").
bool contains_word(std::string_view text, std::string_view lower_word);

}  // namespace wufix
