// check_disk_space: feature updates need tens of GB on the system drive, and a full drive makes
// downloads and servicing fail with misleading codes.
#include <cmath>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/cleanup/cleanup.h"
#include "core/cleanup/leftovers.h"

namespace wufix {
namespace {

// "GB" here is 2^30 bytes: Explorer and Settings show sizes in these units while labelling them
// GB, so the numbers we print match what the user sees there.

// "C:\Windows" -> "C:\". Anything without a drive letter (UNC, \\?\) is queried as given:
// GetDiskFreeSpaceEx accepts any folder on the volume.
std::string drive_of(const std::string& windows_dir) {
  if (windows_dir.size() >= 2 && windows_dir[1] == ':') return windows_dir.substr(0, 2) + "\\";
  return windows_dir;
}

uint64_t threshold_bytes(double min_free_gb) {
  if (!(min_free_gb > 0)) return 0;  // also catches NaN: no threshold, nothing to warn about
  return static_cast<uint64_t>(std::llround(min_free_gb * kBytesPerGb));
}

std::string gb(uint64_t bytes) { return fmt::format("{:.1f} GB", bytes / kBytesPerGb); }

// What `wufix cleanup` could free without DISM (which takes minutes): the leftovers of earlier
// resets, the Download payloads and Delivery Optimization's cache (unless a policy moved it or
// a link is on its way). Its own rules (an install since, nothing updating) may keep
// some of it; `wufix cleanup --dry-run` tells exactly.
uint64_t cleanup_candidates_bytes(const System& sys) {
  uint64_t total = 0;
  if (auto found = find_leftovers(sys))
    for (const Leftover& l : *found) total += l.bytes.value_or(0);
  if (auto download = sys.files->tree_size(sys.platform->windows_dir() +
                                           "\\SoftwareDistribution\\Download"))
    total += *download;
  auto cache = delivery_optimization_facts(sys);
  if (cache && cache->moved_to.empty() && cache->policy_unknown.empty() && cache->link.empty())
    total += cache->bytes.value_or(0);
  return total;
}

}  // namespace

CheckResult check_disk_space(const System& sys, const DiagnoseOptions& options) {
  std::string drive = drive_of(sys.platform->windows_dir());
  auto space = sys.files->disk_space(drive);
  if (!space) return check_error(check_id::kDiskSpace, space.error());

  uint64_t threshold = threshold_bytes(options.min_free_gb);
  if (space->free_bytes >= threshold) return check_ok(check_id::kDiskSpace);

  Finding f;
  f.id = finding_id::kLowDiskSpace;
  f.severity = space->free_bytes < threshold / 2 ? Severity::Error : Severity::Warning;
  f.summary = fmt::format("Only {} free on {} ({} recommended for updates)",
                          gb(space->free_bytes), drive, gb(threshold));
  f.evidence = {{"drive", drive},
                {"free_bytes", space->free_bytes},
                {"total_bytes", space->total_bytes},
                {"threshold_bytes", threshold}};
  uint64_t cleanup_bytes = cleanup_candidates_bytes(sys);
  f.evidence["cleanup"] = "wufix cleanup";
  f.evidence["cleanup_bytes"] = cleanup_bytes;
  f.advice = cleanup_bytes > 0
                 ? fmt::format("Free space: `wufix cleanup` frees up to {} of update leftovers "
                               "and payloads (`wufix cleanup --dry-run` lists them), then Disk "
                               "Cleanup → Clean up system files", gb(cleanup_bytes))
                 : "Free space: `wufix cleanup` (the component store), then Disk Cleanup → "
                   "Clean up system files";
  return check_with(check_id::kDiskSpace, {std::move(f)});
}

}  // namespace wufix
