#include "core/checks/winhttp_proxy.h"

#include <charconv>

#include <fmt/format.h>

namespace wufix {
namespace {

constexpr std::chrono::milliseconds kConnectTimeout{3000};

std::optional<ProxyEndpoint> endpoint_of(std::string_view entry) {
  if (auto eq = entry.find('='); eq != std::string_view::npos) entry.remove_prefix(eq + 1);
  if (auto scheme = entry.find("://"); scheme != std::string_view::npos)
    entry.remove_prefix(scheme + 3);
  if (entry.empty()) return std::nullopt;
  ProxyEndpoint e;
  size_t colon = entry.rfind(':');
  if (entry.front() == '[') {  // [::1]:8080
    size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    e.host = std::string(entry.substr(1, close - 1));
    colon = entry.size() > close + 1 && entry[close + 1] == ':' ? close + 1 : std::string_view::npos;
  } else {
    e.host = std::string(entry.substr(0, colon));
  }
  if (colon != std::string_view::npos) {
    std::string_view digits = entry.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), e.port);
    if (ec != std::errc() || end != digits.data() + digits.size() || e.port == 0)
      return std::nullopt;
  }
  if (e.host.empty()) return std::nullopt;
  return e;
}

}  // namespace

std::vector<ProxyEndpoint> proxy_endpoints(std::string_view proxy) {
  std::vector<ProxyEndpoint> out;
  size_t pos = 0;
  while (pos <= proxy.size()) {
    size_t end = proxy.find_first_of("; ", pos);
    if (end == std::string_view::npos) end = proxy.size();
    if (auto e = endpoint_of(proxy.substr(pos, end - pos))) {
      bool seen = std::any_of(out.begin(), out.end(), [&](const ProxyEndpoint& o) {
        return o.host == e->host && o.port == e->port;
      });
      if (!seen) out.push_back(*e);
    }
    pos = end + 1;
  }
  return out;
}

Result<ProxyProbe> probe_winhttp_proxy(const System& sys) {
  auto config = sys.proxy->winhttp_proxy();
  if (!config) return config.error();
  ProxyProbe probe{*config, {}};
  if (config->direct()) return probe;
  auto endpoints = proxy_endpoints(config->proxy);
  if (endpoints.empty()) probe.dead.push_back(config->proxy + ": not a host:port");
  for (const auto& e : endpoints)
    if (Status s = sys.network->tcp_connect(e.host, e.port, kConnectTimeout); !s)
      probe.dead.push_back(s.error().message());
  return probe;
}

CheckResult check_winhttp_proxy(const System& sys) {
  if (!sys.proxy) return check_skipped(check_id::kWinHttpProxy, "no WinHTTP access");
  auto probe = probe_winhttp_proxy(sys);
  if (!probe) return check_error(check_id::kWinHttpProxy, probe.error());
  if (probe->config.direct()) return check_ok(check_id::kWinHttpProxy);
  Finding f;
  f.id = finding_id::kWinHttpProxy;
  f.evidence = {{"access_type", probe->config.access_type},
                {"proxy", probe->config.proxy},
                {"bypass", probe->config.bypass},
                {"unreachable", probe->dead}};
  if (probe->broken()) {
    f.severity = Severity::Error;
    f.summary = fmt::format("The WinHTTP proxy {} does not answer: Windows Update cannot download",
                            probe->config.proxy);
    f.fix = step_id::kNetwork;
  } else {
    f.severity = Severity::Info;
    f.summary = fmt::format("Windows Update goes through the WinHTTP proxy {}", probe->config.proxy);
  }
  return check_with(check_id::kWinHttpProxy, {f});
}

}  // namespace wufix
