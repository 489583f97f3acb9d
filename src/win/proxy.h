#pragma once
#include "core/seam.h"

namespace wufix::win {

// The WinHTTP default proxy (what `netsh winhttp show/set proxy` read and write).
class WinProxySettings : public ProxySettings {
 public:
  Result<ProxyConfig> winhttp_proxy() const override;
  Status set_winhttp_proxy(const ProxyConfig& config) override;
};

}  // namespace wufix::win
