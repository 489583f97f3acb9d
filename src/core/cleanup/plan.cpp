#include "core/cleanup/plan.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "core/repair/action.h"
#include "core/time_text.h"

namespace wufix {
namespace {

// Whether the run's renames, in order, leave `path` as one of their aside names: renamed to it
// (or maybe: the run died during the rename) and not renamed back by a rollback or an undo.
bool run_made(const RunLog& run, const std::string& path) {
  bool made = false;
  for (const LoggedAction& a : run.actions) {
    if (a.action.kind != Action::Kind::Rename || (a.finished && !a.ok)) continue;
    if (same_name(a.action.to, path)) made = true;
    else if (same_name(a.action.from, path)) made = false;
  }
  return made;
}

bool can_be_undone(const RunLog& run) {
  return !run.refused && run.result.has_value() && !run.undone() && !run.undo_forgotten;
}

const RunLog* run_named(const std::vector<RunLog>& runs, std::string_view id) {
  for (const RunLog& r : runs)
    if (r.run_id == id) return &r;
  return nullptr;
}

CleanupItem leftover_item(const LeftoverFacts& lf, const CleanupFacts& facts,
                          const CleanupOptions& options) {
  const Leftover& l = lf.leftover;
  CleanupItem item;
  item.kind = CleanupKind::Leftover;
  item.path = l.path;
  item.bytes = l.bytes.value_or(0);
  item.undo_run = undoable_owner(l.path, facts.runs);
  auto kept = [&](std::string why) {
    item.reason = std::move(why);
    return item;
  };
  if (!l.bytes) return kept("cannot be measured: " + l.size_error);
  auto aside = set_aside_time(lf, facts.runs);
  if (!aside) return kept("when it was set aside is unknown");
  if (!facts.last_install_success)
    return kept("no successful update install is on record (" + facts.history_error +
                "); kept until updates install again");
  if (*facts.last_install_success <= *aside)
    return kept("no update has installed successfully since it was set aside; kept until one has");
  if (options.older_than_days &&
      *aside > facts.now - std::chrono::days(*options.older_than_days))
    return kept(fmt::format("set aside less than {} days ago (--older-than)",
                            *options.older_than_days));
  if (!item.undo_run.empty() && !options.forget_undo)
    return kept(fmt::format("`wufix undo {}` still needs it; --forget-undo frees it and gives "
                            "up that undo", item.undo_run));
  item.selected = true;
  return item;
}

// A cache folder's item before its rule decides: what it would free.
CleanupItem cache_item(CleanupKind kind, const std::string& path, std::optional<uint64_t> bytes) {
  CleanupItem item;
  item.kind = kind;
  item.path = path;
  item.bytes = bytes.value_or(0);
  return item;
}

CleanupItem download_item(const DownloadFacts& d) {
  CleanupItem item = cache_item(CleanupKind::DownloadCache, d.path, d.bytes);
  if (!d.bytes) item.reason = "absent or cannot be measured";
  else if (!d.unknown.empty()) item.reason = "cannot tell whether an update is in progress: " + d.unknown;
  else if (!d.busy_services.empty())
    item.reason = fmt::format("{} running: an update may be downloading or installing",
                              fmt::join(d.busy_services, " and "));
  else if (d.reboot_pending) item.reason = "a restart is pending: updates wait in it";
  else if (*d.bytes == 0) item.reason = "empty";
  else item.selected = true;
  return item;
}

// Only the default folder, only while DoSvc is stopped (it is a demand-start service that
// stops when idle): a cache the policy moved elsewhere is not looked for.
CleanupItem delivery_optimization_item(const DeliveryOptimizationFacts& d) {
  CleanupItem item = cache_item(CleanupKind::DeliveryOptimization, d.path, d.bytes);
  if (!d.link.empty()) item.reason = d.link + "; nothing is deleted through a link";
  else if (!d.bytes) item.reason = "cannot be measured";
  else if (!d.moved_to.empty())
    item.reason = fmt::format("the DOModifyCacheDrive policy moved the cache to {}; wufix does "
                              "not look for it there", d.moved_to);
  else if (!d.policy_unknown.empty())
    item.reason = "cannot tell whether a policy moved the cache: " + d.policy_unknown;
  else if (!d.service_unknown.empty())
    item.reason = "cannot tell whether DoSvc is busy: " + d.service_unknown;
  else if (d.service_active) item.reason = "DoSvc running: Delivery Optimization may be using it";
  else if (*d.bytes == 0) item.reason = "empty";
  else item.selected = true;
  return item;
}

CleanupItem component_store_item(const ComponentStoreFacts& c) {
  CleanupItem item = cache_item(CleanupKind::ComponentStore, c.path, c.reclaimable);
  if (!c.error.empty()) item.reason = "DISM could not analyse it: " + c.error;
  else if (!c.recommended) item.reason = "DISM recommends no cleanup";
  else item.selected = true;
  return item;
}

}  // namespace

const char* to_string(CleanupKind kind) {
  switch (kind) {
    case CleanupKind::Leftover: return "leftover";
    case CleanupKind::DownloadCache: return "download-cache";
    case CleanupKind::ComponentStore: return "component-store";
    case CleanupKind::DeliveryOptimization: return "delivery-optimization";
  }
  return "leftover";
}

uint64_t CleanupPlan::selected_bytes() const {
  uint64_t total = 0;
  for (const CleanupItem& i : items)
    if (i.selected) total += i.bytes;
  return total;
}

std::string undoable_owner(const std::string& path, const std::vector<RunLog>& runs) {
  for (const RunLog& run : runs)
    if (can_be_undone(run) && run_made(run, path)) return run.run_id;
  return "";
}

std::optional<TimePoint> set_aside_time(const LeftoverFacts& facts,
                                        const std::vector<RunLog>& runs) {
  const AsideName& name = facts.leftover.name;
  // An undo's aside copy is made at the undo, later than its run's start or id say: the
  // folder's own time is the better witness (as for .old copies other tools made).
  if (name.tag == AsideName::Tag::WufixUndo) return facts.written;
  for (const RunLog& run : runs)
    if (!run.refused && run_made(run, facts.leftover.path))
      if (auto t = parse_iso_utc(run.started)) return t;
  if (name.tag == AsideName::Tag::Wufix) {
    if (const RunLog* run = run_named(runs, name.run_id); run && !run->refused)
      if (auto t = parse_iso_utc(run->started)) return t;
    if (auto t = run_id_time(name.run_id)) return t;
  }
  return facts.written;
}

CleanupPlan plan_cleanup(const CleanupFacts& facts, const CleanupOptions& options) {
  CleanupPlan plan;
  for (const LeftoverFacts& lf : facts.leftovers) {
    CleanupItem item = leftover_item(lf, facts, options);
    if (item.selected && !item.undo_run.empty() &&
        std::find(plan.forget_runs.begin(), plan.forget_runs.end(), item.undo_run) ==
            plan.forget_runs.end())
      plan.forget_runs.push_back(item.undo_run);
    plan.items.push_back(std::move(item));
  }
  if (facts.download) plan.items.push_back(download_item(*facts.download));
  if (facts.delivery_optimization)
    plan.items.push_back(delivery_optimization_item(*facts.delivery_optimization));
  if (facts.component_store) plan.items.push_back(component_store_item(*facts.component_store));
  return plan;
}

std::optional<TimePoint> run_id_time(std::string_view run_id) {
  if (!valid_run_id(run_id)) return std::nullopt;
  std::string id(run_id);
  return parse_iso_utc(fmt::format("{}-{}-{}T{}:{}:{}Z", id.substr(0, 4), id.substr(4, 2),
                                    id.substr(6, 2), id.substr(9, 2), id.substr(11, 2),
                                    id.substr(13, 2)));
}

}  // namespace wufix
