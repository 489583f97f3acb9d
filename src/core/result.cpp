#include "core/result.h"

#include <fmt/format.h>

#include "core/hresult.h"

namespace wufix {

std::string Error::message() const {
  std::string out = what;
  if (!context.empty()) out += ": " + context;
  if (code != 0) {
    // Small values are Win32 errors; large ones are HRESULTs, shown in hex as users search them.
    out += code <= 0xFFFF ? fmt::format(" (Win32 {})", code) : " (" + format_hresult(code) + ")";
  }
  return out;
}

}  // namespace wufix
