#include "native/clock.h"

#include <time.h>

#include <thread>

namespace wufix::native {

std::chrono::system_clock::time_point PosixClock::now() const {
  return std::chrono::system_clock::now();
}

std::chrono::seconds PosixClock::uptime() const {
  timespec ts{};
  clock_gettime(CLOCK_BOOTTIME, &ts);
  return std::chrono::seconds(ts.tv_sec);
}

void PosixClock::sleep(std::chrono::milliseconds duration) const {
  std::this_thread::sleep_for(duration);
}

// localtime_r's tm_gmtoff: the zone's offset (TZ, else /etc/localtime) with its rule at `t`.
std::chrono::minutes PosixClock::utc_offset(std::chrono::system_clock::time_point t) const {
  const time_t seconds = std::chrono::system_clock::to_time_t(t);
  tm local{};
  if (localtime_r(&seconds, &local) == nullptr) return std::chrono::minutes(0);
  return std::chrono::duration_cast<std::chrono::minutes>(std::chrono::seconds(local.tm_gmtoff));
}

}  // namespace wufix::native
