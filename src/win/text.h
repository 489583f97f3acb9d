// UTF-8 inside, UTF-16 at the Win32 boundary; Win32 failures as wufix::Error values.
#pragma once
#include <windows.h>

#include <string>
#include <string_view>

#include "core/result.h"

namespace wufix::win {

std::wstring widen(std::string_view utf8);
std::string narrow(std::wstring_view utf16);

// Error{GetLastError(), what, context}.
Error last_error(std::string_view what, std::string_view context = {});
Error win32_error(DWORD code, std::string_view what, std::string_view context = {});

}  // namespace wufix::win
