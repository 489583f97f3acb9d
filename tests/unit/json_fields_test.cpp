// integer_field: integers out of JSON wufix did not write, never a cast of what does not fit.
#include "core/json_fields.h"

#include <gtest/gtest.h>

namespace wufix {
namespace {

nlohmann::json field(const char* value) { return nlohmann::json::parse(std::string("{\"n\":") + value + "}"); }

TEST(IntegerField, AnAbsentFieldIsTheFallback) {
  EXPECT_EQ(integer_field(nlohmann::json::object(), "n", 7), 7);
  EXPECT_EQ(integer_field<uint32_t>(nlohmann::json::array(), "n", 1), 1u);
}

TEST(IntegerField, AnIntegerTheTypeHoldsIsItsValue) {
  EXPECT_EQ(integer_field(field("42"), "n", 0), 42);
  EXPECT_EQ(integer_field(field("-5"), "n", 0), -5);
  EXPECT_EQ(integer_field<uint32_t>(field("4294967295"), "n", 0), 4294967295u);
  EXPECT_EQ(integer_field(field("-2147483648"), "n", 0), -2147483648LL);
}

TEST(IntegerField, WhatTheTypeCannotHoldIsNothing) {
  for (const char* v : {"1e90", "3.3e90", "1.5", "-0.5", "4294967296", "\"7\"", "true", "null", "[1]"})
    EXPECT_FALSE(integer_field<uint32_t>(field(v), "n", 0).has_value()) << v;
  for (const char* v : {"-1", "-2147483648"})
    EXPECT_FALSE(integer_field<uint32_t>(field(v), "n", 0).has_value()) << v;
  for (const char* v : {"2147483648", "-2147483649", "18446744073709551615", "1e3"})
    EXPECT_FALSE(integer_field(field(v), "n", 0).has_value()) << v;
}

}  // namespace
}  // namespace wufix
