// The --log file, beside seam.h (which 40 files include: a new capability gets its own header).
// Passed in `Upkeep`; without it (Linux) the log is opened through Files::open_append.
#pragma once
#include <memory>
#include <string_view>

#include "core/result.h"
#include "core/seam.h"

namespace wufix {

class LogFiles {
 public:
  virtual ~LogFiles() = default;
  // Opens for appending, creating the file when missing, while others append to it and read
  // it too: the scheduled run and a manual one given the same --log, a `tail -f` or Notepad.
  // Every write lands whole at the end of the file. (Files::open_append stays exclusive for
  // writers: a journal or a resumed download must have one writer.)
  virtual Result<std::unique_ptr<OutputStream>> open_shared_append(std::string_view path) = 0;
};

}  // namespace wufix
