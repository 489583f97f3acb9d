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
  enum class Kind { SetStartType, StopService, StartService, Rename, RunProgram,
                    SetRegValue, DeleteRegValue, SetProxy, RegisterService, SetUpdateHidden };
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

  // RunProgram; RegisterService (program + args register `service`, undo_args unregister it)
  std::string program;
  std::vector<std::string> args;
  std::vector<std::string> undo_args;

  // SetRegValue, DeleteRegValue: one value under HKLM\<key>, as found and as written.
  std::string key;                       // "SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate"
  std::optional<RawRegValue> old_value;  // nullopt: the value did not exist
  std::optional<RawRegValue> new_value;  // SetRegValue only

  // SetProxy: the WinHTTP default proxy before and after.
  ProxyConfig old_proxy, new_proxy;

  // SetUpdateHidden (IUpdate::IsHidden): the update and its flag before and after.
  std::string update_id, update_title;
  bool old_hidden = false, new_hidden = false;

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
Action set_reg_value_action(std::string key, std::optional<RawRegValue> old_value,
                            RawRegValue new_value);
Action delete_reg_value_action(std::string key, RawRegValue old_value);
Action set_proxy_action(ProxyConfig old_proxy, ProxyConfig new_proxy);
Action register_service_action(std::string service, const ProcessSpec& spec,
                               std::vector<std::string> undo_args);
// Hide or unhide one update; the update as found holds the flag undo restores.
Action hidden_action(const UpdateFacts& update, bool hidden);

// Paths, service and registry names compare case-insensitively (ASCII), as on Windows.
bool same_name(std::string_view a, std::string_view b);

// "REG_DWORD 0x00000001", "REG_SZ \"wsus.corp\"", "REG_BINARY 01 02": a value for people.
std::string describe_reg_value(const RawRegValue& v);
// "REG_DWORD"; "REG_TYPE_42" for a type Windows does not name.
std::string reg_type_name(uint32_t type);

}  // namespace wufix
