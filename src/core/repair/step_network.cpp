// network: a WinHTTP proxy that does not answer is reset to direct access (what
// `netsh winhttp reset proxy` does), the old setting journaled so undo sets it back. A proxy
// that answers is left alone. Winsock reset is out of scope: `wufix explain` says when to do it.
#include <fmt/format.h>

#include "core/checks/winhttp_proxy.h"
#include "core/repair/step.h"

namespace wufix {

StepReport run_network_step(StepContext& ctx) {
  StepReport report;
  auto probe = probe_winhttp_proxy(ctx.sys);
  if (!probe) {
    report.error = probe.error();
    return report;
  }
  if (!probe->broken()) {
    report.result = probe->config.direct() ? "direct" : "proxy-answers";
    report.details.push_back(probe->config.direct() ? "WinHTTP: direct access, nothing to reset"
                                                    : "WinHTTP proxy " + probe->config.proxy +
                                                          " answers: left as it is");
    return report;
  }
  for (const auto& d : probe->dead) report.details.push_back("no answer: " + d);
  if (Status s = ctx.changes.set_proxy(ProxyConfig{}); !s) {
    report.error = s.error();
    return report;
  }
  report.result = "reset-to-direct";
  return report;
}

}  // namespace wufix
