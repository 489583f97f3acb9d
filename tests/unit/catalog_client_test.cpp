// Talking to the catalog through the fake HTTP seam: the allow-list on every hop, paging,
// retries with back-off, and errors that say what to do.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/client.h"

namespace wufix::catalog {
namespace {

using namespace std::chrono_literals;
using testing_catalog::fixture;
constexpr const char* kSearch = "https://www.catalog.update.microsoft.com/Search.aspx?q=KB5044284";

struct ClientTest : ::testing::Test {
  fakes::FakeHttp http;
  fakes::FakeClock clock;
  CatalogClient client{http, clock, HostPolicy::microsoft()};
};

TEST(CatalogUrl, ParsesAndResolves) {
  auto u = parse_url("HTTPS://Www.Catalog.Update.Microsoft.com/Search.aspx?q=a#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "www.catalog.update.microsoft.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->str(), "https://www.catalog.update.microsoft.com/Search.aspx?q=a");
  EXPECT_EQ(resolve_location(*u, "/Error.aspx?x=1")->str(), "https://www.catalog.update.microsoft.com/Error.aspx?x=1");
  EXPECT_EQ(resolve_location(*u, "Other.aspx")->str(), "https://www.catalog.update.microsoft.com/Other.aspx");
  EXPECT_EQ(resolve_location(*u, "//evil.example/x")->host, "evil.example");
  EXPECT_EQ(parse_url("http://[::1]:8080/x")->origin(), "http://[::1]:8080");
  for (const char* bad : {"ftp://x/", "https://", "https://user:pw@host/", "https://h:99999/", "no-scheme"})
    EXPECT_FALSE(parse_url(bad)) << bad;
  EXPECT_EQ(url_encode("KB 50/44?&"), "KB%2050%2F44%3F%26");
}

TEST(CatalogHostPolicy, MicrosoftHostsOverHttpsOnly) {
  HostPolicy p = HostPolicy::microsoft();
  for (const char* ok : {"https://www.catalog.update.microsoft.com/Search.aspx",
                         "https://catalog.s.download.windowsupdate.com/d/x.msu",
                         "https://catalog.sf.dl.delivery.mp.microsoft.com/f/x.msu",
                         "https://au.download.windowsupdate.com/x.msu"})
    EXPECT_TRUE(p.allows(*parse_url(ok))) << ok;
  for (const char* bad : {"http://www.catalog.update.microsoft.com/", "https://evil.example/",
                          "https://download.windowsupdate.com.evil.example/", "https://127.0.0.1/",
                          "https://microsoft.com/"})
    EXPECT_FALSE(p.allows(*parse_url(bad))) << bad;
  // older dialogs' http URLs: https from the same host and path
  for (const char* host : {"download.windowsupdate.com", "www.download.windowsupdate.com"}) {
    Url old = *parse_url(std::string("http://") + host + "/c/msdownload/update/software/secu/2020/01/x.msu");
    EXPECT_EQ(p.download_url(old).str(), std::string("https://") + host + "/c/msdownload/update/software/secu/2020/01/x.msu");
    EXPECT_TRUE(p.allows(p.download_url(old)));
  }
  Url other = *parse_url("http://evil.example/x.msu");
  EXPECT_EQ(p.download_url(other).str(), "http://evil.example/x.msu");
  EXPECT_FALSE(p.allows(p.download_url(other)));
}

TEST(CatalogHostPolicy, TestUrlServesMicrosoftDownloadPathsFromTheTestOrigin) {
  auto p = HostPolicy::loopback("http://127.0.0.1:8123/");
  ASSERT_TRUE(p);
  Url old = *parse_url("http://download.windowsupdate.com/c/msdownload/x.msu");
  EXPECT_EQ(p->download_url(old).str(), "http://127.0.0.1:8123/c/msdownload/x.msu");
  Url other = *parse_url("http://example.invalid/x.msu");
  EXPECT_FALSE(p->allows(p->download_url(other)));
}

TEST(CatalogHostPolicy, TestUrlIsLoopbackOnly) {
  auto p = HostPolicy::loopback("http://127.0.0.1:8123/");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->catalog_base(), "http://127.0.0.1:8123");
  EXPECT_TRUE(p->allows(*parse_url("http://127.0.0.1:8123/files/a.msu")));
  EXPECT_FALSE(p->allows(*parse_url("http://127.0.0.1:8124/")));
  EXPECT_FALSE(p->allows(*parse_url("https://www.catalog.update.microsoft.com/")));
  EXPECT_TRUE(HostPolicy::loopback("http://[::1]:80"));
  for (const char* bad : {"http://10.0.0.1:80", "http://128.0.0.1", "http://127.0.0.1.evil.example/"})
    EXPECT_FALSE(HostPolicy::loopback(bad)) << bad;
}

TEST_F(ClientTest, SearchFollowsEveryPageWithThePostback) {
  std::string url = "https://www.catalog.update.microsoft.com/Search.aspx?q=KB5046613";
  http.serve_body(url, fixture("search_kb5046613_1.html"));
  http.serve_body(url, fixture("search_kb5046613_2.html"));
  auto result = client.search("KB5046613");
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->pages, 2u);
  ASSERT_EQ(result->rows.size(), 3u);
  EXPECT_EQ(result->rows[2].update_id, "2222bbbb-0000-4000-8000-000000000003");
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(http.requests[0].method, "GET");
  EXPECT_EQ(http.requests[1].method, "POST");
  EXPECT_EQ(http.requests[1].content_type, "application/x-www-form-urlencoded");
  EXPECT_NE(http.requests[1].body.find("__VIEWSTATE="), std::string::npos);
  EXPECT_EQ(result->total, 3u);
}

TEST_F(ClientTest, PagesThatHoldFewerRowsThanTheirCountAreNotUnderstood) {
  std::string url = "https://www.catalog.update.microsoft.com/Search.aspx?q=KB5046613";
  std::string first = fixture("search_kb5046613_1.html");
  size_t link = first.find("ctl00_catalogBody_nextPageLinkText");
  ASSERT_NE(link, std::string::npos);
  first.replace(link, 34, "ctl00_catalogBody_somethingElse000");  // the next-page link lost
  http.serve_body(url, first);
  auto result = client.search("KB5046613");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().what.find("could not understand the catalog page"), std::string::npos);
  EXPECT_NE(result.error().what.find("counts 3 results"), std::string::npos);
}

TEST_F(ClientTest, RedirectWithinTheCatalogIsFollowed) {
  http.serve(kSearch, fakes::FakeReply::redirect(302, "/Search.aspx?q=KB5044284&x=1"));
  http.serve_body(std::string(kSearch) + "&x=1", fixture("search_kb5044284.html"));
  auto result = client.search("KB5044284");
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->rows.size(), 7u);
}

TEST_F(ClientTest, EachHopGoesToTheEndpointTheAllowListChecked) {
  http.serve(kSearch, fakes::FakeReply::redirect(302, "/Search.aspx?q=KB5044284&x=1"));
  http.serve_body(std::string(kSearch) + "&x=1", fixture("search_kb5044284.html"));
  ASSERT_TRUE(client.search("KB5044284"));
  ASSERT_EQ(http.requests.size(), 2u);
  const HttpEndpoint& hop = http.requests[1].endpoint;
  EXPECT_TRUE(hop.secure);
  EXPECT_EQ(hop.host, "www.catalog.update.microsoft.com");
  EXPECT_EQ(hop.port, 443);
  EXPECT_EQ(hop.target, "/Search.aspx?q=KB5044284&x=1");
}

TEST_F(ClientTest, RedirectToAnotherHostIsRefused) {
  http.serve(kSearch, fakes::FakeReply::redirect(302, "https://catalog.evil.example/Search.aspx"));
  auto result = client.search("KB5044284");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("refusing to connect to catalog.evil.example"), std::string::npos)
      << result.error().message();
  EXPECT_EQ(http.requests.size(), 1u);  // never asked the other host
}

TEST_F(ClientTest, RedirectToPlainHttpIsRefused) {
  http.serve(kSearch, fakes::FakeReply::redirect(301, "http://www.catalog.update.microsoft.com/Search.aspx?q=KB5044284"));
  auto result = client.search("KB5044284");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("HTTPS only"), std::string::npos);
}

TEST_F(ClientTest, HttpErrorIsReportedWithoutRetry) {
  http.serve(kSearch, fakes::FakeReply::with(404, "gone"));
  auto result = client.search("KB5044284");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), std::string("the catalog answered HTTP 404: ") + kSearch);
  EXPECT_EQ(http.requests.size(), 1u);
}

TEST_F(ClientTest, ServerErrorsAndBusyPagesAreRetriedWithBackOff) {
  http.serve(kSearch, fakes::FakeReply::with(503, "busy"));
  http.serve(kSearch, fakes::FakeReply::with(200, fixture("catalog_busy.html")));
  http.serve(kSearch, fakes::FakeReply::with(200, fixture("search_kb5044284.html")));
  auto result = client.search("KB5044284");
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(clock.slept, 2000ms + 4000ms);
}

TEST_F(ClientTest, TimeoutsGiveUpAfterTheLastTry) {
  http.serve(kSearch, fakes::FakeReply::failing(12002, "WinHttpReceiveResponse failed"));
  auto result = client.search("KB5044284");
  ASSERT_FALSE(result);
  EXPECT_EQ(http.requests.size(), 4u);
  EXPECT_EQ(clock.slept, 2000ms + 4000ms + 8000ms);
  EXPECT_NE(result.error().message().find("did not answer in time"), std::string::npos);
  EXPECT_NE(result.error().message().find("after 4 tries"), std::string::npos);
}

TEST_F(ClientTest, DnsAndTlsFailuresSayWhatToCheck) {
  http.serve(kSearch, fakes::FakeReply::failing(12007, "WinHttpSendRequest failed"));
  auto dns = client.search("KB5044284");
  ASSERT_FALSE(dns);
  EXPECT_NE(dns.error().message().find("DNS lookup failed for www.catalog.update.microsoft.com (offline"),
            std::string::npos) << dns.error().message();
  EXPECT_EQ(http.requests.size(), 1u);  // not retried

  http.routes.clear();
  http.serve(kSearch, fakes::FakeReply::failing(12175, "WinHttpSendRequest failed"));
  auto tls = client.search("KB5044284");
  ASSERT_FALSE(tls);
  EXPECT_NE(tls.error().message().find("system clock"), std::string::npos);
  EXPECT_EQ(tls.error().code, 12175u);
}

TEST_F(ClientTest, LayoutChangeNamesTheUrl) {
  http.serve_body(kSearch, "<html><body>New catalog!</body></html>");
  auto result = client.search("KB5044284");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("could not understand the catalog page"), std::string::npos);
  EXPECT_NE(result.error().message().find(kSearch), std::string::npos);
}

TEST_F(ClientTest, DownloadDialogIsAPostOfTheUpdateIds) {
  std::string dialog = "https://www.catalog.update.microsoft.com/DownloadDialog.aspx";
  http.serve_body(dialog, testing_catalog::download_page("download_kb5044284_x64.html", "https://catalog.s.download.windowsupdate.com",
                                                         {{"windows11.0-kb5043080-x64_checkpoint.msu", "a"},
                                                          {"windows11.0-kb5044284-x64_lcu.msu", "b"}}));
  auto files = client.files({"3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21"});
  ASSERT_TRUE(files) << files.error().message();
  EXPECT_EQ(files->front().files.size(), 2u);
  EXPECT_EQ(http.requests[0].method, "POST");
  EXPECT_EQ(http.requests[0].body.rfind("updateIDs=", 0), 0u);
}

}  // namespace
}  // namespace wufix::catalog
