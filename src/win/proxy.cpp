#include "win/proxy.h"

#include <windows.h>
#include <winhttp.h>

#include "win/text.h"

namespace wufix::win {
namespace {

// WinHTTP hands out strings the caller frees with GlobalFree.
std::string take(LPWSTR s) {
  if (!s) return "";
  std::string text = narrow(s);
  GlobalFree(s);
  return text;
}

}  // namespace

Result<ProxyConfig> WinProxySettings::winhttp_proxy() const {
  WINHTTP_PROXY_INFO info{};
  if (!WinHttpGetDefaultProxyConfiguration(&info))
    return win32_error(GetLastError(), "WinHttpGetDefaultProxyConfiguration failed", "WinHTTP proxy");
  ProxyConfig config;
  config.access_type = info.dwAccessType;
  config.proxy = take(info.lpszProxy);
  config.bypass = take(info.lpszProxyBypass);
  return config;
}

Status WinProxySettings::set_winhttp_proxy(const ProxyConfig& config) {
  std::wstring proxy = widen(config.proxy), bypass = widen(config.bypass);
  WINHTTP_PROXY_INFO info{};
  info.dwAccessType = config.access_type;
  info.lpszProxy = proxy.empty() ? nullptr : proxy.data();
  info.lpszProxyBypass = bypass.empty() ? nullptr : bypass.data();
  if (!WinHttpSetDefaultProxyConfiguration(&info))
    return win32_error(GetLastError(), "WinHttpSetDefaultProxyConfiguration failed",
                       "WinHTTP proxy");
  return ok_status();
}

}  // namespace wufix::win
