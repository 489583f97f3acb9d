// Times as wufix writes them everywhere (journals, JSON, reports, the --log file): ISO 8601 in
// UTC, "2024-05-14T08:15:01Z", whatever the PC's time zone. The one home of that format.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wufix {

// "2024-05-14T08:15:01Z" (whole seconds, rounded down).
std::string iso_utc(std::chrono::system_clock::time_point t);

// The same text back; nullopt unless it is exactly that shape with a real date and time.
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(std::string_view iso);

}  // namespace wufix
