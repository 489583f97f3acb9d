#pragma once
#include "core/seam_log.h"

namespace wufix::win {

// CreateFileW with FILE_APPEND_DATA only (each WriteFile lands at the end of the file, also
// when another process appends) and FILE_SHARE_READ | FILE_SHARE_WRITE. In files.cpp, beside
// the output stream it shares with WinFiles.
class WinLogFiles : public LogFiles {
 public:
  Result<std::unique_ptr<OutputStream>> open_shared_append(std::string_view path) override;
};

}  // namespace wufix::win
