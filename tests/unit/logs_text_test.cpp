// The shared log text layer: line streaming in every encoding and split, and the field finders.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include <nlohmann/json.hpp>

#include "core/logs/text.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

struct TextLine {
  std::string text;
  uint64_t number;
  bool overlong;
};

std::vector<TextLine> lines_of(std::string bytes, size_t step = 1 << 20, TextEncoding* enc = nullptr) {
  fakes::TrickleStream in(std::move(bytes), step);
  std::vector<TextLine> out;
  auto e = read_lines(in, [&](std::string_view t, uint64_t n, bool o) { out.push_back({std::string(t), n, o}); });
  EXPECT_TRUE(e);
  if (e && enc) *enc = *e;
  return out;
}

std::string utf16(std::string_view ascii, bool bom) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

TEST(LogText, LinesKeepTheirNumbersAndLoseCrlfAndBlankLines) {
  auto lines = lines_of("one\r\n\r\n  \t\ntwo\nthree");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "one");
  EXPECT_EQ(lines[1].text, "two");
  EXPECT_EQ(lines[1].number, 4u);
  EXPECT_EQ(lines[2].text, "three");  // no final line break: still a line
  EXPECT_EQ(lines[2].number, 5u);
}

TEST(LogText, EverySplitPointGivesTheSameLines) {
  std::string text = "2026-05-12 09:58:10, Error CBS Failed [HRESULT = 0x800f081f - X]\r\nsecond line\r\nthird";
  auto whole = lines_of(text);
  for (size_t step : {1, 2, 3, 7, 64}) {
    auto split = lines_of(text, step);
    ASSERT_EQ(split.size(), whole.size()) << step;
    for (size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(split[i].text, whole[i].text) << step;
  }
}

TEST(LogText, Utf16WithAndWithoutBomBecomesUtf8) {
  for (bool bom : {true, false}) {
    TextEncoding enc = TextEncoding::Utf8;
    auto lines = lines_of(utf16("first\r\nsecond\r\n", bom), 3, &enc);
    EXPECT_EQ(enc, TextEncoding::Utf16le);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].text, "second");
  }
}

TEST(LogText, Utf8BomIsNotText) {
  auto lines = lines_of("\xEF\xBB\xBFhello\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "hello");
}

TEST(LogText, OverlongLineIsReportedOnceWithoutItsBytes) {
  for (size_t step : {size_t(1) << 20, size_t(4096)}) {
    auto lines = lines_of(std::string(200000, 'x') + "\nnext\n", step);
    ASSERT_EQ(lines.size(), 2u) << step;
    EXPECT_TRUE(lines[0].overlong);
    EXPECT_TRUE(lines[0].text.empty());
    EXPECT_EQ(lines[1].text, "next");
    EXPECT_EQ(lines[1].number, 2u);
  }
}

TEST(LogText, NulPaddingIsBlankEvenWhenLong) {
  auto lines = lines_of("a\n" + std::string(100000, '\0') + "\nb", 4096);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].text, "b");
}

TEST(LogText, ReadErrorIsReturned) {
  class Failing : public InputStream {
    Result<size_t> read(std::span<char>) override { return Error{23, "ReadFile failed", "x"}; }
  } in;
  auto e = read_lines(in, [](std::string_view, uint64_t, bool) {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, 23u);
}

TEST(LogText, CleanTextIsValidUtf8WithoutControls) {
  EXPECT_EQ(clean_text(std::string_view("Mise \xE0 jour\x01\0!", 14), 100), "Mise \xC3\xA0 jour!");
  EXPECT_EQ(clean_text("caf\xC3\xA9\tok"), "caf\xC3\xA9\tok");
  std::string cut = clean_text("\xC3\xA9\xC3\xA9\xC3\xA9", 3);
  EXPECT_EQ(cut, "\xC3\xA9...");
  EXPECT_NO_THROW(nlohmann::json(clean_text("\xFF\xFE\xC3")).dump());
}

TEST(LogText, FindsKbNumbersOnlyAsWholeKbTokens) {
  EXPECT_EQ(find_kb("2026-05 Cumulative Update (KB5037771)"), "5037771");
  EXPECT_EQ(find_kb("Package_for_kb5034441~31bf3856ad364e35"), "5034441");
  EXPECT_EQ(find_kb("windows11.0-kb5037771-x64.cab"), "5037771");
  EXPECT_EQ(find_kb("KB12 and KB1234567890"), "");
  EXPECT_EQ(find_kb("SKB5037771"), "");
  EXPECT_EQ(find_kb("KB"), "");
}

TEST(LogText, BracketHresultSkipsSuccessAndTakesTheName) {
  auto m = find_bracket_hresult("x [HRESULT = 0x00000000 - S_OK] y [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, 0x800F081Fu);
  EXPECT_EQ(m->name, "CBS_E_SOURCE_MISSING");
  EXPECT_FALSE(find_bracket_hresult("[HRESULT = 0x800f08"));
  EXPECT_FALSE(find_bracket_hresult("[HRESULT = 0x800f081f1]"));
  auto bare = find_bracket_hresult("[HRESULT = 0x80070002]");
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->name.empty());
}

TEST(LogText, HrCodesInDismAndAgentForms) {
  EXPECT_EQ(find_hr_code("Foo(hr:0x800f081f)"), 0x800F081Fu);
  EXPECT_EQ(find_hr_code("failed, hr=0x8024402C"), 0x8024402Cu);
  EXPECT_EQ(find_hr_code("hr = 8024402C"), 0x8024402Cu);
  EXPECT_FALSE(find_hr_code("hr:0x00000000"));
  EXPECT_FALSE(find_hr_code("thr:0x800f081f"));
  EXPECT_FALSE(find_hr_code("hr:"));
}

TEST(LogText, FailureCodeAnywhere) {
  EXPECT_EQ(find_failure_code("Exit code = 0x00000000, then 0x80070005."), 0x80070005u);
  EXPECT_FALSE(find_failure_code("0x800700051 is too long"));
  EXPECT_FALSE(find_failure_code("0x8007"));
}

TEST(LogText, LocalTimesBecomeIso) {
  EXPECT_EQ(iso_local_time("2024-05-14 10:14:02, Info"), "2024-05-14T10:14:02");
  EXPECT_EQ(iso_local_time("2024/05/14 10:15:01.1234567"), "2024-05-14T10:15:01");
  EXPECT_EQ(iso_local_time("2015-01-14\t09:28:12:123"), "2015-01-14T09:28:12");
  EXPECT_FALSE(iso_local_time("2024-13-14 10:14:02"));
  EXPECT_FALSE(iso_local_time("2024-05-14 25:14:02"));
  EXPECT_FALSE(iso_local_time("2024-05-14"));
  EXPECT_FALSE(iso_local_time("2024-05/14 10:14:02"));
}

TEST(LogText, RandomBytesNeverCrashAndLinesStayBounded) {
  std::mt19937 rng(6);
  size_t lines = 0;
  for (int round = 0; round < 40; ++round) {
    std::string bytes(rng() % 200000, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 50 == 0 ? '\n' : rng());
    for (const TextLine& l : lines_of(bytes, 1 + rng() % 5000)) {
      EXPECT_LE(l.text.size(), kMaxLineBytes);
      ++lines;
    }
  }
  EXPECT_GT(lines, 10000u);  // the bounds above were checked, not skipped
}

}  // namespace
}  // namespace wufix
