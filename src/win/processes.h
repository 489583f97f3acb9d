#pragma once
#include "core/seam.h"

namespace wufix::win {

// Child processes through CreateProcessW: a quoted argument vector, stdin from NUL, stdout and
// stderr through one pipe read as the child writes, no console window.
class WinProcesses : public Processes {
 public:
  Result<ProcessResult> run(const ProcessSpec& spec) override;
};

}  // namespace wufix::win
