#include "core/catalog/client.h"

#include <fmt/format.h>

#include "core/safe_text.h"

namespace wufix::catalog {
namespace {

// WinHTTP error codes (winhttp.h); the fake uses the same numbers.
constexpr uint32_t kTimeout = 12002;
constexpr uint32_t kNameNotResolved = 12007;
constexpr uint32_t kCannotConnect = 12029;
constexpr uint32_t kConnectionError = 12030;
constexpr uint32_t kResendRequest = 12032;
constexpr uint32_t kInvalidServerResponse = 12152;
constexpr uint32_t kTlsCodes[] = {12037, 12038, 12044, 12045, 12157, 12169, 12175, 12179};
constexpr size_t kMaxPageBytes = 32u << 20;
constexpr const char* kFormType = "application/x-www-form-urlencoded";

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// Passes a reply on unless it is a redirect (whose body nobody needs).
class RedirectFilter : public HttpSink {
 public:
  explicit RedirectFilter(HttpSink& next) : next_(next) {}
  Status on_head(const HttpResponse& head) override {
    redirect_ = is_redirect(head.status);
    return redirect_ ? ok_status() : next_.on_head(head);
  }
  Status on_body(std::string_view bytes) override { return redirect_ ? ok_status() : next_.on_body(bytes); }

 private:
  HttpSink& next_;
  bool redirect_ = false;
};

class PageSink : public HttpSink {
 public:
  Status on_head(const HttpResponse& head) override {
    status = head.status;
    body.clear();
    return ok_status();
  }
  Status on_body(std::string_view bytes) override {
    if (body.size() + bytes.size() > kMaxPageBytes) return Error{0, "the catalog page is too large", ""};
    body.append(bytes);
    return ok_status();
  }
  int status = 0;
  std::string body;
};

HttpRequest page_request(std::string url) {
  HttpRequest r;
  r.url = std::move(url);
  r.headers = {"Accept-Language: en-US,en;q=0.5"};  // the parsers read the English page
  return r;
}

}  // namespace

Error describe_transport_error(Error error, const Url& url) {
  std::string what;
  switch (error.code) {
    case kNameNotResolved: what = "DNS lookup failed for " + url.host + " (offline, or DNS is not working)"; break;
    case kCannotConnect: what = "cannot connect to " + url.host + " (offline, a firewall, or the proxy)"; break;
    case kTimeout: what = url.host + " did not answer in time"; break;
    case kConnectionError:
    case kResendRequest:
    case kInvalidServerResponse: what = "the connection to " + url.host + " broke"; break;
    default:
      for (uint32_t tls : kTlsCodes)
        if (error.code == tls)
          what = "the secure (TLS) connection to " + url.host +
                 " failed; a wrong system clock is the usual cause (check it: wufix diagnose)";
  }
  if (!what.empty()) error.what = what + ": " + error.what;
  if (error.context.empty()) error.context = url.str();
  return error;
}

bool is_transient(const Error& error) {
  return error.code == kTimeout || error.code == kConnectionError || error.code == kResendRequest ||
         error.code == kInvalidServerResponse || error.code == kCannotConnect;
}

CatalogClient::CatalogClient(Http& http, const Clock& clock, HostPolicy policy, RetryPolicy retry)
    : http_(http), clock_(clock), policy_(std::move(policy)), retry_(retry) {}

void CatalogClient::back_off(int attempt) const {
  clock_.sleep(retry_.first_delay * (1 << std::min(attempt - 1, 6)));
}

Result<HttpResponse> CatalogClient::stream(HttpRequest request, HttpSink& sink) {
  for (int hop = 0;; ++hop) {
    auto url = parse_url(request.url);  // strict; WinHttp reads the URL with this same parser
    if (!url) return url.error();
    if (auto allowed = policy_.allows(*url); !allowed) return allowed.error();
    request.endpoint = {url->scheme == "https", url->host, url->port, url->target};
    RedirectFilter filter(sink);
    auto reply = http_.send(request, filter);
    if (!reply) return describe_transport_error(reply.error(), *url);
    if (!is_redirect(reply->status)) return reply;
    if (hop == retry_.max_redirects) return Error{0, "too many redirects", url->str()};
    auto next = resolve_location(*url, reply->location);
    if (!next) return Error{0, "a redirect to a bad location (" + escape_controls(reply->location) + ")", url->str()};
    if (auto allowed = policy_.allows(*next); !allowed) {
      return Error{0, fmt::format("{} redirected to a refused address: {}", url->host, allowed.error().what),
                   next->str()};
    }
    request.url = next->str();
    if (reply->status <= 303 && request.method == "POST") {  // as browsers do
      request.method = "GET";
      request.body.clear();
      request.content_type.clear();
    }
  }
}

template <class T, class Parse>
Result<T> CatalogClient::fetch(HttpRequest request, Parse parse) {
  Error last;
  for (int attempt = 0; attempt < retry_.attempts; ++attempt) {
    if (attempt > 0) back_off(attempt);
    PageSink page;
    auto reply = stream(request, page);
    if (!reply) {
      if (!is_transient(reply.error())) return reply.error();
      last = reply.error();
      continue;
    }
    if (reply->status != 200) {
      last = Error{0, fmt::format("the catalog answered HTTP {}", reply->status), request.url};
      if (reply->status >= 500 || reply->status == 429) continue;
      return last;
    }
    Result<T> parsed = parse(page.body, request.url);
    if (parsed || parsed.error().code != kCatalogBusy) return parsed;
    last = parsed.error();
  }
  last.what += fmt::format(" (after {} tries)", retry_.attempts);
  return last;
}

Result<SearchResult> CatalogClient::search(std::string_view query) {
  SearchResult result;
  result.url = policy_.catalog_base() + "/Search.aspx?q=" + url_encode(query);
  HttpRequest request = page_request(result.url);
  for (;;) {
    auto page = fetch<SearchPage>(request, parse_search_page);
    if (!page) return page.error();
    ++result.pages;
    result.rows.insert(result.rows.end(), page->rows.begin(), page->rows.end());
    if (page->total) result.total = page->total;
    if (result.pages == retry_.max_pages) return result;
    if (!page->next) {
      // The last page: every row the count promised must have come (a page dropped
      // mid-way would hide the row for this PC).
      if (result.total && result.rows.size() < *result.total) {
        return Error{0, fmt::format("could not understand the catalog page (it counts {} results, its pages held {}); "
                                    "its layout may have changed", *result.total, result.rows.size()),
                     request.url};
      }
      return result;
    }
    request.method = "POST";
    request.content_type = kFormType;
    request.body = page->next->form_body;
  }
}

Result<std::vector<UpdateFiles>> CatalogClient::files(const std::vector<std::string>& update_ids) {
  HttpRequest request = page_request(policy_.catalog_base() + "/DownloadDialog.aspx");
  request.method = "POST";
  request.content_type = kFormType;
  request.body = download_dialog_body(update_ids);
  return fetch<std::vector<UpdateFiles>>(request, parse_download_dialog);
}

Result<std::vector<Replacement>> CatalogClient::superseded_by(const std::string& update_id) {
  if (!is_update_id(update_id)) return Error{0, "not an update id", update_id};
  HttpRequest request = page_request(policy_.catalog_base() + "/ScopedViewInline.aspx?updateid=" + update_id);
  return fetch<std::vector<Replacement>>(request, parse_superseded_by);
}

}  // namespace wufix::catalog
