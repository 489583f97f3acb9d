// The keys that let a fleet collect `report --json` and `diagnose --json` from many PCs into
// one table: computer (redacted unless --no-redact), wufix_version, generated_at. `os` is
// already in both documents.
#pragma once
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/seam.h"

namespace wufix {

inline constexpr const char* kRedactedComputer = "<computer>";

// COMPUTERNAME (what Windows sets for every process, SYSTEM's too); "<computer>" when
// `redact`; null when unknown.
nlohmann::json computer_json(const Console& console, bool redact);

void add_machine_fields(nlohmann::json& doc, const Console& console, bool redact,
                        std::chrono::system_clock::time_point generated);

}  // namespace wufix
