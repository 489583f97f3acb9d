// regval: registry values read tolerantly, whatever type they were written with.
#include <gtest/gtest.h>

#include "core/checks/reg_values.h"

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

}  // namespace
}  // namespace wufix
