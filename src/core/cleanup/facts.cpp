// Gathering what wufix cleanup decides from; nothing here changes the machine.
#include <algorithm>

#include "core/checks/checks.h"
#include "core/cleanup/cleanup.h"
#include "core/folder_levels.h"
#include "core/logs/reporting_events.h"

namespace wufix {
namespace {

// Installing or downloading, as far as the SCM can tell: TrustedInstaller runs while CBS
// installs, wuauserv while the agent scans or downloads.
const char* const kInstallingServices[] = {"wuauserv", "TrustedInstaller"};

bool active(ServiceState s) {
  return s == ServiceState::Running || s == ServiceState::StartPending ||
         s == ServiceState::StopPending || s == ServiceState::ContinuePending;
}

std::optional<TimePoint> latest_wua_success(const std::vector<UpdateHistoryEntry>& entries) {
  std::optional<TimePoint> latest;
  for (const auto& e : entries) {
    // Installations that succeeded, also "with errors": the update is installed.
    if (e.operation != 1 || (e.result_code != 2 && e.result_code != 3)) continue;
    if (!latest || e.date > *latest) latest = e.date;
  }
  return latest;
}

Result<std::optional<TimePoint>> latest_logged_success(const System& sys) {
  std::string path = sys.platform->windows_dir() + "\\SoftwareDistribution\\ReportingEvents.log";
  auto stream = sys.files->open_read(path);
  if (!stream) return stream.error();
  std::optional<TimePoint> latest;
  auto read = read_reporting_events(**stream, [&](const ReportingEvent& ev) {
    bool install = ev.operation.find("Install") != std::string::npos &&
                   ev.operation.find("Uninstall") == std::string::npos;
    if (install && ev.success && (!latest || ev.time > *latest)) latest = ev.time;
  });
  if (!read) return read.error();
  return latest;
}

DownloadFacts download_facts(const System& sys) {
  DownloadFacts d;
  d.path = sys.platform->windows_dir() + "\\SoftwareDistribution\\Download";
  if (auto dir = sys.files->is_directory(d.path); dir && *dir)
    if (auto bytes = sys.files->tree_size(d.path)) d.bytes = *bytes;
  for (const char* name : kInstallingServices) {
    auto s = sys.services->query(name);
    if (!s) {
      d.unknown = s.error().message();
      continue;
    }
    if (s->exists && active(s->state)) d.busy_services.push_back(name);
  }
  CheckResult reboot = check_pending_reboot(sys);
  if (reboot.status == CheckStatus::Error) d.unknown = "pending restart: " + reboot.reason;
  d.reboot_pending = !reboot.findings.empty();
  return d;
}

// The DOModifyCacheDrive policy (Group Policy) moves the cache to another drive.
constexpr const char* kDeliveryOptimizationPolicy =
    "SOFTWARE\\Policies\\Microsoft\\Windows\\DeliveryOptimization";
constexpr const char* kServiceProfiles = "ServiceProfiles";
constexpr const char* kCacheBelowProfiles =
    "NetworkService\\AppData\\Local\\Microsoft\\Windows\\DeliveryOptimization\\Cache";

// The first folder from `root` down through `below`'s names that is a link ("": none).
std::string link_on_the_way(const Files& files, const std::string& root, std::string_view below) {
  for (const std::string& path : folder_levels(root, below)) {
    auto security = files.security(path);
    if (!security) return "cannot tell whether " + path + " is a link: " + security.error().message();
    if (*security && (*security)->reparse_point) return path + " is a link";
  }
  return "";
}

}  // namespace

std::optional<DeliveryOptimizationFacts> delivery_optimization_facts(const System& sys) {
  DeliveryOptimizationFacts d;
  const std::string profiles = sys.platform->windows_dir() + "\\" + kServiceProfiles;
  d.path = profiles + "\\" + kCacheBelowProfiles;
  auto dir = sys.files->is_directory(d.path);
  if (!dir || !*dir) return std::nullopt;
  d.link = link_on_the_way(*sys.files, profiles, kCacheBelowProfiles);
  if (auto bytes = sys.files->tree_size(d.path)) d.bytes = *bytes;
  auto moved = sys.registry->read(Hive::LocalMachine, kDeliveryOptimizationPolicy,
                                  "DOModifyCacheDrive");
  if (!moved) d.policy_unknown = moved.error().message();
  else if (*moved && !(*moved)->text.empty()) d.moved_to = (*moved)->text;
  auto s = sys.services->query("DoSvc");
  if (!s) d.service_unknown = s.error().message();
  else d.service_active = s->exists && active(s->state);
  return d;
}

std::optional<TimePoint> last_install_success(const System& sys, std::string& why) {
  std::string wua = "not available", log = "not available";
  if (sys.update_agent) {
    auto history = sys.update_agent->history();
    if (history) {
      if (auto t = latest_wua_success(*history)) return t;
      wua = "no successful installation";
    } else {
      wua = history.error().message();
    }
  }
  auto logged = latest_logged_success(sys);
  if (logged && *logged) return *logged;
  log = logged ? "no successful installation" : logged.error().message();
  why = "Windows Update Agent history: " + wua + "; ReportingEvents.log: " + log;
  return std::nullopt;
}

Result<CleanupFacts> collect_cleanup_facts(const System& sys, const FileCleaner& cleaner,
                                           std::vector<RunLog> runs, bool analyze_store,
                                           const PercentFn& dism_progress) {
  CleanupFacts facts;
  facts.now = sys.clock->now();
  facts.runs = std::move(runs);
  auto found = find_leftovers(sys);
  if (!found) return found.error();
  for (Leftover& l : *found) {
    LeftoverFacts lf{std::move(l), std::nullopt};
    if (auto t = cleaner.last_write_time(lf.leftover.path)) lf.written = *t;
    facts.leftovers.push_back(std::move(lf));
  }
  facts.last_install_success = last_install_success(sys, facts.history_error);
  facts.download = download_facts(sys);
  facts.delivery_optimization = delivery_optimization_facts(sys);
  if (analyze_store) {
    ComponentStoreFacts store;
    store.path = sys.platform->windows_dir() + "\\WinSxS";
    auto analysis = analyze_component_store(sys, dism_progress);
    if (analysis) {
      store.reclaimable = analysis->reclaimable();
      store.recommended = analysis->recommended.value_or(false);
    } else {
      store.error = analysis.error().message();
    }
    facts.component_store = std::move(store);
  }
  return facts;
}

}  // namespace wufix
