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

// SystemTimeToTzSpecificLocalTime with no zone given uses the PC's current zone, with the
// daylight-saving rule in force at `t` (so a run in winter is read against winter logs).
std::chrono::minutes WinClock::utc_offset(std::chrono::system_clock::time_point t) const {
  using namespace std::chrono;
  // FILETIME: 100 ns units since 1601-01-01, 11644473600 s before the Unix epoch.
  const int64_t ticks = duration_cast<seconds>(t.time_since_epoch()).count() * 10'000'000 +
                        116'444'736'000'000'000LL;
  FILETIME utc_file{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
  SYSTEMTIME utc, local;
  FILETIME local_file;
  if (ticks < 0 || !FileTimeToSystemTime(&utc_file, &utc) ||
      !SystemTimeToTzSpecificLocalTime(nullptr, &utc, &local) ||
      !SystemTimeToFileTime(&local, &local_file)) {
    return minutes(0);  // a time Windows cannot convert: read as UTC
  }
  const int64_t local_ticks =
      (static_cast<int64_t>(local_file.dwHighDateTime) << 32) | local_file.dwLowDateTime;
  return duration_cast<minutes>(duration<int64_t, std::ratio<1, 10'000'000>>(local_ticks - ticks));
}

}  // namespace wufix::win
