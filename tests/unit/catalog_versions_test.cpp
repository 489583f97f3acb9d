// Every Windows a user runs as a catalog target: the build table, the rule for a build wufix
// does not know yet, --os names for Server and LTSB/LTSC, and the rows they pick in fixtures
// with Server, LTSC and Office rows.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/match.h"
#include "core/catalog/versions.h"

namespace wufix::catalog {
namespace {

Result<Target> auto_target(const char* build, const char* display, const char* type, const char* edition = "") {
  OsInfo os;
  os.build = build;
  os.display_version = display;
  os.installation_type = type;
  os.edition = edition;
  Result<OsInfo> info = os;
  return make_target("auto", "auto", &info, Arch::X64);
}

std::string label(const Result<Target>& t) { return t ? t->label() : "error: " + t.error().message(); }

std::vector<CatalogRow> rows_of(const char* fixture) {
  auto page = parse_search_page(testing_catalog::fixture(fixture), "u");
  EXPECT_TRUE(page) << page.error().message();
  return page ? page->rows : std::vector<CatalogRow>{};
}

TEST(CatalogVersions, KnownBuildsAreTheirReleases) {
  EXPECT_EQ(label(auto_target("14393", "", "Server")), "Windows Server 2016 x64");
  EXPECT_EQ(label(auto_target("17763", "", "Server")), "Windows Server 2019 x64");
  EXPECT_EQ(label(auto_target("20348", "21H2", "Server")), "Windows Server 2022 x64");
  EXPECT_EQ(label(auto_target("26100", "24H2", "Server Core")), "Windows Server 2025 x64");
  EXPECT_EQ(label(auto_target("25398", "23H2", "Server")), "Windows Server, version 23H2 x64");
  EXPECT_EQ(label(auto_target("14393", "", "Client", "EnterpriseS")), "Windows 10 LTSB 2016 (1607) x64");
  EXPECT_EQ(label(auto_target("17763", "", "Client", "EnterpriseS")), "Windows 10 LTSC 2019 (1809) x64");
  EXPECT_EQ(label(auto_target("19044", "21H2", "Client", "IoTEnterpriseS")), "Windows 10 LTSC 2021 (21H2) x64");
  EXPECT_EQ(label(auto_target("19044", "21H2", "Client", "Enterprise")), "Windows 10 21H2 x64");
  EXPECT_EQ(label(auto_target("26100", "24H2", "Client", "EnterpriseS")), "Windows 11 LTSC 2024 (24H2) x64");
  EXPECT_EQ(label(auto_target("26100", "24H2", "Client")), "Windows 11 24H2 x64");
  EXPECT_EQ(label(auto_target("26200", "25H2", "Client")), "Windows 11 25H2 x64");
  // the table wins over a DisplayVersion that disagrees (an enablement package half-applied)
  EXPECT_EQ(label(auto_target("26200", "24H2", "Client")), "Windows 11 25H2 x64");
}

TEST(CatalogVersions, UnknownBuildTakesThePcsOwnVersionOrAsksForOs) {
  EXPECT_EQ(label(auto_target("26300", "26H1", "Client")), "Windows 11 26H1 x64");
  EXPECT_EQ(label(auto_target("26400", "26h2", "Server")), "Windows Server, version 26H2 x64");
  EXPECT_EQ(label(auto_target("19046", "23H2", "Client")), "Windows 10 23H2 x64");
  auto none = auto_target("26300", "", "Client");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().what.find("pass --os"), std::string::npos);
  EXPECT_FALSE(auto_target("26300", "Dev", "Client"));   // not a version the catalog's titles use
  EXPECT_FALSE(auto_target("20348", "", "Client"));      // a Server-only build on a client: not guessed
}

TEST(CatalogVersions, ServerKeysJoinBothSpellings) {
  EXPECT_EQ(server_key("2022"), "21H2");
  EXPECT_EQ(server_key("2025"), "24H2");
  EXPECT_EQ(server_key("2019"), "2019");
  EXPECT_EQ(server_label("21H2"), "Windows Server 2022");
  EXPECT_EQ(server_label("2016"), "Windows Server 2016");
  EXPECT_EQ(server_label("23H2"), "Windows Server, version 23H2");
  EXPECT_FALSE(known_build(12345));
  EXPECT_EQ(known_build(17763)->ltsc, "LTSC 2019");
}

TEST(CatalogVersions, OsNamesServerAndLtsc) {
  EXPECT_EQ(label(make_target("server2022", "x64", nullptr, Arch::Unknown)), "Windows Server 2022 x64");
  EXPECT_EQ(label(make_target("Server2016", "x64", nullptr, Arch::Unknown)), "Windows Server 2016 x64");
  EXPECT_EQ(label(make_target("ltsc2019", "x86", nullptr, Arch::Unknown)), "Windows 10 LTSC 2019 (1809) x86");
  EXPECT_EQ(label(make_target("ltsb2016", "x64", nullptr, Arch::Unknown)), "Windows 10 LTSB 2016 (1607) x64");
  EXPECT_EQ(label(make_target("ltsc2021", "x64", nullptr, Arch::Unknown)), "Windows 10 LTSC 2021 (21H2) x64");
  EXPECT_EQ(label(make_target("win11-26H1", "arm64", nullptr, Arch::Unknown)), "Windows 11 26H1 arm64");
}

TEST(CatalogVersions, Ltsc2019TakesThe1809RowAndEveryOtherRowSaysWhy) {
  auto rows = rows_of("search_kb5044277.html");
  ASSERT_EQ(rows.size(), 6u);
  Selection s = select_row(rows, *make_target("ltsc2019", "x64", nullptr, Arch::Unknown), "KB5044277");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(*s.chosen, 0u);
  EXPECT_FALSE(s.prerequisite);
  EXPECT_EQ(s.verdicts[1].reason, "for x86; this PC is x64");
  EXPECT_EQ(s.verdicts[2].reason, "for Windows Server 2019; this PC is Windows 10");
  EXPECT_EQ(s.verdicts[5].reason, "not an update for Windows 10, 11 or Server (Office 2013)");
}

TEST(CatalogVersions, Server2019TakesItsRowWithTheServicingStackFirst) {
  auto rows = rows_of("search_kb5044277.html");
  Selection s = select_row(rows, *make_target("server2019", "x64", nullptr, Arch::Unknown), "KB5044277");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(*s.chosen, 2u);
  ASSERT_TRUE(s.prerequisite);
  EXPECT_EQ(*s.prerequisite, 3u);
  EXPECT_EQ(s.verdicts[0].reason, "for Windows 10; this PC is Windows Server 2019");
  EXPECT_EQ(s.verdicts[3].reason, "a servicing stack update: installed before the update for this PC");
  EXPECT_EQ(s.verdicts[4].reason, "the cumulative update of this KB fits this PC and comes first");
}

TEST(CatalogVersions, Server2022IsTheServerOperatingSystemVersion21H2Row) {
  auto rows = rows_of("search_kb5044281.html");  // the older layout: rows from _R0, no count
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_FALSE(rows[0].size_bytes);
  EXPECT_EQ(rows[0].size_text, "511.2 MB");
  Selection s = select_row(rows, *make_target("server2022", "x64", nullptr, Arch::Unknown), "KB5044281");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(*s.chosen, 0u);
  EXPECT_EQ(s.verdicts[1].reason, "for Windows Server, version 23H2; this PC is Windows Server 2022");
  EXPECT_NE(s.verdicts[2].reason.find("Dynamic Update"), std::string::npos);
  EXPECT_EQ(s.verdicts[3].reason, "for Windows 10; this PC is Windows Server 2022");
  Selection none = select_row(rows, *make_target("server2016", "x64", nullptr, Arch::Unknown), "KB5044281");
  EXPECT_FALSE(none.chosen);
  EXPECT_EQ(none.reason, "no row is for Windows Server 2016 x64");
}

TEST(CatalogVersions, ARowNamingNoArchitectureFitsButOneThatNamesItComesFirst) {
  auto rows = rows_of("search_kb5044277.html");
  rows.resize(1);
  CatalogRow plain = rows[0];
  plain.update_id = "00000000-0000-4000-8000-000000000009";
  plain.title = "2024-10 Cumulative Update for Windows 10 Version 1809 (KB5044277)";
  std::vector<CatalogRow> only_plain{plain};
  Selection alone = select_row(only_plain, *make_target("ltsc2019", "arm64", nullptr, Arch::Unknown), "KB5044277");
  ASSERT_TRUE(alone.chosen);  // its files' architectures decide (file_select)
  rows.push_back(plain);
  Selection both = select_row(rows, *make_target("ltsc2019", "x64", nullptr, Arch::Unknown), "KB5044277");
  ASSERT_TRUE(both.chosen);
  EXPECT_EQ(*both.chosen, 0u);
}

}  // namespace
}  // namespace wufix::catalog
