// SNTP request/reply (RFC 4330) and the HOST[:PORT] argument, without any network.
#include <gtest/gtest.h>

#include <random>

#include "core/sntp.h"
#include "sntp_packets.h"

namespace wufix {
namespace {

using namespace std::chrono_literals;
using testing_sntp::kT1;
using testing_sntp::ntp_timestamp;
using testing_sntp::ServerReply;

TEST(SntpRequest, IsAVersion4ClientPacketCarryingT1AsTransmitTime) {
  auto packet = sntp_request(kT1);
  EXPECT_EQ(packet[0], 0x23);
  for (size_t i = 1; i < 40; ++i) EXPECT_EQ(packet[i], 0) << "byte " << i;
  EXPECT_EQ(testing_sntp::read_be64(packet, 40), ntp_timestamp(kT1));
}

TEST(SntpRequest, WrapsIntoEra1After2036) {
  auto after_rollover = testing_sntp::kEraRollover + 30s;
  auto packet = sntp_request(after_rollover);
  EXPECT_EQ(testing_sntp::read_be64(packet, 40) >> 32, 30u);
}

TEST(SntpReply, ServerAhead90SecondsGivesOffsetPlus90) {
  ServerReply r(kT1, 90s);
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_TRUE(sample) << sample.error().message();
  EXPECT_NEAR(sample->offset, 90.0, 1e-6);
  EXPECT_NEAR(sample->delay, 0.020, 1e-6);  // 10 ms each way, server time excluded
  EXPECT_EQ(sample->stratum, 2);
}

TEST(SntpReply, ServerBehind400SecondsGivesOffsetMinus400) {
  ServerReply r(kT1, -400s);
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_TRUE(sample) << sample.error().message();
  EXPECT_NEAR(sample->offset, -400.0, 1e-6);
}

TEST(SntpReply, HalfASecondOffsetKeepsSubsecondPrecision) {
  ServerReply r(kT1, 500ms);
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_TRUE(sample) << sample.error().message();
  EXPECT_NEAR(sample->offset, 0.5, 1e-6);
}

TEST(SntpReply, AsymmetricPathsSplitTheRoundTripEvenly) {
  ServerReply r(kT1, 0s);
  r.t2 = kT1 + 30ms;  // slow way out
  r.t3 = r.t2 + 5ms;
  r.t4 = r.t3 + 10ms;
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_TRUE(sample);
  EXPECT_NEAR(sample->offset, 0.010, 1e-6);
  EXPECT_NEAR(sample->delay, 0.040, 1e-6);
}

TEST(SntpReply, StaleOriginateTimestampIsRejected) {
  ServerReply r(kT1, 0s);
  r.originate = ntp_timestamp(kT1 - 5s);  // the answer to an earlier request
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message().find("originate"), std::string::npos);
}

TEST(SntpReply, KissOfDeathReportsItsCode) {
  ServerReply r(kT1, 0s);
  r.leap = 3;
  r.stratum = 0;
  r.reference_id = "RATE";
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message().find("kiss-o'-death RATE"), std::string::npos)
      << sample.error().message();
}

TEST(SntpReply, KissCodeDenyIsNamedToo) {
  ServerReply r(kT1, 0s);
  r.stratum = 0;
  r.reference_id = "DENY";
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message().find("DENY"), std::string::npos);
}

TEST(SntpReply, LeapIndicator3MeansUnsynchronized) {
  ServerReply r(kT1, 0s);
  r.leap = 3;
  auto sample = parse_sntp_reply(r.bytes(), kT1, r.t4);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message().find("not synchronized"), std::string::npos);
}

TEST(SntpReply, Stratum16IsUnsynchronized) {
  ServerReply r(kT1, 0s);
  r.stratum = 16;
  EXPECT_FALSE(parse_sntp_reply(r.bytes(), kT1, r.t4));
}

TEST(SntpReply, ShortPacketIsRejected) {
  ServerReply r(kT1, 0s);
  auto bytes = r.bytes();
  bytes.resize(47);
  auto sample = parse_sntp_reply(bytes, kT1, r.t4);
  ASSERT_FALSE(sample);
  EXPECT_NE(sample.error().message().find("47 bytes"), std::string::npos);
  EXPECT_FALSE(parse_sntp_reply({}, kT1, r.t4));
}

TEST(SntpReply, LongerPacketWithExtensionFieldsIsAccepted) {
  ServerReply r(kT1, 90s);
  auto bytes = r.bytes();
  bytes.resize(68, 0xAB);
  EXPECT_TRUE(parse_sntp_reply(bytes, kT1, r.t4));
}

TEST(SntpReply, ClientModeIsNotAReply) {
  ServerReply r(kT1, 0s);
  r.mode = 3;
  EXPECT_FALSE(parse_sntp_reply(r.bytes(), kT1, r.t4));
}

TEST(SntpReply, BroadcastModeIsAccepted) {
  ServerReply r(kT1, 0s);
  r.mode = 5;
  EXPECT_TRUE(parse_sntp_reply(r.bytes(), kT1, r.t4));
}

TEST(SntpReply, ZeroTransmitTimestampIsRejected) {
  ServerReply r(kT1, 0s);
  r.transmit_zero = true;
  EXPECT_FALSE(parse_sntp_reply(r.bytes(), kT1, r.t4));
}

TEST(SntpReply, RandomGarbageIsRejectedWithoutCrashing) {
  std::mt19937 rng(20240514);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> bytes(rng() % 100);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    auto sample = parse_sntp_reply(bytes, kT1, kT1 + 20ms);
    ASSERT_FALSE(sample) << "garbage accepted at iteration " << i;
    EXPECT_EQ(sample.error().message().find('\n'), std::string::npos);
  }
}

TEST(SntpReply, ServerTimesAfterThe2036RolloverUseEra1) {
  auto t1 = testing_sntp::kEraRollover + 100s;
  ServerReply r(t1, 90s);
  auto sample = parse_sntp_reply(r.bytes(), t1, r.t4);
  ASSERT_TRUE(sample) << sample.error().message();
  EXPECT_NEAR(sample->offset, 90.0, 1e-6);
}

TEST(SntpReply, ServerAcrossTheRolloverFromAClientJustBeforeIt) {
  auto t1 = testing_sntp::kEraRollover - 30s;  // our era 0, the server's era 1
  ServerReply r(t1, 90s);
  ASSERT_LT(r.receive() >> 32, 0x8000'0000u);
  auto sample = parse_sntp_reply(r.bytes(), t1, r.t4);
  ASSERT_TRUE(sample) << sample.error().message();
  EXPECT_NEAR(sample->offset, 90.0, 1e-6);
}

TEST(NtpServer, HostAloneUsesPort123) {
  auto s = parse_ntp_server("time.windows.com");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->first, "time.windows.com");
  EXPECT_EQ(s->second, 123);
}

TEST(NtpServer, HostAndPort) {
  auto s = parse_ntp_server("127.0.0.1:12345");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->first, "127.0.0.1");
  EXPECT_EQ(s->second, 12345);
}

TEST(NtpServer, BracketedIpv6WithAndWithoutPort) {
  auto with = parse_ntp_server("[2001:db8::1]:1123");
  ASSERT_TRUE(with);
  EXPECT_EQ(with->first, "2001:db8::1");
  EXPECT_EQ(with->second, 1123);
  auto without = parse_ntp_server("[::1]");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->first, "::1");
  EXPECT_EQ(without->second, 123);
}

TEST(NtpServer, BareIpv6IsAHostWithTheDefaultPort) {
  auto s = parse_ntp_server("fe80::1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->first, "fe80::1");
  EXPECT_EQ(s->second, 123);
}

TEST(NtpServer, BadFormsGiveOneLineErrorsNamingTheInput) {
  for (std::string bad : {"", "host:", ":123", "host:abc", "host:12x", "host:0", "host:65536",
                          "host:-1", "[::1", "[::1]x", "[::1]:", "[]:123", "[host]:123",
                          "bad host:123", "a/b"}) {
    auto s = parse_ntp_server(bad);
    ASSERT_FALSE(s) << "accepted '" << bad << "'";
    std::string message = s.error().message();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("invalid time server"), std::string::npos) << message;
    if (!bad.empty()) {
      EXPECT_NE(message.find(bad), std::string::npos) << message;
    }
  }
}

TEST(NtpServer, PortErrorsSayWhatIsWrong) {
  EXPECT_NE(parse_ntp_server("host:70000").error().message().find("1 to 65535"), std::string::npos);
  EXPECT_NE(parse_ntp_server("host:").error().message().find("missing"), std::string::npos);
}

TEST(NtpServer, FormatBracketsIpv6) {
  EXPECT_EQ(format_ntp_server("time.windows.com", 123), "time.windows.com:123");
  EXPECT_EQ(format_ntp_server("::1", 1123), "[::1]:1123");
}

}  // namespace
}  // namespace wufix
