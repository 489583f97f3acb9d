// proxycfg.exe: sets and shows the WinHTTP default proxy, as `netsh winhttp set/show proxy` do
// (Wine's netsh has no winhttp context), through the same calls wufix uses.
//   proxycfg show                    -> "access=3 proxy=127.0.0.1:9 bypass=<local>"
//   proxycfg set PROXY [BYPASS]      -> named proxy
//   proxycfg direct                  -> no proxy
#include "common.h"

#include <winhttp.h>

int wmain(int argc, wchar_t** argv) {
  std::wstring cmd = argc > 1 ? argv[1] : L"";
  if (cmd == L"show") {
    WINHTTP_PROXY_INFO info{};
    if (!WinHttpGetDefaultProxyConfiguration(&info)) return printf("error=%lu\n", GetLastError()), 1;
    printf("access=%lu proxy=%ls bypass=%ls\n", info.dwAccessType,
           info.lpszProxy ? info.lpszProxy : L"", info.lpszProxyBypass ? info.lpszProxyBypass : L"");
    return 0;
  }
  WINHTTP_PROXY_INFO info{};
  info.dwAccessType = WINHTTP_ACCESS_TYPE_NO_PROXY;
  if (cmd == L"set" && argc > 2) {
    info.dwAccessType = WINHTTP_ACCESS_TYPE_NAMED_PROXY;
    info.lpszProxy = argv[2];
    info.lpszProxyBypass = argc > 3 ? argv[3] : nullptr;
  } else if (cmd != L"direct") {
    fwprintf(stderr, L"usage: proxycfg show|set PROXY [BYPASS]|direct\n");
    return 2;
  }
  if (!WinHttpSetDefaultProxyConfiguration(&info)) return printf("error=%lu\n", GetLastError()), 1;
  return 0;
}
