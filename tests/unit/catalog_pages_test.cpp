// Search.aspx and DownloadDialog.aspx parsers over the project's fixtures, including pages
// that are cut short, changed, empty or the catalog's error page.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/details_page.h"
#include "core/catalog/markup.h"
#include "core/catalog/pages.h"

namespace wufix::catalog {
namespace {

using testing_catalog::fixture;
constexpr const char* kUrl = "https://www.catalog.update.microsoft.com/Search.aspx?q=KB5044284";

TEST(CatalogSearchPage, ReadsEveryRowOfTheResultsTable) {
  auto page = parse_search_page(fixture("search_kb5044284.html"), kUrl);
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_FALSE(page->no_results);
  EXPECT_FALSE(page->next);
  ASSERT_EQ(page->rows.size(), 7u);
  const CatalogRow& r = page->rows[0];
  EXPECT_EQ(r.update_id, "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21");
  EXPECT_EQ(r.title, "2024-10 Cumulative Update for Windows 11, version 24H2 for x64-based Systems (KB5044284)");
  EXPECT_EQ(r.products, "Windows 11");
  EXPECT_EQ(r.classification, "Security Updates");
  EXPECT_EQ(r.last_updated, "2024-10-08");
  EXPECT_EQ(r.version, "n/a");
  EXPECT_EQ(r.size_text, "1001.5 MB");
  EXPECT_EQ(r.size_bytes, 1050152960u);
  EXPECT_EQ(page->rows[6].products, "Microsoft Server operating system-24H2");
}

TEST(CatalogSearchPage, NextPageBecomesAPostbackWithTheHiddenFields) {
  auto page = parse_search_page(fixture("search_kb5046613_1.html"), kUrl);
  ASSERT_TRUE(page) << page.error().message();
  ASSERT_EQ(page->rows.size(), 2u);
  ASSERT_TRUE(page->next);
  const std::string& body = page->next->form_body;
  EXPECT_NE(body.find("__EVENTTARGET=ctl00%24catalogBody%24nextPageLinkText"), std::string::npos) << body;
  // &amp; in the attribute is decoded, then the value is form-encoded
  EXPECT_NE(body.find("__VIEWSTATE=%2FwEPDwUKMTM4%26page1%2Bstate%3D"), std::string::npos) << body;
  EXPECT_NE(body.find("__VIEWSTATEGENERATOR=BBBC20B8"), std::string::npos);
  EXPECT_NE(body.find("__EVENTVALIDATION=%2FwEdAAK1%2BEv%2Ba"), std::string::npos);
  auto last = parse_search_page(fixture("search_kb5046613_2.html"), kUrl);
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->next);
}

TEST(CatalogSearchPage, NoResultsPageIsNotAnError) {
  auto page = parse_search_page(fixture("search_none.html"), kUrl);
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_TRUE(page->no_results);
  EXPECT_TRUE(page->rows.empty());
}

TEST(CatalogSearchPage, ErrorPageCarriesItsCode) {
  auto page = parse_search_page(fixture("catalog_busy.html"), kUrl);
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, kCatalogBusy);
  EXPECT_NE(page.error().message().find("try again later"), std::string::npos);
}

TEST(CatalogSearchPage, TruncatedPageIsNotUnderstood) {
  auto page = parse_search_page(fixture("search_truncated.html"), kUrl);
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().message().find("could not understand the catalog page"), std::string::npos);
  EXPECT_EQ(page.error().context, kUrl);
}

TEST(CatalogSearchPage, ChangedRowLayoutIsNotGuessedAround) {
  auto page = parse_search_page(fixture("search_changed_layout.html"), kUrl);
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().message().find("cells"), std::string::npos) << page.error().message();
}

TEST(CatalogSearchPage, UnknownPageIsNotUnderstood) {
  for (std::string html : {std::string(""), std::string("<html><body>Hello</body></html>"),
                           std::string("\x89PNG\r\n binary"), fixture("download_kb5044284_x64.html")}) {
    auto page = parse_search_page(html, kUrl);
    ASSERT_FALSE(page) << html.substr(0, 20);
    EXPECT_NE(page.error().message().find("could not understand"), std::string::npos);
  }
}

TEST(CatalogSearchPage, BadDateIsALayoutChange) {
  std::string html = fixture("search_kb5044284.html");
  testing_catalog::replace_all(html, "10/8/2024", "2024.10.08");
  EXPECT_FALSE(parse_search_page(html, kUrl));
}

TEST(CatalogDownloadDialog, ReadsEveryFileOfACheckpointChain) {
  std::string html = testing_catalog::download_page(
      "download_kb5044284_x64.html", "https://catalog.s.download.windowsupdate.com",
      {{"windows11.0-kb5043080-x64_checkpoint.msu", "one"}, {"windows11.0-kb5044284-x64_lcu.msu", "two"}});
  auto updates = parse_download_dialog(html, "u");
  ASSERT_TRUE(updates) << updates.error().message();
  ASSERT_EQ(updates->size(), 1u);
  const UpdateFiles& u = updates->front();
  EXPECT_EQ(u.update_id, "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21");
  EXPECT_EQ(u.title, "2024-10 Cumulative Update for Windows 11, version 24H2 for x64-based Systems (KB5044284)");
  ASSERT_EQ(u.files.size(), 2u);
  EXPECT_EQ(u.files[0].file_name, "windows11.0-kb5043080-x64_checkpoint.msu");
  EXPECT_EQ(u.files[0].url, "https://catalog.s.download.windowsupdate.com/d/msdownload/update/software/secu/2024/10/"
                            "windows11.0-kb5043080-x64_checkpoint.msu");
  EXPECT_EQ(u.files[0].sha1, fakes::fake_digest("one", HashAlgorithm::Sha1));
  EXPECT_EQ(u.files[0].sha256, fakes::fake_digest("one", HashAlgorithm::Sha256));
  EXPECT_EQ(u.files[1].sha256, fakes::fake_digest("two", HashAlgorithm::Sha256));
  EXPECT_EQ(u.files[1].architectures, "AMD64");
}

TEST(CatalogDownloadDialog, Sha256MayBeEmpty) {
  std::string html = testing_catalog::download_page("download_kb5044284_23h2_arm64.html", "https://x",
                                                    {{"windows11.0-kb5044284-arm64.msu", "arm"}});
  auto updates = parse_download_dialog(html, "u");
  ASSERT_TRUE(updates) << updates.error().message();
  EXPECT_TRUE(updates->front().files[0].sha256.empty());
  EXPECT_EQ(updates->front().files[0].sha1, fakes::fake_digest("arm", HashAlgorithm::Sha1));
}

TEST(CatalogDownloadDialog, TruncatedEmptyAndMalformedAreNotUnderstood) {
  for (const char* name : {"download_truncated.html", "download_empty.html", "download_bad_digest.html",
                           "search_kb5044284.html"}) {
    auto updates = parse_download_dialog(testing_catalog::download_page(name, "https://x", {}), "u");
    ASSERT_FALSE(updates) << name;
    EXPECT_NE(updates.error().message().find("could not understand"), std::string::npos) << name;
  }
}

TEST(CatalogDownloadDialog, UnclosedValueAndPathInFileNameAreRefused) {
  std::string good = testing_catalog::download_page("download_kb5044284_23h2_arm64.html", "https://x",
                                                    {{"windows11.0-kb5044284-arm64.msu", "arm"}});
  std::string unclosed = good;
  testing_catalog::replace_all(unclosed, "fileName = 'windows11.0-kb5044284-arm64.msu';", "fileName = 'windows11");
  EXPECT_FALSE(parse_download_dialog(unclosed, "u"));
  std::string traversal = good;
  testing_catalog::replace_all(traversal, "fileName = 'windows11.0-kb5044284-arm64.msu'", "fileName = '..\\\\evil.msu'");
  EXPECT_FALSE(parse_download_dialog(traversal, "u"));
}

TEST(CatalogDownloadDialog, RequestBodyNamesTheUpdate) {
  EXPECT_EQ(download_dialog_body({"3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21"}),
            "updateIDs=%5B%7B%22size%22%3A0%2C%22languages%22%3A%22%22%2C%22uidInfo%22%3A%22"
            "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21%22%2C%22updateID%22%3A%22"
            "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21%22%7D%5D");
}

TEST(CatalogMarkup, EntitiesBase64AndHex) {
  EXPECT_EQ(decode_entities("a &amp; b &lt;c&gt; &#39;d&#x27; &quot;e&quot; &bogus; &"), "a & b <c> 'd' \"e\" &bogus; &");
  EXPECT_EQ(inner_text("  <a href='x'>Hello\n  <b>World</b></a>  "), "Hello World");
  EXPECT_EQ(decode_base64("AAEC/w=="), (std::vector<uint8_t>{0, 1, 2, 255}));
  EXPECT_FALSE(decode_base64("AAE"));
  EXPECT_FALSE(decode_base64("AA=A"));
  EXPECT_FALSE(decode_base64("A*==")); 
  EXPECT_EQ(to_hex({0xde, 0xad}), "dead");
  EXPECT_EQ(from_hex("dEAd"), (std::vector<uint8_t>{0xde, 0xad}));
  EXPECT_FALSE(from_hex("xyz0"));
}

TEST(CatalogSearchPage, ResultCountIsRead) {
  auto page = parse_search_page(fixture("search_kb5044277.html"), kUrl);
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_EQ(page->total, 6u);
  EXPECT_EQ(page->rows[3].size_text, "13.6 MB");
  EXPECT_FALSE(page->rows[3].size_bytes);  // text only
  EXPECT_EQ(page->rows[0].size_bytes, 659660800u);
  auto older = parse_search_page(fixture("search_kb5044281.html"), kUrl);
  ASSERT_TRUE(older) << older.error().message();
  EXPECT_FALSE(older->total);
  std::string html = fixture("search_kb5044277.html");
  testing_catalog::replace_all(html, "Updates: 1 - 6 of 6", "Updates: one to six");
  auto changed = parse_search_page(html, kUrl);
  ASSERT_FALSE(changed);
  EXPECT_NE(changed.error().what.find("could not understand the catalog page"), std::string::npos);
}

TEST(CatalogDetailsPage, SupersededByLinksOrNa) {
  auto newer = parse_superseded_by(fixture("details_3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21.html"), kUrl);
  ASSERT_TRUE(newer) << newer.error().message();
  ASSERT_EQ(newer->size(), 1u);
  EXPECT_EQ((*newer)[0].update_id, "d4c3b2a1-9f8e-4d7c-8b6a-5f4e3d2c1b0a");
  EXPECT_EQ((*newer)[0].title, "2024-11 Cumulative Update for Windows 11, version 24H2 for x64-based Systems (KB5046617)");
  auto none = parse_superseded_by(fixture("details_not_superseded.html"), kUrl);
  ASSERT_TRUE(none) << none.error().message();
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(parse_superseded_by(fixture("search_kb5044284.html"), kUrl));  // not a details page
  std::string odd = fixture("details_not_superseded.html");
  testing_catalog::replace_all(odd, "    n/a\n</div>\n<div id=\"supersedesInfo\"", "    unknown\n</div>\n<div id=\"supersedesInfo\"");
  EXPECT_FALSE(parse_superseded_by(odd, kUrl));
  std::string bad_link = fixture("details_3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21.html");
  testing_catalog::replace_all(bad_link, "ScopedViewInline.aspx?updateid=d4c3", "https://evil.example/?updateid=d4c3");
  EXPECT_FALSE(parse_superseded_by(bad_link, kUrl));
}

}  // namespace
}  // namespace wufix::catalog
