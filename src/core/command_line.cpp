#include "core/command_line.h"

namespace wufix {

// The rules of the Microsoft C runtime: backslashes are literal unless they precede a
// double quote; then each of them must be doubled, and the quote itself escaped.
std::string quote_argument(std::string_view arg) {
  if (!arg.empty() && arg.find_first_of(" \t\n\v\"") == std::string_view::npos) {
    return std::string(arg);
  }
  std::string out = "\"";
  size_t backslashes = 0;
  for (char c : arg) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == '"') {
      out.append(backslashes * 2 + 1, '\\');
    } else {
      out.append(backslashes, '\\');
    }
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, '\\');  // before the closing quote
  out += '"';
  return out;
}

// argv[0] follows simpler rules (no escapes at all): quoted whole, and it cannot hold a quote.
std::string quote_command_line(std::string_view program, const std::vector<std::string>& args) {
  std::string line = "\"" + std::string(program) + "\"";
  for (const auto& arg : args) line += " " + quote_argument(arg);
  return line;
}

}  // namespace wufix
