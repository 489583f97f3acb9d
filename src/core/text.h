// The one text module: UTF-8 encoding and checking, UTF-16LE decoding, the Latin-1 fallback and
// encoding sniffing, for logs, sfc/DISM console output, registry strings and catalog pages.
#pragma once
#include <string>
#include <string_view>

namespace wufix {

// One code point as UTF-8.
void append_utf8(std::string& out, char32_t c);
// Strict (no overlong forms, no surrogates), as the JSON writer is.
bool valid_utf8(std::string_view s);
// Each byte one code point: what ANSI logs and console code pages turn into when they are not
// UTF-8. Keeps ASCII intact and the result valid UTF-8.
std::string latin1_to_utf8(std::string_view s);

// The next line of a text in memory from `pos`, without its "\n" or "\r\n"; advances `pos`
// (past the end after the last line). Streams go through logs/text.h's read_lines instead.
std::string_view next_line(std::string_view text, size_t& pos);

enum class TextEncoding { Utf8, Utf16le };
const char* to_string(TextEncoding e);  // "utf-8", "utf-16le"

// The encoding of a text from its first bytes: a BOM (its size goes to bom_size, to skip), else
// NUL bytes in odd positions, which betray UTF-16LE ASCII. Two bytes are enough for a guess;
// more make it surer (a short first line and a zeroed tail must not look like UTF-16).
TextEncoding sniff_encoding(std::string_view head, size_t& bom_size);

// UTF-16LE bytes, in chunks cut anywhere (inside a unit, between surrogates), to code points.
// An unpaired surrogate, or a character the text ends inside, becomes U+FFFD. NUL units are
// passed on: each caller decides what padding means to it.
class Utf16leDecoder {
 public:
  template <class Emit>
  void feed(std::string_view bytes, Emit&& emit) {
    for (char c : bytes) {
      if (odd_ < 0) {
        odd_ = static_cast<unsigned char>(c);
        continue;
      }
      unit(static_cast<char16_t>(odd_ | (static_cast<unsigned char>(c) << 8)), emit);
      odd_ = -1;
    }
  }
  template <class Emit>
  void finish(Emit&& emit) {
    if (odd_ >= 0 || high_ != 0) emit(U'\uFFFD');
    odd_ = -1;
    high_ = 0;
  }

 private:
  template <class Emit>
  void unit(char16_t u, Emit& emit) {
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (high_ != 0) emit(U'\uFFFD');
      high_ = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      emit(high_ != 0 ? 0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00) : U'\uFFFD');
      high_ = 0;
    } else {
      if (high_ != 0) emit(U'\uFFFD');
      high_ = 0;
      emit(static_cast<char32_t>(u));
    }
  }

  int odd_ = -1;       // first byte of a unit split across chunks, -1 when none
  char16_t high_ = 0;  // high surrogate waiting for its pair, 0 when none
};

}  // namespace wufix
