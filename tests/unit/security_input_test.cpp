// Issue #11, input hardening: every URL spelling the allow-list and WinHTTP could read
// differently, file names from the catalog, the --catalog-url loopback spellings, and the
// text sanitiser the output writers use. Each case is an attack seen in review.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "catalog_fixtures.h"
#include "cli/output.h"
#include "core/catalog/markup.h"
#include "core/catalog/pages.h"
#include "core/catalog/signature.h"
#include "core/catalog/url.h"
#include "core/safe_text.h"
#include "fakes/fake_system.h"

namespace wufix::catalog {
namespace {

using namespace std::string_literals;

TEST(StrictUrl, RefusesEverySpellingWinHttpCouldReadOtherwise) {
  for (const std::string& bad : {
           "https://evil.example\0.download.windowsupdate.com/x.msu"s,  // NUL: WinHttpCrackUrl stops there
           "https://evil.example\\.download.windowsupdate.com/x.msu"s,   // backslash in the host
           "https://evil.example%2f.download.windowsupdate.com/x.msu"s,  // percent-encoding in the host
           "https://evil.example%2F@au.download.windowsupdate.com/"s,    // userinfo
           "https://user@au.download.windowsupdate.com/x.msu"s,
           "https://[::ffff:1.2.3.4].download.windowsupdate.com/"s,      // fake IPv6 literal
           "https://[2001:db8::1]/x.msu"s,                               // IPv6 other than ::1
           "https://au.download.windowsupdate.com/a\\b.msu"s,            // backslash in the path
           "https://au.download.windowsupdate.com/a\x1b[2Jb.msu"s,       // control character
           "https://au.download.windowsupdate.com/a\tb.msu"s,
           "https://au.download.windowsupdate.com/a b.msu"s,
           "https://au.download.windowsupdate.com/\xc3\xa9.msu"s,        // not ASCII
           "https://au..download.windowsupdate.com/"s,                   // empty label
           "https://.download.windowsupdate.com/"s,
           "https://au.download.windowsupdate.com./"s,                   // trailing dot
           "https://au_x.download.windowsupdate.com/"s,
           "https://au.download.windowsupdate.com:+443/"s,
           "https://au.download.windowsupdate.com:443x/"s,
           "https://au.download.windowsupdate.com:/"s,
           "https://au.download.windowsupdate.com:0/"s,
           "https://au.download.windowsupdate.com:000443/"s,
       }) {
    auto url = parse_url(bad);
    EXPECT_FALSE(url) << escape_controls(bad) << " parsed as " << (url ? url->host : "");
  }
}

TEST(StrictUrl, ErrorsNameTheUrlWithItsControlCharactersVisible) {
  auto url = parse_url("https://evil.example\0.download.windowsupdate.com/x.msu"s);
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().context, "https://evil.example\\x00.download.windowsupdate.com/x.msu");
}

TEST(StrictUrl, RealCatalogUrlsStillParse) {
  for (const char* ok : {"http://download.windowsupdate.com/c/msdownload/update/software/secu/2024/10/"
                         "windows11.0-kb5044284-x64_d7eb7ceaa4798b92b988fd7dcc7c6bb39476ccf3.msu",
                         "https://catalog.sf.dl.delivery.mp.microsoft.com/filestreamingservice/files/"
                         "b4a3b1a9-1b8e-4f64-a7a5-5d4c0f9f6f21/public/windows11.0-kb5044284-x64.msu",
                         "https://www.catalog.update.microsoft.com/Search.aspx?q=KB50%2044284",
                         "HTTPS://Www.Catalog.Update.Microsoft.com:443/x", "http://[::1]:8080/x"}) {
    EXPECT_TRUE(parse_url(ok)) << ok;
  }
}

TEST(StrictUrl, RedirectTargetsGetTheSameChecks) {
  Url base = *parse_url("https://www.catalog.update.microsoft.com/a/Search.aspx");
  EXPECT_FALSE(resolve_location(base, "x\\y"));
  EXPECT_FALSE(resolve_location(base, "/x\x01y"));
  EXPECT_FALSE(resolve_location(base, "//evil.example%2f.download.windowsupdate.com/"));
  EXPECT_EQ(resolve_location(base, "b.aspx")->str(), "https://www.catalog.update.microsoft.com/a/b.aspx");
}

TEST(CatalogUrlOption, TakesExactlyThreeLoopbackSpellings) {
  for (const char* ok : {"http://127.0.0.1:8123", "http://localhost:8123/", "http://[::1]:8123", "https://127.0.0.1"})
    EXPECT_TRUE(HostPolicy::loopback(ok)) << ok;
  // Windows' inet_addr reads 0127.0.0.1 as octal (87.0.0.1), 127.1 and 2130706433 as 127.0.0.1.
  for (const char* bad : {"http://0127.0.0.1:8123", "http://127.1:8123", "http://2130706433:8123",
                          "http://0x7f.0.0.1:8123", "http://127.0.0.1.:8123", "http://127.0.0.2:8123",
                          "http://127.000.000.001:8123", "http://[0:0:0:0:0:0:0:1]:8123", "http://[::ffff:127.0.0.1]:8123",
                          "http://localhost.:8123", "http://127.0.0.1%00:8123", "http://127.0.0.1.nip.io:8123",
                          "http://user@127.0.0.1:8123"})
    EXPECT_FALSE(HostPolicy::loopback(bad)) << bad;
}

TEST(CatalogFileName, PlainMsuAndCabNamesOnly) {
  for (const char* ok : {"windows11.0-kb5044284-x64_d7eb7ceaa4798b92b988fd7dcc7c6bb39476ccf3.msu",
                         "Windows6.1-KB2533552-x64.msu", "ssu-19041.1-x64.cab", "windows10.0-kb5005565-x64.MSU"})
    EXPECT_TRUE(is_catalog_file_name(ok)) << ok;
  for (const std::string& bad :
       {""s, "CON"s, "CON.msu"s, "con.msu"s, "nul.x.msu"s, "NUL.msu"s, "AUX.cab"s, "prn.msu"s, "COM1.msu"s,
        "lpt9.cab"s, "a.msu."s, "a.msu "s, "..."s, "a...msu"s, "..msu"s, "a.exe"s, "a.msu.exe"s, "a\\b.msu"s,
        "a/b.msu"s, "a:b.msu"s, "a\x1b[2J.msu"s, "a\0.msu"s, "a b.msu"s, "\xc3\xa9.msu"s, std::string(197, 'a') + ".msu"}) {
    EXPECT_FALSE(is_catalog_file_name(bad)) << escape_controls(bad);
  }
  EXPECT_TRUE(is_catalog_file_name(std::string(196, 'a') + ".msu"));
  EXPECT_TRUE(is_catalog_file_name("CONSOLE.msu"));  // only the whole base name is a device
}

std::string dialog_with(const std::string& from, const std::string& to) {
  std::string page = testing_catalog::download_page("download_kb5044284_23h2_arm64.html", "https://x.example",
                                                    {{"windows11.0-kb5044284-arm64.msu", "arm"}});
  testing_catalog::replace_all(page, from, to);
  return page;
}

TEST(CatalogDownloadDialog, HostileFileNamesAndUrlsAreRefusedWithTheUrlNamed) {
  const std::string name = "fileName = 'windows11.0-kb5044284-arm64.msu'";
  for (const std::string& bad_name : {"CON"s, "a.msu."s, "nul.x.msu"s, "a\x1b[2J.msu"s, "..."s}) {
    auto updates = parse_download_dialog(dialog_with(name, "fileName = '" + bad_name + "'"), "u");
    ASSERT_FALSE(updates) << escape_controls(bad_name);
    EXPECT_NE(updates.error().what.find("refusing"), std::string::npos);
    EXPECT_NE(updates.error().context.find("https://x.example/"), std::string::npos) << updates.error().context;
  }
  const std::string url = "url = 'https://x.example/";
  for (const std::string& bad_url : {"url = 'https://evil.example\0.x.example/"s, "url = 'https://evil%2f.x.example/"s,
                                     "url = 'https://evil\\\\x.example/"s, "url = 'https://x.example/\x07"s}) {
    auto updates = parse_download_dialog(dialog_with(url, bad_url), "u");
    ASSERT_FALSE(updates) << escape_controls(bad_url);
    EXPECT_NE(updates.error().what.find("refusing"), std::string::npos);
    EXPECT_EQ(updates.error().context.find('\0'), std::string::npos);
  }
}

TEST(CatalogMarkup, EntitiesDecodeToValidText) {
  EXPECT_EQ(decode_entities("a&#xD800;b&#57343;c"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  EXPECT_EQ(decode_entities("&#x10FFFF;"), "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(decode_entities("&#x0010FFFF;"), "&#x0010FFFF;");  // longer than any entity: kept
  EXPECT_EQ(decode_entities(std::string(5, '&') + "amp;"), "&&&&&");
}

TEST(CatalogMarkup, FindElementNeedsTheIdInsideATag) {
  EXPECT_EQ(find_element("<p>x id=\"a\"</p><td id='a'>", "a"), 15u);
  EXPECT_EQ(find_element("<td class=x id=\"a\">", "a"), 0u);
  EXPECT_EQ(find_element("<td xid=\"a\">", "a"), std::string_view::npos);
  EXPECT_EQ(find_element("<td id=\"ab\">", "a"), std::string_view::npos);
  EXPECT_EQ(find_element("<td id=\"a'>", "a"), std::string_view::npos);
}

}  // namespace
}  // namespace wufix::catalog

namespace wufix {
namespace {

TEST(SafeText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(utf8_or_replacement("ok \xc3\xa9"), "ok \xc3\xa9");
  EXPECT_EQ(utf8_or_replacement("a\xFF" "b"), "a\xEF\xBF\xBD" "b");                     // a file name byte 0xFF
  EXPECT_EQ(utf8_or_replacement("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate D800
  EXPECT_EQ(utf8_or_replacement("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                 // overlong '/'
  EXPECT_EQ(utf8_or_replacement("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(SafeText, PrintableDropsC0AndC1ControlsButKeepsLayout) {
  EXPECT_EQ(printable_text("a\x1b[2Jb\x07\x08\x7f" "c"), "a[2Jbc");
  EXPECT_EQ(printable_text("csi\xC2\x9B" "31m"), "csi31m");  // U+009B: the one-byte CSI
  EXPECT_EQ(printable_text("nel\xC2\x85x\xC2\xA0y"), "nelx\xC2\xA0y");  // C1 NEL gone, NBSP kept
  EXPECT_EQ(printable_text("tab\tline\r\n"), "tab\tline\r\n");
  EXPECT_EQ(printable_text(std::string("nul\0x", 5)), "nulx");
  EXPECT_EQ(printable_text("\x9B"), "\xEF\xBF\xBD");  // a raw 0x9B byte is not UTF-8
}

TEST(SafeText, EscapeControlsShowsEveryHiddenByte) {
  EXPECT_EQ(escape_controls(std::string("a\0b\x1b\xff", 5)), "a\\x00b\\x1B\\xFF");
}

}  // namespace
}  // namespace wufix

namespace wufix::catalog {
namespace {

TEST(AuthenticodePolicy, SigningCertificateMustNameCodeSigning) {
  // Microsoft's update signing certificates: code signing (and Windows component verification).
  EXPECT_TRUE(allows_code_signing({"1.3.6.1.5.5.7.3.3", "1.3.6.1.4.1.311.10.3.6"}));
  EXPECT_TRUE(allows_code_signing({"1.3.6.1.5.5.7.3.3"}));
  EXPECT_FALSE(allows_code_signing({}));                       // no EKU extension: "any purpose"
  EXPECT_FALSE(allows_code_signing({"1.3.6.1.5.5.7.3.1"}));    // a TLS server certificate
  EXPECT_FALSE(allows_code_signing({"1.3.6.1.5.5.7.3.4"}));    // e-mail protection
  EXPECT_FALSE(allows_code_signing({"1.3.6.1.5.5.7.3.33"}));   // a longer OID with the same start
}

}  // namespace
}  // namespace wufix::catalog

namespace wufix {
namespace {

TEST(OutputSanitising, JsonReplacesInvalidUtf8InsteadOfFailing) {
  nlohmann::json j = {{"title", "a\xED\xA0\x80" "b"}, {"file", "x\xFF.msu"}};
  std::string text = json_text(j);  // nlohmann's default dump throws type_error 316 here
  EXPECT_EQ(nlohmann::json::parse(text)["title"], "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(nlohmann::json::parse(text)["file"], "x\xEF\xBF\xBD.msu");
  EXPECT_EQ(text.back(), '\n');
}

TEST(OutputSanitising, TextDropsControlsButKeepsItsOwnColours) {
  fakes::FakeConsole console;
  Output colour(console, true);
  colour.out(colour.paint(Tone::Bad, "title \x1b]0;pwned\x07 \xC2\x9B" "2J end") + "\n");
  EXPECT_EQ(console.out, "\x1b[31mtitle ]0;pwned 2J end\x1b[0m\n");
  fakes::FakeConsole plain_console;
  Output plain(plain_console, false);
  plain.out("a\x1b[31mb\r\n");
  plain.err(std::string("c\0d\x9b", 4));
  plain.progress("\r  file\x1b[2K 50%");
  EXPECT_EQ(plain_console.out, "a[31mb\r\n");
  EXPECT_EQ(plain_console.err, "cd\xEF\xBF\xBD\r  file[2K 50%");
}

}  // namespace
}  // namespace wufix
