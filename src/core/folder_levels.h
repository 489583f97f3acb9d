// A Windows path split into the folders an elevated process walks through to reach it, so that
// each can be checked (a link, a foreign owner) before anything below it is trusted.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wufix {

// ROOT, then each folder of BELOW under it, top down:
// ("C:\ProgramData\wufix", "downloads\ID") -> C:\ProgramData\wufix, ...\downloads, ...\downloads\ID.
// Empty names (a doubled or trailing backslash in BELOW) are skipped.
std::vector<std::string> folder_levels(std::string root, std::string_view below);

}  // namespace wufix
