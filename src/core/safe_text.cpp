#include "core/safe_text.h"

#include <fmt/format.h>

namespace wufix {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i] (strict: no overlong forms, no surrogates,
// nothing above U+10FFFF), or 0 when the bytes there are not one.
size_t sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
  if (n == 0 || i + n >= s.size()) return 0;
  // The second byte's range is narrower after E0, ED, F0 and F4.
  unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
  unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k <= n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return n + 1;
}

bool is_control(std::string_view sequence) {
  if (sequence.size() == 1) {
    unsigned char c = static_cast<unsigned char>(sequence[0]);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }
  // U+0080..U+009F are C2 80..C2 9F.
  return sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xC2 &&
         static_cast<unsigned char>(sequence[1]) <= 0x9F;
}

template <class Keep>
std::string rebuild(std::string_view text, Keep keep) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    std::string_view sequence = text.substr(i, n);
    if (keep(sequence)) out += sequence;
    i += n;
  }
  return out;
}

}  // namespace

std::string utf8_or_replacement(std::string_view text) {
  return rebuild(text, [](std::string_view) { return true; });
}

std::string printable_text(std::string_view text) {
  return rebuild(text, [](std::string_view sequence) { return !is_control(sequence); });
}

std::string escape_controls(std::string_view text) {
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) out += fmt::format("\\x{:02X}", c);
    else out += ch;
  }
  return out;
}

}  // namespace wufix
