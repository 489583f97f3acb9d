#include "cli/cli.h"

#include <algorithm>

#include <fmt/format.h>

#include "cli/build_info.h"
#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/fleet.h"
#include "core/seam_log.h"

namespace wufix {
namespace {

constexpr const char* kDescription =
    "wufix finds out why Windows Update fails and repairs it, safely: it diagnoses first,\n"
    "repairs only what is broken, proves the repair, and can undo it.";

bool color_wanted(const GlobalOptions& global, const Console& console) {
  if (global.no_color || global.json) return false;
  if (console.env("NO_COLOR").has_value()) return false;  // https://no-color.org: any value
  return console.out_is_terminal();
}

// Global options live on the top app; fallthrough lets them follow the subcommand too.
void define_globals(CLI::App& app, GlobalOptions& global) {
  app.add_flag("--json", global.json, "Machine-readable JSON on stdout");
  app.add_flag("--fleet", global.fleet,
               "One compact JSON line on stdout, nothing on stderr (Intune, ConfigMgr, Ansible)");
  app.add_flag("--no-color", global.no_color, "No colour or Unicode marks (also: NO_COLOR set)");
  app.add_option("--log", global.log_file, "Append a copy of all output to FILE");
  app.add_flag("--version", global.version, "Version, git commit, build date, signed or not");
  app.fallthrough();
}

// `wufix help [CMD]`: the same text as `wufix CMD --help`.
int print_help(CLI::App& app, const std::vector<std::string>& topic, Output& out) {
  if (topic.empty()) {
    out.out(app.help());
    return exit_code::kOk;
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == topic.front()) {
      out.out(sub->help());
      return exit_code::kOk;
    }
  }
  out.error_line(fmt::format("no such command: '{}' (see wufix --help)", topic.front()));
  return exit_code::kUsage;
}

// The first argument that names a command: known even when parsing fails.
std::string command_named(const std::vector<std::string>& args, const CommandList& commands) {
  for (const std::string& a : args) {
    if (a == "help") return a;
    for (const auto& c : commands)
      if (c->name() == a) return a;
  }
  return "";
}

// Parses and runs; with `captured` (--fleet) nothing reaches the console. `name`: the command.
int run_parsed(const std::vector<std::string>& args, System& sys, Captured* captured,
               bool image_signed, std::string& name, Upkeep upkeep) {
  CLI::App app(kDescription, "wufix");
  app.footer(exit_code::kHelpText);
  app.require_subcommand(0, 1);
  GlobalOptions global;
  define_globals(app, global);

  CommandList commands = all_commands();
  for (auto& command : commands) {
    command->define(*app.add_subcommand(command->name(), command->summary()));
  }
  std::vector<std::string> help_topic;
  app.add_subcommand("help", "Show help for a command")->add_option("command", help_topic);
  name = command_named(args, commands);

  Output output(*sys.console, false);
  output.capture_into(captured);
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    output.out(app.help());
    return exit_code::kOk;
  } catch (const CLI::ParseError& e) {
    output.error_line(fmt::format("{} (see wufix --help)", e.what()));
    return exit_code::kUsage;
  }
  if (global.version) {
    name = "version";
    BuildInfo info = build_info(image_signed);
    output.out(captured ? to_json(info).dump() : version_line(info) + "\n");
    return exit_code::kOk;
  }
  global.json = global.json || global.fleet;

  Output out(*sys.console, color_wanted(global, *sys.console));
  out.capture_into(captured);
  if (!global.log_file.empty()) {
    if (!sys.files || !sys.clock) {
      out.error_line("--log needs file access and a clock, which this build lacks");
      return exit_code::kUsage;
    }
    // Shared where the OS can (a scheduled and a manual run may name the same file).
    auto file = upkeep.log_files ? upkeep.log_files->open_shared_append(global.log_file)
                                 : sys.files->open_append(global.log_file);
    if (auto opened = out.open_log(std::move(file), *sys.clock, global.log_file); !opened) {
      out.error_line(opened.error().message());
      return exit_code::kUsage;
    }
  }
  CLI::App* chosen = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
  if (chosen == nullptr) {  // no command is a usage error, answered with the help
    out.out(app.help());
    return exit_code::kUsage;
  }
  if (chosen->get_name() == "help") return print_help(app, help_topic, out);

  auto it = std::find_if(commands.begin(), commands.end(),
                         [&](const auto& c) { return c->name() == chosen->get_name(); });
  Command& command = **it;
  if (command.needs_windows() && !sys.has_windows()) {
    out.error_line(fmt::format("'wufix {}' reads and repairs Windows; run wufix.exe on the PC",
                               command.name()));
    return exit_code::kUsage;
  }
  Context ctx{sys, out, global, upkeep, image_signed};
  try {
    return command.run(ctx);
  } catch (const std::exception& e) {  // a bug, not a user error: still one line, exit 2
    out.error_line(fmt::format("internal error: {}", e.what()));
    return exit_code::kUsage;
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& args, System& sys, bool image_signed,
            Upkeep upkeep) {
  std::string name;
  if (!fleet_requested(args)) return run_parsed(args, sys, nullptr, image_signed, name, upkeep);
  Captured captured;
  FleetInput in;
  in.exit_code = run_parsed(args, sys, &captured, image_signed, name, upkeep);
  in.command = name;
  in.out = std::move(captured.out);
  in.err = std::move(captured.err);
  sys.console->write_out(fleet_line(in));
  return in.exit_code;
}

}  // namespace wufix
