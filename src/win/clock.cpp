#include "win/clock.h"

#include <windows.h>

#include "win/filetime.h"

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

// SystemTimeToTzSpecificLocalTime with no zone given uses the PC's current zone, with the
// daylight-saving rule in force at `t` (so a run in winter is read against winter logs).
std::chrono::minutes WinClock::utc_offset(std::chrono::system_clock::time_point t) const {
  const std::optional<FILETIME> utc_file = to_filetime(std::chrono::floor<std::chrono::seconds>(t));
  SYSTEMTIME utc, local;
  FILETIME local_file;
  if (!utc_file || !FileTimeToSystemTime(&*utc_file, &utc) ||
      !SystemTimeToTzSpecificLocalTime(nullptr, &utc, &local) ||
      !SystemTimeToFileTime(&local, &local_file)) {
    return std::chrono::minutes(0);  // a time Windows cannot convert: read as UTC
  }
  return std::chrono::duration_cast<std::chrono::minutes>(filetime_ticks(local_file) -
                                                          filetime_ticks(*utc_file));
}

}  // namespace wufix::win
