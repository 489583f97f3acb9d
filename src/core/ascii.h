// ASCII text helpers, the same in every locale. The one home of each.
#pragma once
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

// Without the blanks (space, TAB, CR, LF, VT, FF) around it.
inline std::string_view trim(std::string_view s) {
  constexpr std::string_view kBlanks = " \t\r\n\v\f";
  const size_t first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kBlanks) - first + 1);
}

}  // namespace wufix
