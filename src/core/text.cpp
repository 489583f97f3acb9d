#include "core/text.h"

#include <algorithm>

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

std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

const char* to_string(TextEncoding e) { return e == TextEncoding::Utf16le ? "utf-16le" : "utf-8"; }

TextEncoding sniff_encoding(std::string_view head, size_t& bom_size) {
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

std::string_view next_line(std::string_view text, size_t& pos) {
  const size_t end = std::min(text.find('\n', pos), text.size());
  std::string_view line = text.substr(pos, end - pos);
  pos = end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace wufix
