#pragma once
#include "core/seam_upkeep.h"

namespace wufix::win {

// Deletion through Win32 with \\?\ paths (deep WinSxS / SoftwareDistribution trees): every
// object opened with FILE_FLAG_OPEN_REPARSE_POINT, its GetFinalPathNameByHandleW compared with
// the path asked for, deleted by FileDispositionInfo on that handle; folders held without
// delete sharing while they are walked. Links are removed as links, never followed.
class WinFileCleaner : public FileCleaner {
 public:
  Result<std::chrono::system_clock::time_point> last_write_time(
      std::string_view path) const override;
  RemoveOutcome remove_tree(std::string_view path) override;
};

}  // namespace wufix::win
