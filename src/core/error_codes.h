// The error-code table: data/error_codes.tsv, embedded at build time and parsed on first use.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wufix {

// The whole text of data/error_codes.tsv (generated from src/core/error_codes_data.cpp.in).
extern const char* const kErrorCodesTsv;

struct CodeInfo {
  uint32_t code = 0;
  std::string name;         // symbolic name (WU_E_..., ERROR_..., CBS_E_...); may be empty
  std::string description;  // what the code means, one line
  std::string cause;        // likely cause in a Windows Update failure; may be empty
  std::string fix;          // wufix command that addresses it; empty if none
};

// Parses the table format: a header line "code\tname\tdescription\tcause\tfix", then one row
// per code with exactly five TAB-separated fields, the code as 0xXXXXXXXX (upper-case hex)
// and a non-empty description. Codes must be unique. CRLF line ends and a final newline are
// accepted. A malformed line is an Error naming its 1-based line number. Rows come back
// sorted by code.
Result<std::vector<CodeInfo>> parse_code_table(std::string_view tsv);

// The embedded table, sorted by code. Parsed once; a unit test guarantees it parses, so a
// broken build shows up there rather than as an empty table at run time.
const std::vector<CodeInfo>& all_codes();

// The row for exactly this HRESULT, or nullptr. No guessing from other forms of the code.
const CodeInfo* find_code(uint32_t hresult);

}  // namespace wufix
