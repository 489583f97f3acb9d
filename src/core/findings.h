// Results are values: a check returns findings with evidence; printer and JSON read the same.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace wufix {

enum class Severity { Info, Warning, Error };

// Finding ids are contracts (scripts match on them): keep them exactly.
namespace finding_id {
inline constexpr const char* kNotElevated = "not-elevated";
inline constexpr const char* kClockSkew = "clock-skew";
inline constexpr const char* kTimeService = "time-service";
inline constexpr const char* kServiceDisabled = "service-disabled";
inline constexpr const char* kServiceStoppedUnexpectedly = "service-stopped-unexpectedly";
inline constexpr const char* kServiceMissing = "service-missing";
inline constexpr const char* kServiceStartTypeChanged = "service-start-type-changed";
inline constexpr const char* kUnsupportedOs = "unsupported-os";
inline constexpr const char* kPendingReboot = "pending-reboot";
inline constexpr const char* kLowDiskSpace = "low-disk-space";
inline constexpr const char* kLongUptime = "long-uptime";
inline constexpr const char* kUpdateFailed = "update-failed";
inline constexpr const char* kThirdPartyAntivirus = "third-party-antivirus";
inline constexpr const char* kUpdateCacheLeftovers = "update-cache-leftovers";
inline constexpr const char* kManagedDevice = "managed-device";
inline constexpr const char* kLogRootCause = "log-root-cause";
inline constexpr const char* kUpdatePolicy = "update-policy";
inline constexpr const char* kWinHttpProxy = "winhttp-proxy";
}  // namespace finding_id

// Check ids (contracts: `diagnose --json` names every check it ran).
namespace check_id {
inline constexpr const char* kOs = "os";
inline constexpr const char* kElevation = "elevation";
inline constexpr const char* kClock = "clock";
inline constexpr const char* kTimeService = "time-service";
inline constexpr const char* kUptime = "uptime";
inline constexpr const char* kDiskSpace = "disk-space";
inline constexpr const char* kPendingReboot = "pending-reboot";
inline constexpr const char* kServices = "services";
inline constexpr const char* kUpdateCache = "update-cache";
inline constexpr const char* kUpdateHistory = "update-history";
inline constexpr const char* kUpdatePolicy = "update-policy";
inline constexpr const char* kWinHttpProxy = "winhttp-proxy";
inline constexpr const char* kManagedDevice = "managed-device";
inline constexpr const char* kAntivirus = "antivirus";
inline constexpr const char* kLogRootCause = "log-root-cause";
}  // namespace check_id

// Windows Time's service name: the clock check reads it, the clock step repairs it.
inline constexpr const char* kTimeServiceName = "W32Time";

// Repair step ids (contracts too), named by findings as their fix.
namespace step_id {
inline constexpr const char* kClock = "clock";
inline constexpr const char* kServices = "services";
inline constexpr const char* kReset = "reset";
inline constexpr const char* kSfc = "sfc";
inline constexpr const char* kDism = "dism";
inline constexpr const char* kPolicy = "policy";
inline constexpr const char* kNetwork = "network";
}  // namespace step_id

struct Finding {
  std::string id;
  Severity severity = Severity::Info;
  std::string summary;             // one line for people
  nlohmann::json evidence = nlohmann::json::object();  // what was measured or read
  std::optional<std::string> fix;  // repair step id, or nullopt when no repair step applies
  std::string advice;              // what a person should do when no step applies (may be empty)
};

enum class CheckStatus { Ok, Finding, Skipped, Error };

struct CheckResult {
  std::string id;  // check id, e.g. "services"
  CheckStatus status = CheckStatus::Ok;
  std::string reason;           // why skipped or errored; empty when ok
  std::optional<Error> error;   // the Win32/HRESULT failure behind status Error
  std::vector<Finding> findings;
};

// Builders keeping status and findings consistent.
CheckResult check_ok(std::string id);
CheckResult check_skipped(std::string id, std::string reason);
CheckResult check_error(std::string id, Error error);
// Status Finding when any finding was added, Ok otherwise.
CheckResult check_with(std::string id, std::vector<Finding> findings);

const char* to_string(Severity s);
const char* to_string(CheckStatus s);
bool is_problem(Severity s);  // warning or error: these make diagnose exit 1

nlohmann::json to_json(const Finding& f);
nlohmann::json to_json(const CheckResult& c);

}  // namespace wufix
