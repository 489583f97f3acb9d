// The clock checks: is the local clock close to a time server, and will Windows keep it so?
// A wrong clock breaks TLS to Windows Update (0x80072F8F) and metadata checks (0x80247163).
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/checks/checks.h"
#include "core/service_text.h"
#include "core/sntp.h"

namespace wufix {
namespace {

constexpr const char* kTimeServiceNameParameters =
    "SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters";

// A synced clock is within a second; past a minute something stopped syncing it, and past
// five minutes TLS handshakes and Kerberos fail.
constexpr double kWarnSkewSeconds = 60;
constexpr double kErrorSkewSeconds = 300;

using std::chrono::system_clock;

// Evidence in milliseconds precision: more digits would only be noise.
double round_ms(double seconds) { return std::round(seconds * 1000) / 1000; }

// "90 s", "6 min 40 s", "3 h 5 min", "2 days 4 h": people read skew in units that fit.
std::string human_seconds(double seconds) {
  auto s = static_cast<long long>(std::llround(std::fabs(seconds)));
  char buf[64];
  if (s < 120) std::snprintf(buf, sizeof buf, "%lld s", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%lld min %lld s", s / 60, s % 60);
  else if (s < 172800) std::snprintf(buf, sizeof buf, "%lld h %lld min", s / 3600, s / 60 % 60);
  else std::snprintf(buf, sizeof buf, "%lld days %lld h", s / 86400, s / 3600 % 24);
  return buf;
}

Finding skew_finding(const SntpSample& sample, const std::string& server) {
  Finding f;
  f.id = finding_id::kClockSkew;
  bool severe = std::fabs(sample.offset) > kErrorSkewSeconds;
  f.severity = severe ? Severity::Error : Severity::Warning;
  // offset is what the local clock must add: positive means it is behind the server.
  f.summary = "The clock is " + human_seconds(sample.offset) +
              (sample.offset > 0 ? " behind " : " ahead of ") + server;
  if (severe) f.summary += "; secure connections to Windows Update fail (0x80072F8F)";
  f.evidence = {{"offset_seconds", round_ms(sample.offset)},
                {"server", server},
                {"stratum", sample.stratum},
                {"delay_seconds", round_ms(sample.delay)}};
  f.fix = step_id::kClock;
  return f;
}

// A REG_SZ value as json: the text, or null when absent or of another type.
Result<nlohmann::json> read_time_text(const Registry& reg, const char* name) {
  auto v = reg.read(Hive::LocalMachine, kTimeServiceNameParameters, name);
  if (!v) return v.error();
  if (!v.value() || (v.value()->type != RegValue::Type::String &&
                     v.value()->type != RegValue::Type::ExpandString))
    return nlohmann::json(nullptr);
  return nlohmann::json(v.value()->text);
}

bool iequals(const nlohmann::json& value, std::string_view expected) {
  if (!value.is_string()) return false;
  const auto& s = value.get_ref<const std::string&>();
  if (s.size() != expected.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(expected[i])))
      return false;
  return true;
}

}  // namespace

CheckResult check_clock(const System& sys, const DiagnoseOptions& options) {
  if (!sys.network || !sys.clock) return check_skipped(check_id::kClock, "no network access here");
  const std::string server = format_ntp_server(options.ntp_host, options.ntp_port);
  const system_clock::time_point t1 = sys.clock->now();
  const auto request = sntp_request(t1);
  auto reply = sys.network->udp_exchange(options.ntp_host, options.ntp_port, request,
                                         options.ntp_timeout);
  // Offline, DNS or firewall trouble says nothing about the clock: skip, do not accuse it.
  if (!reply) {
    return check_skipped(check_id::kClock,
                         "time server " + server + " did not answer: " + reply.error().message());
  }
  const system_clock::time_point t4 =
      reply->received == system_clock::time_point{} ? sys.clock->now() : reply->received;
  auto sample = parse_sntp_reply(reply->bytes, t1, t4);
  if (!sample)
    return check_skipped(check_id::kClock,
                         "time server " + server + " sent an " + sample.error().message());
  // The packet carries t1, but the network layer stamps the moment the datagram really left;
  // moving T1 by d moves the offset by -d/2 and the delay by -d.
  if (reply->sent != system_clock::time_point{}) {
    double d = std::chrono::duration<double>(reply->sent - t1).count();
    sample->offset -= d / 2;
    sample->delay -= d;
  }
  if (std::fabs(sample->offset) <= kWarnSkewSeconds) return check_ok(check_id::kClock);
  return check_with(check_id::kClock, {skew_finding(*sample, server)});
}

CheckResult check_time_service(const System& sys) {
  if (!sys.services || !sys.registry)
    return check_skipped(check_id::kTimeService, "no Windows services here");
  auto service = sys.services->query(kTimeServiceName);
  if (!service) return check_error(check_id::kTimeService, service.error());
  auto type = read_time_text(*sys.registry, "Type");
  if (!type) return check_error(check_id::kTimeService, type.error());
  auto ntp_server = read_time_text(*sys.registry, "NtpServer");
  if (!ntp_server) return check_error(check_id::kTimeService, ntp_server.error());

  std::vector<std::string> problems;
  if (!service->exists) {
    problems.push_back("Windows Time service is not installed");
  } else if (service->start_type == StartType::Disabled) {
    problems.push_back("Windows Time service is disabled");
  }
  if (iequals(*type, "NoSync"))
    problems.push_back("Windows Time is not configured to sync (Type = NoSync)");
  if (problems.empty()) return check_ok(check_id::kTimeService);

  Finding f;
  f.id = finding_id::kTimeService;
  f.severity = Severity::Warning;
  f.summary = problems.front();
  for (size_t i = 1; i < problems.size(); ++i) f.summary += "; " + problems[i];
  using nlohmann::json;
  f.evidence = {
      {"service_start_type", service->exists ? json(to_string(service->start_type)) : json()},
      {"state", service->exists ? json(to_string(service->state)) : json()},
      {"type", *type},
      {"ntp_server", *ntp_server}};
  f.fix = step_id::kClock;
  if (!service->exists) f.advice = "Register the service with: w32tm /register";
  return check_with(check_id::kTimeService, {f});
}

}  // namespace wufix
