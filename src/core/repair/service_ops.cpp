#include "core/repair/service_ops.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/service_text.h"

namespace wufix {
namespace {

constexpr std::chrono::milliseconds kPollInterval{100};
constexpr uint32_t kErrorServiceRequestTimeout = 1053;

bool listed_service(const std::vector<std::string>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) {
    return s.size() == name.size() &&
           std::equal(s.begin(), s.end(), name.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

// The existing services among `names` that are not in `state` yet.
Result<std::vector<std::string>> not_in_state(const System& sys,
                                              const std::vector<std::string>& names,
                                              ServiceState state) {
  std::vector<std::string> pending;
  for (const auto& name : names) {
    auto s = sys.services->query(name);
    if (!s) return s.error();
    if (s->exists && s->state != state) pending.push_back(name);
  }
  return pending;
}

Status request_all(Changes& changes, const std::vector<std::string>& names, bool stop) {
  for (const auto& name : names) {
    Status asked = stop ? changes.stop(name) : changes.start(name);
    if (!asked) return asked;
  }
  return ok_status();
}

}  // namespace

std::string display_duration(std::chrono::seconds s) { return fmt::format("{} s", s.count()); }

Status wait_for_state(const System& sys, const std::vector<std::string>& names,
                      ServiceState target, std::chrono::seconds timeout) {
  const auto deadline = sys.clock->now() + timeout;
  for (;;) {
    auto pending = not_in_state(sys, names, target);
    if (!pending) return pending.error();
    if (pending->empty()) return ok_status();
    if (sys.clock->now() >= deadline) {
      std::vector<std::string> shown;
      for (const auto& name : *pending) {
        auto s = sys.services->query(name);
        shown.push_back(fmt::format("{} ({})", name, s ? to_string(s->state) : "unknown"));
      }
      return Error{kErrorServiceRequestTimeout,
                   fmt::format("not {} within {}", to_string(target), display_duration(timeout)),
                   fmt::format("{}", fmt::join(shown, ", "))};
    }
    sys.clock->sleep(kPollInterval);
  }
}

Status stop_services(Changes& changes, const System& sys, const std::vector<std::string>& names,
                     std::chrono::seconds timeout) {
  std::vector<std::string> dependents, targets;
  for (const auto& name : names) {
    auto s = sys.services->query(name);
    if (!s) return s.error();
    if (!s->exists || s->state == ServiceState::Stopped) continue;
    targets.push_back(name);
    auto deps = sys.services->active_dependents(name);
    if (!deps) return deps.error();
    for (const auto& d : *deps)
      if (!listed_service(dependents, d) && !listed_service(names, d)) dependents.push_back(d);
  }
  // A service refuses to stop while its dependents run: they go in a first wave.
  for (const auto* wave : {&dependents, &targets}) {
    if (wave->empty()) continue;
    if (Status asked = request_all(changes, *wave, true); !asked) return asked;
    if (Status waited = wait_for_state(sys, *wave, ServiceState::Stopped, timeout); !waited)
      return waited;
  }
  return ok_status();
}

Status start_services(Changes& changes, const System& sys, const std::vector<std::string>& names,
                      std::chrono::seconds timeout) {
  auto pending = not_in_state(sys, names, ServiceState::Running);
  if (!pending) return pending.error();
  if (pending->empty()) return ok_status();
  if (Status asked = request_all(changes, *pending, false); !asked) return asked;
  return wait_for_state(sys, *pending, ServiceState::Running, timeout);
}

}  // namespace wufix
