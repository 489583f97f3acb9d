// wufix cleanup's decisions, as pure functions over facts gathered beforehand: which leftover,
// which cache, is freed, and why each other one is kept. Nothing here reads the machine.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/cleanup/leftovers.h"
#include "core/repair/journal.h"

namespace wufix {

using TimePoint = std::chrono::system_clock::time_point;

enum class CleanupKind { Leftover, DownloadCache, ComponentStore, DeliveryOptimization };
// "leftover", "download-cache", "component-store", "delivery-optimization"
const char* to_string(CleanupKind kind);

struct CleanupOptions {
  bool dry_run = false;
  bool yes = false;
  std::optional<int> older_than_days;
  bool forget_undo = false;
};

// A leftover with what the journals and the disk say about it.
struct LeftoverFacts {
  Leftover leftover;
  std::optional<TimePoint> written;  // the folder's last write time, when readable
};

// SoftwareDistribution\Download and whether Windows Update may be using it now.
struct DownloadFacts {
  std::string path;
  std::optional<uint64_t> bytes;             // nullopt: absent or unmeasurable
  std::vector<std::string> busy_services;    // wuauserv / TrustedInstaller found running
  bool reboot_pending = false;
  std::string unknown;                       // why idleness could not be established ("": known)
};

// Delivery Optimization's cache in its default folder (<windows>\ServiceProfiles\NetworkService
// \AppData\Local\Microsoft\Windows\DeliveryOptimization\Cache), and whether DoSvc may use it.
// Everything below ServiceProfiles belongs to NetworkService, which may replace a folder there
// with a link: `link` names the first one on the way.
struct DeliveryOptimizationFacts {
  std::string path;
  std::optional<uint64_t> bytes;  // nullopt: unmeasurable
  bool service_active = false;    // DoSvc running (or starting, stopping)
  std::string moved_to;           // the DOModifyCacheDrive policy's drive ("": not moved)
  std::string policy_unknown;     // why the policy could not be read ("": it was)
  std::string service_unknown;    // why DoSvc's state could not be read ("": it was)
  std::string link;               // a folder on the way that is a link, or why that is unknown
};

// DISM /AnalyzeComponentStore's answer.
struct ComponentStoreFacts {
  std::string path;                    // <windows>\WinSxS
  std::optional<uint64_t> reclaimable; // backups and disabled features + cache and temporary data
  bool recommended = false;            // "Component Store Cleanup Recommended : Yes"
  std::string error;                   // why it could not be analysed ("": it was)
};

struct CleanupFacts {
  TimePoint now;
  std::vector<LeftoverFacts> leftovers;
  std::vector<RunLog> runs;                     // trusted and refused journals alike
  std::optional<TimePoint> last_install_success;
  std::string history_error;                    // why no install history could be read
  std::optional<DownloadFacts> download;
  std::optional<DeliveryOptimizationFacts> delivery_optimization;  // nullopt: no such folder
  std::optional<ComponentStoreFacts> component_store;
};

struct CleanupItem {
  CleanupKind kind = CleanupKind::Leftover;
  std::string path;
  uint64_t bytes = 0;       // what it would free (measured before)
  bool selected = false;    // to be freed; else `reason` says why it is kept
  std::string reason;
  std::string undo_run;     // a still-undoable run this folder belongs to ("" none)
  // Filled by the run: "freed" | "failed" | "kept" | "would-free" (dry run).
  std::string status;
  uint64_t freed_bytes = 0;
  std::string error;
};

struct CleanupPlan {
  std::vector<CleanupItem> items;
  // Runs whose undo --forget-undo gives up (one of their folders is selected).
  std::vector<std::string> forget_runs;
  uint64_t selected_bytes() const;
};

// The run whose rename made `path` and that can still be undone: its journal is trusted, it
// finished, it is not undone and its undo was not given up. Empty when none.
std::string undoable_owner(const std::string& path, const std::vector<RunLog>& runs);

// When a leftover was set aside: its run's start (journal, else the time in the run id its name
// carries), else the folder's last write time; nullopt when nothing tells.
std::optional<TimePoint> set_aside_time(const LeftoverFacts& facts,
                                        const std::vector<RunLog>& runs);

// The rules, one item per leftover and cache found (kept ones too, with their reason).
CleanupPlan plan_cleanup(const CleanupFacts& facts, const CleanupOptions& options);

// "20261129-134501-3f2a" -> its UTC time; nullopt for anything else.
std::optional<TimePoint> run_id_time(std::string_view run_id);

}  // namespace wufix
