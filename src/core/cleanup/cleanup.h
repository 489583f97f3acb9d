// wufix cleanup: gather the facts (leftovers, journals, install history, whether Windows
// Update is busy, DISM's analysis), decide with plan_cleanup, then delete what it selected,
// each deletion journaled in %ProgramData%\wufix\cleanup\<id>.jsonl before it happens.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/cleanup/component_store.h"
#include "core/cleanup/plan.h"
#include "core/repair/journal.h"
#include "core/seam.h"
#include "core/seam_upkeep.h"

namespace wufix {

// The last successful update installation: the Windows Update Agent's history, else
// ReportingEvents.log (the agent is unavailable under Wine and on broken PCs). nullopt with
// `why` when neither tells of one.
std::optional<TimePoint> last_install_success(const System& sys, std::string& why);

// Delivery Optimization's cache in its default folder; nullopt when there is no such folder.
std::optional<DeliveryOptimizationFacts> delivery_optimization_facts(const System& sys);

// Everything plan_cleanup decides from. `analyze_store` runs DISM (minutes on a real PC). An
// Error only when the Windows folder or System32 cannot be listed.
Result<CleanupFacts> collect_cleanup_facts(const System& sys, const FileCleaner& cleaner,
                                           std::vector<RunLog> runs, bool analyze_store,
                                           const PercentFn& dism_progress);

// Progress of the real run: the item being worked on and DISM's percentage (component store).
using CleanupProgressFn = std::function<void(const CleanupItem& item, double percent)>;

struct CleanupResult {
  std::string cleanup_id;  // names its journal; "" for a dry run
  bool dry_run = false;
  CleanupPlan plan;        // every item with its status
  uint64_t freed_bytes = 0;
  bool failed() const;     // an item failed
};

// Marks the item statuses a dry run reports ("would-free" / "kept"); changes nothing.
CleanupResult dry_run_result(CleanupPlan plan);

// Deletes what the plan selected. Before a folder of a still-undoable run goes, that run's
// journal gets an "undo-forgotten" record (without it, the folder is not deleted). An item
// that fails does not stop the others.
CleanupResult perform_cleanup(const System& sys, FileCleaner& cleaner, CleanupPlan plan,
                              const std::vector<RunLog>& runs, std::string cleanup_id,
                              JournalWriter& journal, const CleanupProgressFn& progress);

// The journal of one cleanup: %ProgramData%\wufix\cleanup\<id>.jsonl, private like the runs.
Result<JournalWriter> create_cleanup_journal(Files& files, const Platform& platform,
                                             std::string_view cleanup_id);

// {schema, items [{kind, path, bytes, status, reason?, freed_bytes, error?}], freed_bytes, ...}
nlohmann::json to_json(const CleanupResult& result);

}  // namespace wufix
