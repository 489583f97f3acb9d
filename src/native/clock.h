// The Clock seam on POSIX: the Linux build stamps --log lines through it like Windows does.
#pragma once
#include "core/seam.h"

namespace wufix::native {

class PosixClock : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override;
  std::chrono::seconds uptime() const override;  // CLOCK_BOOTTIME: suspended time counts
  void sleep(std::chrono::milliseconds duration) const override;
  std::chrono::minutes utc_offset(std::chrono::system_clock::time_point t) const override;
};

}  // namespace wufix::native
