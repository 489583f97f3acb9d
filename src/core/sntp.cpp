#include "core/sntp.h"

#include <cctype>
#include <charconv>

namespace wufix {
namespace {

using std::chrono::system_clock;

// Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01).
constexpr int64_t kNtpToUnixSeconds = 2'208'988'800;
constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Offsets into the 48-byte packet (RFC 4330 section 4).
constexpr size_t kStratumAt = 1;
constexpr size_t kReferenceIdAt = 12;
constexpr size_t kOriginateAt = 24;
constexpr size_t kReceiveAt = 32;
constexpr size_t kTransmitAt = 40;

int64_t unix_nanos(system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// 32.32 fixed point seconds since 1900; the seconds wrap in 2036 (era 1), which the
// MSB rule in from_ntp undoes.
uint64_t to_ntp(system_clock::time_point t) {
  int64_t ns = unix_nanos(t);
  int64_t secs = ns / kNanosPerSecond;
  int64_t rem = ns % kNanosPerSecond;
  if (rem < 0) {  // floor, not truncate, for times before 1970
    rem += kNanosPerSecond;
    --secs;
  }
  auto seconds = static_cast<uint32_t>(static_cast<uint64_t>(secs + kNtpToUnixSeconds));
  auto fraction = static_cast<uint32_t>((static_cast<uint64_t>(rem) << 32) / kNanosPerSecond);
  return (static_cast<uint64_t>(seconds) << 32) | fraction;
}

// Nanoseconds since the Unix epoch. RFC 4330 section 3: a clear MSB means the time is in
// era 1 (after 2036-02-07 06:28:16 UTC), so the covered range is 1968..2104.
int64_t from_ntp(uint64_t ts) {
  auto seconds = static_cast<int64_t>(ts >> 32);
  auto fraction = static_cast<uint64_t>(ts & 0xFFFF'FFFFu);
  if ((seconds & 0x8000'0000) == 0) seconds += int64_t{1} << 32;
  int64_t frac_ns = static_cast<int64_t>((fraction * kNanosPerSecond) >> 32);
  return (seconds - kNtpToUnixSeconds) * kNanosPerSecond + frac_ns;
}

uint64_t read_be64(std::span<const uint8_t> p, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | p[at + i];
  return v;
}

void write_be64(std::span<uint8_t> p, size_t at, uint64_t v) {
  for (size_t i = 0; i < 8; ++i) p[at + i] = static_cast<uint8_t>(v >> (56 - 8 * i));
}

// The reference id of a stratum 0 packet is four ASCII letters; keep it printable.
std::string kiss_code(std::span<const uint8_t> p) {
  std::string code;
  for (size_t i = 0; i < 4; ++i) {
    uint8_t c = p[kReferenceIdAt + i];
    if (c == 0) break;
    code += std::isprint(c) ? static_cast<char>(c) : '?';
  }
  return code.empty() ? "(none)" : code;
}

std::string kiss_meaning(const std::string& code) {
  if (code == "RATE") return "the server asks us to send less often";
  if (code == "DENY" || code == "RSTR") return "the server refuses to serve us";
  return "the server cannot serve time now";
}

Error bad_reply(std::string why) { return Error{0, "unusable SNTP reply", std::move(why)}; }

double to_seconds(int64_t ns) { return static_cast<double>(ns) / kNanosPerSecond; }

Error bad_server(std::string_view text, const char* why) {
  return Error{0, std::string("invalid time server (") + why + ")", std::string(text)};
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  for (char c : host)
    if (std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == '[' || c == ']')
      return false;
  return true;
}

Result<uint16_t> server_port(std::string_view text, std::string_view port) {
  if (port.empty()) return bad_server(text, "the port is missing after ':'");
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size())
    return bad_server(text, "the port must be a number");
  if (value == 0 || value > 65535) return bad_server(text, "the port must be 1 to 65535");
  return static_cast<uint16_t>(value);
}

// "[v6]" or "[v6]:port".
Result<std::pair<std::string, uint16_t>> parse_bracketed(std::string_view text) {
  size_t close = text.find(']');
  if (close == std::string_view::npos) return bad_server(text, "missing ']'");
  std::string_view host = text.substr(1, close - 1);
  if (host.empty() || host.find(':') == std::string_view::npos || !valid_host(host))
    return bad_server(text, "brackets must hold an IPv6 address");
  std::string_view rest = text.substr(close + 1);
  if (rest.empty()) return std::pair{std::string(host), kNtpPort};
  if (rest[0] != ':') return bad_server(text, "expected ':PORT' after ']'");
  auto port = server_port(text, rest.substr(1));
  if (!port) return port.error();
  return std::pair{std::string(host), *port};
}

}  // namespace

std::array<uint8_t, kSntpPacketSize> sntp_request(system_clock::time_point t1) {
  std::array<uint8_t, kSntpPacketSize> packet{};
  packet[0] = 0x23;  // LI 0, VN 4, mode 3 (client)
  write_be64(packet, kTransmitAt, to_ntp(t1));
  return packet;
}

Result<SntpSample> parse_sntp_reply(std::span<const uint8_t> reply, system_clock::time_point t1,
                                    system_clock::time_point t4) {
  if (reply.size() < kSntpPacketSize)
    return bad_reply("only " + std::to_string(reply.size()) + " bytes, an SNTP packet has 48");
  int leap = reply[0] >> 6, version = (reply[0] >> 3) & 7, mode = reply[0] & 7;
  int stratum = reply[kStratumAt];
  if (mode != 4 && mode != 5)
    return bad_reply("mode " + std::to_string(mode) + ", not a server reply");
  if (version < 1 || version > 4)
    return bad_reply("unknown NTP version " + std::to_string(version));
  // Kiss-o'-death first: such packets usually also carry LI 3, but the code says more.
  if (stratum == 0) {
    std::string code = kiss_code(reply);
    return bad_reply("kiss-o'-death " + code + " (" + kiss_meaning(code) + ")");
  }
  if (leap == 3) return bad_reply("the server's clock is not synchronized (leap indicator 3)");
  if (stratum > 15) {
    std::string n = std::to_string(stratum);
    return bad_reply("stratum " + n + ": the server's clock is not synchronized");
  }
  // The echo of our transmit time proves the reply answers this request, not an old or
  // forged one.
  if (read_be64(reply, kOriginateAt) != to_ntp(t1))
    return bad_reply("its originate timestamp is not ours (a stale or spoofed reply)");
  uint64_t transmit = read_be64(reply, kTransmitAt);
  if (transmit == 0) return bad_reply("the transmit timestamp is zero");

  int64_t T1 = unix_nanos(t1), T4 = unix_nanos(t4);
  int64_t T2 = from_ntp(read_be64(reply, kReceiveAt)), T3 = from_ntp(transmit);
  SntpSample sample;
  sample.offset = (to_seconds(T2 - T1) + to_seconds(T3 - T4)) / 2;
  sample.delay = to_seconds((T4 - T1) - (T3 - T2));
  sample.stratum = stratum;
  return sample;
}

Result<std::pair<std::string, uint16_t>> parse_ntp_server(std::string_view text) {
  if (text.empty()) return bad_server(text, "empty; expected HOST[:PORT]");
  if (text.front() == '[') return parse_bracketed(text);
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    if (!valid_host(text)) return bad_server(text, "not a host name");
    return std::pair{std::string(text), kNtpPort};
  }
  // Two or more colons without brackets: a bare IPv6 address, which cannot carry a port.
  if (text.find(':', colon + 1) != std::string_view::npos) {
    if (!valid_host(text)) return bad_server(text, "not a host name");
    return std::pair{std::string(text), kNtpPort};
  }
  std::string_view host = text.substr(0, colon);
  if (host.empty()) return bad_server(text, "the host is missing before ':'");
  if (!valid_host(host)) return bad_server(text, "not a host name");
  auto port = server_port(text, text.substr(colon + 1));
  if (!port) return port.error();
  return std::pair{std::string(host), *port};
}

std::string format_ntp_server(std::string_view host, uint16_t port) {
  std::string h(host);
  if (h.find(':') != std::string::npos) h = "[" + h + "]";
  return h + ":" + std::to_string(port);
}

}  // namespace wufix
