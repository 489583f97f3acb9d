// Putting the machine back as a list of actions found it. One function serves the three cases:
// the rollback of a failed step, the rollback of a step a crash interrupted (`--resume`), and
// `wufix undo` of a whole run. It works from the actions' net effect and today's state, so it
// may run twice, or after a half-made change, and still do the right thing.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "core/repair/changes.h"
#include "core/seam.h"

namespace wufix {

// Reverts the actions through `changes` (journaled as its current group). A folder found again
// where one was renamed away (Windows recreated it) is itself renamed aside with `aside_tag`.
Status revert(const std::vector<Action>& actions, Changes& changes, const System& sys,
              std::chrono::seconds service_timeout, std::string_view aside_tag);

// Why reverting these actions now would be unsafe (empty: safe): a renamed-aside folder that is
// gone, a start type someone changed after the run.
Result<std::vector<std::string>> undo_blockers(const std::vector<Action>& actions,
                                               const System& sys);

// A name next to `path` that does not exist yet: "<path>.<tag>", then "<path>.<tag>-2", ...
Result<std::string> unused_name(const Files& files, std::string_view path, std::string_view tag);

}  // namespace wufix
