#include "core/explain.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace wufix {
namespace {

std::vector<Explanation> explained(const std::vector<std::string>& inputs) {
  auto result = explain_codes(inputs);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return result.ok() ? std::move(*result) : std::vector<Explanation>{};
}

TEST(ExplainCodes, ExplainsAKnownCode) {
  const auto e = explained({"0x80070002"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].input, "0x80070002");
  EXPECT_EQ(e[0].decoded.hresult, 0x80070002u);
  ASSERT_NE(e[0].info, nullptr);
  EXPECT_EQ(e[0].info->name, "ERROR_FILE_NOT_FOUND");
  EXPECT_EQ(e[0].info->fix, "wufix repair --only reset");
}

TEST(ExplainCodes, KeepsInputOrderAndAcceptsEveryForm) {
  const auto e = explained({"-2147024894", "0x800f081f", "5", "80240017", "2359302"});
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].decoded.hresult, 0x80070002u);
  EXPECT_EQ(e[1].decoded.hresult, 0x800F081Fu);
  EXPECT_EQ(e[2].decoded.hresult, 0x80070005u);
  EXPECT_EQ(e[3].decoded.hresult, 0x80240017u);
  EXPECT_EQ(e[4].decoded.hresult, 0x00240006u);
  for (const auto& x : e) EXPECT_NE(x.info, nullptr) << x.input;
}

TEST(ExplainCodes, KeepsTheInputTrimmed) {
  const auto e = explained({"  0x80070002 \n"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].input, "0x80070002");
}

TEST(ExplainCodes, ReportsUnknownCodeWithNullInfoButDecodesIt) {
  const auto e = explained({"0x8007FFFF"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].info, nullptr);
  EXPECT_EQ(e[0].decoded.facility_name, "WIN32");
  ASSERT_TRUE(e[0].decoded.win32.has_value());
  EXPECT_EQ(*e[0].decoded.win32, 0xFFFFu);
}

TEST(ExplainCodes, DoesNotBorrowTheRowOfAnotherFormOfTheSameCode) {
  // 0x00070002 is not ERROR_FILE_NOT_FOUND (0x80070002): unknown, not guessed.
  const auto e = explained({"0x00070002"});
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].info, nullptr);
}

TEST(ExplainCodes, FailsWholeOnTheFirstMalformedInput) {
  const auto result = explain_codes({"0x80070002", "KB5034441", "0xZZZ"});
  ASSERT_FALSE(result.ok());
  const std::string message = result.error().message();
  EXPECT_NE(message.find("'KB5034441'"), std::string::npos) << message;
  EXPECT_EQ(message.find("0xZZZ"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(ExplainCodes, ReturnsNothingForNoInputs) { EXPECT_TRUE(explained({}).empty()); }

// --- explanation_json ---

nlohmann::json json_for(const std::string& input) {
  const auto e = explained({input});
  return e.empty() ? nlohmann::json() : explanation_json(e[0]);
}

TEST(ExplanationJson, DescribesAKnownWin32Code) {
  const auto j = json_for("2");
  EXPECT_EQ(j["input"], "2");
  EXPECT_EQ(j["hresult"], "0x80070002");
  EXPECT_EQ(j["known"], true);
  EXPECT_EQ(j["name"], "ERROR_FILE_NOT_FOUND");
  EXPECT_EQ(j["facility"], "WIN32");
  EXPECT_EQ(j["facility_code"], 7);
  EXPECT_EQ(j["code"], 2);
  EXPECT_EQ(j["severity"], "failure");
  EXPECT_EQ(j["win32"], 2);
  EXPECT_TRUE(j["description"].is_string());
  EXPECT_TRUE(j["cause"].is_string());
  EXPECT_EQ(j["fix"], "wufix repair --only reset");
}

TEST(ExplanationJson, UsesNullForNonWin32AndKeepsFacilityNumber) {
  const auto j = json_for("0x800F081F");
  EXPECT_EQ(j["name"], "CBS_E_SOURCE_MISSING");
  EXPECT_EQ(j["facility"], "SETUPAPI");
  EXPECT_EQ(j["facility_code"], 15);
  EXPECT_EQ(j["code"], 0x81F);
  EXPECT_TRUE(j["win32"].is_null());
  EXPECT_EQ(j["fix"], "wufix repair --only dism --source PATH");
}

TEST(ExplanationJson, DescribesASuccessCodeWithNullFix) {
  const auto j = json_for("0x00240006");
  EXPECT_EQ(j["name"], "WU_S_ALREADY_INSTALLED");
  EXPECT_EQ(j["severity"], "success");
  EXPECT_TRUE(j["fix"].is_null());
}

TEST(ExplanationJson, UsesNullsForAnUnknownCode) {
  const auto j = json_for("0x80550001");
  EXPECT_EQ(j["hresult"], "0x80550001");
  EXPECT_EQ(j["known"], false);
  EXPECT_TRUE(j["name"].is_null());
  EXPECT_TRUE(j["facility"].is_null());
  EXPECT_EQ(j["facility_code"], 0x55);
  EXPECT_EQ(j["code"], 1);
  EXPECT_EQ(j["severity"], "failure");
  EXPECT_TRUE(j["win32"].is_null());
  EXPECT_TRUE(j["description"].is_null());
  EXPECT_TRUE(j["cause"].is_null());
  EXPECT_TRUE(j["fix"].is_null());
}

TEST(ExplanationJson, UsesNullNameForACodeWithoutVerifiedName) {
  const auto j = json_for("0xC1900101");
  EXPECT_EQ(j["known"], true);
  EXPECT_TRUE(j["name"].is_null());
  EXPECT_EQ(j["facility"], "SETUP");
  EXPECT_EQ(j["facility_code"], 0x190);
  EXPECT_TRUE(j["description"].is_string());
}

TEST(ExplanationJson, HasAllDocumentedKeys) {
  const auto j = json_for("0x80244022");
  for (const char* key : {"input", "hresult", "name", "facility", "facility_code", "code",
                          "severity", "win32", "description", "cause", "fix"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

}  // namespace
}  // namespace wufix
