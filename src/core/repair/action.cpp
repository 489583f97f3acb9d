#include "core/repair/action.h"

#include <fmt/format.h>

#include "core/command_line.h"
#include "core/service_text.h"

namespace wufix {
namespace {

constexpr std::pair<Action::Kind, const char*> kKindNames[] = {
    {Action::Kind::SetStartType, "set-start-type"}, {Action::Kind::StopService, "stop-service"},
    {Action::Kind::StartService, "start-service"},  {Action::Kind::Rename, "rename"},
    {Action::Kind::RunProgram, "run"},
};

const char* kind_name(Action::Kind k) {
  for (auto [kind, name] : kKindNames)
    if (kind == k) return name;
  return "run";
}

std::string start_text(StartType t, bool delayed) {
  return delayed && t == StartType::Automatic ? "automatic-delayed" : to_string(t);
}

}  // namespace

std::string Action::describe() const {
  switch (kind) {
    case Kind::SetStartType:
      return fmt::format("set {} start type {} -> {}", service, start_text(old_start, old_delayed),
                         start_text(new_start, new_delayed));
    case Kind::StopService:
      return fmt::format("stop {} (was {})", service, to_string(old_state));
    case Kind::StartService:
      return fmt::format("start {} (was {})", service, to_string(old_state));
    case Kind::Rename:
      return fmt::format("rename {} -> {}", from, to);
    case Kind::RunProgram:
      return "run " + quote_command_line(program, args);
  }
  return "";
}

nlohmann::json to_json(const Action& a) {
  nlohmann::json j{{"kind", kind_name(a.kind)}, {"text", a.describe()}};
  switch (a.kind) {
    case Action::Kind::SetStartType:
      j["new_start_type"] = to_string(a.new_start);
      j["new_delayed"] = a.new_delayed;
      [[fallthrough]];
    case Action::Kind::StopService:
    case Action::Kind::StartService:
      j["service"] = a.service;
      j["old_start_type"] = to_string(a.old_start);
      j["old_delayed"] = a.old_delayed;
      j["old_state"] = to_string(a.old_state);
      break;
    case Action::Kind::Rename:
      j["from"] = a.from;
      j["to"] = a.to;
      break;
    case Action::Kind::RunProgram:
      j["program"] = a.program;
      j["args"] = a.args;
      break;
  }
  return j;
}

std::optional<Action> action_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) return std::nullopt;
  Action a;
  std::string kind = j["kind"];
  auto known = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                            [&](auto& entry) { return kind == entry.second; });
  if (known == std::end(kKindNames)) return std::nullopt;
  a.kind = known->first;
  try {
    a.service = j.value("service", "");
    a.old_start = start_type_from_string(j.value("old_start_type", ""));
    a.old_delayed = j.value("old_delayed", false);
    a.new_start = start_type_from_string(j.value("new_start_type", ""));
    a.new_delayed = j.value("new_delayed", false);
    a.old_state = service_state_from_string(j.value("old_state", ""));
    a.from = j.value("from", "");
    a.to = j.value("to", "");
    a.program = j.value("program", "");
    a.args = j.value("args", std::vector<std::string>{});
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a field of the wrong type
  }
  bool complete = a.kind == Action::Kind::Rename ? !a.from.empty() && !a.to.empty()
                  : a.kind == Action::Kind::RunProgram ? !a.program.empty()
                                                       : !a.service.empty();
  return complete ? std::optional<Action>(a) : std::nullopt;
}

Action set_start_type_action(const ServiceStatus& before, StartType type, bool delayed) {
  Action a = stop_action(before);
  a.kind = Action::Kind::SetStartType;
  a.new_start = type;
  a.new_delayed = delayed;
  return a;
}

Action stop_action(const ServiceStatus& before) {
  Action a;
  a.kind = Action::Kind::StopService;
  a.service = before.name;
  a.old_start = before.start_type;
  a.old_delayed = before.delayed_auto_start;
  a.old_state = before.state;
  return a;
}

Action start_action(const ServiceStatus& before) {
  Action a = stop_action(before);
  a.kind = Action::Kind::StartService;
  return a;
}

Action rename_action(std::string from, std::string to) {
  Action a;
  a.kind = Action::Kind::Rename;
  a.from = std::move(from);
  a.to = std::move(to);
  return a;
}

Action run_action(const ProcessSpec& spec) {
  Action a;
  a.kind = Action::Kind::RunProgram;
  a.program = spec.program;
  a.args = spec.args;
  return a;
}

}  // namespace wufix
