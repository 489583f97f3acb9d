#pragma once
#include <mutex>

#include "core/seam.h"

namespace wufix::win {

// WinHTTP, synchronous, with the system proxy settings (WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY,
// or the WinHTTP proxy on systems without it). Redirects are left to the caller (the core's
// allow-list checks every hop). The session opens on first use.
class WinHttp : public Http {
 public:
  WinHttp() = default;
  WinHttp(const WinHttp&) = delete;
  WinHttp& operator=(const WinHttp&) = delete;
  ~WinHttp() override;

  Result<HttpResponse> send(const HttpRequest& request, HttpSink& sink) override;

 private:
  Status open_session();
  std::once_flag once_;
  void* session_ = nullptr;  // HINTERNET
  uint32_t session_error_ = 0;
};

}  // namespace wufix::win
