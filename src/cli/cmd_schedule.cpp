// wufix schedule enable|disable|status: the early warning. A Task Scheduler task runs
// `wufix diagnose --json --health` weekly and after boot as SYSTEM; each run is stored in
// %ProgramData%\wufix\health (the last 10) and problems that appear or clear go to the
// Application event log. `wufix status` shows the last result, without elevation.
#include <fmt/format.h>

#include "cli/command.h"
#include "cli/health_text.h"
#include "cli/repair_text.h"
#include "core/exit_codes.h"
#include "core/health/status.h"
#include "core/health/task.h"
#include "core/json_schema.h"
#include "core/private_folder.h"

namespace wufix {
namespace {

std::optional<int> require_tasks(Context& ctx) {
  if (ctx.upkeep.tasks && !ctx.upkeep.program_path.empty()) return std::nullopt;
  ctx.out.error_line("scheduling is not available in this build");
  return exit_code::kUsage;
}

std::optional<HealthStatus> read_status(Context& ctx) {
  HealthStatus status;
  status.schedule = read_schedule_state(ctx.upkeep.tasks);
  auto stored = read_health_results(*ctx.sys.files, *ctx.sys.platform);
  if (!stored) {
    ctx.out.error_line("cannot read the health results: " + stored.error().message());
    return std::nullopt;
  }
  status.stored = std::move(*stored);
  return status;
}

class ScheduleCommand : public Command {
 public:
  std::string name() const override { return "schedule"; }
  std::string summary() const override {
    return "Check weekly and after boot as SYSTEM; warn in the event log when a problem "
           "appears or clears (enable|disable|status)";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.require_subcommand(1);
    enable_ = sub.add_subcommand("enable", "Register the task (as administrator)");
    disable_ = sub.add_subcommand("disable", "Remove the task; the stored results stay");
    sub.add_subcommand("status", "The task, the last results and their trend");
    sub.footer(fmt::format(
        "enable registers the Task Scheduler task \"{}\": weekly on Sunday 03:00 (or as\n"
        "soon as the PC is on after that) and 10 minutes after each boot, as SYSTEM, it runs\n"
        "this wufix.exe (keep it where it is) with `{}`. Each run is kept in\n"
        "%ProgramData%\\wufix\\health (the last {}). A warning or error finding that appears\n"
        "or clears writes an Application event, source wufix: id {} when an error appears,\n"
        "{} a warning, {} when one clears.",
        kHealthTaskName, kHealthTaskArguments, kHealthResultsKept, kEventErrorAppeared,
        kEventWarningAppeared, kEventCleared));
  }
  int run(Context& ctx) override {
    if (enable_->parsed()) return enable(ctx);
    if (disable_->parsed()) return disable(ctx);
    auto status = read_status(ctx);
    if (!status) return exit_code::kFindings;
    ctx.out.out(ctx.global.json ? json_text(to_json(*status, task_program_path(*ctx.sys.platform)))
                                : schedule_status_text(*status, ctx.out));
    return exit_code::kOk;
  }

 private:
  int enable(Context& ctx) {
    if (auto refused = require_elevation(ctx, "wufix schedule enable")) return *refused;
    if (auto missing = require_tasks(ctx)) return *missing;
    auto installed = install_task_program(*ctx.sys.files, *ctx.sys.platform, ctx.upkeep.program_path);
    if (!installed) {
      ctx.out.error_line("cannot put the copy of wufix.exe the task runs in place: " +
                         installed.error().message());
      return exit_code::kFindings;
    }
    const std::string& program = *installed;
    if (Status s = ctx.upkeep.tasks->register_task(kHealthTaskName, health_task_xml(program)); !s) {
      ctx.out.error_line("cannot register the task: " + s.error().message());
      return exit_code::kFindings;
    }
    // The events' text from the copy's message table (without it Event Viewer says "The
    // description for Event ID ... cannot be found"); the events are written either way.
    if (ctx.upkeep.event_log)
      if (Status s = ctx.upkeep.event_log->register_source(kEventSource, program); !s)
        ctx.out.err("wufix: warning: the event source is not registered: " + s.error().message() +
                    "\n");
    // The folder now, so `wufix status` can read it before the first run.
    std::optional<Error> not_shared;
    if (Status ready = ensure_health_folder(*ctx.sys.files, *ctx.sys.platform, ctx.upkeep.sharing,
                                            not_shared);
        !ready)
      ctx.out.err("wufix: warning: the results folder: " + ready.error().message() + "\n");
    else if (not_shared)
      ctx.out.err("wufix: warning: `wufix status` will need elevation: Users cannot read the "
                  "health results: " + not_shared->message() + "\n");
    if (ctx.global.json) {
      ctx.out.out(json_text({{"schema", kJsonSchema}, {"action", "enable"}, {"task", kHealthTaskName},
                             {"enabled", true}, {"command", program},
                             {"arguments", kHealthTaskArguments}}));
    } else {
      ctx.out.out(fmt::format(
          "{} Enabled: task \"{}\" runs \"{}\" {}\n  weekly on Sunday 03:00 and 10 minutes after "
          "boot, as SYSTEM; results in {} (the last {}).\n  The task runs this copy, in a folder only "
          "administrators can change; enable again after updating wufix.\n",
          ctx.out.mark(Tone::Good), kHealthTaskName, program, kHealthTaskArguments,
          health_dir(*ctx.sys.platform), kHealthResultsKept));
    }
    return exit_code::kOk;
  }

  int disable(Context& ctx) {
    if (auto refused = require_elevation(ctx, "wufix schedule disable")) return *refused;
    if (auto missing = require_tasks(ctx)) return *missing;
    if (Status s = ctx.upkeep.tasks->delete_task(kHealthTaskName); !s) {
      ctx.out.error_line("cannot remove the task: " + s.error().message());
      return exit_code::kFindings;
    }
    if (ctx.upkeep.event_log)
      if (Status s = ctx.upkeep.event_log->unregister_source(kEventSource); !s) {
        ctx.out.error_line("cannot remove the event source: " + s.error().message());
        return exit_code::kFindings;
      }
    if (ctx.global.json) {
      ctx.out.out(json_text({{"schema", kJsonSchema}, {"action", "disable"}, {"task", kHealthTaskName},
                             {"enabled", false}}));
    } else {
      ctx.out.out(fmt::format("{} Disabled: task \"{}\" removed; the results stay in {}.\n",
                              ctx.out.mark(Tone::Good), kHealthTaskName,
                              health_dir(*ctx.sys.platform)));
    }
    return exit_code::kOk;
  }

  CLI::App* enable_ = nullptr;
  CLI::App* disable_ = nullptr;
};

class StatusCommand : public Command {
 public:
  std::string name() const override { return "status"; }
  std::string summary() const override {
    return "The last scheduled health check in one screen (no elevation needed)";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.footer("Exit code 1 when the last result has a warning or error finding.");
  }
  int run(Context& ctx) override {
    auto status = read_status(ctx);
    if (!status) return exit_code::kFindings;
    ctx.out.out(ctx.global.json ? json_text(last_result_json(*status))
                                : last_result_text(*status, ctx.out));
    const auto& results = status->stored.results;
    return !results.empty() && !results.back().problems.empty() ? exit_code::kFindings
                                                                : exit_code::kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_schedule_command() { return std::make_unique<ScheduleCommand>(); }
std::unique_ptr<Command> make_status_command() { return std::make_unique<StatusCommand>(); }

}  // namespace wufix
