// One change to the machine, as a value: the journal writes it before it happens, the plan and
// the step reports print it, and undo computes its inverse from it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/seam.h"

namespace wufix {

struct Action {
  enum class Kind { SetStartType, StopService, StartService, Rename, RunProgram };
  Kind kind = Kind::RunProgram;

  // Services: the state and start type found before the change.
  std::string service;
  StartType old_start = StartType::Unknown;
  bool old_delayed = false;
  StartType new_start = StartType::Unknown;  // SetStartType
  bool new_delayed = false;
  ServiceState old_state = ServiceState::Unknown;

  // Rename
  std::string from, to;

  // RunProgram
  std::string program;
  std::vector<std::string> args;

  // "stop wuauserv (was running)", "rename C:\Windows\SoftwareDistribution -> ...".
  std::string describe() const;
};

nlohmann::json to_json(const Action& a);
// nullopt for an object that is not an action (a damaged journal line).
std::optional<Action> action_from_json(const nlohmann::json& j);

Action set_start_type_action(const ServiceStatus& before, StartType type, bool delayed);
Action stop_action(const ServiceStatus& before);
Action start_action(const ServiceStatus& before);
Action rename_action(std::string from, std::string to);
Action run_action(const ProcessSpec& spec);

}  // namespace wufix
