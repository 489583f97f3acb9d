#include "core/logs/text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <vector>

namespace wufix {

namespace {

constexpr size_t kChunkSize = 1 << 17;
// Enough of the file's start to tell UTF-16 from UTF-8 by its NUL bytes.
constexpr size_t kSniffBytes = 256;

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
  TextEncoding encoding = sniff_encoding(head, bom);
  LineSplitter lines(on_line);
  Utf16leDecoder utf16;
  std::string decoded;
  // NUL padding (preallocated file tails) is not text.
  auto to_utf8 = [&decoded](char32_t c) {
    if (c != 0) append_utf8(decoded, c);
  };
  auto feed = [&](std::string_view bytes) {
    if (encoding == TextEncoding::Utf8) return lines.feed(bytes);
    decoded.clear();
    utf16.feed(bytes, to_utf8);
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
    decoded.clear();
    utf16.finish(to_utf8);
    lines.feed(decoded);
  }
  lines.finish();
  return encoding;
}

std::string clean_text(std::string_view raw, size_t max_bytes) {
  std::string kept;
  for (char c : raw)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') kept += c;
  std::string out = valid_utf8(kept) ? std::move(kept) : latin1_to_utf8(kept);
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out + "...";
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
