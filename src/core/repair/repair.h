// The repair run: which steps, in which order, each journaled, a failing one rolled back and
// the steps that do not depend on it run on. Also the two ways out of an interrupted run: resume and undo.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/repair/journal.h"
#include "core/repair/step.h"
#include "core/repair/verify.h"

namespace wufix {

// A step runs only if the steps it needs succeeded, when they are part of the same run; every
// other step runs whatever happened before it (docs/cli.md lists them).
struct StepNeed {
  std::string_view step, why;
};

// One repair step: its id (a contract), the function that runs it, its line in the help, its
// label in the wizard (plain words), the steps it needs. The one list of steps: repair,
// diagnose's fix_steps, resume's trust check, the help and the wizard all read it, so an id that
// is not in it can never run.
struct StepInfo {
  std::string_view id;
  StepReport (*run)(StepContext&);
  std::string_view help;
  std::string_view label;
  std::vector<StepNeed> needs;
};

// In run order. DISM before sfc (the how-to has it the other way round): sfc repairs from the
// component store, so a store DISM has just repaired lets sfc fix what it otherwise cannot.
const std::vector<StepInfo>& step_table();
const StepInfo* find_step(std::string_view id);    // nullptr: not a repair step
const std::vector<std::string>& step_order();      // the table's ids, in run order
std::string steps_help();                          // "clock: ...\n" per step, for --help
// The step a fix names: "wufix repair --only dism --source PATH" -> "dism"; nullopt when the fix
// is no repair step (another command, or an id not in the table).
std::optional<std::string> repair_step_of(std::string_view fix);

struct StepOutcome;
// Why `id` must be skipped after these earlier steps; nullopt: it may run.
std::optional<std::string> skip_reason(const std::string& id,
                                       const std::vector<StepOutcome>& earlier);

struct StepSelection {
  std::vector<std::string> only, skip;
  bool all = false;
};

// An Error names a step id of --only/--skip that is not in the step table (a usage error,
// told before elevation or diagnosis).
Status check_selection(const StepSelection& selection);
// --only / --all / else the steps diagnose suggests; minus --skip; in run order. Only ids of the
// step table come out, whatever the selection holds.
std::vector<std::string> choose_steps(const StepSelection& selection,
                                      const std::vector<std::string>& suggested);

enum class StepStatus { Done, Skipped, Failed, RolledBack, Planned };
const char* to_string(StepStatus s);

struct StepOutcome {
  std::string id;
  StepStatus status = StepStatus::Skipped;
  std::vector<Action> actions;   // what the step did (or, in a dry run, would do)
  StepReport report;
  std::vector<Action> restored;  // what its rollback did
  std::optional<Error> rollback_error;
  std::chrono::milliseconds duration{0};
  std::string skipped_because;   // Skipped: which step it needed and why
};

struct RunOutcome {
  std::string run_id;
  bool dry_run = false;
  bool resumed = false;
  std::vector<Action> resume_rollback;  // what --resume put back before running again
  std::vector<StepOutcome> steps;
  std::vector<Verification> verification;  // after the steps (not in a dry run)

  bool failed() const;  // a step failed, or left its own finding in place
  bool reboot_required() const;
  int exit_code() const;  // 0, 1, or 3010
};

struct RunHooks {
  ProgressFn progress;
  std::function<void(const std::string& step_id)> step_started;
  std::function<void(const StepOutcome&)> step_finished;
  // Proves the repair after the last step and before the end record, so the journal's end
  // (and history and undo after it) carries the proven result, not the steps' own word.
  std::function<std::vector<Verification>(const std::vector<StepOutcome>&)> verify;
  // Asked before each step: true stops the run there (a window's Cancel). The step under way
  // always finishes or rolls back first; the steps not begun are Skipped, "cancelled".
  std::function<bool()> cancelled;
};

inline constexpr const char* kCancelledReason = "cancelled before it began";

struct RunSetup {
  System& sys;
  Changes& changes;
  const RepairOptions& options;
  const RunHooks& hooks;
  std::string run_id;
  bool dry_run = false;
};

nlohmann::json options_json(const RepairOptions& options);

// Writes the run header, runs the steps, verifies (hooks.verify), writes the end record.
RunOutcome run_repair(RunSetup& setup, const std::vector<std::string>& steps);

// Finishes an interrupted run: rolls back the step it died in, runs it and the rest again.
RunOutcome resume_repair(RunSetup& setup, const RunLog& log);

// The actions of a journal that may have happened (succeeded, or begun and never finished).
std::vector<Action> actions_that_may_have_happened(const RunLog& log);

nlohmann::json to_json(const RunOutcome& outcome);

}  // namespace wufix
