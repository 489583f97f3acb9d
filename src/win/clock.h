#pragma once
#include "core/seam.h"

namespace wufix::win {

class WinClock : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override;
  std::chrono::seconds uptime() const override;
  void sleep(std::chrono::milliseconds duration) const override;
  std::chrono::minutes utc_offset(std::chrono::system_clock::time_point t) const override;
};

}  // namespace wufix::win
