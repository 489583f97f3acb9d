// The scheduled health check: the Task Scheduler task `wufix schedule enable` registers, as
// Task XML (Wine's ITaskService lacks the trigger and principal objects; XML works everywhere).
#pragma once
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/seam.h"

namespace wufix {

inline constexpr const char* kHealthTaskName = "wufix health check";  // in the root folder
inline constexpr const char* kHealthTaskArguments = "diagnose --json --health";

// Weekly (Sunday 03:00 local time, caught up when the PC was off) and 10 minutes after boot,
// as SYSTEM with the highest privileges, running `"program" diagnose --json --health`.
std::string health_task_xml(std::string_view program_path);

// What the task runs: a copy of wufix.exe in %ProgramData%\wufix\bin, a folder only SYSTEM and
// Administrators can change. The task runs as SYSTEM at every boot, so it never runs the exe
// where `enable` was started (Downloads, C:\Tools, a share): whoever can write there would run
// code as SYSTEM. `enable` copies the running exe there; an older copy is renamed aside.
std::string task_program_path(const Platform& platform);
Result<std::string> install_task_program(Files& files, const Platform& platform,
                                         std::string_view running_exe);

// Text as XML character data (& < > " ' escaped).
std::string xml_escape(std::string_view text);

}  // namespace wufix
