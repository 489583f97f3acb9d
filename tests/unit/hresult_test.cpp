#include "core/hresult.h"

#include <gtest/gtest.h>

#include <string>

namespace wufix {
namespace {

uint32_t parsed(std::string_view input) {
  const auto result = parse_code(input);
  EXPECT_TRUE(result.ok()) << "input '" << input << "': " << result.error().message();
  return result.value_or(0xDEADBEEF);
}

// --- parse_code: accepted forms ---

TEST(ParseCode, AcceptsHexWithPrefix) {
  EXPECT_EQ(parsed("0x80070002"), 0x80070002u);
  EXPECT_EQ(parsed("0xC1900101"), 0xC1900101u);
}

TEST(ParseCode, AcceptsUpperCasePrefixAndLowerCaseDigits) {
  EXPECT_EQ(parsed("0X800f081f"), 0x800F081Fu);
  EXPECT_EQ(parsed("0x800f081F"), 0x800F081Fu);
}

TEST(ParseCode, AcceptsEightHexDigitsWithoutPrefix) {
  EXPECT_EQ(parsed("80070002"), 0x80070002u);
  EXPECT_EQ(parsed("800F081F"), 0x800F081Fu);
  EXPECT_EQ(parsed("c1900101"), 0xC1900101u);
}

TEST(ParseCode, ReadsEightDigitsWithoutPrefixAsHexEvenWhenAllDecimal) {
  EXPECT_EQ(parsed("12345678"), 0x12345678u);
  EXPECT_EQ(parsed("80244022"), 0x80244022u);
}

TEST(ParseCode, AcceptsNegativeDecimal) {
  EXPECT_EQ(parsed("-2147024894"), 0x80070002u);
  EXPECT_EQ(parsed("-2145124329"), 0x80240017u);
  EXPECT_EQ(parsed("-2146498529"), 0x800F081Fu);
  EXPECT_EQ(parsed("-2145107924"), 0x8024402Cu);
}

TEST(ParseCode, AcceptsInt32MinAsNegativeDecimal) {
  EXPECT_EQ(parsed("-2147483648"), 0x80000000u);
}

TEST(ParseCode, KeepsSmallNegativeDecimalAsTwosComplement) {
  EXPECT_EQ(parsed("-1"), 0xFFFFFFFFu);
  EXPECT_EQ(parsed("-0"), 0u);
}

TEST(ParseCode, AcceptsUnsignedDecimal) {
  EXPECT_EQ(parsed("2147942402"), 0x80070002u);
  EXPECT_EQ(parsed("2147942405"), 0x80070005u);
  EXPECT_EQ(parsed("4294967295"), 0xFFFFFFFFu);
}

TEST(ParseCode, AcceptsWusaStyleDecimalSuccessCode) {
  EXPECT_EQ(parsed("2359302"), 0x00240006u);  // wusa exit code for WU_S_ALREADY_INSTALLED
}

TEST(ParseCode, TreatsSmallDecimalAsWin32Error) {
  EXPECT_EQ(parsed("2"), 0x80070002u);
  EXPECT_EQ(parsed("5"), 0x80070005u);
  EXPECT_EQ(parsed("1058"), 0x80070422u);
  EXPECT_EQ(parsed("12002"), 0x80072EE2u);
  EXPECT_EQ(parsed("65535"), 0x8007FFFFu);
}

TEST(ParseCode, TreatsShortHexAsWin32Error) {
  EXPECT_EQ(parsed("0x2"), 0x80070002u);
  EXPECT_EQ(parsed("0x422"), 0x80070422u);
  EXPECT_EQ(parsed("0xFFFF"), 0x8007FFFFu);
}

TEST(ParseCode, TreatsAnySmallValueAsWin32WhateverTheNotation) {
  EXPECT_EQ(parsed("00000005"), 0x80070005u);    // 8 hex digits
  EXPECT_EQ(parsed("0x00000005"), 0x80070005u);  // prefixed, leading zeros
}

TEST(ParseCode, KeepsZeroAsSOk) {
  EXPECT_EQ(parsed("0"), 0u);
  EXPECT_EQ(parsed("0x0"), 0u);
  EXPECT_EQ(parsed("00000000"), 0u);
}

TEST(ParseCode, ReadsDecimalAbove65535AsHresultNotWin32) {
  EXPECT_EQ(parsed("65536"), 0x00010000u);
  EXPECT_EQ(parsed("70000"), 70000u);
}

TEST(ParseCode, AcceptsLeadingZerosWithinThirtyTwoBits) {
  EXPECT_EQ(parsed("0x0000000080070002"), 0x80070002u);
}

TEST(ParseCode, TrimsSurroundingWhitespace) {
  EXPECT_EQ(parsed("  0x80070002\t\r\n"), 0x80070002u);
  EXPECT_EQ(parsed(" -2147024894 "), 0x80070002u);
  EXPECT_EQ(parsed("\t5\n"), 0x80070005u);
}

// --- parse_code: malformed forms ---

class ParseCodeRejects : public testing::TestWithParam<const char*> {};

TEST_P(ParseCodeRejects, MalformedInput) {
  const auto result = parse_code(GetParam());
  ASSERT_FALSE(result.ok()) << "accepted '" << GetParam() << "' as " << result.value();
  const std::string message = result.error().message();
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_NE(message.find("not an error code"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    ParseCode, ParseCodeRejects,
    testing::Values("0xZZZ", "KB5034441", "0x1800700020", "0x100000000", "99999999999",
                    "4294967296", "", "   ", "-", "0x", "0X", "-2147483649", "-99999999999",
                    "--5", "+5", "-0x5", "1.5", "0x8007 0002", "800F081", "0x80070002h",
                    "8007000G", "five"));

TEST(ParseCode, MalformedMessageNamesTheArgument) {
  const auto result = parse_code("0xZZZ");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "not an error code: '0xZZZ' (expected hex like 0x80070002, a decimal like "
            "-2147024894, or a Win32 code like 5)");
}

TEST(ParseCode, MalformedMessageShowsTrimmedArgument) {
  const auto result = parse_code("  KB5034441 ");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("'KB5034441'"), std::string::npos);
}

TEST(ParseCode, MalformedMessageStaysOneLineForControlCharacters) {
  const auto result = parse_code("0x8007\n0002");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message().find('\n'), std::string::npos);
}

TEST(ParseCode, MalformedMessageShortensHugeArgument) {
  const auto result = parse_code(std::string(500, '9'));
  ASSERT_FALSE(result.ok());
  EXPECT_LT(result.error().message().size(), 200u);
}

// --- hresult_from_win32 ---

TEST(HresultFromWin32, WrapsPositiveCodesInFacilityWin32) {
  EXPECT_EQ(hresult_from_win32(2), 0x80070002u);
  EXPECT_EQ(hresult_from_win32(12002), 0x80072EE2u);
}

TEST(HresultFromWin32, LeavesZeroAlone) { EXPECT_EQ(hresult_from_win32(0), 0u); }

// --- decode_hresult ---

TEST(DecodeHresult, DecodesWin32FileNotFound) {
  const auto d = decode_hresult(0x80070002);
  EXPECT_EQ(d.hresult, 0x80070002u);
  EXPECT_TRUE(d.failure);
  EXPECT_EQ(d.severity, 1u);
  EXPECT_FALSE(d.customer);
  EXPECT_FALSE(d.ntstatus_mapped);
  EXPECT_EQ(d.facility, 7u);
  EXPECT_EQ(d.facility_name, "WIN32");
  EXPECT_EQ(d.code, 2u);
  ASSERT_TRUE(d.win32.has_value());
  EXPECT_EQ(*d.win32, 2u);
}

TEST(DecodeHresult, DecodesCbsSourceMissingAsSetupApi) {
  const auto d = decode_hresult(0x800F081F);
  EXPECT_TRUE(d.failure);
  EXPECT_EQ(d.facility, 15u);
  EXPECT_EQ(d.facility_name, "SETUPAPI");
  EXPECT_EQ(d.code, 0x081Fu);
  EXPECT_FALSE(d.win32.has_value());
}

TEST(DecodeHresult, DecodesWindowsUpdateNotApplicable) {
  const auto d = decode_hresult(0x80240017);
  EXPECT_TRUE(d.failure);
  EXPECT_EQ(d.facility, 36u);
  EXPECT_EQ(d.facility_name, "WINDOWSUPDATE");
  EXPECT_EQ(d.code, 0x17u);
  EXPECT_FALSE(d.win32.has_value());
}

TEST(DecodeHresult, DecodesWinHttpTimeoutAsWin32NotInternet) {
  const auto d = decode_hresult(0x80072EE2);
  EXPECT_EQ(d.facility, 7u);
  EXPECT_EQ(d.facility_name, "WIN32");
  ASSERT_TRUE(d.win32.has_value());
  EXPECT_EQ(*d.win32, 12002u);
}

TEST(DecodeHresult, DecodesSetupRollbackCode) {
  const auto d = decode_hresult(0xC1900101);
  EXPECT_TRUE(d.failure);
  EXPECT_EQ(d.severity, 1u);
  EXPECT_FALSE(d.customer);
  EXPECT_FALSE(d.ntstatus_mapped);
  EXPECT_EQ(d.facility, 0x190u);
  EXPECT_EQ(d.facility_name, "SETUP");
  EXPECT_EQ(d.code, 0x0101u);
  EXPECT_FALSE(d.win32.has_value());
}

TEST(DecodeHresult, DecodesWindowsUpdateSuccessCode) {
  const auto d = decode_hresult(0x00240006);
  EXPECT_FALSE(d.failure);
  EXPECT_EQ(d.severity, 0u);
  EXPECT_EQ(d.facility, 36u);
  EXPECT_EQ(d.facility_name, "WINDOWSUPDATE");
  EXPECT_EQ(d.code, 6u);
  EXPECT_FALSE(d.win32.has_value());
}

TEST(DecodeHresult, NamesOtherWindowsUpdateRelatedFacilities) {
  EXPECT_EQ(decode_hresult(0x80004005).facility_name, "NULL");
  EXPECT_EQ(decode_hresult(0x80040154).facility_name, "ITF");
  EXPECT_EQ(decode_hresult(0x80092004).facility_name, "SSPI");
  EXPECT_EQ(decode_hresult(0x800B0109).facility_name, "CERT");
  EXPECT_EQ(decode_hresult(0x800C0005).facility_name, "INTERNET");
  EXPECT_EQ(decode_hresult(0x80131500).facility_name, "URT");
  EXPECT_EQ(decode_hresult(0x80170001).facility_name, "SXS");
  EXPECT_EQ(decode_hresult(0x80190194).facility_name, "HTTP");
  EXPECT_EQ(decode_hresult(0x80200053).facility_name, "BACKGROUNDCOPY");
  EXPECT_EQ(decode_hresult(0x80D02002).facility_name, "DELIVERY_OPTIMIZATION");
}

TEST(DecodeHresult, LeavesUnknownFacilityUnnamed) {
  const auto d = decode_hresult(0x80550001);
  EXPECT_EQ(d.facility, 0x55u);
  EXPECT_EQ(d.facility_name, "");
}

TEST(DecodeHresult, FlagsCustomerCodesWithoutFacilityName) {
  const auto d = decode_hresult(0xE0070002);  // customer bit set: not Microsoft's WIN32
  EXPECT_TRUE(d.customer);
  EXPECT_EQ(d.facility_name, "");
  EXPECT_FALSE(d.win32.has_value());
}

TEST(DecodeHresult, FlagsNtstatusMappedCodes) {
  const auto d = decode_hresult(0xD0000034);  // HRESULT_FROM_NT(STATUS_OBJECT_NAME_NOT_FOUND)
  EXPECT_TRUE(d.ntstatus_mapped);
  EXPECT_EQ(d.facility_name, "");
}

TEST(DecodeHresult, GivesNoWin32ForSuccessFormOfFacilityWin32) {
  EXPECT_FALSE(decode_hresult(0x00070002).win32.has_value());
}

TEST(FacilityName, NamesSetupApiForCbsCodes) { EXPECT_EQ(facility_name(15), "SETUPAPI"); }

// --- format_hresult ---

TEST(FormatHresult, PrintsEightUpperCaseHexDigitsWithPrefix) {
  EXPECT_EQ(format_hresult(0x80070002), "0x80070002");
  EXPECT_EQ(format_hresult(0x800f081f), "0x800F081F");
  EXPECT_EQ(format_hresult(0x00240006), "0x00240006");
  EXPECT_EQ(format_hresult(0), "0x00000000");
}

TEST(FormatHresult, RoundTripsThroughParseCode) {
  for (uint32_t hr : {0x80070002u, 0x800F081Fu, 0xC1900101u, 0x00240006u, 0xFFFFFFFFu}) {
    EXPECT_EQ(parsed(format_hresult(hr)), hr);
  }
}

// Setup failures as `wufix explain` takes them; no extend code, the HRESULT alone.
TEST(FormatHresult, ASetupFailureCarriesItsExtendCode) {
  EXPECT_EQ(format_code_and_extend(0xC1900101, 0x30018), "0xC1900101-0x30018");
  EXPECT_EQ(format_code_and_extend(0xC1900101, 0x4000D), "0xC1900101-0x4000D");
  EXPECT_EQ(format_code_and_extend(0x80070002, 0), "0x80070002");
}

}  // namespace
}  // namespace wufix
