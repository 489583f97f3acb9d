#pragma once
#include "core/seam.h"

namespace wufix::win {

// Registered antivirus products from WMI ROOT\SecurityCenter2 (client editions only: on
// Windows Server the namespace is missing and the answer is WBEM_E_INVALID_NAMESPACE).
class WinSecurityCenter : public SecurityCenter {
 public:
  Result<std::vector<AntivirusProduct>> antivirus_products() const override;
};

}  // namespace wufix::win
