#include "core/catalog/url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/safe_text.h"

namespace wufix::catalog {
namespace {

constexpr std::array<std::string_view, 2> kCatalogHosts = {"www.catalog.update.microsoft.com",
                                                            "catalog.update.microsoft.com"};
constexpr std::array<std::string_view, 2> kDownloadHosts = {
    "catalog.s.download.windowsupdate.com", "catalog.sf.dl.delivery.mp.microsoft.com"};
// Any name below this one is a Windows Update download host (au., www., catalog.s. ...).
constexpr std::string_view kDownloadDomain = "download.windowsupdate.com";

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_microsoft_host(std::string_view host) {
  auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), host) != list.end(); };
  return in(kCatalogHosts) || in(kDownloadHosts) || host == kDownloadDomain ||
         ends_with(host, std::string(".") + std::string(kDownloadDomain));
}

Result<uint16_t> url_port(std::string_view text, const Error& bad) {
  unsigned port = 0;
  if (text.empty() || text.size() > 5) return bad;
  for (char c : text)
    if (c < '0' || c > '9') return bad;
  std::from_chars(text.data(), text.data() + text.size(), port);
  if (port == 0 || port > 65535) return bad;
  return static_cast<uint16_t>(port);
}

// [a-z0-9-]+(\.[a-z0-9-]+)*, already lower-cased: no IP literal spellings beyond the
// digits-and-dots a name may have, no '%', '\\', '_' or anything WinHTTP might read otherwise.
bool is_dns_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  size_t label = 0;
  for (char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      if (++label > 63) return false;
    } else {
      return false;
    }
  }
  return label > 0;
}

// Printable ASCII without space or backslash: what a catalog URL is made of.
bool is_url_text(std::string_view text) {
  for (char c : text)
    if (c <= 0x20 || c >= 0x7F || c == '\\') return false;
  return true;
}

}  // namespace

std::string Url::origin() const {
  bool ipv6 = host.find(':') != std::string::npos;
  std::string h = ipv6 ? "[" + host + "]" : host;
  bool default_port = (scheme == "https" && port == 443) || (scheme == "http" && port == 80);
  return default_port ? fmt::format("{}://{}", scheme, h) : fmt::format("{}://{}:{}", scheme, h, port);
}

std::string Url::str() const { return origin() + target; }

Result<Url> parse_url(std::string_view text) {
  Error bad{0, "not an http(s) URL wufix accepts", escape_controls(text)};
  if (!is_url_text(text)) return bad;
  size_t colon = text.find("://");
  if (colon == std::string_view::npos) return bad;
  Url url;
  url.scheme = ascii_lower(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") return bad;
  std::string_view rest = text.substr(colon + 3);
  size_t slash = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, slash);
  url.target = slash < rest.size() ? std::string(rest.substr(slash)) : "/";
  if (url.target[0] == '?') url.target.insert(0, "/");
  if (auto hash = url.target.find('#'); hash != std::string::npos) url.target.resize(hash);
  if (url.target.empty()) url.target = "/";
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view port_text;
  bool has_port = false;
  if (authority.substr(0, 5) == "[::1]") {  // the one IP literal: IPv6 loopback for tests
    url.host = "::1";
    std::string_view after = authority.substr(5);
    if (!after.empty() && after[0] != ':') return bad;
    has_port = !after.empty();
    if (has_port) port_text = after.substr(1);
  } else {
    size_t c = authority.find(':');
    url.host = ascii_lower(authority.substr(0, c));
    has_port = c != std::string_view::npos;
    if (has_port) port_text = authority.substr(c + 1);
    if (!is_dns_name(url.host)) return bad;  // also refuses '@', '%', '[' and empty hosts
  }
  if (has_port) {
    auto port = url_port(port_text, bad);
    if (!port) return port.error();
    url.port = *port;
  }
  return url;
}

Result<Url> resolve_location(const Url& base, std::string_view location) {
  if (location.find("://") != std::string_view::npos) return parse_url(location);
  if (location.substr(0, 2) == "//") return parse_url(base.scheme + ":" + std::string(location));
  Url url = base;
  if (!location.empty() && location[0] == '/') {
    url.target = std::string(location);
  } else {
    std::string path = base.target.substr(0, base.target.find('?'));
    url.target = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  return parse_url(url.origin() + url.target);  // the same checks as any other URL
}

std::string url_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

bool is_loopback_host(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

HostPolicy HostPolicy::microsoft() {
  HostPolicy policy;
  policy.base_ = "https://www.catalog.update.microsoft.com";
  return policy;
}

Result<HostPolicy> HostPolicy::loopback(std::string_view base_url) {
  auto url = parse_url(base_url);
  if (!url || !is_loopback_host(url->host)) {
    return Error{0, "--catalog-url is for tests and takes a loopback address only: http(s)://127.0.0.1, localhost or [::1], and a port",
                 escape_controls(base_url)};
  }
  HostPolicy policy;
  policy.test_ = true;
  policy.test_origin_ = *url;
  policy.base_ = url->origin();
  std::string path = url->target.substr(0, url->target.find('?'));
  while (!path.empty() && path.back() == '/') path.pop_back();
  policy.base_ += path;
  return policy;
}

Status HostPolicy::allows(const Url& url) const {
  if (test_) {
    if (url.scheme == test_origin_.scheme && url.host == test_origin_.host &&
        url.port == test_origin_.port) {
      return ok_status();
    }
    return Error{0, "refusing to connect outside --catalog-url " + test_origin_.origin(), url.str()};
  }
  if (!is_microsoft_host(url.host)) {
    return Error{0, "refusing to connect to " + url.host +
                        ": not a Microsoft Update Catalog or download host", url.str()};
  }
  if (url.scheme != "https") return Error{0, "refusing a plain-HTTP URL (HTTPS only)", url.str()};
  return ok_status();
}

Url HostPolicy::download_url(Url url) const {
  if (!is_microsoft_host(url.host)) return url;
  if (test_) {
    Url rebased = test_origin_;
    rebased.target = url.target;
    return rebased;
  }
  if (url.scheme == "http") {
    url.scheme = "https";
    if (url.port == 80) url.port = 443;
  }
  return url;
}

}  // namespace wufix::catalog
