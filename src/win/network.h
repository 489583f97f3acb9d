#pragma once
#include <mutex>

#include "core/seam.h"

namespace wufix::win {

// UDP over Winsock 2 (the SNTP probe) and a TCP connect probe (does a proxy answer). Winsock starts on first use and stops with the object.
class WinNetwork : public Network {
 public:
  WinNetwork() = default;
  WinNetwork(const WinNetwork&) = delete;
  WinNetwork& operator=(const WinNetwork&) = delete;
  ~WinNetwork() override;

  Result<UdpReply> udp_exchange(std::string_view host, uint16_t port,
                                std::span<const uint8_t> request,
                                std::chrono::milliseconds timeout) const override;
  Status tcp_connect(std::string_view host, uint16_t port,
                     std::chrono::milliseconds timeout) const override;

 private:
  Status start_winsock(const std::string& where) const;
  mutable std::once_flag startup_once_;
  mutable int startup_error_ = -1;  // -1: not started; 0: started (needs WSACleanup)
};

}  // namespace wufix::win
