// Fakes of the catalog's seams: an HTTP server scripted per URL (redirects, errors, bodies
// cut short, Range requests) and a crypto provider with a stand-in digest.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/seam.h"
#include "fakes/fake_system.h"

namespace wufix::fakes {

struct FakeReply {
  int status = 200;
  std::string body;
  std::string location;                 // for redirects
  std::optional<Error> error;           // fails before any reply (DNS, TLS, connect)
  std::optional<size_t> drop_after;     // body bytes sent before the connection breaks
  bool honor_range = true;              // a 200 file answers a Range request with 206

  static FakeReply with(int status, std::string body) {
    FakeReply r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static FakeReply redirect(int status, std::string location) {
    FakeReply r = with(status, "");
    r.location = std::move(location);
    return r;
  }
  static FakeReply failing(uint32_t code, std::string what) {
    FakeReply r;
    r.error = Error{code, std::move(what), ""};
    return r;
  }
  static FakeReply dropping(std::string body, size_t after) {
    FakeReply r = with(200, std::move(body));
    r.drop_after = after;
    return r;
  }
  static FakeReply ignoring_range(std::string body) {
    FakeReply r = with(200, std::move(body));
    r.honor_range = false;
    return r;
  }
};

class FakeHttp : public Http {
 public:
  // url -> replies for its first, second ... call (the last one repeats).
  std::map<std::string, std::vector<FakeReply>> routes;
  std::vector<HttpRequest> requests;
  size_t chunk = 7;  // body delivered in pieces this big

  void serve(const std::string& url, FakeReply reply) { routes[url].push_back(std::move(reply)); }
  void serve_body(const std::string& url, std::string body) { serve(url, FakeReply::with(200, std::move(body))); }
  size_t calls_to(const std::string& url) const {
    size_t n = 0;
    for (const auto& r : requests) n += endpoint_url(r.endpoint) == url;
    return n;
  }

  // Like WinHttp::send: the request goes where its checked endpoint says, whatever its url text.
  Result<HttpResponse> send(const HttpRequest& request, HttpSink& sink) override {
    if (request.endpoint.host.empty() || request.endpoint.port == 0)
      return Error{87, "internal error: a request without a checked endpoint", request.url};
    requests.push_back(request);
    const std::string url = endpoint_url(request.endpoint);
    auto it = routes.find(url);
    if (it == routes.end()) return deliver(FakeReply::with(404, "not found"), request, sink);
    size_t index = std::min(calls_to(url) - 1, it->second.size() - 1);
    return deliver(it->second[index], request, sink);
  }

  static std::string endpoint_url(const HttpEndpoint& e) {
    std::string host = e.host == "::1" ? "[::1]" : e.host;
    bool default_port = e.port == (e.secure ? 443 : 80);
    return (e.secure ? "https://" : "http://") + host +
           (default_port ? "" : ":" + std::to_string(e.port)) + e.target;
  }

 private:
  Result<HttpResponse> deliver(const FakeReply& reply, const HttpRequest& request, HttpSink& sink) {
    if (reply.error) return *reply.error;
    HttpResponse head;
    head.status = reply.status;
    head.location = reply.location;
    std::string body = reply.body;
    if (request.range_from && reply.honor_range && reply.status == 200) {
      size_t from = std::min<size_t>(*request.range_from, body.size());
      head.status = 206;
      head.range_start = from;
      body = body.substr(from);
    }
    head.content_length = body.size();
    if (Status s = sink.on_head(head); !s) return s.error();
    size_t send = reply.drop_after ? std::min(*reply.drop_after, body.size()) : body.size();
    for (size_t at = 0; at < send; at += chunk) {
      if (Status s = sink.on_body(std::string_view(body).substr(at, std::min(chunk, send - at))); !s) return s.error();
    }
    if (send < body.size()) return Error{12030, "WinHttpReadData failed: connection reset", request.url};
    return head;
  }
};

// Not a real hash: a stable stand-in with the real digest sizes, so tests can compute
// the digest the "catalog" announces.
inline std::vector<uint8_t> fake_digest(std::string_view data, HashAlgorithm algorithm) {
  size_t size = algorithm == HashAlgorithm::Sha256 ? 32 : 20;
  std::vector<uint8_t> out(size);
  uint64_t h = algorithm == HashAlgorithm::Sha256 ? 0xcbf29ce484222325ull : 0x84222325cbf29ce4ull;
  for (unsigned char c : data) h = (h ^ c) * 0x100000001b3ull;
  for (size_t i = 0; i < size; ++i) {
    h = (h ^ i) * 0x100000001b3ull;
    out[i] = static_cast<uint8_t>(h >> 56);
  }
  return out;
}

class FakeHasher : public Hasher {
 public:
  explicit FakeHasher(HashAlgorithm a) : algorithm_(a) {}
  void update(std::string_view bytes) override { data_.append(bytes); }
  std::vector<uint8_t> finish() override { return fake_digest(data_, algorithm_); }

 private:
  HashAlgorithm algorithm_;
  std::string data_;
};

// A file is "signed by Microsoft" unless its content contains UNSIGNED.
class FakeCrypto : public Crypto {
 public:
  explicit FakeCrypto(const FakeFiles& files) : files_(files) {}
  mutable std::vector<std::string> signature_checks;
  Result<std::unique_ptr<Hasher>> hasher(HashAlgorithm a) const override {
    return std::unique_ptr<Hasher>(std::make_unique<FakeHasher>(a));
  }
  Status verify_microsoft_signature(std::string_view path) const override {
    signature_checks.emplace_back(path);
    if (files_.content(path).find("UNSIGNED") != std::string::npos) {
      return Error{0x800B0100, "WinVerifyTrust failed: no signature", std::string(path)};
    }
    return ok_status();
  }

 private:
  const FakeFiles& files_;
};

}  // namespace wufix::fakes
