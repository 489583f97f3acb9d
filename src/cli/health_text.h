// What `wufix schedule status` and `wufix status` print for people, from the same values
// their JSON is made of (core/health/status.h).
#pragma once
#include <string>

#include "cli/output.h"
#include "core/health/status.h"

namespace wufix {

// Task state, each stored result (oldest first) with what changed, and the trend.
std::string schedule_status_text(const HealthStatus& status, const Output& out);

// The last result in one screen: its problems, free space, what changed since the one before.
std::string last_result_text(const HealthStatus& status, const Output& out);

}  // namespace wufix
