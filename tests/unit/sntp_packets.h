// Builds SNTP server replies for tests, with its own NTP timestamp encoder so the code under
// test is not checked against itself.
#pragma once
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace wufix::testing_sntp {

using std::chrono::system_clock;
using namespace std::chrono_literals;

// The fake clock's default time (2026-05-28 20:26:40 UTC) plus a fraction.
inline const system_clock::time_point kT1 = system_clock::time_point(1'780'000'000s) + 250ms;
// 2036-02-07 06:28:16 UTC, when the 32-bit NTP seconds wrap to 0 (era 1 begins).
inline const system_clock::time_point kEraRollover = system_clock::time_point(2'085'978'496s);

inline uint64_t ntp_timestamp(system_clock::time_point t) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  uint64_t seconds = static_cast<uint64_t>(ns / 1'000'000'000 + 2'208'988'800) & 0xFFFF'FFFFu;
  uint64_t fraction = (static_cast<uint64_t>(ns % 1'000'000'000) << 32) / 1'000'000'000;
  return (seconds << 32) | fraction;
}

inline uint64_t read_be64(std::span<const uint8_t> p, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | p[at + i];
  return v;
}

// A reply to a request sent at t1 (local) from a server whose clock is `server_ahead` ahead
// of ours: 10 ms each way, 1 ms in the server.
struct ServerReply {
  ServerReply(system_clock::time_point t1, system_clock::duration server_ahead)
      : originate(ntp_timestamp(t1)),
        t2(t1 + 10ms + server_ahead),
        t3(t2 + 1ms),
        t4(t1 + 21ms) {}

  int leap = 0, version = 4, mode = 4, stratum = 2;
  std::string reference_id;  // kiss code for stratum 0
  uint64_t originate;
  system_clock::time_point t2, t3;  // server receive and transmit, server clock
  system_clock::time_point t4;      // local receive
  bool transmit_zero = false;

  uint64_t receive() const { return ntp_timestamp(t2); }

  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> b(48, 0);
    b[0] = static_cast<uint8_t>(leap << 6 | version << 3 | mode);
    b[1] = static_cast<uint8_t>(stratum);
    b[2] = 6;                        // poll
    b[3] = static_cast<uint8_t>(-20);  // precision
    for (size_t i = 0; i < reference_id.size() && i < 4; ++i)
      b[12 + i] = static_cast<uint8_t>(reference_id[i]);
    put(b, 16, ntp_timestamp(t2 - 30s));  // reference time: last set a while ago
    put(b, 24, originate);
    put(b, 32, ntp_timestamp(t2));
    put(b, 40, transmit_zero ? 0 : ntp_timestamp(t3));
    return b;
  }

  static void put(std::vector<uint8_t>& b, size_t at, uint64_t v) {
    for (size_t i = 0; i < 8; ++i) b[at + i] = static_cast<uint8_t>(v >> (56 - 8 * i));
  }
};

}  // namespace wufix::testing_sntp
