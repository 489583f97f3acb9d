// ASCII text helpers, the same in every locale. The one home of each.
#pragma once
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace wufix {

// Case folding for the names Windows compares without case (paths, service names, hosts,
// product names): ASCII letters only.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

inline bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

// Hex digits only, at least one (no "0x"): "8024402C".
inline bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// The value of hex digits ("8024402C"); what does not fit 32 bits or is not hex reads as 0.
inline uint32_t hex_value(std::string_view s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v, 16);
  return v;
}
inline bool is_hex_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_hex_digit(c)) return false;
  return true;
}

// Letters, digits and '_': what a word or an identifier is made of.
inline bool is_word_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Without the blanks (space, TAB, CR, LF, VT, FF) around it.
inline std::string_view trim(std::string_view s) {
  constexpr std::string_view kBlanks = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace wufix
