// Talking to the catalog: every hop checked against the HostPolicy (redirects included),
// retries with back-off for what is worth retrying (timeouts, dropped connections, HTTP 5xx
// and 429, the catalog's "busy" page), and errors that say what to do.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/details_page.h"
#include "core/catalog/pages.h"
#include "core/catalog/url.h"
#include "core/seam.h"

namespace wufix::catalog {

struct RetryPolicy {
  int attempts = 4;                             // tries per request (1 + 3 retries)
  std::chrono::milliseconds first_delay{2000};  // doubled after each failed try
  int max_redirects = 5;
  size_t max_pages = 40;                        // the catalog stops at 1000 results (25 a page)
};

struct SearchResult {
  std::string url;  // of the first page
  std::vector<CatalogRow> rows;  // every page, in the catalog's order
  size_t pages = 0;
  std::optional<size_t> total;   // the catalog's own count, when its pages show one
};

// WinHTTP's errors, with what a person can do about them.
Error describe_transport_error(Error error, const Url& url);
// Worth another try: a timeout or a broken connection (not DNS, not TLS).
bool is_transient(const Error& error);

class CatalogClient {
 public:
  CatalogClient(Http& http, const Clock& clock, HostPolicy policy, RetryPolicy retry = {});

  Result<SearchResult> search(std::string_view query);
  Result<std::vector<UpdateFiles>> files(const std::vector<std::string>& update_ids);
  // The updates that replace this one, from its details page (ScopedViewInline.aspx).
  Result<std::vector<Replacement>> superseded_by(const std::string& update_id);
  // One request, redirects followed (each hop allowed by the policy), no retries: a download
  // resumes on its own terms. Transport errors come back described.
  Result<HttpResponse> stream(HttpRequest request, HttpSink& sink);

  const HostPolicy& policy() const { return policy_; }
  const RetryPolicy& retry() const { return retry_; }
  // Sleeps before try number `attempt` (1 = the first retry).
  void back_off(int attempt) const;

 private:
  template <class T, class Parse>
  Result<T> fetch(HttpRequest request, Parse parse);

  Http& http_;
  const Clock& clock_;
  HostPolicy policy_;
  RetryPolicy retry_;
};

}  // namespace wufix::catalog
