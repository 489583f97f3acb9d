// Decoding and reading sfc's and DISM's console output as it streams through a pipe.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "core/repair/tool_output.h"
#include "tool_output_fixtures.h"

namespace wufix {
namespace {

using ::testing::ElementsAre;
using namespace tool_fixtures;

std::vector<std::string> segments_of(const std::vector<std::string>& chunks) {
  std::vector<std::string> segments;
  ConsoleText text([&](std::string_view s) { segments.emplace_back(s); });
  for (const auto& chunk : chunks) text.feed(chunk);
  text.finish();
  return segments;
}

// ---- ConsoleText ----------------------------------------------------------------------------

TEST(ToolOutputText, Utf16leIsSplitAtCarriageReturnsAndLineBreaks) {
  EXPECT_THAT(
      segments_of({utf16le(u"\r\nBeginning\r\n\r\n\rVerification 5% complete."
                           u"\rVerification 10% complete.\r\nDone\r\n")}),
      ElementsAre("Beginning", "Verification 5% complete.", "Verification 10% complete.", "Done"));
}

TEST(ToolOutputText, ChunksMaySplitCodeUnitsAnywhere) {
  const std::string bytes =
      sfc_output(u"Windows Resource Protection did not find any integrity violations.");
  const auto whole = segments_of({bytes});
  ASSERT_GT(whole.size(), 5u);
  for (size_t size : {1, 3, 7, 64}) EXPECT_EQ(segments_of(chunks_of(bytes, size)), whole) << size;
}

TEST(ToolOutputText, Utf16NonAsciiAndSurrogatePairsBecomeUtf8) {
  EXPECT_THAT(segments_of(chunks_of(utf16le(u"\r\nÜberprüfung 😀 fertig\r\n"), 1)),
              ElementsAre("\xC3\x9C"
                          "berpr\xC3\xBC"
                          "fung \xF0\x9F\x98\x80 fertig"));
}

// sfc on a Russian or Chinese Windows, its whole output in one pipe read: the first two bytes
// decide (a CR and its NUL), not a vote over pairs that are mostly two non-NUL bytes.
TEST(ToolOutputText, Utf16CyrillicAndChineseInOneChunkStayUtf16) {
  EXPECT_THAT(segments_of({utf16le(u"\r\n\u041D\u0430\u0447\u0430\u043B\u043E \u0441\u043A\u0430\u043D\u0438"
                                   u"\u0440\u043E\u0432\u0430\u043D\u0438\u044F\r\n\u4E0A\u4E0B\r\n")}),
              ElementsAre("\xD0\x9D\xD0\xB0\xD1\x87\xD0\xB0\xD0\xBB\xD0\xBE "
                          "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x80\xD0\xBE\xD0\xB2\xD0\xB0"
                          "\xD0\xBD\xD0\xB8\xD1\x8F",
                          "\xE4\xB8\x8A\xE4\xB8\x8B"));
}

TEST(ToolOutputText, LoneSurrogatesAndAnOddLastByteBecomeReplacementCharacters) {
  std::string bytes = utf16le(
      u"a\xD800"
      u"b\r\n");
  bytes += "c";  // half a code unit at the end
  EXPECT_THAT(segments_of({bytes}), ElementsAre("a\xEF\xBF\xBD"
                                                "b",
                                                "\xEF\xBF\xBD"));
}

TEST(ToolOutputText, ByteOrderMarkIsSkipped) {
  EXPECT_THAT(segments_of({"\xFF\xFE" + utf16le(u"Hello\r\n")}), ElementsAre("Hello"));
}

TEST(ToolOutputText, EightBitTextKeepsValidUtf8AndReadsOtherBytesAsLatin1) {
  // "Fehler" in UTF-8 with "ü"; then an OEM byte (0x81 is "ü" in code page 850).
  EXPECT_THAT(segments_of({"\r\nGr\xC3\xBC\xC3\x9F"
                           "e\r\nFehler \x81\r\n"}),
              ElementsAre("Gr\xC3\xBC\xC3\x9F"
                          "e",
                          "Fehler \xC2\x81"));
}

TEST(ToolOutputText, Utf8SplitAcrossChunksIsKept) {
  EXPECT_THAT(segments_of({"ab\xC3",
                           "\xBC"
                           "c\r"}),
              ElementsAre("ab\xC3\xBC"
                          "c"));
}

TEST(ToolOutputText, LastSegmentWithoutLineBreakAndTinyOutputs) {
  EXPECT_THAT(segments_of({"\r[==  5.9%"}), ElementsAre("[==  5.9%"));
  EXPECT_THAT(segments_of({"x"}), ElementsAre("x"));
  EXPECT_THAT(segments_of({}), ElementsAre());
  EXPECT_THAT(segments_of({"\r\n\r\n"}), ElementsAre());
}

TEST(ToolOutputText, PendingIsTheSegmentBeingWritten) {
  ConsoleText text([](std::string_view) {});
  text.feed(utf16le(u"\r\nBeginning.\r\n\rVerification 5% com"));
  EXPECT_EQ(text.pending(), "Verification 5% com");
  text.feed(utf16le(u"plete.\r"));
  EXPECT_EQ(text.pending(), "");
}

TEST(ToolOutputText, EndlessLineIsCut) {
  std::vector<std::string> segments;
  ConsoleText text([&](std::string_view s) { segments.emplace_back(s); });
  for (int i = 0; i < 1000; ++i) text.feed(std::string(1000, 'x'));
  EXPECT_LE(text.pending().size(), ConsoleText::kMaxSegmentBytes);
  text.finish();
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].size(), ConsoleText::kMaxSegmentBytes);
}

// ---- progress -------------------------------------------------------------------------------

TEST(ToolOutputProgress, SfcPercentInEnglishAndOtherLanguages) {
  EXPECT_EQ(sfc_progress("Verification 45% complete."), 45);
  EXPECT_EQ(sfc_progress("Verification 0% complete."), 0);
  EXPECT_EQ(sfc_progress("Verification 100% complete."), 100);
  EXPECT_EQ(sfc_progress("\xC3\x9C"
                         "berpr\xC3\xBC"
                         "fung 45 % abgeschlossen."),
            45);
  EXPECT_EQ(sfc_progress("V\xC3\xA9rification 45\xC2\xA0% effectu\xC3\xA9"
                         "e."),
            45);
  EXPECT_EQ(sfc_progress("Do\xC4\x9Frulama %45 tamamland\xC4\xB1."), 45);
}

TEST(ToolOutputProgress, SfcRejectsWhatIsNotAPercentage) {
  EXPECT_EQ(sfc_progress("Beginning verification phase of system scan."), std::nullopt);
  EXPECT_EQ(sfc_progress("Verification 1"), std::nullopt);       // still being written
  EXPECT_EQ(sfc_progress("Do\xC4\x9Frulama %4"), std::nullopt);  // "%45" still being written
  EXPECT_EQ(sfc_progress("Verification 101% complete."), std::nullopt);
  EXPECT_EQ(sfc_progress("Verification 12345% complete."), std::nullopt);
  EXPECT_EQ(sfc_progress("100 % %"), 100);
  EXPECT_EQ(sfc_progress("% of nothing"), std::nullopt);
  EXPECT_EQ(sfc_progress("1.2.3%"), std::nullopt);
}

TEST(ToolOutputProgress, DismBar) {
  EXPECT_EQ(dism_progress(dism_bar(5.9)), 5.9);
  EXPECT_EQ(dism_progress(dism_bar(100)), 100);
  EXPECT_EQ(dism_progress(dism_bar(0)), 0);
  EXPECT_EQ(dism_progress(dism_bar(84.9, ',')), 84.9);
  EXPECT_EQ(dism_progress(dism_bar(100) + " The restore operation completed successfully."), 100);
  EXPECT_EQ(dism_progress("[===                        40.0%"), 40);  // right half still coming
}

TEST(ToolOutputProgress, DismRejectsWhatIsNotABar) {
  EXPECT_EQ(dism_progress("[===                        40"), std::nullopt);
  EXPECT_EQ(dism_progress("Error: 50%"), std::nullopt);
  EXPECT_EQ(dism_progress("[==== 140.0% ===]"), std::nullopt);
  EXPECT_EQ(dism_progress("["), std::nullopt);
  EXPECT_EQ(dism_progress(""), std::nullopt);
}

TEST(ToolOutputProgress, FilterReportsEachChangeOnce) {
  std::vector<double> seen;
  ProgressFilter filter([&](double p) { seen.push_back(p); });
  for (auto p : {std::optional<double>(5), std::optional<double>(), std::optional<double>(5),
                 std::optional<double>(10), std::optional<double>(10)})
    filter.offer(p);
  EXPECT_THAT(seen, ElementsAre(5, 10));
}

// ---- sfc ------------------------------------------------------------------------------------

SfcOutput read_sfc(const std::vector<std::string>& chunks,
                   std::vector<double>* progress = nullptr) {
  SfcOutputReader reader([&](double p) {
    if (progress) progress->push_back(p);
  });
  for (const auto& chunk : chunks) reader.feed(chunk);
  return reader.finish();
}

TEST(ToolOutputSfc, EachVerdict) {
  const std::pair<std::u16string_view, SfcVerdict> cases[] = {
      {u"Windows Resource Protection did not find any integrity violations.",
       SfcVerdict::NoViolations},
      {u"Windows Resource Protection found corrupt files and successfully repaired them.",
       SfcVerdict::Repaired},
      {u"Windows Resource Protection found corrupt files but was unable to fix some of them.",
       SfcVerdict::Unrepairable},
      {u"Windows Resource Protection could not perform the requested operation.",
       SfcVerdict::CouldNotPerform},
      {u"Windows Resource Protection could not start the repair service.",
       SfcVerdict::ServiceNotStarted},
  };
  for (const auto& [sentence, verdict] : cases) {
    SfcOutput out = read_sfc({sfc_output(sentence)});
    EXPECT_EQ(out.verdict, verdict);
    EXPECT_EQ(out.verdict_line, std::string(sentence.begin(), sentence.end()));
  }
}

TEST(ToolOutputSfc, VerdictsPrintedWithoutAScan) {
  EXPECT_EQ(
      read_sfc({utf16le(u"\r\nBeginning system scan.  This process will take some time.\r\n\r\n"
                        u"There is a system repair pending which requires reboot to complete.  "
                        u"Restart Windows and run sfc again.\r\n")})
          .verdict,
      SfcVerdict::RebootPending);
  EXPECT_EQ(read_sfc({utf16le(u"\r\nYou must be an administrator running a console session in "
                              u"order to use the sfc utility.\r\n")})
                .verdict,
            SfcVerdict::NotAdministrator);
}

TEST(ToolOutputSfc, ProgressInOrderFromChunksSplitMidCodeUnit) {
  const std::string bytes =
      sfc_output(u"Windows Resource Protection did not find any integrity violations.", 100, 5);
  std::vector<double> expected;
  for (int pct = 0; pct <= 100; pct += 5) expected.push_back(pct);
  for (size_t size : {1, 3, 5, 33, 4096}) {
    std::vector<double> progress;
    read_sfc(chunks_of(bytes, size), &progress);
    EXPECT_EQ(progress, expected) << "chunks of " << size;
  }
}

TEST(ToolOutputSfc, ProgressIsReportedBeforeTheNextUpdateArrives) {
  std::vector<double> progress;
  SfcOutputReader reader([&](double p) { progress.push_back(p); });
  reader.feed(
      utf16le(u"\r\nBeginning verification phase of system scan.\r\n\rVerification 35% complete."));
  EXPECT_THAT(progress, ElementsAre(35));
}

TEST(ToolOutputSfc, UnknownVerdictKeepsSfcsOwnWords) {
  // A German sfc: the verdict is the first line after the progress.
  std::u16string text = u"\r\nSystem\u00fcberpr\u00fcfung wird gestartet.\r\n";
  text +=
      u"\r\u00dcberpr\u00fcfung 50 % abgeschlossen.\r\u00dcberpr\u00fcfung 100 % "
      u"abgeschlossen.\r\n\r\n";
  text += u"Der Windows-Ressourcenschutz hat keine Integrit\u00e4tsverletzungen gefunden.\r\n";
  text += u"Details finden Sie in CBS.log.\r\n";
  std::vector<double> progress;
  SfcOutput out = read_sfc({utf16le(text)}, &progress);
  EXPECT_EQ(out.verdict, SfcVerdict::Unknown);
  EXPECT_EQ(out.verdict_line,
            "Der Windows-Ressourcenschutz hat keine Integrit\xC3\xA4tsverletzungen gefunden.");
  EXPECT_THAT(progress, ElementsAre(50, 100));
}

TEST(ToolOutputSfc, UnknownVerdictWithoutProgressIsTheLastLine) {
  EXPECT_EQ(read_sfc({utf16le(u"\r\nErste Zeile\r\nLetzte Zeile\r\n")}).verdict_line,
            "Letzte Zeile");
  EXPECT_EQ(read_sfc({}).verdict_line, "");
}

// ---- DISM -----------------------------------------------------------------------------------

DismOutput read_dism(const std::vector<std::string>& chunks,
                     std::vector<double>* progress = nullptr) {
  DismOutputReader reader([&](double p) {
    if (progress) progress->push_back(p);
  });
  for (const auto& chunk : chunks) reader.feed(chunk);
  return reader.finish();
}

TEST(ToolOutputDism, StoreHealthVerdicts) {
  EXPECT_EQ(read_dism({dism_output({}, "No component store corruption detected.\r\n" +
                                           std::string(kDismOk))})
                .health,
            StoreHealth::Healthy);
  EXPECT_EQ(read_dism({dism_output({0, 50, 100}, " The component store is repairable.\r\n" +
                                                     std::string(kDismOk))})
                .health,
            StoreHealth::Repairable);
  EXPECT_EQ(
      read_dism({dism_output({0, 100}, " The component store cannot be repaired.\r\n")}).health,
      StoreHealth::NotRepairable);
  EXPECT_EQ(read_dism({dism_output({0, 100}, " The restore operation completed successfully.\r\n" +
                                                 std::string(kDismOk))})
                .health,
            StoreHealth::Unknown);
}

TEST(ToolOutputDism, ErrorTextIsTheLineUnderError) {
  DismOutput out = read_dism(
      {dism_output({0, 5.9, 84.9}, dism_error("0x800f081f",
                                              "The source files could not be found.\r\nUse the "
                                              "\"Source\" option to specify the location."))});
  EXPECT_EQ(out.error_text, "The source files could not be found.");
  EXPECT_EQ(out.health, StoreHealth::Unknown);
  EXPECT_EQ(read_dism({dism_output({}, kDismOk)}).error_text, "");
}

TEST(ToolOutputDism, ProgressInOrderFromSplitChunksWithEitherDecimalSeparator) {
  const std::vector<double> percents{0, 5.9, 10, 20, 50.5, 84.9, 100};
  std::string bytes = dism_output(
      percents, " The restore operation completed successfully.\r\n" + std::string(kDismOk));
  for (size_t size : {1, 2, 7, 59, 4096}) {
    std::vector<double> progress;
    read_dism(chunks_of(bytes, size), &progress);
    EXPECT_EQ(progress, percents) << "chunks of " << size;
  }
  std::string comma = fmt::format("\r{}\r{}\r\n", dism_bar(5.9, ','), dism_bar(84.9, ','));
  std::vector<double> progress;
  read_dism(chunks_of(comma, 3), &progress);
  EXPECT_THAT(progress, ElementsAre(5.9, 84.9));
}

// ---- garbage --------------------------------------------------------------------------------

TEST(ToolOutputGarbage, RandomBytesNeverCrashAndGiveValidUtf8) {
  std::mt19937 rng(20261129);
  size_t percentages = 0, verdict_lines = 0;
  for (int round = 0; round < 200; ++round) {
    std::string bytes(1 + rng() % 3000, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng() % 4 == 0 ? "\r\n%[.0"[rng() % 6] : rng());
    if (round % 2) bytes.insert(0, "\xFF\xFE");  // decoded as UTF-16LE
    const auto chunks = chunks_of(bytes, 1 + rng() % 50);
    std::vector<double> progress;
    SfcOutput sfc = read_sfc(chunks, &progress);
    DismOutput dism = read_dism(chunks, &progress);
    for (double p : progress) EXPECT_TRUE(p >= 0 && p <= 100) << p;
    // The JSON writer throws on invalid UTF-8: these strings end up in --json output.
    EXPECT_NO_THROW(nlohmann::json({sfc.verdict_line, dism.error_text}).dump());
    percentages += progress.size();
    verdict_lines += !sfc.verdict_line.empty();
  }
  // Both checks above had material: percentages were read, and text came through decoding.
  EXPECT_GT(percentages, 0u);
  EXPECT_GT(verdict_lines, 100u);
}

}  // namespace
}  // namespace wufix
