#include "core/repair/changes.h"

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

Result<ProcessResult> Changes::run(const ProcessSpec& spec) {
  ProcessResult result;
  Status ran = apply(run_action(spec), [&]() -> Status {
    auto r = sys_.processes->run(spec);
    if (!r) return r.error();
    result = *r;
    return ok_status();
  });
  if (!ran) return ran.error();
  return result;
}

}  // namespace wufix
