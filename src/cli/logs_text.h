// The text form of a log analysis, for `wufix logs`.
#pragma once
#include <string>

#include "cli/output.h"
#include "core/logs/analyze.h"

namespace wufix {

// Which logs were read, then the `top` best causes with their decisive line quoted.
std::string render_logs_text(const LogAnalysis& a, const Output& out, size_t top);

}  // namespace wufix
