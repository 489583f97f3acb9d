// Building a CreateProcessW command line from an argument vector, quoted so that the child's
// CommandLineToArgvW / CRT parser gives back exactly the same vector. Never a shell string.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wufix {

// One argument, quoted only when it must be (empty, whitespace or a double quote).
std::string quote_argument(std::string_view arg);

// The program (always quoted: paths have spaces) followed by each quoted argument.
std::string quote_command_line(std::string_view program, const std::vector<std::string>& args);

}  // namespace wufix
