#include "core/updates/hide.h"

#include <algorithm>

#include "core/json_schema.h"
#include "core/repair/journal.h"
#include "core/time_text.h"
#include "core/updates/install.h"
#include "core/updates/scan.h"

namespace wufix {

HideOutcome set_updates_hidden(const System& sys, UpdateSession& session, const std::string& run_id,
                               const std::vector<std::string>& wanted, bool hide) {
  HideOutcome out;
  out.run_id = run_id;
  out.hide = hide;
  const std::string step = hide ? "hide" : "unhide";
  auto pending = session.search(kCriteriaAll, std::chrono::seconds(0));
  if (!pending) {
    out.error = pending.error();
    return out;
  }
  // Named updates that are pending; the plan's exclusions do not apply to hiding.
  UpdateFilter filter;
  filter.wanted = wanted;
  filter.all = true;
  InstallPlan named = plan_install(*pending, filter);
  out.not_found = named.not_found;
  std::vector<UpdateFacts> to_change;
  for (const auto& u : named.chosen) {
    if (u.hidden != hide) to_change.push_back(u);
    else out.unchanged.push_back(u.title + (hide ? " (already hidden)" : " (not hidden)"));
  }
  if (to_change.empty()) return out;

  auto opened = JournalWriter::create(*sys.files, *sys.platform, run_id);
  if (!opened) {
    out.error = opened.error();
    out.error->what = "cannot write the run journal, so nothing was changed: " + out.error->what;
    return out;
  }
  JournalWriter& journal = *opened;
  Status s = journal.write({{"type", "run"},
                            {"run_id", run_id},
                            {"started", iso_utc(sys.clock->now())},
                            {"plan", nlohmann::json::array({step})},
                            {"options", nlohmann::json::object()}});
  Changes changes(sys, journal);
  if (s) s = changes.begin_step(step);
  for (const auto& u : to_change) {
    if (!s) break;
    s = changes.set_update_hidden(session, u, hide);
  }
  out.actions = changes.step_actions();
  if (!s) out.error = s.error();
  // A lost summary line loses no change: each is on disk with its intent before it is made.
  (void)journal.write({{"type", "step"},
                       {"step", step},
                       {"status", s ? "done" : "failed"},
                       {"result", s ? (hide ? "hidden" : "unhidden") : ""},
                       {"reboot_required", false}});
  (void)journal.write({{"type", "end"}, {"result", s ? "done" : "failed"}});
  return out;
}

nlohmann::json to_json(const HideOutcome& o) {
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : o.actions) actions.push_back(to_json(a));
  return {{"schema", kJsonSchema},
          {"run_id", o.actions.empty() ? nlohmann::json() : nlohmann::json(o.run_id)},
          {"action", o.hide ? "hide" : "unhide"},
          {"actions", actions},
          {"unchanged", o.unchanged},
          {"not_found", o.not_found},
          {"error", o.error ? error_json(*o.error) : nlohmann::json()}};
}

}  // namespace wufix
