// wufix updates hide/unhide: IUpdate::IsHidden set through Changes, so the run journal has it
// and `wufix undo` puts the flags back.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exit_codes.h"
#include "core/repair/changes.h"

namespace wufix {

struct HideOutcome {
  std::string run_id;
  bool hide = true;
  std::vector<Action> actions;         // the flags changed
  std::vector<std::string> unchanged;  // already as asked: "KB5044284 (already hidden)"
  std::vector<std::string> not_found;  // named, but not a pending update
  std::optional<Error> error;

  int exit_code() const {
    return error || !not_found.empty() ? exit_code::kFindings : exit_code::kOk;
  }
};

// Sets the flag of every pending update `wanted` names (KB5044284 or an update id) that
// differs, as run `run_id` (its journal: header, one "hide" or "unhide" step, end record).
// Nothing to change: no run is written.
HideOutcome set_updates_hidden(const System& sys, UpdateSession& session, const std::string& run_id,
                               const std::vector<std::string>& wanted, bool hide);

nlohmann::json to_json(const HideOutcome& o);

}  // namespace wufix
