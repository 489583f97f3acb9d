// The quoting must round-trip through the Microsoft C runtime's argv parser; the cases are the
// documented ones (backslashes only special before a quote).
#include "core/command_line.h"

#include <gtest/gtest.h>

namespace wufix {
namespace {

TEST(QuoteArgument, PlainArgumentsStayAsTheyAre) {
  EXPECT_EQ(quote_argument("/scannow"), "/scannow");
  EXPECT_EQ(quote_argument("/Source:C:\\mount\\windows"), "/Source:C:\\mount\\windows");
}

TEST(QuoteArgument, EmptyArgumentIsAPairOfQuotes) { EXPECT_EQ(quote_argument(""), "\"\""); }

TEST(QuoteArgument, WhitespaceIsQuoted) {
  EXPECT_EQ(quote_argument("C:\\Program Files\\x"), "\"C:\\Program Files\\x\"");
  EXPECT_EQ(quote_argument("a\tb"), "\"a\tb\"");
}

TEST(QuoteArgument, EmbeddedQuoteIsEscaped) {
  EXPECT_EQ(quote_argument("say \"hi\""), "\"say \\\"hi\\\"\"");
}

TEST(QuoteArgument, BackslashesBeforeAQuoteAreDoubled) {
  EXPECT_EQ(quote_argument("a\\\"b"), "\"a\\\\\\\"b\"");
}

TEST(QuoteArgument, TrailingBackslashesAreDoubledBeforeTheClosingQuote) {
  EXPECT_EQ(quote_argument("C:\\dir with space\\"), "\"C:\\dir with space\\\\\"");
}

TEST(QuoteArgument, ShellMetacharactersAreJustText) {
  // No shell is involved: & | > are ordinary characters for CreateProcessW.
  EXPECT_EQ(quote_argument("KB1&del"), "KB1&del");
}

TEST(QuoteCommandLine, ProgramIsAlwaysQuotedAndArgumentsFollow) {
  EXPECT_EQ(quote_command_line("C:\\Windows\\System32\\Dism.exe",
                               {"/Online", "/Cleanup-Image", "/Source:D:\\my src"}),
            "\"C:\\Windows\\System32\\Dism.exe\" /Online /Cleanup-Image \"/Source:D:\\my src\"");
}

}  // namespace
}  // namespace wufix
