// What repair, undo and history print for people, and the guards they share: elevation, the
// confirmation prompt, the live progress bar.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/repair/repair.h"
#include "core/repair/undo.h"

namespace wufix {

std::string step_block(const StepOutcome& step, const Output& out);
std::string actions_block(const std::vector<Action>& actions, std::string_view indent);
std::string run_summary(const RunOutcome& run, const Output& out);
std::string undo_text(const UndoOutcome& undo, const std::vector<std::string>& problems,
                      const Output& out);

// nullopt: elevated. Else the exit code after telling how to run elevated.
std::optional<int> require_elevation(Context& ctx, std::string_view command_line);

// --fleet never asks: a change needs --yes on the command line. nullopt: go ahead; else exit 2.
std::optional<int> require_yes_in_fleet(Context& ctx, bool yes, std::string_view command);

// nullopt: no run is interrupted. Else exit 4 after saying how to finish or revert it.
std::optional<int> refuse_while_interrupted(Context& ctx, const std::vector<RunLog>& runs);

// nullopt: go ahead (--yes, or the user said yes). Else the exit code: 2 when no one can be
// asked (no terminal), 0 when the user declined.
std::optional<int> confirm(Context& ctx, bool yes, std::string_view question);

// The run journals, with a warning on stderr for each one skipped; nullopt after a one-line
// error (the runs folder is not trustworthy or cannot be read: exit 2).
std::optional<Journals> load_journals(Context& ctx);

// nullopt when wufix may act on the run; else exit 1 after naming the journal and its entry.
std::optional<int> refuse_untrusted(Context& ctx, const RunLog& run, std::string_view doing);


}  // namespace wufix
