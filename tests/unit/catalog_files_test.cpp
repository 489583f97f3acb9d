// Both eras of DownloadDialog.aspx (older: http URL, SHA-1 only, no fileName; a 40-file
// language dialog) and which of a dialog's files a PC takes, in which order.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/file_select.h"
#include "core/catalog/pages.h"

namespace wufix::catalog {
namespace {

// The fixture with every file's content given or, when not, its own name.
UpdateFiles dialog(const char* name, std::map<std::string, std::string> contents = {}) {
  std::string page = testing_catalog::fixture(name);
  for (size_t at = page.find("@SHA1:"); at != std::string::npos; at = page.find("@SHA1:", at + 1)) {
    std::string file = page.substr(at + 6, page.find('@', at + 6) - at - 6);
    contents.emplace(file, file);
  }
  auto updates = parse_download_dialog(testing_catalog::download_page(name, "https://x", contents), "u");
  EXPECT_TRUE(updates) << updates.error().message();
  return updates ? updates->front() : UpdateFiles{};
}

std::vector<std::string> names(const std::vector<CatalogFile>& files) {
  std::vector<std::string> out;
  for (const CatalogFile& f : files) out.push_back(f.file_name);
  return out;
}

CatalogFile file(std::string name, std::string arch = "", std::string languages = "") {
  CatalogFile f;
  f.file_name = std::move(name);
  f.architectures = std::move(arch);
  f.languages = std::move(languages);
  return f;
}

TEST(CatalogOlderDialog, HttpUrlSha1OnlyAndNoFileName) {
  UpdateFiles u = dialog("download_kb4534273_old_sha1.html", {{"windows10.0-kb4534273-x64.msu", "old"}});
  EXPECT_EQ(u.title, "2020-01 Cumulative Update for Windows 10 Version 1809 for x64-based Systems (KB4534273)");
  ASSERT_EQ(u.files.size(), 1u);
  const CatalogFile& f = u.files[0];
  EXPECT_EQ(f.url, "http://download.windowsupdate.com/c/msdownload/update/software/secu/2020/01/windows10.0-kb4534273-x64.msu");
  EXPECT_EQ(f.file_name, "windows10.0-kb4534273-x64.msu");  // from the URL
  EXPECT_EQ(f.sha1, fakes::fake_digest("old", HashAlgorithm::Sha1));
  EXPECT_TRUE(f.sha256.empty());
  EXPECT_EQ(f.architectures, "");
  EXPECT_EQ(arch_of_file(f), Arch::X64);  // from the name
}

TEST(CatalogOlderDialog, FortyLanguageFilesAndANeutralOne) {
  UpdateFiles u = dialog("download_kb4049065_languages.html");
  ASSERT_EQ(u.files.size(), 40u);
  EXPECT_EQ(u.files[0].languages, "");
  EXPECT_EQ(u.files[5].languages, "de-de");
  EXPECT_EQ(u.files[5].file_name, "windows10.0-kb4049065-x64-de-de.cab");

  auto de = choose_files(u.files, Arch::X64, {false, {"de-de"}});
  ASSERT_TRUE(de) << de.error().message();
  EXPECT_EQ(names(de->files), (std::vector<std::string>{"windows10.0-kb4049065-x64-neutral.cab",
                                                        "windows10.0-kb4049065-x64-de-de.cab"}));
  EXPECT_EQ(de->skipped.size(), 38u);
  EXPECT_EQ(de->skipped[0].reason, "for language ar-sa; not this PC's language");

  auto all = choose_files(u.files, Arch::X64, {true, {"de-de"}});
  EXPECT_EQ(all->files.size(), 40u);
  auto neutral_only = choose_files(u.files, Arch::X64, {false, {}});
  EXPECT_EQ(names(neutral_only->files), (std::vector<std::string>{"windows10.0-kb4049065-x64-neutral.cab"}));
  auto arm = choose_files(u.files, Arch::Arm64, {false, {"de-de"}});
  ASSERT_FALSE(arm);
  EXPECT_NE(arm.error().what.find("none of its 40 file(s) is for arm64"), std::string::npos);
}

TEST(CatalogFileChoice, LanguagesMatchByTagOrByLanguageAlone) {
  EXPECT_TRUE(language_matches("de-de", "de-DE"));
  EXPECT_TRUE(language_matches("de", "de-at"));
  EXPECT_TRUE(language_matches("en,fr", "fr-ca"));
  EXPECT_TRUE(language_matches("pt-br, pt-pt", "pt-pt"));
  EXPECT_FALSE(language_matches("pt-br", "pt-pt"));
  EXPECT_FALSE(language_matches("zh-tw", "zh-cn"));
  EXPECT_FALSE(language_matches("", "en-us"));
  EXPECT_EQ(normalize_language("DE-de"), "de-de");
  EXPECT_EQ(normalize_language("sr-Latn-RS"), "sr-latn-rs");
  for (const char* bad : {"", "d", "de_de", "-de", "de-", "de--de", "de de", "../x"})
    EXPECT_FALSE(normalize_language(bad)) << bad;
  EXPECT_EQ(language_of_langid(0x0407), "de-de");
  EXPECT_EQ(language_of_langid(0x0409), "en-us");
  EXPECT_FALSE(language_of_langid(0x1234));
}

TEST(CatalogFileChoice, ArchitectureFromTheFieldElseTheName) {
  EXPECT_EQ(arch_of_file(file("a.msu", "ARM64")), Arch::Arm64);
  EXPECT_EQ(arch_of_file(file("windows11.0-kb5044284-arm64_0123.msu")), Arch::Arm64);
  EXPECT_EQ(arch_of_file(file("windows10.0-kb5044277-x86_ab.msu")), Arch::X86);
  EXPECT_EQ(arch_of_file(file("windows10.0-kb5044277-x64-x86.msu")), Arch::Unknown);  // two: undecided
  EXPECT_EQ(arch_of_file(file("windows10.0-kb5044277.msu")), Arch::Unknown);
  EXPECT_EQ(arch_of_file(file("windows10.0-kb5044277.msu", "AMD64")), Arch::X64);
  EXPECT_EQ(arch_of_file(file("windows11.0-kb5044284-arm64.msu", "AMD64")), Arch::Unknown);  // they disagree
  auto picked = choose_files({file("w-kb5000001-x64.msu"), file("w-kb5000001-arm64.msu"), file("w-kb5000001.msu")},
                             Arch::X64, {});
  ASSERT_TRUE(picked);
  EXPECT_EQ(names(picked->files), (std::vector<std::string>{"w-kb5000001-x64.msu", "w-kb5000001.msu"}));
  EXPECT_EQ(picked->skipped[0].reason, "for arm64; this PC is x64");
}

TEST(CatalogFileChoice, ServicingStackFirstThenCheckpointsByKb) {
  auto picked = choose_files({file("windows11.0-kb5044284-x64_lcu.msu"), file("readme-x64.cab"),
                              file("windows11.0-kb5043080-x64_checkpoint.msu"), file("ssu-26100.1742-x64.msu")},
                             Arch::X64, {});
  ASSERT_TRUE(picked);
  EXPECT_EQ(names(picked->files),
            (std::vector<std::string>{"ssu-26100.1742-x64.msu", "windows11.0-kb5043080-x64_checkpoint.msu",
                                      "windows11.0-kb5044284-x64_lcu.msu", "readme-x64.cab"}));
}

}  // namespace
}  // namespace wufix::catalog
