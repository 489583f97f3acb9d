// The subcommand table: each command is a small class that declares its options on its own
// CLI11 sub-app and runs with the shared Context.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/output.h"
#include "core/seam.h"
#include "core/seam_upkeep.h"

namespace wufix {

struct GlobalOptions {
  bool json = false;
  bool no_color = false;
  bool fleet = false;    // one JSON line, nothing on stderr, never a prompt (implies json)
  bool version = false;  // --version
  std::string log_file;
};

struct Context {
  System& sys;
  Output& out;
  const GlobalOptions& global;
  Upkeep upkeep = {};  // capabilities beside System: cleanup's deletions, schedule's tasks
  bool image_signed = false;  // a signed (release) exe refuses the tests-only options
};

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;
  // Commands that read or change the machine; the Linux build refuses them with exit 2.
  virtual bool needs_windows() const { return false; }
  virtual void define(CLI::App& sub) = 0;
  virtual int run(Context& ctx) = 0;
};

using CommandList = std::vector<std::unique_ptr<Command>>;

// Every command wufix has, in the order --help lists them.
CommandList all_commands();

// Factories, one per command file.
std::unique_ptr<Command> make_explain_command();
std::unique_ptr<Command> make_diagnose_command();
std::unique_ptr<Command> make_repair_command();
std::unique_ptr<Command> make_undo_command();
std::unique_ptr<Command> make_history_command();
std::unique_ptr<Command> make_catalog_command();
std::unique_ptr<Command> make_install_command();
std::unique_ptr<Command> make_logs_command();
std::unique_ptr<Command> make_report_command();
std::unique_ptr<Command> make_updates_command();
std::unique_ptr<Command> make_cleanup_command();
std::unique_ptr<Command> make_schedule_command();
std::unique_ptr<Command> make_status_command();

}  // namespace wufix
