#include "core/logs/reporting_events.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace wufix {
namespace {

using std::chrono::system_clock;

constexpr size_t kChunkSize = 64 * 1024;
// Real lines are a few hundred bytes; a longer one is junk and must not grow memory.
constexpr size_t kMaxLineBytes = 64 * 1024;
// Enough of the file's start to tell UTF-16 from UTF-8 by its NUL bytes.
constexpr size_t kSniffBytes = 256;

// ---- text decoding ---------------------------------------------------------------------------

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Strict (no overlong forms, no surrogates), as the JSON writer is.
bool valid_utf8(std::string_view s) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  for (size_t i = 0; i < s.size();) {
    unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = c >= 0xC2 && c <= 0xDF   ? 1
               : c >= 0xE0 && c <= 0xEF ? 2
               : c >= 0xF0 && c <= 0xF4 ? 3
                                        : 0;
    if (n == 0 || i + n >= s.size()) return false;
    // The second byte's range is narrower after E0, ED, F0 and F4.
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return false;
    for (size_t k = 2; k <= n; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

// Some builds write the log in the ANSI code page; reading those bytes as Latin-1 keeps every
// ASCII field intact and the output valid UTF-8 (JSON output requires it).
std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  for (char c : s) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

enum class Encoding { Utf8, Utf16le };

// The BOM when there is one; otherwise NUL bytes in odd positions betray UTF-16LE ASCII text.
Encoding sniff(std::string_view head, size_t& bom_size) {
  bom_size = 0;
  if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE') {
    bom_size = 2;
    return Encoding::Utf16le;
  }
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") {
    bom_size = 3;
    return Encoding::Utf8;
  }
  size_t odd_nuls = 0, pairs = head.size() / 2;
  for (size_t i = 1; i < head.size(); i += 2) odd_nuls += head[i] == '\0';
  return pairs > 0 && odd_nuls * 2 >= pairs ? Encoding::Utf16le : Encoding::Utf8;
}

// Turns chunks of bytes into UTF-8 lines without keeping more than one line in memory.
class LineSplitter {
 public:
  using Sink = std::function<void(std::string_view line, bool overlong)>;
  LineSplitter(Encoding encoding, Sink sink) : encoding_(encoding), sink_(std::move(sink)) {}

  void feed(std::string_view bytes) {
    if (encoding_ == Encoding::Utf8) {
      for (char c : bytes) byte_or_newline(c);
      return;
    }
    for (char c : bytes) {
      if (!odd_) {
        odd_ = static_cast<unsigned char>(c);
        continue;
      }
      unit(static_cast<char16_t>(*odd_ | (static_cast<unsigned char>(c) << 8)));
      odd_.reset();
    }
  }

  // A last line without a line break is still a line (the log may be cut mid-write).
  void finish() {
    if (high_) append_char(0xFFFD);
    high_.reset();
    if (!line_.empty() || overlong_) emit();
  }

 private:
  void unit(char16_t u) {
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (high_) append_char(0xFFFD);
      high_ = u;
      return;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      append_char(high_ ? 0x10000 + ((*high_ - 0xD800) << 10) + (u - 0xDC00) : 0xFFFD);
      high_.reset();
      return;
    }
    if (high_) append_char(0xFFFD);
    high_.reset();
    if (u == u'\n') emit();
    else append_char(u);
  }

  void append_char(char32_t c) {
    if (c == 0) return;  // NUL padding (preallocated or zeroed file tails) is not text
    if (line_.size() >= kMaxLineBytes) overlong_ = true;
    else append_utf8(line_, c);
  }

  void byte_or_newline(char c) {
    if (c == '\n') return emit();
    if (c == '\0') return;
    if (line_.size() >= kMaxLineBytes) overlong_ = true;
    else line_ += c;
  }

  void emit() {
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (encoding_ == Encoding::Utf8 && !valid_utf8(line_)) line_ = latin1_to_utf8(line_);
    sink_(line_, overlong_);
    line_.clear();
    overlong_ = false;
  }

  Encoding encoding_;
  Sink sink_;
  std::string line_;
  bool overlong_ = false;
  std::optional<unsigned char> odd_;  // first byte of a UTF-16 unit split across chunks
  std::optional<char16_t> high_;      // high surrogate waiting for its pair
};

// ---- fields ----------------------------------------------------------------------------------

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(trim(line.substr(start, tab - start)));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

bool is_hex(std::string_view s, size_t min_digits, size_t max_digits) {
  return s.size() >= min_digits && s.size() <= max_digits &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

uint32_t hex_value(std::string_view s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v, 16);
  return v;
}

// "{A1B2C3D4-0000-...}" → "a1b2c3d4-0000-..."; nullopt when it is not a braced GUID.
std::optional<std::string> braced_guid(std::string_view s) {
  if (s.size() != 38 || s.front() != '{' || s.back() != '}') return std::nullopt;
  std::string id;
  for (size_t i = 1; i < 37; ++i) {
    char c = s[i];
    bool dash = i == 9 || i == 14 || i == 19 || i == 24;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id;
}

// Reads `digits` decimal digits at s[pos] and moves past them.
std::optional<int> number_at(std::string_view s, size_t& pos, size_t digits) {
  if (pos + digits > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < digits; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += digits;
  return v;
}

bool expect(std::string_view s, size_t& pos, std::string_view any_of) {
  if (pos >= s.size() || any_of.find(s[pos]) == std::string_view::npos) return false;
  ++pos;
  return true;
}

// "2024-05-14 10:15:01:123+0200" (local time and its UTC offset) → UTC. A missing offset is
// read as UTC; a wrong calendar date or field is no timestamp at all.
std::optional<system_clock::time_point> parse_timestamp(std::string_view s) {
  size_t p = 0;
  auto y = number_at(s, p, 4);
  if (!y || !expect(s, p, "-")) return std::nullopt;
  auto mo = number_at(s, p, 2);
  if (!mo || !expect(s, p, "-")) return std::nullopt;
  auto d = number_at(s, p, 2);
  if (!d || !expect(s, p, " T")) return std::nullopt;
  auto h = number_at(s, p, 2);
  if (!h || !expect(s, p, ":")) return std::nullopt;
  auto mi = number_at(s, p, 2);
  if (!mi || !expect(s, p, ":")) return std::nullopt;
  auto sec = number_at(s, p, 2);
  if (!sec) return std::nullopt;
  std::optional<int> ms = 0;
  if (expect(s, p, ":.") && !(ms = number_at(s, p, 3))) return std::nullopt;
  int offset_minutes = 0;
  if (p < s.size()) {
    int sign = s[p] == '-' ? -1 : 1;
    if (!expect(s, p, "+-")) return std::nullopt;
    auto oh = number_at(s, p, 2), om = number_at(s, p, 2);
    if (!oh || !om || *oh > 14 || *om > 59 || p != s.size()) return std::nullopt;
    offset_minutes = sign * (*oh * 60 + *om);
  }
  std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(*mo),
                                   std::chrono::day(*d)};
  // Years outside system_clock's range (about 1678-2262 with nanoseconds) would overflow.
  if (!date.ok() || *y < 1970 || *y > 2200 || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  using namespace std::chrono;
  auto local = sys_days(date) + hours(*h) + minutes(*mi) + seconds(*sec) + milliseconds(*ms);
  return time_point_cast<system_clock::duration>(local - minutes(offset_minutes));
}

// "182 [AGENT_INSTALLING_FAILED]" → 182 and the name.
void parse_event_id(std::string_view s, ReportingEvent& ev) {
  std::from_chars(s.data(), s.data() + s.size(), ev.event_id);
  size_t open = s.find('['), close = s.rfind(']');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    ev.event_name = std::string(s.substr(open + 1, close - open - 1));
}

// The update title inside the message, e.g. after "...with error 0x80070002: " or
// "...the following update: ", without the closing period.
std::string title_from_text(std::string_view text) {
  constexpr std::string_view kFollowing = "following update";
  size_t colon = std::string_view::npos;
  if (size_t e = text.find("error 0x"); e != std::string_view::npos) colon = text.find(": ", e);
  else if (size_t u = text.find(kFollowing); u != std::string_view::npos)
    colon = text.find(": ", u);
  if (colon == std::string_view::npos) colon = text.find(": ");
  std::string_view title = colon == std::string_view::npos ? text : text.substr(colon + 2);
  title = trim(title);
  if (!title.empty() && title.back() == '.') title.remove_suffix(1);
  return std::string(trim(title));
}

// "0x80070002" anywhere in the message; 0 when there is none.
uint32_t hresult_from_text(std::string_view text) {
  for (size_t at = text.find("0x"); at != std::string_view::npos; at = text.find("0x", at + 2)) {
    std::string_view digits = text.substr(at + 2, 8);
    if (is_hex(digits, 8, 8)) return hex_value(digits);
  }
  return 0;
}

// The HRESULT sits two fields before Success/Failure (field 8 of 13); when the layout differs
// the first 8-digit hex field is taken. 0 when there is none.
uint32_t find_hresult(const std::vector<std::string_view>& f, size_t result_at) {
  if (result_at >= 4 && is_hex(f[result_at - 2], 1, 8)) return hex_value(f[result_at - 2]);
  for (size_t i = 2; i < result_at; ++i)
    if (is_hex(f[i], 8, 8)) return hex_value(f[i]);
  return 0;
}

}  // namespace

std::string find_kb(std::string_view s) {
  for (size_t at = s.find("KB"); at != std::string_view::npos; at = s.find("KB", at + 2)) {
    size_t end = at + 2;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    if (end > at + 2) return std::string(s.substr(at + 2, end - at - 2));
  }
  return {};
}

std::optional<ReportingEvent> parse_reporting_event(std::string_view line) {
  auto f = split_tabs(line);
  if (f.size() < 4) return std::nullopt;
  ReportingEvent ev;
  auto time = parse_timestamp(f[1]);
  if (!time) return std::nullopt;
  ev.time = *time;
  // Fields past the timestamp are placed by content, anchored on the Success/Failure field.
  auto result = std::find_if(f.begin() + 2, f.end(),
                             [](std::string_view s) { return s == "Success" || s == "Failure"; });
  if (result == f.end()) return std::nullopt;
  size_t r = static_cast<size_t>(result - f.begin());
  ev.success = *result == "Success";
  parse_event_id(f[3], ev);
  for (size_t i = 2; i < r && ev.update_id.empty(); ++i)
    ev.update_id = braced_guid(f[i]).value_or("");
  if (r + 1 < f.size()) ev.operation = std::string(f[r + 1]);
  if (r + 2 < f.size()) ev.text = std::string(f[r + 2]);
  if (r - 1 >= 4 && !braced_guid(f[r - 1]) && !is_hex(f[r - 1], 1, 8))
    ev.client = std::string(f[r - 1]);
  ev.hresult = find_hresult(f, r);
  // A failure must carry its code; older layouts have it only in the message.
  if (!ev.success && ev.hresult == 0) ev.hresult = hresult_from_text(ev.text);
  ev.title = title_from_text(ev.text);
  ev.kb = find_kb(ev.title);
  if (ev.kb.empty()) ev.kb = find_kb(ev.text);
  return ev;
}

Result<ReportingEventsCounts> read_reporting_events(
    InputStream& in, const std::function<void(const ReportingEvent&)>& on_event) {
  ReportingEventsCounts counts;
  auto sink = [&](std::string_view line, bool overlong) {
    if (!overlong && trim(line).empty()) return;
    ++counts.lines;
    auto ev = overlong ? std::nullopt : parse_reporting_event(line);
    if (ev) on_event(*ev);
    else ++counts.bad_lines;
  };
  std::vector<char> buf(kChunkSize);
  // Gather the first bytes to decide the encoding, then stream the rest.
  std::string head;
  bool eof = false;
  while (head.size() < kSniffBytes && !eof) {
    auto n = in.read(buf);
    if (!n) return n.error();
    eof = *n == 0;
    head.append(buf.data(), *n);
  }
  size_t bom = 0;
  LineSplitter splitter(sniff(head, bom), sink);
  splitter.feed(std::string_view(head).substr(bom));
  while (!eof) {
    auto n = in.read(buf);
    if (!n) return n.error();
    eof = *n == 0;
    splitter.feed(std::string_view(buf.data(), *n));
  }
  splitter.finish();
  return counts;
}

}  // namespace wufix
