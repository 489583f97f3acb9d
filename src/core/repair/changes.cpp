#include "core/repair/changes.h"

#include <algorithm>
#include <cctype>

namespace wufix {

Status Changes::begin_step(std::string_view group) {
  actions_.clear();
  group_ = std::string(group);
  return journal_.write({{"type", "group"}, {"group", group_}});
}

Status Changes::apply(const Action& action, const std::function<Status()>& change) {
  const int seq = journal_.take_seq();
  // No intent on disk, no change: an interrupted run must never hide a change it made.
  if (auto w = journal_.write({{"type", "intent"}, {"seq", seq}, {"group", group_},
                               {"action", to_json(action)}});
      !w) {
    return w;
  }
  actions_.push_back(action);
  Status done = change();
  nlohmann::json outcome{{"type", "outcome"}, {"seq", seq}, {"ok", done.ok()}};
  if (!done) outcome["error"] = done.error().message();
  if (auto w = journal_.write(outcome); !w && done) return w;
  return done;
}

Result<ServiceStatus> Changes::existing(std::string_view service) const {
  auto status = sys_.services->query(service);
  if (!status) return status.error();
  if (!status->exists) return Error{1060, "no such service", std::string(service)};
  return status;
}

Status Changes::set_start_type(std::string_view service, StartType type, bool delayed) {
  auto before = existing(service);
  if (!before) return before.error();
  return apply(set_start_type_action(*before, type, delayed),
               [&] { return sys_.services->set_start_type(service, type, delayed); });
}

Status Changes::stop(std::string_view service) {
  auto before = existing(service);
  if (!before) return before.error();
  return apply(stop_action(*before), [&] { return sys_.services->request_stop(service); });
}

Status Changes::start(std::string_view service) {
  auto before = existing(service);
  if (!before) return before.error();
  return apply(start_action(*before), [&] { return sys_.services->start(service); });
}

Status Changes::rename(std::string_view from, std::string_view to) {
  return apply(rename_action(std::string(from), std::string(to)),
               [&] { return sys_.files->rename(from, to); });
}

Status Changes::set_update_hidden(UpdateSession& session, const UpdateFacts& update,
                                  bool hidden) {
  return apply(hidden_action(update, hidden), [&] { return session.set_hidden(update.id, hidden); });
}

Result<ProcessResult> Changes::run(const ProcessSpec& spec) { return run_as(run_action(spec), spec); }

Result<ProcessResult> Changes::register_service(std::string_view service, const ProcessSpec& spec,
                                                std::vector<std::string> undo_args) {
  return run_as(register_service_action(std::string(service), spec, std::move(undo_args)), spec);
}

Result<std::optional<RawRegValue>> Changes::current_value(std::string_view key,
                                                          std::string_view name) const {
  auto values = sys_.registry_editor->values(Hive::LocalMachine, key);
  if (!values) return values.error();
  for (auto& v : *values)
    if (same_name(v.name, name)) return std::optional<RawRegValue>(v);
  return std::optional<RawRegValue>();
}

Status Changes::set_reg_value(std::string_view key, const RawRegValue& value) {
  auto before = current_value(key, value.name);
  if (!before) return before.error();
  return apply(set_reg_value_action(std::string(key), *before, value), [&] {
    return sys_.registry_editor->set_value(Hive::LocalMachine, key, value);
  });
}

Status Changes::delete_reg_value(std::string_view key, std::string_view name) {
  auto before = current_value(key, name);
  if (!before) return before.error();
  if (!*before) return ok_status();  // nothing to remove, nothing to journal
  return apply(delete_reg_value_action(std::string(key), **before), [&] {
    return sys_.registry_editor->delete_value(Hive::LocalMachine, key, name);
  });
}

Status Changes::set_proxy(const ProxyConfig& config) {
  auto before = sys_.proxy->winhttp_proxy();
  if (!before) return before.error();
  return apply(set_proxy_action(*before, config),
               [&] { return sys_.proxy->set_winhttp_proxy(config); });
}

Result<ProcessResult> Changes::run_as(const Action& action, const ProcessSpec& spec) {
  ProcessResult result;
  Status ran = apply(action, [&]() -> Status {
    auto r = sys_.processes->run(spec);
    if (!r) return r.error();
    result = *r;
    return ok_status();
  });
  if (!ran) return ran.error();
  return result;
}

}  // namespace wufix
