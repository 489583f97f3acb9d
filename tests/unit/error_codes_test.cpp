#include "core/error_codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/hresult.h"

namespace wufix {
namespace {

const std::set<std::string> kFixCommands = {
    "wufix repair --only reset",
    "wufix repair --only services",
    "wufix repair --only dism",
    "wufix repair --only dism --source PATH",
    "wufix repair --only sfc",
    "wufix repair --only clock",
    "wufix diagnose",
    "wufix install KB...",
    "wufix logs",
};

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

size_t count_rows(bool (*pred)(const CodeInfo&)) {
  const auto& t = all_codes();
  return static_cast<size_t>(std::count_if(t.begin(), t.end(), pred));
}

std::string fix_of(uint32_t code) {
  const CodeInfo* row = find_code(code);
  return row ? row->fix : "<no row for " + format_hresult(code) + ">";
}

// --- the embedded table ---

TEST(CodeTable, EmbeddedTableParses) {
  const auto table = parse_code_table(kErrorCodesTsv);
  ASSERT_TRUE(table.ok()) << table.error().message();
  EXPECT_EQ(table->size(), all_codes().size());
}

TEST(CodeTable, IsSortedWithoutDuplicateCodes) {
  const auto& t = all_codes();
  ASSERT_GT(t.size(), 600u);
  for (size_t i = 1; i < t.size(); ++i) {
    EXPECT_LT(t[i - 1].code, t[i].code) << format_hresult(t[i].code);
  }
}

// Every symbolic name belongs to one code. Codes without a verified name (some CBS, setup
// and Delivery Optimization codes) have an empty name and are not counted.
TEST(CodeTable, HasNoDuplicateNames) {
  std::set<std::string> seen;
  for (const auto& row : all_codes()) {
    if (row.name.empty()) continue;
    EXPECT_TRUE(seen.insert(row.name).second) << "duplicate name " << row.name;
  }
}

TEST(CodeTable, EveryRowRoundTripsThroughFormatParseAndFind) {
  for (const auto& row : all_codes()) {
    const std::string text = format_hresult(row.code);
    const auto parsed = parse_code(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(*parsed, row.code) << text;
    EXPECT_EQ(find_code(*parsed), &row) << text;
  }
}

TEST(CodeTable, HasEveryWindowsUpdateErrorAndSuccessCode) {
  // 447 WU_E_* in mingw-w64 wuerror.h + 11 newer ones from the Windows SDK; 19 WU_S_*.
  EXPECT_GE(count_rows([](const CodeInfo& r) { return starts_with(r.name, "WU_E_"); }), 458u);
  EXPECT_GE(count_rows([](const CodeInfo& r) { return starts_with(r.name, "WU_S_"); }), 19u);
}

TEST(CodeTable, NamesWuCodesOnlyInsideFacilityWindowsUpdate) {
  for (const auto& row : all_codes()) {
    if (starts_with(row.name, "WU_E_")) {
      EXPECT_EQ(row.code >> 16, 0x8024u) << row.name;
    }
    if (starts_with(row.name, "WU_S_")) {
      EXPECT_EQ(row.code >> 16, 0x0024u) << row.name;
    }
  }
}

TEST(CodeTable, HasAtLeastFortyWin32FacilityRows) {
  EXPECT_GE(count_rows([](const CodeInfo& r) { return decode_hresult(r.code).facility == 7; }),
            40u);
}

TEST(CodeTable, ContainsKnownRows) {
  const std::pair<uint32_t, const char*> known[] = {
      {0x00000000, "S_OK"},
      {0x80004005, "E_FAIL"},
      {0x80070002, "ERROR_FILE_NOT_FOUND"},
      {0x80070005, "E_ACCESSDENIED"},
      {0x80070422, "ERROR_SERVICE_DISABLED"},
      {0x80070643, "ERROR_INSTALL_FAILURE"},
      {0x80072EE2, "ERROR_WINHTTP_TIMEOUT"},
      {0x80072F8F, "ERROR_WINHTTP_SECURE_FAILURE"},
      {0x80073712, "ERROR_SXS_COMPONENT_STORE_CORRUPT"},
      {0x800F081F, "CBS_E_SOURCE_MISSING"},
      {0x800F0922, "CBS_E_INSTALLERS_FAILED"},
      {0x80240001, "WU_E_NO_SERVICE"},
      {0x80240017, "WU_E_NOT_APPLICABLE"},
      {0x8024002E, "WU_E_WU_DISABLED"},
      {0x8024200B, "WU_E_UH_INSTALLERFAILURE"},
      {0x8024402C, "WU_E_PT_WINHTTP_NAME_NOT_RESOLVED"},
      {0x80244022, "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL"},
      {0x80246007, "WU_E_DM_NOTDOWNLOADED"},
      {0x80248007, "WU_E_DS_NODATA"},
      {0x8024FFFF, "WU_E_REPORTER_UNEXPECTED"},
      {0x8024006B, "WU_E_SERVICE_REENABLE_ACCESS_DENIED"},  // Windows SDK only
      {0x00240005, "WU_S_REBOOT_REQUIRED"},
      {0x00240006, "WU_S_ALREADY_INSTALLED"},
      {0x00248002, "WU_S_AAD_DEVICE_TICKET_NOT_NEEDED"},
      {0x80200053, "BG_E_VALIDATION_FAILED"},
  };
  for (const auto& [code, name] : known) {
    const CodeInfo* row = find_code(code);
    ASSERT_NE(row, nullptr) << format_hresult(code);
    EXPECT_EQ(row->name, name) << format_hresult(code);
  }
}

TEST(CodeTable, ContainsCommonCodesWithoutVerifiedNames) {
  for (uint32_t code : {0xC1900101u, 0x80D02002u, 0x8024A105u}) {
    EXPECT_NE(find_code(code), nullptr) << format_hresult(code);
  }
}

TEST(CodeTable, EveryRowHasAOneLineDescriptionAndNoAtSign) {
  for (const auto& row : all_codes()) {
    EXPECT_FALSE(row.description.empty()) << format_hresult(row.code);
    for (const auto* field : {&row.name, &row.description, &row.cause, &row.fix}) {
      EXPECT_EQ(field->find_first_of("\r\n\t@"), std::string::npos) << format_hresult(row.code);
    }
  }
}

TEST(CodeTable, FixesUseOnlyWufixCommands) {
  for (const auto& row : all_codes()) {
    if (!row.fix.empty()) {
      EXPECT_TRUE(kFixCommands.count(row.fix)) << row.fix;
    }
  }
}

TEST(CodeTable, SuccessCodesHaveNoFix) {
  for (const auto& row : all_codes()) {
    if (!decode_hresult(row.code).failure) {
      EXPECT_EQ(row.fix, "") << format_hresult(row.code);
    }
  }
}

TEST(CodeTable, GivesTheDocumentedFixes) {
  EXPECT_EQ(fix_of(0x80070002), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x80070003), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x8007000D), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x80240034), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x80246007), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x80248007), "wufix repair --only reset");
  EXPECT_EQ(fix_of(0x80070422), "wufix repair --only services");
  EXPECT_EQ(fix_of(0x8024001E), "wufix repair --only services");
  EXPECT_EQ(fix_of(0x80240001), "wufix repair --only services");
  EXPECT_EQ(fix_of(0x800F0831), "wufix repair --only dism");
  EXPECT_EQ(fix_of(0x80073712), "wufix repair --only dism");
  EXPECT_TRUE(starts_with(fix_of(0x800F081F), "wufix repair --only dism --source"));
  EXPECT_TRUE(starts_with(fix_of(0x800F0906), "wufix repair --only dism --source"));
  EXPECT_TRUE(starts_with(fix_of(0x800F0907), "wufix repair --only dism --source"));
  EXPECT_EQ(fix_of(0x80072F8F), "wufix repair --only clock");
  EXPECT_EQ(fix_of(0x80247163), "wufix repair --only clock");
  EXPECT_EQ(fix_of(0x80244022), "wufix diagnose");
  EXPECT_EQ(fix_of(0x80072EE2), "wufix diagnose");
  EXPECT_EQ(fix_of(0x80070070), "wufix diagnose");
  EXPECT_EQ(fix_of(0x8024401B), "wufix diagnose");
  EXPECT_TRUE(starts_with(fix_of(0x80240017), "wufix install KB"));
  EXPECT_EQ(fix_of(0x80070643), "wufix logs");
  EXPECT_EQ(fix_of(0x800F0922), "wufix logs");
  EXPECT_EQ(fix_of(0x8024200B), "wufix logs");
}

TEST(CodeTable, DiskFullCauseSaysFreeDiskSpace) {
  const CodeInfo* row = find_code(0x80070070);
  ASSERT_NE(row, nullptr);
  EXPECT_NE(row->cause.find("free"), std::string::npos);
}

TEST(FindCode, ReturnsNullForUnknownCode) {
  EXPECT_EQ(find_code(0x8007FFFF), nullptr);
  EXPECT_EQ(find_code(0x12345678), nullptr);
  EXPECT_EQ(find_code(0xFFFFFFFF), nullptr);
}

// --- parse_code_table ---

constexpr const char* kTsvHeader = "code\tname\tdescription\tcause\tfix\n";

TEST(ParseCodeTable, ParsesRowsAndSortsThemByCode) {
  const auto t = parse_code_table(std::string(kTsvHeader) +
                                  "0x80240017\tWU_E_NOT_APPLICABLE\tnot applicable\t\t\n"
                                  "0x80070002\tERROR_FILE_NOT_FOUND\tfile not found\tcache\tfix\n");
  ASSERT_TRUE(t.ok()) << t.error().message();
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ((*t)[0].code, 0x80070002u);
  EXPECT_EQ((*t)[0].name, "ERROR_FILE_NOT_FOUND");
  EXPECT_EQ((*t)[0].description, "file not found");
  EXPECT_EQ((*t)[0].cause, "cache");
  EXPECT_EQ((*t)[0].fix, "fix");
  EXPECT_EQ((*t)[1].code, 0x80240017u);
  EXPECT_EQ((*t)[1].cause, "");
}

TEST(ParseCodeTable, AcceptsCrlfAndMissingFinalNewline) {
  const auto t = parse_code_table("code\tname\tdescription\tcause\tfix\r\n0x80070002\tN\td\tc\tf");
  ASSERT_TRUE(t.ok()) << t.error().message();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].fix, "f");
}

TEST(ParseCodeTable, AcceptsHeaderOnly) {
  const auto t = parse_code_table(kTsvHeader);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->empty());
}

std::string error_of(const std::string& tsv) {
  const auto t = parse_code_table(tsv);
  return t.ok() ? "<accepted>" : t.error().message();
}

TEST(ParseCodeTable, RejectsMissingHeaderAsLineOne) {
  EXPECT_NE(error_of("0x80070002\tN\td\tc\tf\n").find("line 1:"), std::string::npos);
  EXPECT_NE(error_of("").find("line 1:"), std::string::npos);
}

TEST(ParseCodeTable, RejectsWrongFieldCountWithLineNumber) {
  const std::string message = error_of(std::string(kTsvHeader) + "0x80070002\tN\td\tc\tf\n" +
                                       "0x80070003\tN2\td\tc\n");
  EXPECT_NE(message.find("line 3:"), std::string::npos) << message;
  EXPECT_NE(message.find("found 4"), std::string::npos) << message;
}

TEST(ParseCodeTable, RejectsExtraFieldWithLineNumber) {
  const std::string message = error_of(std::string(kTsvHeader) + "0x80070002\tN\td\tc\tf\tx\n");
  EXPECT_NE(message.find("line 2:"), std::string::npos) << message;
}

TEST(ParseCodeTable, RejectsBadCodeSpellingWithLineNumber) {
  for (const char* code : {"0x8007002", "0x800f081f", "80070002", "0x8007000G", "0X80070002"}) {
    const std::string message = error_of(std::string(kTsvHeader) + code + "\tN\td\tc\tf\n");
    EXPECT_NE(message.find("line 2: bad code"), std::string::npos) << code << ": " << message;
  }
}

TEST(ParseCodeTable, RejectsEmptyDescription) {
  EXPECT_NE(error_of(std::string(kTsvHeader) + "0x80070002\tN\t\tc\tf\n").find("line 2:"),
            std::string::npos);
}

TEST(ParseCodeTable, RejectsBlankLineInTheMiddle) {
  EXPECT_NE(error_of(std::string(kTsvHeader) + "\n0x80070002\tN\td\tc\tf\n").find("line 2:"),
            std::string::npos);
}

TEST(ParseCodeTable, RejectsDuplicateCodeNamingBothLines) {
  const std::string message = error_of(std::string(kTsvHeader) + "0x80070002\tA\td\t\t\n" +
                                       "0x80070005\tB\td\t\t\n" + "0x80070002\tC\td\t\t\n");
  EXPECT_NE(message.find("line 4: duplicate code 0x80070002 (first on line 2)"),
            std::string::npos)
      << message;
}

TEST(ParseCodeTable, ErrorIsOneLine) {
  EXPECT_EQ(error_of(std::string(kTsvHeader) + "junk\n").find('\n'), std::string::npos);
}

}  // namespace
}  // namespace wufix
