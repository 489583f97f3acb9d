// The one text module: the decoder every reader shares (logs, sfc/DISM output), in chunks cut
// anywhere, and the encoding sniffer.
#include <gtest/gtest.h>

#include "core/text.h"

namespace wufix {
namespace {

// UTF-16LE bytes fed `step` bytes at a time, decoded to UTF-8.
std::string decode_utf16(std::string_view bytes, size_t step) {
  Utf16leDecoder decoder;
  std::string out;
  auto emit = [&out](char32_t c) { append_utf8(out, c); };
  for (size_t at = 0; at < bytes.size(); at += step) decoder.feed(bytes.substr(at, step), emit);
  decoder.finish(emit);
  return out;
}

TEST(Utf16le, ACharacterCutAtAnyByteDecodesTheSame) {
  // "é€😀" : U+00E9, U+20AC, U+1F600 (a surrogate pair)
  const std::string bytes("\xE9\x00\xAC\x20\x3D\xD8\x00\xDE", 8);
  for (size_t step = 1; step <= bytes.size(); ++step)
    EXPECT_EQ(decode_utf16(bytes, step), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80") << step;
}

TEST(Utf16le, UnpairedSurrogatesAndACutCharacterBecomeReplacementCharacters) {
  EXPECT_EQ(decode_utf16(std::string("\x3D\xD8" "A\x00", 4), 1), "\xEF\xBF\xBD" "A");  // lone high
  EXPECT_EQ(decode_utf16(std::string("\x00\xDE", 2), 1), "\xEF\xBF\xBD");              // lone low
  EXPECT_EQ(decode_utf16(std::string("A\x00\x3D\xD8", 4), 3), "A\xEF\xBF\xBD");       // ends inside a pair
  EXPECT_EQ(decode_utf16(std::string("A\x00" "B", 3), 2), "A\xEF\xBF\xBD");           // ends inside a unit
}

TEST(NextLine, LinesEndInLfOrCrLfAndTheLastMayHaveNoEnd) {
  std::string_view text = "one\r\ntwo\n\nthree";
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < text.size();) lines.push_back(next_line(text, pos));
  EXPECT_EQ(lines, (std::vector<std::string_view>{"one", "two", "", "three"}));
}

TEST(Latin1, EveryByteIsOneCharacterAndTheResultIsValidUtf8) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  std::string text = latin1_to_utf8(all);
  EXPECT_TRUE(valid_utf8(text));
  EXPECT_EQ(text.size(), 128u + 2 * 128u);
  EXPECT_EQ(latin1_to_utf8("Fehler \xFC"), "Fehler \xC3\xBC");
}

TEST(Sniff, BomsAndNulPairsDecide) {
  size_t bom = 9;
  EXPECT_EQ(sniff_encoding("\xFF\xFE" "A", bom), TextEncoding::Utf16le);
  EXPECT_EQ(bom, 2u);
  EXPECT_EQ(sniff_encoding("\xEF\xBB\xBF" "Info", bom), TextEncoding::Utf8);
  EXPECT_EQ(bom, 3u);
  EXPECT_EQ(sniff_encoding(std::string("2\x00" "0\x00" "2\x00", 6), bom), TextEncoding::Utf16le);
  EXPECT_EQ(bom, 0u);
  EXPECT_EQ(sniff_encoding("2024-05-14 10:14:02", bom), TextEncoding::Utf8);
  // A short first line then NUL padding (a preallocated log) is not UTF-16.
  EXPECT_EQ(sniff_encoding(std::string("ab\r\n") + std::string(60, '\0'), bom), TextEncoding::Utf8);
}

}  // namespace
}  // namespace wufix
