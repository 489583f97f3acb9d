// The scheduled health check: the Task Scheduler task `wufix schedule enable` registers, as
// Task XML (Wine's ITaskService lacks the trigger and principal objects; XML works everywhere).
#pragma once
#include <string>
#include <string_view>

namespace wufix {

inline constexpr const char* kHealthTaskName = "wufix health check";  // in the root folder
inline constexpr const char* kHealthTaskArguments = "diagnose --json --health";

// Weekly (Sunday 03:00 local time, caught up when the PC was off) and 10 minutes after boot,
// as SYSTEM with the highest privileges, running `"program" diagnose --json --health`.
std::string health_task_xml(std::string_view program_path);

// Text as XML character data (& < > " ' escaped).
std::string xml_escape(std::string_view text);

}  // namespace wufix
