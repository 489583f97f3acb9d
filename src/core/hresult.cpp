#include "core/hresult.h"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "core/ascii.h"

namespace wufix {
namespace {

constexpr uint64_t kMaxUnsigned = 0xFFFFFFFFu;
constexpr uint64_t kMaxNegativeMagnitude = 0x80000000u;  // -2147483648 = INT32_MIN
constexpr size_t kMaxEcho = 40;  // keep the error message one short line

// The argument as it can be shown inside a one-line message.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxEcho)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7F) ? '?' : c;
  }
  if (s.size() > kMaxEcho) out += "...";
  return out;
}

Error not_an_error_code(std::string_view input) {
  return Error{0,
               "not an error code: '" + printable(input) +
                   "' (expected hex like 0x80070002, a decimal like -2147024894, "
                   "or a Win32 code like 5)",
               ""};
}

int digit_value(char c, unsigned base) {
  if (c >= '0' && c <= '9') return c - '0';
  if (base == 16 && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (base == 16 && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// All of `digits` in `base`; nullopt if empty, a non-digit, or the value exceeds `max`.
std::optional<uint64_t> parse_digits(std::string_view digits, unsigned base, uint64_t max) {
  if (digits.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : digits) {
    const int d = digit_value(c, base);
    if (d < 0) return std::nullopt;
    value = value * base + static_cast<unsigned>(d);
    if (value > max) return std::nullopt;  // checked per digit, so it cannot wrap
  }
  return value;
}

std::optional<uint32_t> parse_negative(std::string_view magnitude_digits) {
  const auto magnitude = parse_digits(magnitude_digits, 10, kMaxNegativeMagnitude);
  if (!magnitude) return std::nullopt;
  // Two's complement of the int32: -2147024894 -> 0x80070002.
  return static_cast<uint32_t>(0x100000000ull - *magnitude);
}

std::optional<uint32_t> parse_unsigned(std::string_view s) {
  std::optional<uint64_t> value;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    value = parse_digits(s.substr(2), 16, kMaxUnsigned);
  } else if (s.size() == 8 && is_hex_digits(s)) {
    value = parse_digits(s, 16, kMaxUnsigned);
  } else {
    value = parse_digits(s, 10, kMaxUnsigned);
  }
  if (!value) return std::nullopt;
  // Small values are Win32 error codes (see the rule in hresult.h).
  return *value <= 0xFFFF ? hresult_from_win32(static_cast<uint32_t>(*value))
                          : static_cast<uint32_t>(*value);
}

constexpr std::array<std::pair<unsigned, std::string_view>, 32> kFacilities{{
    {0, "NULL"},
    {1, "RPC"},
    {2, "DISPATCH"},
    {3, "STORAGE"},
    {4, "ITF"},
    {7, "WIN32"},
    {8, "WINDOWS"},
    {9, "SSPI"},  // FACILITY_SECURITY has the same number
    {10, "CONTROL"},
    {11, "CERT"},
    {12, "INTERNET"},
    {13, "MEDIASERVER"},
    {14, "MSMQ"},
    {15, "SETUPAPI"},  // CBS_E_* / PSFX_E_* servicing errors reuse it
    {16, "SCARD"},
    {17, "COMPLUS"},
    {18, "AAF"},
    {19, "URT"},
    {20, "ACS"},
    {21, "DPLAY"},
    {22, "UMI"},
    {23, "SXS"},
    {24, "WINDOWS_CE"},
    {25, "HTTP"},
    {32, "BACKGROUNDCOPY"},
    {33, "CONFIGURATION"},
    {34, "STATE_MANAGEMENT"},
    {35, "METADIRECTORY"},
    {36, "WINDOWSUPDATE"},
    {37, "DIRECTORYSERVICE"},
    {208, "DELIVERY_OPTIMIZATION"},  // 0x80D0xxxx; no FACILITY_ name in mingw-w64
    {0x190, "SETUP"},                // 0xC19xxxxx feature-update setup codes
}};

}  // namespace

Result<uint32_t> parse_code(std::string_view input) {
  const std::string_view s = trim(input);
  const std::optional<uint32_t> value =
      !s.empty() && s[0] == '-' ? parse_negative(s.substr(1)) : parse_unsigned(s);
  if (!value) return not_an_error_code(s.empty() ? input : s);
  return *value;
}

std::string_view facility_name(unsigned facility) {
  for (const auto& [number, name] : kFacilities) {
    if (number == facility) return name;
  }
  return {};
}

DecodedHresult decode_hresult(uint32_t hresult) {
  DecodedHresult d;
  d.hresult = hresult;
  d.severity = hresult >> 31;
  d.failure = d.severity != 0;
  d.customer = ((hresult >> 29) & 1u) != 0;
  d.ntstatus_mapped = ((hresult >> 28) & 1u) != 0;
  d.facility = (hresult >> 16) & 0x7FFu;
  d.code = hresult & 0xFFFFu;
  // Customer codes and wrapped NTSTATUS values do not use Microsoft's HRESULT facilities.
  if (!d.customer && !d.ntstatus_mapped) d.facility_name = std::string(facility_name(d.facility));
  if ((hresult & 0xFFFF0000u) == 0x80070000u) d.win32 = d.code;
  return d;
}

std::string format_hresult(uint32_t hresult) { return fmt::format("0x{:08X}", hresult); }

std::string format_extend_code(uint32_t extend) { return fmt::format("0x{:X}", extend); }

std::string format_code_and_extend(uint32_t hresult, uint32_t extend) {
  return extend ? format_hresult(hresult) + "-" + format_extend_code(extend) : format_hresult(hresult);
}

}  // namespace wufix
