// A minimal SNTP client (RFC 4330) without sockets: build the request, validate and read the
// reply. The exchange itself goes through Network::udp_exchange so tests need no network.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace wufix {

inline constexpr size_t kSntpPacketSize = 48;
inline constexpr uint16_t kNtpPort = 123;

struct SntpSample {
  double offset = 0;  // seconds to add to the local clock to match the server
  double delay = 0;   // round-trip seconds, server processing time excluded
  int stratum = 0;
};

// A version 4 client request whose transmit timestamp is t1; the server echoes it back in the
// originate field, which parse_sntp_reply uses to match reply and request.
std::array<uint8_t, kSntpPacketSize> sntp_request(std::chrono::system_clock::time_point t1);

// Validates a reply to sntp_request(t1) received at local time t4 and computes the sample.
// Errors say in one line why the reply is unusable (kiss-o'-death code, unsynchronized, stale).
Result<SntpSample> parse_sntp_reply(std::span<const uint8_t> reply,
                                    std::chrono::system_clock::time_point t1,
                                    std::chrono::system_clock::time_point t4);

// "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6 address; the port defaults to 123.
Result<std::pair<std::string, uint16_t>> parse_ntp_server(std::string_view text);

// The inverse, for messages and evidence: "time.windows.com:123", "[::1]:123".
std::string format_ntp_server(std::string_view host, uint16_t port);

}  // namespace wufix
