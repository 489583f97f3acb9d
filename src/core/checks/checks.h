// diagnose's checks: each reads the machine through the seam only and returns a CheckResult.
// None of them changes anything.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/findings.h"
#include "core/seam.h"

namespace wufix {

// Failures older than this are history, not findings.
inline constexpr std::chrono::days kRecentFailures{90};

// A GB as Explorer counts it (2^30 bytes), for the sizes checks report.
inline constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0;

struct DiagnoseOptions {
  std::string ntp_host = "time.windows.com";
  uint16_t ntp_port = 123;
  std::chrono::milliseconds ntp_timeout{2000};
  double min_free_gb = 20;  // warning below this; error below half of it (10 GB by default)
  std::chrono::hours max_uptime{24 * 7};
};

// What the header shows and the catalog later uses to pick a package.
struct OsInfo {
  std::string product;          // ProductName, corrected to "Windows 11" for builds >= 22000
  std::string display_version;  // "23H2"; empty when unknown (Wine, old Windows 10)
  std::string build;            // CurrentBuild, "22631"
  std::optional<uint32_t> ubr;  // update build revision, 3593 in 22631.3593
  std::string edition;          // EditionID
  std::string installation_type;  // Client, Server, Server Core
  Arch arch = Arch::Unknown;
  bool is_server() const { return installation_type.rfind("Server", 0) == 0; }
};

Result<OsInfo> read_os_info(const System& sys);
const char* to_string(Arch arch);

CheckResult check_os(const System& sys, const Result<OsInfo>& os);
CheckResult check_elevation(const System& sys);
CheckResult check_clock(const System& sys, const DiagnoseOptions& options);
CheckResult check_time_service(const System& sys);
CheckResult check_services(const System& sys);
CheckResult check_pending_reboot(const System& sys);
CheckResult check_disk_space(const System& sys, const DiagnoseOptions& options);
CheckResult check_uptime(const System& sys, const DiagnoseOptions& options);
CheckResult check_update_history(const System& sys);
CheckResult check_antivirus(const System& sys, const Result<OsInfo>& os);
CheckResult check_update_cache(const System& sys);
CheckResult check_managed_device(const System& sys);
CheckResult check_log_root_cause(const System& sys);

}  // namespace wufix
