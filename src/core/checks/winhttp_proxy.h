// The WinHTTP default proxy the update services use (`netsh winhttp show proxy`): a proxy that
// does not answer (a VPN or tuning tool's leftover, 127.0.0.1 with nothing listening) makes
// every download fail with 0x80072EFD-like errors. Shared by diagnose's winhttp-proxy check
// and repair's network step.
#pragma once
#include <string>
#include <vector>

#include "core/findings.h"
#include "core/seam.h"

namespace wufix {

struct ProxyEndpoint {
  std::string host;
  uint16_t port = 80;
};

// "host:port", "http=h:p;https=h2:p2", "[::1]:8080", several separated by ';' or blanks.
std::vector<ProxyEndpoint> proxy_endpoints(std::string_view proxy);

struct ProxyProbe {
  ProxyConfig config;
  std::vector<std::string> dead;  // "127.0.0.1:9: TCP connect failed (10061)"
  bool broken() const { return !config.direct() && !dead.empty(); }
};

Result<ProxyProbe> probe_winhttp_proxy(const System& sys);

CheckResult check_winhttp_proxy(const System& sys);

}  // namespace wufix
