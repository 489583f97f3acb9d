// Which row fits which PC: the how-to's usual mistakes (wrong version or architecture, the
// Dynamic Update, the .NET package, a Server row) are never picked.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/match.h"

namespace wufix::catalog {
namespace {

std::vector<CatalogRow> kb5044284_rows() {
  auto page = parse_search_page(testing_catalog::fixture("search_kb5044284.html"), "u");
  EXPECT_TRUE(page);
  return page->rows;
}

Target target(const char* os, const char* arch) {
  auto t = make_target(os, arch, nullptr, Arch::Unknown);
  EXPECT_TRUE(t) << t.error().message();
  return *t;
}

TEST(CatalogMatch, PicksTheCumulativeUpdateFor24H2X64) {
  auto rows = kb5044284_rows();
  Selection s = select_row(rows, target("win11-24H2", "x64"), "KB5044284");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(rows[*s.chosen].update_id, "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21");
  EXPECT_EQ(s.verdicts[1].reason, "for arm64; this PC is x64");
  EXPECT_NE(s.verdicts[2].reason.find("Dynamic Update"), std::string::npos);
  EXPECT_EQ(s.verdicts[3].reason, "for version 23H2; this PC is 24H2");
  EXPECT_EQ(s.verdicts[5].reason, "the cumulative update of this KB fits this PC and comes first");
  EXPECT_EQ(s.verdicts[6].reason, "for Windows Server 2025; this PC is Windows 11");
}

TEST(CatalogMatch, PicksThe23H2Arm64Row) {
  auto rows = kb5044284_rows();
  Selection s = select_row(rows, target("win11-23h2", "arm64"), "KB5044284");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(rows[*s.chosen].update_id, "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b");
}

TEST(CatalogMatch, NoRowForAnotherWindowsSaysWhy) {
  auto rows = kb5044284_rows();
  Selection s = select_row(rows, target("win10-22H2", "x64"), "KB5044284");
  EXPECT_FALSE(s.chosen);
  EXPECT_EQ(s.reason, "no row is for Windows 10 22H2 x64");
  EXPECT_EQ(s.verdicts[0].reason, "for Windows 11; this PC is Windows 10");
}

TEST(CatalogMatch, DotNetIsPickedWhenItIsTheOnlyFit) {
  auto rows = kb5044284_rows();
  rows.erase(rows.begin());  // no cumulative update for 24H2 x64 left
  Selection s = select_row(rows, target("win11-24H2", "x64"), "KB5044284");
  ASSERT_TRUE(s.chosen);
  EXPECT_NE(rows[*s.chosen].title.find(".NET"), std::string::npos);
}

TEST(CatalogMatch, NewestOfTwoFittingRowsWinsAndATieIsNotGuessed) {
  auto rows = kb5044284_rows();
  CatalogRow again = rows[0];
  again.update_id = "00000000-0000-4000-8000-000000000001";
  again.last_updated = "2024-10-22";
  rows.push_back(again);
  Selection s = select_row(rows, target("win11-24H2", "x64"), "KB5044284");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(rows[*s.chosen].update_id, again.update_id);
  rows.back().last_updated = rows[0].last_updated;
  Selection tie = select_row(rows, target("win11-24H2", "x64"), "KB5044284");
  EXPECT_FALSE(tie.chosen);
  EXPECT_NE(tie.reason.find("equally well"), std::string::npos);
}

TEST(CatalogMatch, OtherKbInTheResultsDoesNotFit) {
  auto rows = kb5044284_rows();
  Selection s = select_row(rows, target("win11-24H2", "x64"), "KB5044285");
  EXPECT_FALSE(s.chosen);
  EXPECT_EQ(s.verdicts[0].reason, "a different update (KB5044284)");
}

TEST(CatalogTarget, AutoReadsThisPc) {
  OsInfo os;
  os.product = "Windows 11 Pro";
  os.display_version = "24h2";
  os.build = "26100";
  os.installation_type = "Client";
  Result<OsInfo> info = os;
  auto t = make_target("auto", "auto", &info, Arch::Arm64);
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->label(), "Windows 11 24H2 arm64");
}

TEST(CatalogTarget, AutoFallsBackToTheBuildWithoutDisplayVersion) {
  OsInfo os;
  os.build = "19045";
  Result<OsInfo> info = os;
  auto t = make_target("auto", "x86", &info, Arch::X64);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->label(), "Windows 10 22H2 x86");
  os.build = "12345";
  Result<OsInfo> unknown = os;
  EXPECT_FALSE(make_target("auto", "auto", &unknown, Arch::X64));
  Result<OsInfo> failed = Error{5, "RegOpenKeyExW failed", ""};
  EXPECT_FALSE(make_target("auto", "auto", &failed, Arch::X64));
}

TEST(CatalogTarget, Server2025IsTheServerOperatingSystemVersion24H2Row) {
  OsInfo os;
  os.product = "Windows Server 2025 Datacenter";
  os.build = "26100";
  os.display_version = "24H2";
  os.installation_type = "Server";
  Result<OsInfo> info = os;
  auto t = make_target("auto", "auto", &info, Arch::X64);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->label(), "Windows Server 2025 x64");
  auto rows = kb5044284_rows();
  Selection s = select_row(rows, *t, "KB5044284");
  ASSERT_TRUE(s.chosen);
  EXPECT_EQ(rows[*s.chosen].update_id, "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
  EXPECT_EQ(s.verdicts[0].reason, "for Windows 11; this PC is Windows Server 2025");
}

TEST(CatalogTarget, BadOptionsAreErrors) {
  EXPECT_FALSE(make_target("win12-24H2", "x64", nullptr, Arch::X64));
  EXPECT_FALSE(make_target("server2012", "x64", nullptr, Arch::X64));
  EXPECT_FALSE(make_target("ltsc2020", "x64", nullptr, Arch::X64));
  EXPECT_FALSE(make_target("windows 11", "x64", nullptr, Arch::X64));
  for (const char* bad : {"w", "win", "win11", "win11-", "win11-24H", "win11-24X2", "win11_24H2", "win11-24H2x"})
    EXPECT_FALSE(make_target(bad, "x64", nullptr, Arch::X64)) << bad;
  EXPECT_EQ(make_target("WIN10-1809", "x64", nullptr, Arch::X64)->label(), "Windows 10 1809 x64");
  EXPECT_FALSE(make_target("win11-24H2", "mips", nullptr, Arch::X64));
  EXPECT_FALSE(make_target("win11-24H2", "auto", nullptr, Arch::Unknown));
  EXPECT_EQ(normalize_kb("kb5044284"), "KB5044284");
  EXPECT_EQ(normalize_kb("5044284"), "KB5044284");
  EXPECT_FALSE(normalize_kb("KB50"));
  EXPECT_FALSE(normalize_kb("KB5044284; rm"));
}

}  // namespace
}  // namespace wufix::catalog
