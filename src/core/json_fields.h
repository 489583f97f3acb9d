// Reading integers out of JSON that wufix did not write itself (journals, health results): a
// number that does not fit is damage, never a value. nlohmann's value()/get() cast 1e90, 1.5 or
// -1 into an unsigned field, which is undefined behaviour.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace wufix {

// Field `key` of `j`: `fallback` when absent; nullopt when present but not an integer T holds.
template <class T>
std::optional<T> integer_field(const nlohmann::json& j, const char* key, T fallback) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (it->is_number_unsigned()) {
    const uint64_t v = it->get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<T>::max())) return std::nullopt;
    return static_cast<T>(v);
  }
  if (!it->is_number_integer()) return std::nullopt;  // a fraction, a string, true, null ...
  const int64_t v = it->get<int64_t>();                // negative here (else it was unsigned)
  if constexpr (std::is_unsigned_v<T>) {
    return std::nullopt;
  } else {
    if (v < static_cast<int64_t>(std::numeric_limits<T>::min())) return std::nullopt;
    return static_cast<T>(v);
  }
}

}  // namespace wufix
