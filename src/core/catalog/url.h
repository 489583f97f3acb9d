// URLs and the allow-list: wufix talks HTTPS to Microsoft's catalog and download hosts only
// (or, for tests, to one loopback address given with --catalog-url).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace wufix::catalog {

struct Url {
  std::string scheme;  // "https" or "http", lower-case
  std::string host;    // lower-case [a-z0-9-] labels, or "::1" for [::1]
  uint16_t port = 0;
  std::string target = "/";  // path and query: printable ASCII, no space or backslash
  std::string str() const;
  std::string origin() const;  // "https://host[:port]"
};

// Absolute http(s) URLs only, strict: the host is a DNS name of [a-z0-9-] labels (or [::1]),
// no user@, no percent-encoding, backslash, space or control character anywhere, no bytes
// outside ASCII; anything else is an Error naming the text (control characters escaped).
Result<Url> parse_url(std::string_view text);
// A redirect's Location: absolute, "/path" or relative to the base's folder.
Result<Url> resolve_location(const Url& base, std::string_view location);
// Percent-encoding for a query or form value (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view text);
// Exactly "127.0.0.1", "localhost" or "::1": no other spelling (0127.0.0.1 is 87.0.0.1 to
// Windows' inet_addr, 127.1, 2130706433 and 0x7f.0.0.1 are 127.0.0.1 to it).
bool is_loopback_host(std::string_view host);

// Where wufix may connect.
class HostPolicy {
 public:
  // www.catalog.update.microsoft.com and Microsoft's download hosts, HTTPS only.
  static HostPolicy microsoft();
  // --catalog-url http://127.0.0.1:PORT: that origin only (tests); refused unless loopback.
  static Result<HostPolicy> loopback(std::string_view base_url);

  // An Error saying why this URL is refused.
  Status allows(const Url& url) const;
  // The base of Search.aspx and DownloadDialog.aspx, without a trailing slash.
  const std::string& catalog_base() const { return base_; }
  bool is_test() const { return test_; }
  // A file URL from DownloadDialog as it will be fetched: an http URL of a Microsoft host
  // (older dialogs: http://download.windowsupdate.com/...) is fetched over https from the
  // same host and path; other hosts are left for allows() to refuse. With --catalog-url,
  // a Microsoft download host's path is fetched from the test origin instead, so fixtures
  // can carry the real URLs.
  Url download_url(Url url) const;

 private:
  std::string base_;
  Url test_origin_;
  bool test_ = false;
};

}  // namespace wufix::catalog
