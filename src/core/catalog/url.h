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
  std::string host;    // lower-case; IPv6 literals without brackets
  uint16_t port = 0;
  std::string target = "/";  // path and query
  std::string str() const;
  std::string origin() const;  // "https://host[:port]"
};

// Absolute http(s) URLs only; anything else is an Error naming the text.
Result<Url> parse_url(std::string_view text);
// A redirect's Location: absolute, "/path" or relative to the base's folder.
Result<Url> resolve_location(const Url& base, std::string_view location);
// Percent-encoding for a query or form value (RFC 3986 unreserved characters stay).
std::string url_encode(std::string_view text);
// 127.0.0.0/8 and ::1 as literals ("localhost" could be anything the hosts file says).
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
  // A file URL from DownloadDialog as it will be fetched: http upgraded to https and the
  // old download.windowsupdate.com names mapped to catalog.s.download.windowsupdate.com
  // (the names whose certificates match), on Microsoft's hosts only.
  Url download_url(Url url) const;

 private:
  std::string base_;
  Url test_origin_;
  bool test_ = false;
};

}  // namespace wufix::catalog
