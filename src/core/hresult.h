// HRESULT parsing, decoding and formatting: what users paste from logs, Settings or event XML.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace wufix {

// ERROR_SUCCESS_REBOOT_REQUIRED: what wusa and DISM exit with when a restart finishes the job.
inline constexpr uint32_t kErrorSuccessRebootRequired = 3010;

// HRESULT_FROM_WIN32: 0 (and "negative" values) stay as they are, others become 0x8007xxxx.
constexpr uint32_t hresult_from_win32(uint32_t win32) {
  return static_cast<int32_t>(win32) <= 0 ? win32 : (win32 & 0xFFFFu) | 0x80070000u;
}

// An Error's code as the HRESULT people search for: small values are Win32 errors (as
// Error::message reads them) and become 0x8007xxxx; 0 and HRESULTs stay as they are.
constexpr uint32_t error_code_hresult(uint32_t code) {
  return code != 0 && code <= 0xFFFF ? hresult_from_win32(code) : code;
}

// Parses one error code as users write it. Accepted forms (surrounding whitespace ignored):
//   0x80070002, 0X800f081f   hex with prefix, 1 or more digits (leading zeros allowed)
//   80070002, c1900101       exactly 8 hex digits without prefix: hex, even if all digits are
//                            decimal; an 8-digit decimal (10,000,000..99,999,999) is never a
//                            meaningful error code, while 8-hex-digit HRESULTs are everywhere
//   -2147024894              negative decimal: a signed int32 as logs/WMI/SCCM print it
//   2147942402, 2359302      any other all-digit string: unsigned decimal
// Rule for the ambiguous small values: whatever the notation, a result in 1..0xFFFF is a Win32
// error code and becomes HRESULT_FROM_WIN32 (5 -> 0x80070005, 0x2 -> 0x80070002), because the
// genuine HRESULTs in that range are meaningless success values. 0 stays 0 (S_OK).
// Anything else (non-digits, a value above 32 bits, below INT32_MIN, "", "-", "0x") is an
// Error whose message is one line naming the argument.
Result<uint32_t> parse_code(std::string_view input);

// The fields of an HRESULT (see the bit layout in winerror.h).
struct DecodedHresult {
  uint32_t hresult = 0;
  bool failure = false;          // bit 31: the HRESULT is an error
  unsigned severity = 0;         // bit 31 as a number (1 = failure, 0 = success)
  bool customer = false;         // bit 29: not defined by Microsoft
  bool ntstatus_mapped = false;  // bit 28: an NTSTATUS wrapped by HRESULT_FROM_NT
  unsigned facility = 0;         // bits 26-16
  std::string facility_name;     // "WIN32", "WINDOWSUPDATE", ...; empty if unknown
  unsigned code = 0;             // bits 15-0
  std::optional<uint32_t> win32; // the Win32 error inside a 0x8007xxxx HRESULT
};

DecodedHresult decode_hresult(uint32_t hresult);

// Name of a Microsoft facility number ("SETUPAPI" for 15, where CBS_E_* live); empty if unknown.
std::string_view facility_name(unsigned facility);

// "0x80070002": the form users search for.
std::string format_hresult(uint32_t hresult);
// A setup extend code as SetupDiag and Microsoft's tables write it: "0x30018", "0x4000D".
std::string format_extend_code(uint32_t extend);
// "0xC1900101-0x30018", as `wufix explain` takes a setup failure; the HRESULT alone when the
// extend code is 0.
std::string format_code_and_extend(uint32_t hresult, uint32_t extend);

}  // namespace wufix
