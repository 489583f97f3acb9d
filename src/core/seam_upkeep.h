// OS capabilities only `wufix cleanup` needs, beside seam.h (which 40 files include: a new
// capability gets its own header). Passed to the commands that use them as `Upkeep`.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace wufix {

// What one deletion freed, also when it stopped partway (what was deleted stays deleted).
struct RemoveOutcome {
  uint64_t freed_bytes = 0;    // sizes of the files removed
  std::optional<Error> error;  // the first failure (the walk still removes what it can)
};

// The one place wufix deletes: `wufix cleanup`, only paths its selection rules chose.
class FileCleaner {
 public:
  virtual ~FileCleaner() = default;
  // When the file or folder itself was last written (a folder: when an entry in it last
  // changed; renaming it aside keeps that time).
  virtual Result<std::chrono::system_clock::time_point> last_write_time(
      std::string_view path) const = 0;
  // Deletes a file, or a folder and everything below it. A link (junction, symbolic link)
  // below is removed as a link, never followed: nothing outside `path` is touched. Nor through
  // a link on the way to `path` (one swapped in while the walk runs too): each object is opened
  // as itself, proven to be the path asked for, and deleted through that handle.
  virtual RemoveOutcome remove_tree(std::string_view path) = 0;
};

class TaskScheduler;  // core/seam_tasks.h
class EventLog;
class FolderSharing;
class LogFiles;      // core/seam_log.h

// The capabilities beside `System` that cleanup and schedule use; null where absent (Linux).
struct Upkeep {
  FileCleaner* cleaner = nullptr;
  TaskScheduler* tasks = nullptr;        // schedule enable/disable/status
  EventLog* event_log = nullptr;         // the scheduled health check's events
  FolderSharing* sharing = nullptr;      // the health folder, readable without elevation
  std::string program_path;              // this wufix.exe: what the task runs
  LogFiles* log_files = nullptr;         // --log, shared with other writers and readers
};

}  // namespace wufix
