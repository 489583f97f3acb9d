#include "core/logs/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <vector>

namespace wufix {

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

namespace {

constexpr size_t kChunkSize = 1 << 17;
// Enough of the file's start to tell UTF-16 from UTF-8 by its NUL bytes.
constexpr size_t kSniffBytes = 256;


// The BOM when there is one; otherwise NUL bytes in odd positions betray UTF-16LE ASCII text.
TextEncoding sniff(std::string_view head, size_t& bom_size) {
  bom_size = 0;
  if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE') {
    bom_size = 2;
    return TextEncoding::Utf16le;
  }
  if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") {
    bom_size = 3;
    return TextEncoding::Utf8;
  }
  // UTF-16LE ASCII is (char, NUL) pairs; UTF-8 text is pairs of non-NULs. NUL padding is
  // neither (a short first line and a zeroed tail must not look like UTF-16).
  size_t utf16_pairs = 0, text_pairs = 0;
  for (size_t i = 1; i < head.size(); i += 2) {
    bool first = head[i - 1] != '\0', second = head[i] != '\0';
    utf16_pairs += first && !second;
    text_pairs += first && second;
  }
  return utf16_pairs > text_pairs ? TextEncoding::Utf16le : TextEncoding::Utf8;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  });
}

// Cuts UTF-8 bytes into lines. Lines inside a chunk are handed out where they lie; only the
// piece of a line that spans two chunks is copied, and never more than kMaxLineBytes of it.
class LineSplitter {
 public:
  explicit LineSplitter(const LineHandler& on_line) : on_line_(on_line) {}

  void feed(std::string_view bytes) {
    while (!bytes.empty()) {
      const char* nl = static_cast<const char*>(std::memchr(bytes.data(), '\n', bytes.size()));
      if (nl == nullptr) return keep(bytes);
      std::string_view piece = bytes.substr(0, static_cast<size_t>(nl - bytes.data()));
      bytes.remove_prefix(piece.size() + 1);
      if (pending_.empty() && !overlong_) {
        emit(piece);
        continue;
      }
      keep(piece);
      emit(pending_);
      pending_.clear();
    }
  }

  // A last line without a line break is still a line (the log may be cut mid-write).
  void finish() {
    if (!pending_.empty() || overlong_) emit(pending_);
    pending_.clear();
  }

 private:
  void keep(std::string_view piece) {
    if (overlong_) {
      overlong_blank_ = overlong_blank_ && blank(piece);
      return;
    }
    if (pending_.size() + piece.size() > kMaxLineBytes) {
      overlong_ = true;
      overlong_blank_ = blank(pending_) && blank(piece);
      pending_.clear();
      return;
    }
    pending_.append(piece);
  }

  void emit(std::string_view line) {
    ++number_;
    if (overlong_) {
      overlong_ = false;
      if (!overlong_blank_) on_line_({}, number_, true);
      return;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return;
    if (line.size() > kMaxLineBytes) {  // a long line that happened to lie inside one chunk
      if (!blank(line)) on_line_({}, number_, true);
      return;
    }
    // Real lines start with a timestamp or a brace; only others need the full blank test.
    unsigned char first = static_cast<unsigned char>(line.front());
    if (first <= ' ' && blank(line)) return;
    on_line_(line, number_, false);
  }

  const LineHandler& on_line_;
  std::string pending_;
  bool overlong_ = false;
  bool overlong_blank_ = false;
  uint64_t number_ = 0;
};

// UTF-16LE bytes to UTF-8, keeping a unit or surrogate split across chunks for the next one.
class Utf16Decoder {
 public:
  void decode(std::string_view bytes, std::string& out) {
    out.clear();
    for (char c : bytes) {
      if (odd_ < 0) {
        odd_ = static_cast<unsigned char>(c);
        continue;
      }
      unit(static_cast<char16_t>(odd_ | (static_cast<unsigned char>(c) << 8)), out);
      odd_ = -1;
    }
  }
  void finish(std::string& out) {
    out.clear();
    if (high_ != 0) append_utf8(out, 0xFFFD);
    high_ = 0;
  }

 private:
  void unit(char16_t u, std::string& out) {
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (high_ != 0) append_utf8(out, 0xFFFD);
      high_ = u;
      return;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(out, high_ != 0 ? 0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00) : 0xFFFD);
      high_ = 0;
      return;
    }
    if (high_ != 0) append_utf8(out, 0xFFFD);
    high_ = 0;
    if (u != 0) append_utf8(out, u);  // NUL padding (preallocated file tails) is not text
  }

  int odd_ = -1;         // first byte of a unit split across chunks, -1 when none
  char16_t high_ = 0;    // high surrogate waiting for its pair, 0 when none
};

// Position of "0x" + 8 hex digits not followed by another hex digit, from `from`.
size_t find_hex8(std::string_view s, size_t from) {
  for (size_t at = s.find("0x", from); at != std::string_view::npos; at = s.find("0x", at + 2)) {
    if (at + 10 > s.size()) return std::string_view::npos;
    if (!is_hex_digits(s.substr(at + 2, 8))) continue;
    if (at + 10 < s.size() && std::isxdigit(static_cast<unsigned char>(s[at + 10]))) continue;
    return at;
  }
  return std::string_view::npos;
}

uint32_t hex_value(std::string_view s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v, 16);
  return v;
}

bool is_failure(uint32_t code) { return (code & 0x80000000u) != 0; }

bool digits_at(std::string_view s, size_t pos, size_t count) {
  if (pos + count > s.size()) return false;
  for (size_t i = pos; i < pos + count; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int number(std::string_view s, size_t pos, size_t count) {
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

const char* to_string(TextEncoding e) { return e == TextEncoding::Utf16le ? "utf-16le" : "utf-8"; }

Result<TextEncoding> read_lines(InputStream& in, const LineHandler& on_line) {
  std::vector<char> buf(kChunkSize);
  // Gather the first bytes to decide the encoding, then stream the rest.
  std::string head;
  bool eof = false;
  while (head.size() < kSniffBytes && !eof) {
    auto n = in.read(std::span<char>(buf.data(), kSniffBytes - head.size()));
    if (!n) return n.error();
    eof = *n == 0;
    head.append(buf.data(), *n);
  }
  size_t bom = 0;
  TextEncoding encoding = sniff(head, bom);
  LineSplitter lines(on_line);
  Utf16Decoder utf16;
  std::string decoded;
  auto feed = [&](std::string_view bytes) {
    if (encoding == TextEncoding::Utf8) return lines.feed(bytes);
    utf16.decode(bytes, decoded);
    lines.feed(decoded);
  };
  feed(std::string_view(head).substr(bom));
  while (!eof) {
    auto n = in.read(buf);
    if (!n) return n.error();
    eof = *n == 0;
    feed(std::string_view(buf.data(), *n));
  }
  if (encoding == TextEncoding::Utf16le) {
    utf16.finish(decoded);
    lines.feed(decoded);
  }
  lines.finish();
  return encoding;
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

std::string clean_text(std::string_view raw, size_t max_bytes) {
  std::string kept;
  for (char c : raw)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') kept += c;
  std::string out;
  if (valid_utf8(kept)) {
    out = std::move(kept);
  } else {
    for (char c : kept) append_utf8(out, static_cast<unsigned char>(c));
  }
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out + "...";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}


std::string find_kb(std::string_view s) {
  for (size_t at = 0; at + 2 < s.size(); ++at) {
    if ((s[at] != 'K' && s[at] != 'k') || (s[at + 1] != 'B' && s[at + 1] != 'b')) continue;
    if (at > 0 && std::isalpha(static_cast<unsigned char>(s[at - 1]))) continue;
    size_t end = at + 2;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    size_t digits = end - at - 2;
    if (digits >= 6 && digits <= 8) return std::string(s.substr(at + 2, digits));
  }
  return {};
}

std::optional<CodeMention> find_bracket_hresult(std::string_view line) {
  constexpr std::string_view kOpen = "[HRESULT = ";
  for (size_t at = line.find(kOpen); at != std::string_view::npos;
       at = line.find(kOpen, at + 1)) {
    size_t hex = at + kOpen.size();
    // Only the code right after the marker counts: searching on would make k markers cost k·n.
    if (!starts_with(line.substr(hex), "0x") || hex + 10 > line.size() ||
        !is_hex_digits(line.substr(hex + 2, 8)) ||
        (hex + 10 < line.size() && is_hex_digit(line[hex + 10])))
      continue;
    uint32_t code = hex_value(line.substr(hex + 2, 8));
    if (!is_failure(code)) continue;
    CodeMention m{code, {}};
    std::string_view rest = line.substr(hex + 10);
    if (starts_with(rest, " - ")) {
      rest.remove_prefix(3);
      size_t end = rest.find(']');
      if (end != std::string_view::npos) m.name = trim(rest.substr(0, end));
    }
    return m;
  }
  return std::nullopt;
}

std::optional<uint32_t> find_hr_code(std::string_view line) {
  for (size_t at = line.find("hr"); at != std::string_view::npos; at = line.find("hr", at + 2)) {
    if (at > 0 && std::isalpha(static_cast<unsigned char>(line[at - 1]))) continue;
    size_t p = at + 2;
    while (p < line.size() && line[p] == ' ') ++p;
    if (p >= line.size() || (line[p] != ':' && line[p] != '=')) continue;
    ++p;
    while (p < line.size() && line[p] == ' ') ++p;
    if (starts_with(line.substr(p), "0x") || starts_with(line.substr(p), "0X")) p += 2;
    size_t end = p;
    while (end < line.size() && std::isxdigit(static_cast<unsigned char>(line[end]))) ++end;
    if (end - p != 8) continue;
    uint32_t code = hex_value(line.substr(p, 8));
    if (is_failure(code)) return code;
  }
  return std::nullopt;
}

std::optional<uint32_t> find_failure_code(std::string_view line) {
  for (size_t at = find_hex8(line, 0); at != std::string_view::npos;
       at = find_hex8(line, at + 10)) {
    uint32_t code = hex_value(line.substr(at + 2, 8));
    if (is_failure(code)) return code;
  }
  return std::nullopt;
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto days = floor<std::chrono::days>(secs);
  year_month_day ymd{days};
  hh_mm_ss hms{secs - days};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

bool is_local_time(std::string_view s) {
  if (s.size() < 19 || !digits_at(s, 0, 4) || !digits_at(s, 5, 2) || !digits_at(s, 8, 2) ||
      !digits_at(s, 11, 2) || !digits_at(s, 14, 2) || !digits_at(s, 17, 2))
    return false;
  char sep = s[4];
  if ((sep != '-' && sep != '/') || s[7] != sep || (s[10] != ' ' && s[10] != '\t') ||
      s[13] != ':' || s[16] != ':')
    return false;
  int month = number(s, 5, 2), day = number(s, 8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && number(s, 11, 2) <= 23 &&
         number(s, 14, 2) <= 59 && number(s, 17, 2) <= 60;
}

std::optional<std::string> iso_local_time(std::string_view s) {
  if (!is_local_time(s)) return std::nullopt;
  std::string iso(s.substr(0, 19));
  iso[4] = iso[7] = '-';
  iso[10] = 'T';
  return iso;
}

}  // namespace wufix
