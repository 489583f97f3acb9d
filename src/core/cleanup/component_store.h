// The component store (WinSxS) through DISM: /AnalyzeComponentStore measures what a cleanup
// would reclaim, /StartComponentCleanup reclaims it. Never /ResetBase: it makes every installed
// update impossible to uninstall.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/seam.h"

namespace wufix {

struct StoreAnalysis {
  std::optional<uint64_t> actual_bytes;   // "Actual Size of Component Store"
  std::optional<uint64_t> backups_bytes;  // "Backups and Disabled Features"
  std::optional<uint64_t> cache_bytes;    // "Cache and Temporary Data"
  std::optional<bool> recommended;        // "Component Store Cleanup Recommended : Yes"
  // What a cleanup can reclaim: backups and disabled features plus cache and temporary data.
  std::optional<uint64_t> reclaimable() const;
};

// DISM's sizes: "7.41 GB", "1,94 GB" (decimal comma), "512.00 MB", "0 bytes". nullopt otherwise.
std::optional<uint64_t> parse_dism_size(std::string_view text);

// Reads one line of /AnalyzeComponentStore's report (English: DISM runs with /English).
void read_analysis_line(std::string_view line, StoreAnalysis& analysis);

using PercentFn = std::function<void(double)>;

// DISM /Online /English /Cleanup-Image /AnalyzeComponentStore; an Error names DISM's exit code
// and its error text, or says the report had no sizes.
Result<StoreAnalysis> analyze_component_store(const System& sys, const PercentFn& progress);

// DISM /Online /English /Cleanup-Image /StartComponentCleanup, with DISM's own progress.
Status start_component_cleanup(const System& sys, const PercentFn& progress);

}  // namespace wufix
