#include "core/catalog/signature.h"

#include <algorithm>

namespace wufix::catalog {

bool allows_code_signing(const std::vector<std::string>& usages) {
  return std::find(usages.begin(), usages.end(), kCodeSigningUsage) != usages.end();
}

}  // namespace wufix::catalog
