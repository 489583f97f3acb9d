// regval: registry values read tolerantly, whatever type they were written with.
#include <gtest/gtest.h>

#include "core/checks/reg_values.h"
#include "core/repair/action.h"

namespace wufix {
namespace {

RegValue text(std::string s, RegValue::Type type = RegValue::Type::String) {
  RegValue v;
  v.type = type;
  v.text = std::move(s);
  return v;
}

RegValue number(uint64_t n, RegValue::Type type = RegValue::Type::Dword) {
  RegValue v;
  v.type = type;
  v.number = n;
  return v;
}

RegValue bytes(std::vector<uint8_t> b) {
  RegValue v;
  v.type = RegValue::Type::Binary;
  v.bytes = std::move(b);
  return v;
}

RegValue multi(std::vector<std::string> s) {
  RegValue v;
  v.type = RegValue::Type::MultiString;
  v.strings = std::move(s);
  return v;
}

TEST(RegValues, TextTrimsNulsAndBlanks) {
  EXPECT_EQ(regval::as_text(text(std::string(" 23H2\0\0", 7))), "23H2");
  EXPECT_EQ(regval::as_text(text("%windir%", RegValue::Type::ExpandString)), "%windir%");
}

TEST(RegValues, TextOfNumbersAndMultiStrings) {
  EXPECT_EQ(regval::as_text(number(22631)), "22631");
  EXPECT_EQ(regval::as_text(multi({"", "  ", "first", "second"})), "first");
  EXPECT_EQ(regval::as_text(multi({})), "");
  EXPECT_EQ(regval::as_text(bytes({1})), std::nullopt);
}

TEST(RegValues, NumbersFromEveryType) {
  EXPECT_EQ(regval::as_number(number(7, RegValue::Type::Qword)), 7u);
  EXPECT_EQ(regval::as_number(text("3593")), 3593u);
  EXPECT_EQ(regval::as_number(text(" 0x10 ")), 16u);
  EXPECT_EQ(regval::as_number(bytes({0x19, 0x0e, 0, 0})), 3609u);
}

TEST(RegValues, NoNumberWhereNothingNumericFits) {
  EXPECT_EQ(regval::as_number(text("")), std::nullopt);
  EXPECT_EQ(regval::as_number(text("12abc")), std::nullopt);
  EXPECT_EQ(regval::as_number(text("-1")), std::nullopt);
  EXPECT_EQ(regval::as_number(text("0x")), std::nullopt);
  EXPECT_EQ(regval::as_number(bytes({})), std::nullopt);
  EXPECT_EQ(regval::as_number(bytes(std::vector<uint8_t>(9, 1))), std::nullopt);
  EXPECT_EQ(regval::as_number(multi({"1"})), std::nullopt);
}

TEST(RegValues, IsSetMeansCarriesSomething) {
  EXPECT_TRUE(regval::is_set(number(1)));
  EXPECT_FALSE(regval::is_set(number(0)));
  EXPECT_TRUE(regval::is_set(text("x")));
  EXPECT_FALSE(regval::is_set(text(std::string("\0", 1))));
  EXPECT_TRUE(regval::is_set(multi({"", "a"})));
  EXPECT_FALSE(regval::is_set(multi({"", ""})));
  EXPECT_TRUE(regval::is_set(bytes({0, 1})));
  EXPECT_FALSE(regval::is_set(bytes({0, 0})));
  EXPECT_FALSE(regval::is_set(RegValue{}));
}

TEST(RegValues, JsonKeepsTheValueShape) {
  EXPECT_EQ(regval::to_json(text("http://wsus")), "http://wsus");
  EXPECT_EQ(regval::to_json(number(1)), 1);
  EXPECT_EQ(regval::to_json(multi({"a", "b"})), nlohmann::json({"a", "b"}));
  EXPECT_EQ(regval::to_json(bytes({0xde, 0xad})), "dead");
}

RawRegValue raw(uint32_t type, std::vector<uint8_t> b) { return RawRegValue{"v", type, std::move(b)}; }

// Strings as RegQueryValueExW gives them: up to the first NUL, surrogate pairs joined, a lone
// surrogate as U+FFFD, an odd last byte (a size counted in bytes of ANSI) dropped.
TEST(RegValues, RawStringsAreDecodedAsUtf16UpToTheirNul) {
  EXPECT_EQ(regval::from_raw(raw(1, {'Z', 0, 0xFC, 0, 'r', 0, 0, 0, 'x', 0})).text, "Z\u00fcr");
  EXPECT_EQ(regval::from_raw(raw(1, {0x3D, 0xD8, 0x00, 0xDE, 0, 0})).text, "\U0001F600");
  EXPECT_EQ(regval::from_raw(raw(2, {0x00, 0xD8, 'a', 0})).text, "\uFFFDa");
  EXPECT_EQ(regval::from_raw(raw(1, {'a', 0, 'b'})).text, "a");
  EXPECT_EQ(regval::from_raw(raw(7, {'a', 0, 0, 0, 0, 0, 'b', 0, 0, 0, 0, 0})).strings,
            (std::vector<std::string>{"a", "", "b"}));
}

// A journaled registry change names the values as the checks read them.
TEST(RegValues, ChangesDescribeValuesAsTheChecksReadThem) {
  EXPECT_EQ(describe_reg_value(raw(1, {'Z', 0, 0xFC, 0, 'r', 0, 0, 0})), "REG_SZ \"Z\u00fcr\"");
  EXPECT_EQ(describe_reg_value(raw(4, {1, 0, 0, 0})), "REG_DWORD 1");
  EXPECT_EQ(describe_reg_value(raw(11, {0, 0, 0, 0, 1, 0, 0, 0})), "REG_QWORD 4294967296");
  EXPECT_EQ(describe_reg_value(raw(4, {1, 0})), "REG_DWORD 01 00");  // a size no DWORD has
  EXPECT_EQ(describe_reg_value(raw(3, {})), "REG_BINARY (empty)");
}

}  // namespace
}  // namespace wufix
