#include "core/repair/action.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/checks/reg_values.h"
#include "core/command_line.h"
#include "core/json_fields.h"
#include "core/service_text.h"

namespace wufix {
namespace {

constexpr std::pair<Action::Kind, const char*> kKindNames[] = {
    {Action::Kind::SetStartType, "set-start-type"}, {Action::Kind::StopService, "stop-service"},
    {Action::Kind::StartService, "start-service"},  {Action::Kind::Rename, "rename"},
    {Action::Kind::RunProgram, "run"},
    {Action::Kind::SetRegValue, "set-reg-value"},   {Action::Kind::DeleteRegValue, "delete-reg-value"},
    {Action::Kind::SetProxy, "set-winhttp-proxy"},  {Action::Kind::RegisterService, "register-service"},
    {Action::Kind::SetUpdateHidden, "set-update-hidden"},
};

constexpr std::pair<uint32_t, const char*> kRegTypes[] = {
    {0, "REG_NONE"},  {1, "REG_SZ"},        {2, "REG_EXPAND_SZ"}, {3, "REG_BINARY"},
    {4, "REG_DWORD"}, {5, "REG_DWORD_BIG_ENDIAN"}, {7, "REG_MULTI_SZ"}, {11, "REG_QWORD"},
};

nlohmann::json reg_value_json(const std::optional<RawRegValue>& v) {
  if (!v) return nullptr;
  return {{"type", v->type}, {"data", catalog::to_hex(v->bytes)}};
}

std::optional<RawRegValue> reg_value_from_json(const nlohmann::json& j, const std::string& name) {
  if (!j.is_object()) return std::nullopt;
  auto bytes = catalog::from_hex(j.value("data", ""));
  auto type = integer_field<uint32_t>(j, "type", 0);
  if (!bytes || !type) return std::nullopt;  // complete() then rejects the action
  return RawRegValue{name, *type, *bytes};
}

nlohmann::json proxy_json(const ProxyConfig& p) {
  return {{"access_type", p.access_type}, {"proxy", p.proxy}, {"bypass", p.bypass}};
}

ProxyConfig proxy_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return {};
  // An access type that is no number WinHTTP knows (0) is refused by the trust check.
  return {integer_field<uint32_t>(j, "access_type", 1).value_or(0), j.value("proxy", ""),
          j.value("bypass", "")};
}

std::string proxy_text(const ProxyConfig& p) {
  if (p.direct()) return "direct";
  return p.bypass.empty() ? "proxy " + p.proxy : fmt::format("proxy {} (bypass {})", p.proxy, p.bypass);
}

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
    case Kind::SetRegValue:
      return fmt::format("set HKLM\\{}\\{} = {} (was {})", key, new_value ? new_value->name : "",
                         new_value ? describe_reg_value(*new_value) : "",
                         old_value ? describe_reg_value(*old_value) : "absent");
    case Kind::DeleteRegValue:
      return fmt::format("remove HKLM\\{}\\{} (was {})", key, old_value ? old_value->name : "",
                         old_value ? describe_reg_value(*old_value) : "absent");
    case Kind::SetProxy:
      return fmt::format("set the WinHTTP proxy to {} (was {})", proxy_text(new_proxy),
                         proxy_text(old_proxy));
    case Kind::RegisterService:
      return fmt::format("register {}: run {}", service, quote_command_line(program, args));
    case Kind::SetUpdateHidden:
      return fmt::format("{} update {} ({})", new_hidden ? "hide" : "unhide", update_title, update_id);
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
    case Action::Kind::SetRegValue:
    case Action::Kind::DeleteRegValue:
      j["hive"] = "HKLM";
      j["key"] = a.key;
      j["name"] = a.old_value ? a.old_value->name : a.new_value ? a.new_value->name : "";
      j["old"] = reg_value_json(a.old_value);
      if (a.kind == Action::Kind::SetRegValue) j["new"] = reg_value_json(a.new_value);
      break;
    case Action::Kind::SetProxy:
      j["old_proxy"] = proxy_json(a.old_proxy);
      j["new_proxy"] = proxy_json(a.new_proxy);
      break;
    case Action::Kind::RegisterService:
      j["service"] = a.service;
      j["program"] = a.program;
      j["args"] = a.args;
      j["undo_args"] = a.undo_args;
      break;
    case Action::Kind::SetUpdateHidden:
      j["update_id"] = a.update_id;
      j["update_title"] = a.update_title;
      j["old_hidden"] = a.old_hidden;
      j["new_hidden"] = a.new_hidden;
      break;
  }
  return j;
}

namespace {

// Every field the kind needs is there: an action undo cannot act on is a damaged line.
bool complete(const Action& a) {
  switch (a.kind) {
    case Action::Kind::Rename: return !a.from.empty() && !a.to.empty();
    case Action::Kind::RunProgram: return !a.program.empty();
    case Action::Kind::SetRegValue: return !a.key.empty() && a.new_value.has_value();
    case Action::Kind::DeleteRegValue: return !a.key.empty() && a.old_value.has_value();
    case Action::Kind::SetProxy: return true;
    case Action::Kind::SetUpdateHidden: return !a.update_id.empty();
    case Action::Kind::RegisterService:
      return !a.service.empty() && !a.program.empty() && !a.undo_args.empty();
    default: return !a.service.empty();
  }
}

}  // namespace

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
    a.undo_args = j.value("undo_args", std::vector<std::string>{});
    a.key = j.value("key", "");
    const std::string name = j.value("name", "");
    if (j.contains("old")) a.old_value = reg_value_from_json(j["old"], name);
    if (j.contains("new")) a.new_value = reg_value_from_json(j["new"], name);
    if (j.contains("old_proxy")) a.old_proxy = proxy_from_json(j["old_proxy"]);
    if (j.contains("new_proxy")) a.new_proxy = proxy_from_json(j["new_proxy"]);
    a.update_id = j.value("update_id", "");
    a.update_title = j.value("update_title", "");
    a.old_hidden = j.value("old_hidden", false);
    a.new_hidden = j.value("new_hidden", false);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a field of the wrong type
  }
  return complete(a) ? std::optional<Action>(a) : std::nullopt;
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

Action hidden_action(const UpdateFacts& update, bool hidden) {
  Action a;
  a.kind = Action::Kind::SetUpdateHidden;
  a.update_id = update.id;
  a.update_title = update.title;
  a.old_hidden = update.hidden;
  a.new_hidden = hidden;
  return a;
}

Action run_action(const ProcessSpec& spec) {
  Action a;
  a.kind = Action::Kind::RunProgram;
  a.program = spec.program;
  a.args = spec.args;
  return a;
}

Action set_reg_value_action(std::string key, std::optional<RawRegValue> old_value,
                            RawRegValue new_value) {
  Action a;
  a.kind = Action::Kind::SetRegValue;
  a.key = std::move(key);
  a.old_value = std::move(old_value);
  a.new_value = std::move(new_value);
  return a;
}

Action delete_reg_value_action(std::string key, RawRegValue old_value) {
  Action a;
  a.kind = Action::Kind::DeleteRegValue;
  a.key = std::move(key);
  a.old_value = std::move(old_value);
  return a;
}

Action set_proxy_action(ProxyConfig old_proxy, ProxyConfig new_proxy) {
  Action a;
  a.kind = Action::Kind::SetProxy;
  a.old_proxy = std::move(old_proxy);
  a.new_proxy = std::move(new_proxy);
  return a;
}

Action register_service_action(std::string service, const ProcessSpec& spec,
                               std::vector<std::string> undo_args) {
  Action a = run_action(spec);
  a.kind = Action::Kind::RegisterService;
  a.service = std::move(service);
  a.undo_args = std::move(undo_args);
  return a;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Read as the checks read it (regval::from_raw); the output writers make the text printable.
std::string describe_reg_value(const RawRegValue& raw) {
  const std::string type = reg_type_name(raw.type);
  const RegValue v = regval::from_raw(raw);
  switch (v.type) {
    case RegValue::Type::String:
    case RegValue::Type::ExpandString: return fmt::format("{} \"{}\"", type, v.text);
    case RegValue::Type::Dword:
    case RegValue::Type::Qword: return fmt::format("{} {}", type, v.number);
    default: break;
  }
  std::string hex;
  for (uint8_t b : raw.bytes) hex += fmt::format(" {:02x}", b);
  return type + (hex.empty() ? " (empty)" : hex);
}

std::string reg_type_name(uint32_t type) {
  for (auto [number, name] : kRegTypes)
    if (number == type) return name;
  return fmt::format("REG_TYPE_{}", type);
}

}  // namespace wufix
