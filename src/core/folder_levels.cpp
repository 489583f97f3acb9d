#include "core/folder_levels.h"

#include <algorithm>

namespace wufix {

std::vector<std::string> folder_levels(std::string root, std::string_view below) {
  std::vector<std::string> out{std::move(root)};
  for (size_t start = 0; start < below.size();) {
    size_t end = std::min(below.find('\\', start), below.size());
    if (end > start) out.push_back(out.back() + "\\" + std::string(below.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

}  // namespace wufix
