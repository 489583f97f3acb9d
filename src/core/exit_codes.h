// Exit codes: a contract with scripts and fleet tools. Documented in README and --help.
#pragma once

namespace wufix::exit_code {
inline constexpr int kOk = 0;               // ok / healthy / done
inline constexpr int kFindings = 1;         // warning or error findings, or a step failed
inline constexpr int kUsage = 2;            // usage or internal error
inline constexpr int kNeedsElevation = 3;   // must run as administrator
inline constexpr int kRunPending = 4;       // an interrupted run must be resumed or undone
inline constexpr int kRestartRequired = 3010;  // done, a restart is required

inline constexpr const char* kHelpText =
    "Exit codes:\n"
    "  0     ok: healthy, or everything done\n"
    "  1     findings (warning/error), or a step failed\n"
    "  2     usage or internal error\n"
    "  3     needs elevation (run as administrator)\n"
    "  4     an interrupted run is pending (wufix repair --resume, or wufix undo)\n"
    "  3010  done, but a restart is required\n";
}  // namespace wufix::exit_code
