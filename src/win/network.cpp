// Winsock 2 must come before <windows.h>, which would otherwise pull in the old winsock.h.
#include <winsock2.h>
#include <ws2tcpip.h>

#include "win/network.h"

#include <algorithm>
#include <memory>

#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

struct SocketTraits {
  using Handle = SOCKET;
  static Handle invalid() { return INVALID_SOCKET; }
  static void close(Handle s) { closesocket(s); }
};
using UniqueSocket = Unique<SocketTraits>;

struct AddrInfoFree {
  void operator()(ADDRINFOW* info) const { FreeAddrInfoW(info); }
};
using AddrInfoList = std::unique_ptr<ADDRINFOW, AddrInfoFree>;

// "host:port", with IPv6 literals bracketed: "[::1]:123".
std::string endpoint(std::string_view host, uint16_t port) {
  bool ipv6 = host.find(':') != std::string_view::npos;
  std::string out;
  out.append(ipv6 ? "[" : "").append(host).append(ipv6 ? "]:" : ":");
  return out.append(std::to_string(port));
}

// A connected UDP socket to the first address that takes one. connect() on UDP only picks
// the route (an IPv6 address without a route fails here and the next address is tried),
// filters replies to that peer, and turns an ICMP "port unreachable" into WSAECONNRESET.
Result<UniqueSocket> connect_any(const ADDRINFOW* list, const std::string& where) {
  int error = WSAHOST_NOT_FOUND;
  for (const ADDRINFOW* ai = list; ai != nullptr; ai = ai->ai_next) {
    UniqueSocket s(socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol));
    if (s && connect(s.get(), ai->ai_addr, static_cast<int>(ai->ai_addrlen)) == 0) return s;
    error = WSAGetLastError();
  }
  return win32_error(static_cast<DWORD>(error), "cannot open a UDP socket", where);
}

// true when data is waiting, false on timeout.
Result<bool> wait_readable(SOCKET s, std::chrono::milliseconds timeout, const std::string& where) {
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(s, &readable);
  long ms = static_cast<long>(std::max<int64_t>(timeout.count(), 0));
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  int n = select(0, &readable, nullptr, nullptr, &tv);  // the first argument is ignored
  if (n == SOCKET_ERROR) {
    return win32_error(static_cast<DWORD>(WSAGetLastError()), "select failed", where);
  }
  return n > 0;
}

// No reply in time. An ICMP "port unreachable" that never woke select() (Wine leaves it in
// SO_ERROR as WSAECONNREFUSED) is still worth telling apart from plain silence.
Error silence(SOCKET s, std::chrono::milliseconds timeout, const std::string& where) {
  int pending = 0;
  int size = sizeof pending;
  if (getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&pending), &size) == 0 &&
      pending != 0) {
    return win32_error(static_cast<DWORD>(pending), "UDP port unreachable", where);
  }
  return win32_error(WSAETIMEDOUT, "no UDP reply within " + std::to_string(timeout.count()) + " ms",
                     where);
}

Result<AddrInfoList> resolve(std::string_view host, uint16_t port, int socktype,
                             const std::string& where) {
  ADDRINFOW hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = socktype;
  ADDRINFOW* raw = nullptr;
  // GetAddrInfoW returns its error (WSAHOST_NOT_FOUND, WSATRY_AGAIN, WSANO_DATA...) directly.
  int rc = GetAddrInfoW(widen(host).c_str(), std::to_wstring(port).c_str(), &hints, &raw);
  AddrInfoList addresses(raw);
  if (rc != 0) return win32_error(static_cast<DWORD>(rc), "DNS lookup failed", where);
  return addresses;
}

// One non-blocking connect, waited for with select(): refused and timed out are told apart.
Status tcp_connect_one(const ADDRINFOW* a, std::chrono::milliseconds timeout,
                       const std::string& where) {
  UniqueSocket sock(socket(a->ai_family, a->ai_socktype, a->ai_protocol));
  if (!sock) return win32_error(static_cast<DWORD>(WSAGetLastError()), "socket failed", where);
  u_long non_blocking = 1;
  ioctlsocket(sock.get(), FIONBIO, &non_blocking);
  if (connect(sock.get(), a->ai_addr, static_cast<int>(a->ai_addrlen)) == 0) return ok_status();
  int error = WSAGetLastError();
  if (error != WSAEWOULDBLOCK) return win32_error(static_cast<DWORD>(error), "TCP connect failed", where);
  fd_set writable, failed;
  FD_ZERO(&writable);
  FD_ZERO(&failed);
  FD_SET(sock.get(), &writable);
  FD_SET(sock.get(), &failed);
  timeval tv{static_cast<long>(timeout.count() / 1000), static_cast<long>(timeout.count() % 1000) * 1000};
  int ready = select(0, nullptr, &writable, &failed, &tv);
  if (ready == 0) return win32_error(WSAETIMEDOUT, "no TCP answer within " + std::to_string(timeout.count()) + " ms", where);
  int so_error = 0, len = sizeof so_error;
  getsockopt(sock.get(), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&so_error), &len);
  if (ready == SOCKET_ERROR || FD_ISSET(sock.get(), &failed) || so_error != 0)
    return win32_error(static_cast<DWORD>(so_error ? so_error : WSAECONNREFUSED),
                       "TCP connect failed", where);
  return ok_status();
}

}  // namespace

Status WinNetwork::tcp_connect(std::string_view host, uint16_t port,
                               std::chrono::milliseconds timeout) const {
  std::string where = endpoint(host, port);
  if (Status s = start_winsock(where); !s) return s;
  auto addresses = resolve(host, port, SOCK_STREAM, where);
  if (!addresses) return addresses.error();
  Status last = Error{WSAHOST_NOT_FOUND, "no address", where};
  for (const ADDRINFOW* a = addresses->get(); a; a = a->ai_next)
    if ((last = tcp_connect_one(a, timeout, where))) return last;
  return last;
}

WinNetwork::~WinNetwork() {
  if (startup_error_ == 0) WSACleanup();
}

Status WinNetwork::start_winsock(const std::string& where) const {
  std::call_once(startup_once_, [this] {
    WSADATA data{};
    startup_error_ = WSAStartup(MAKEWORD(2, 2), &data);
  });
  if (startup_error_ != 0)
    return win32_error(static_cast<DWORD>(startup_error_), "WSAStartup failed", where);
  return ok_status();
}

Result<UdpReply> WinNetwork::udp_exchange(std::string_view host, uint16_t port,
                                          std::span<const uint8_t> request,
                                          std::chrono::milliseconds timeout) const {
  std::string where = endpoint(host, port);
  if (Status s = start_winsock(where); !s) return s.error();
  auto addresses = resolve(host, port, SOCK_DGRAM, where);
  if (!addresses) return addresses.error();
  auto sock = connect_any(addresses->get(), where);
  if (!sock) return sock.error();
  UdpReply reply;
  reply.sent = std::chrono::system_clock::now();
  int sent = send(sock->get(), reinterpret_cast<const char*>(request.data()),
                  static_cast<int>(request.size()), 0);
  if (sent == SOCKET_ERROR) {
    return win32_error(static_cast<DWORD>(WSAGetLastError()), "send failed", where);
  }

  auto ready = wait_readable(sock->get(), timeout, where);
  if (!ready) return ready.error();
  if (!*ready) return silence(sock->get(), timeout, where);
  reply.bytes.resize(65536);  // the largest datagram there is
  int got = recv(sock->get(), reinterpret_cast<char*>(reply.bytes.data()),
                 static_cast<int>(reply.bytes.size()), 0);
  reply.received = std::chrono::system_clock::now();
  if (got == SOCKET_ERROR) {
    int error = WSAGetLastError();
    // Windows reports an ICMP "port unreachable" as WSAECONNRESET on the next recv.
    return win32_error(static_cast<DWORD>(error),
                       error == WSAECONNRESET ? "UDP port unreachable" : "recv failed", where);
  }
  reply.bytes.resize(static_cast<size_t>(got));
  return reply;
}

}  // namespace wufix::win
