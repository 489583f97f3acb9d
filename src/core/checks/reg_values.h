// Tolerant readers for registry values the checks look at. The registry holds whatever tools
// and people wrote into it: a DWORD stored as REG_SZ, a REG_MULTI_SZ stored as REG_BINARY,
// strings padded with NULs. These helpers interpret such values instead of failing on them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/seam.h"

namespace wufix::regval {

// Text of a string value (NULs and surrounding blanks trimmed); a number as its decimal digits;
// the first non-empty string of a multi-string; nullopt for binary data.
std::optional<std::string> as_text(const RegValue& v);

// A DWORD/QWORD; a string holding a decimal or 0x-hex number; binary data of 1 to 8 bytes read
// as a little-endian integer (a DWORD written as REG_BINARY). nullopt when nothing numeric fits.
std::optional<uint64_t> as_number(const RegValue& v);

// Whether the value carries anything: a non-zero number, a non-blank string, a multi-string
// with at least one non-blank entry, binary data with a non-zero byte (an empty multi-string
// written as binary is nothing but NULs).
bool is_set(const RegValue& v);

// A raw value (type number and bytes, RegistryEditor::values) read as RegistryRead does: UTF-16
// strings up to the first NUL, numbers when the size fits the type, anything else as bytes.
RegValue from_raw(const RawRegValue& raw);

// The value as it would be shown in evidence: a string, a number, a list, or hex for binary.
nlohmann::json to_json(const RegValue& v);

}  // namespace wufix::regval
