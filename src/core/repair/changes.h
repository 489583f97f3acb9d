// Every change a repair or an undo makes goes through Changes: the intent is written to the
// journal and flushed before the change, the outcome after it. The actions of the current step
// are kept for its rollback.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/repair/action.h"
#include "core/repair/journal.h"
#include "core/seam.h"

namespace wufix {

class Changes {
 public:
  Changes(const System& sys, JournalWriter& journal) : sys_(sys), journal_(journal) {}

  // A new group of changes (a step, a rollback, an undo); step_actions() starts empty.
  Status begin_step(std::string_view group);

  Status set_start_type(std::string_view service, StartType type, bool delayed);
  Status stop(std::string_view service);   // the request only; wait with wait_for_state()
  Status start(std::string_view service);  // likewise
  Status rename(std::string_view from, std::string_view to);
  Result<ProcessResult> run(const ProcessSpec& spec);
  // Registry values under HKLM: the value as found (read raw) is journaled with the change.
  Status set_reg_value(std::string_view key, const RawRegValue& value);
  Status delete_reg_value(std::string_view key, std::string_view name);
  Status set_proxy(const ProxyConfig& config);
  // Runs `spec` to register `service`; undo runs the same program with `undo_args`.
  Result<ProcessResult> register_service(std::string_view service, const ProcessSpec& spec,
                                         std::vector<std::string> undo_args);
  // IUpdate::IsHidden of an update the session's last search returned.
  Status set_update_hidden(UpdateSession& session, const UpdateFacts& update, bool hidden);

  // The actions of the current group whose intent was written, in order.
  const std::vector<Action>& step_actions() const { return actions_; }
  JournalWriter& journal() { return journal_; }

 private:
  Result<ServiceStatus> existing(std::string_view service) const;
  Result<std::optional<RawRegValue>> current_value(std::string_view key,
                                                   std::string_view name) const;
  Result<ProcessResult> run_as(const Action& action, const ProcessSpec& spec);
  Status apply(const Action& action, const std::function<Status()>& change);

  const System& sys_;
  JournalWriter& journal_;
  std::vector<Action> actions_;
  std::string group_;
};

}  // namespace wufix
