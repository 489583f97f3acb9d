#include "win/clock.h"

#include <windows.h>

namespace wufix::win {

std::chrono::system_clock::time_point WinClock::now() const {
  return std::chrono::system_clock::now();
}

// Milliseconds since boot; GetTickCount64 because GetTickCount wraps after 49.7 days. Sleep and
// hibernation count too, and so does a Fast Startup "shut down" (a hibernation): only a real
// restart resets it, which is the restart pending-update advice is about.
std::chrono::seconds WinClock::uptime() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::milliseconds(GetTickCount64()));
}

void WinClock::sleep(std::chrono::milliseconds duration) const {
  Sleep(static_cast<DWORD>(duration.count()));
}

}  // namespace wufix::win
