// --fleet: the one line Intune Remediations, ConfigMgr, Ansible and PDQ keep. A command runs as
// with --json, its stdout and stderr are captured (nothing reaches stderr), and this renderer
// folds the command's JSON value, its errors and its exit code into one compact JSON line:
// ASCII only (\u escapes), at most kFleetLineMax characters, ending in one "\n".
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wufix {

inline constexpr size_t kFleetLineMax = 2048;  // Intune keeps 2,048 characters of output

// True when argv asks for --fleet (before a "--"): known before parsing, so even a bad option
// is answered with the fleet line.
bool fleet_requested(const std::vector<std::string>& args);

struct FleetInput {
  std::string command;  // "diagnose", "repair", ...; empty when none was given or parsed
  int exit_code = 0;
  std::string out;  // what the command printed on stdout (its --json document, or text)
  std::string err;  // what it printed on stderr ("wufix: error: ..." lines)
};

// The line, newline included.
std::string fleet_line(const FleetInput& in);

}  // namespace wufix
