// `wufix explain`: what error codes mean, why they happen in Windows Update, what fixes them.
// Rendering for people is the CLI's job; this is the data and its JSON form.
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

#include "core/error_codes.h"
#include "core/hresult.h"
#include "core/result.h"
#include "core/setup_codes.h"

namespace wufix {

struct Explanation {
  std::string input;               // the argument as given, surrounding whitespace trimmed
  DecodedHresult decoded;
  const CodeInfo* info = nullptr;  // row of the embedded table; nullptr if the code is unknown
  std::optional<ExtendCode> extend;  // Setup's "0xC1900101-0x30018": where the upgrade failed
};

// One Explanation per input, in order. All or nothing: the first malformed input returns its
// parse Error (one line), so a caller never prints a partial answer.
Result<std::vector<Explanation>> explain_codes(const std::vector<std::string>& inputs);

// {"input", "hresult": "0x80070002", "known", "name", "facility", "facility_code", "code",
//  "severity": "failure"|"success", "customer", "ntstatus_mapped", "win32", "description",
//  "cause", "fix", "extend_code": null | {"code": "0x30018", "phase", "operation"}}; unknown or
//  empty text fields and absent numbers are null.
nlohmann::json explanation_json(const Explanation& explanation);

}  // namespace wufix
