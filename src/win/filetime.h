// FILETIME and <chrono>: 100 ns units since 1601-01-01, the Unix epoch 11,644,473,600 s later.
#pragma once
#include <windows.h>

#include <chrono>
#include <cstdint>
#include <optional>

namespace wufix::win {

using FiletimeTicks = std::chrono::duration<int64_t, std::ratio<1, 10'000'000>>;
inline constexpr FiletimeTicks kUnixEpochAsFiletime = std::chrono::seconds(11'644'473'600);

inline FiletimeTicks filetime_ticks(const FILETIME& f) {
  return FiletimeTicks((static_cast<int64_t>(f.dwHighDateTime) << 32) | f.dwLowDateTime);
}

inline std::chrono::system_clock::time_point from_filetime(const FILETIME& f) {
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(filetime_ticks(f) -
                                                                       kUnixEpochAsFiletime));
}

// nullopt before 1601, which a FILETIME cannot hold.
inline std::optional<FILETIME> to_filetime(std::chrono::system_clock::time_point t) {
  const int64_t ticks = (std::chrono::duration_cast<FiletimeTicks>(t.time_since_epoch()) +
                         kUnixEpochAsFiletime).count();
  if (ticks < 0) return std::nullopt;
  return FILETIME{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
}

}  // namespace wufix::win
