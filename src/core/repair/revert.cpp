#include "core/repair/revert.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/repair/service_ops.h"
#include "core/service_text.h"
#include "core/updates/scan.h"

namespace wufix {
namespace {

struct Moved {
  std::string original, current;
};

// Where each renamed folder is now, following chains (A->B then B->C is A at C).
std::vector<Moved> net_renames(const std::vector<Action>& actions) {
  std::vector<Moved> moved;
  for (const auto& a : actions) {
    if (a.kind != Action::Kind::Rename) continue;
    auto it = std::find_if(moved.begin(), moved.end(),
                           [&](const Moved& m) { return same_name(m.current, a.from); });
    if (it != moved.end()) {
      it->current = a.to;
    } else {
      moved.push_back({a.from, a.to});
    }
  }
  std::erase_if(moved, [](const Moved& m) { return same_name(m.original, m.current); });
  return moved;
}

struct Touched {
  std::string name;
  ServiceState original_state = ServiceState::Unknown;
  StartType original_start = StartType::Unknown;
  bool original_delayed = false;
  std::optional<std::pair<StartType, bool>> set_to;  // the last start type the actions set
};

// Every service the actions touched, with what it was before the first of them.
std::vector<Touched> touched_services(const std::vector<Action>& actions) {
  std::vector<Touched> touched;
  for (const auto& a : actions) {
    if (a.service.empty()) continue;
    auto it = std::find_if(touched.begin(), touched.end(),
                           [&](const Touched& t) { return same_name(t.name, a.service); });
    if (it == touched.end()) {
      touched.push_back({a.service, a.old_state, a.old_start, a.old_delayed, std::nullopt});
      it = touched.end() - 1;
    }
    if (a.kind == Action::Kind::SetStartType) it->set_to = {a.new_start, a.new_delayed};
  }
  return touched;
}

Status restore_folder(const Moved& m, Changes& changes, const Files& files, std::string_view tag) {
  auto moved_exists = files.exists(m.current);
  auto original_exists = files.exists(m.original);
  if (!moved_exists) return moved_exists.error();
  if (!original_exists) return original_exists.error();
  if (!*moved_exists) {
    if (*original_exists) return ok_status();  // the rename never happened, or was undone
    return Error{2, "cannot restore: neither folder exists", m.original + " / " + m.current};
  }
  if (*original_exists) {  // recreated meanwhile: kept, renamed aside
    auto aside = unused_name(files, m.original, tag);
    if (!aside) return aside.error();
    if (Status s = changes.rename(m.original, *aside); !s) return s;
  }
  return changes.rename(m.current, m.original);
}

Status restore_services(const std::vector<Touched>& touched, Changes& changes, const System& sys,
                        std::chrono::seconds timeout) {
  std::vector<std::string> to_start, to_stop;
  for (const auto& t : touched) {
    auto now = sys.services->query(t.name);
    if (!now) return now.error();
    if (!now->exists) continue;
    if (t.set_to && (now->start_type != t.original_start ||
                     now->delayed_auto_start != t.original_delayed)) {
      Status s = changes.set_start_type(t.name, t.original_start, t.original_delayed);
      if (!s) return s;
    }
    // A service still stopping (one that hangs on stop) takes no request: Windows finishes it
    // or a restart does; the step's own error already names it.
    if (now->state == ServiceState::StopPending) continue;
    if (is_running(t.original_state) && !is_running(now->state)) to_start.push_back(t.name);
    if (t.original_state == ServiceState::Stopped && is_running(now->state))
      to_stop.push_back(t.name);
  }
  if (Status s = stop_services(changes, sys, to_stop, timeout); !s) return s;
  return start_services(changes, sys, to_start, timeout);
}

struct RegOriginal {
  std::string key;
  std::string name;
  std::optional<RawRegValue> value;  // before the first change; nullopt: absent
};

// Each registry value the actions changed, with what it was before the first of them.
std::vector<RegOriginal> reg_originals(const std::vector<Action>& actions) {
  std::vector<RegOriginal> originals;
  for (const auto& a : actions) {
    if (a.kind != Action::Kind::SetRegValue && a.kind != Action::Kind::DeleteRegValue) continue;
    const std::string& name = a.old_value ? a.old_value->name : a.new_value->name;
    bool seen = std::any_of(originals.begin(), originals.end(), [&](const RegOriginal& o) {
      return same_name(o.key, a.key) && same_name(o.name, name);
    });
    if (!seen) originals.push_back({a.key, name, a.old_value});
  }
  return originals;
}

Status restore_reg_values(const std::vector<Action>& actions, Changes& changes,
                          const System& sys) {
  for (const auto& o : reg_originals(actions)) {
    auto values = sys.registry_editor->values(Hive::LocalMachine, o.key);
    if (!values) return values.error();
    auto now = std::find_if(values->begin(), values->end(),
                            [&](const RawRegValue& v) { return same_name(v.name, o.name); });
    const bool present = now != values->end();
    if (o.value && present && now->type == o.value->type && now->bytes == o.value->bytes)
      continue;
    Status s = o.value ? changes.set_reg_value(o.key, *o.value)
                       : changes.delete_reg_value(o.key, o.name);
    if (!s) return s;
  }
  return ok_status();
}

Status restore_proxy(const std::vector<Action>& actions, Changes& changes, const System& sys) {
  auto first = std::find_if(actions.begin(), actions.end(),
                            [](const Action& a) { return a.kind == Action::Kind::SetProxy; });
  if (first == actions.end()) return ok_status();
  auto now = sys.proxy->winhttp_proxy();
  if (!now) return now.error();
  if (*now == first->old_proxy) return ok_status();
  return changes.set_proxy(first->old_proxy);
}

// A service the run registered is stopped and unregistered again, newest first.
Status unregister_services(const std::vector<Action>& actions, Changes& changes,
                           const System& sys, std::chrono::seconds timeout) {
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
    if (it->kind != Action::Kind::RegisterService) continue;
    auto now = sys.services->query(it->service);
    if (!now) return now.error();
    if (!now->exists) continue;
    if (Status s = stop_services(changes, sys, {it->service}, timeout); !s) return s;
    ProcessSpec spec{it->program, it->undo_args, {}};
    auto ran = changes.run(spec);
    if (!ran) return ran.error();
    if (ran->exit_code != 0)
      return Error{ran->exit_code, "could not unregister the service", it->service};
  }
  return ok_status();
}

// Updates hidden or unhidden, each with its flag before the first action on it.
std::vector<std::pair<std::string, bool>> original_hidden(const std::vector<Action>& actions) {
  std::vector<std::pair<std::string, bool>> original;
  for (const auto& a : actions) {
    if (a.kind != Action::Kind::SetUpdateHidden) continue;
    if (std::none_of(original.begin(), original.end(),
                     [&](const auto& o) { return same_name(o.first, a.update_id); }))
      original.emplace_back(a.update_id, a.old_hidden);
  }
  return original;
}

Status restore_hidden(const std::vector<Action>& actions, Changes& changes, const System& sys) {
  const auto original = original_hidden(actions);
  if (original.empty()) return ok_status();
  auto session = sys.update_agent->open_session();
  if (!session) return session.error();
  auto pending = (*session)->search(kCriteriaAll, std::chrono::seconds(0));
  if (!pending) return pending.error();
  for (const auto& [id, hidden] : original) {
    const std::string& update_id = id;  // lambdas may not capture structured bindings (clang 14)
    auto it = std::find_if(pending->begin(), pending->end(),
                           [&](const UpdateFacts& u) { return same_name(u.id, update_id); });
    // Installed since, or no longer offered: there is no flag left to put back.
    if (it == pending->end() || it->hidden == hidden) continue;
    if (Status s = changes.set_update_hidden(**session, *it, hidden); !s) return s;
  }
  return ok_status();
}

}  // namespace

Result<std::string> unused_name(const Files& files, std::string_view path, std::string_view tag) {
  for (int n = 1; n < 1000; ++n) {
    std::string candidate = n == 1 ? fmt::format("{}.{}", path, tag)
                                   : fmt::format("{}.{}-{}", path, tag, n);
    auto there = files.exists(candidate);
    if (!there) return there.error();
    if (!*there) return candidate;
  }
  return Error{183, "no free name to rename aside", std::string(path)};
}

Status revert(const std::vector<Action>& actions, Changes& changes, const System& sys,
              std::chrono::seconds service_timeout, std::string_view aside_tag) {
  if (Status s = restore_reg_values(actions, changes, sys); !s) return s;
  if (Status s = restore_proxy(actions, changes, sys); !s) return s;
  const auto moved = net_renames(actions);
  const auto touched = touched_services(actions);
  if (!moved.empty()) {
    // The folders are held open by the services that use them: stop those that run.
    std::vector<std::string> holders;
    for (const auto& t : touched) holders.push_back(t.name);
    if (Status s = stop_services(changes, sys, holders, service_timeout); !s) return s;
  }
  for (auto it = moved.rbegin(); it != moved.rend(); ++it)
    if (Status s = restore_folder(*it, changes, *sys.files, aside_tag); !s) return s;
  if (Status s = restore_services(touched, changes, sys, service_timeout); !s) return s;
  if (Status s = unregister_services(actions, changes, sys, service_timeout); !s) return s;
  return restore_hidden(actions, changes, sys);
}

Result<std::vector<std::string>> undo_blockers(const std::vector<Action>& actions,
                                               const System& sys) {
  std::vector<std::string> blockers;
  for (const auto& m : net_renames(actions)) {
    auto there = sys.files->exists(m.current);
    if (!there) return there.error();
    if (!*there)
      blockers.push_back(fmt::format("{} is gone, so {} cannot be put back", m.current, m.original));
  }
  for (const auto& t : touched_services(actions)) {
    if (!t.set_to) continue;
    auto now = sys.services->query(t.name);
    if (!now) return now.error();
    if (now->exists && (now->start_type != t.set_to->first ||
                        (t.set_to->first == StartType::Automatic &&
                         now->delayed_auto_start != t.set_to->second))) {
      blockers.push_back(fmt::format("{}'s start type was changed to {} after the run", t.name,
                                     to_string(now->start_type)));
    }
  }
  return blockers;
}

}  // namespace wufix
