// check_services: the services Windows Update runs on, compared with their Windows 10/11
// defaults. Read through the Service Control Manager only, which is what actually applies.
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/service_text.h"

namespace wufix {
namespace {

// Start type and the delayed flag folded together: defaults are stated in these terms.
enum class StartKind { Automatic, AutomaticDelayed, Manual, Disabled, Boot, System, Unknown };

constexpr unsigned bit(StartKind k) { return 1u << static_cast<unsigned>(k); }

struct ServiceSpec {
  const char* name;
  const char* display;
  StartKind default_start;
  unsigned also_accepted;  // bits of other start kinds Windows itself uses
  bool core;  // a missing core service is damage; the others exist only on some builds
};

// Defaults on Windows 10/11 (shared/reference/formats.md (h)). BITS switches itself to
// delayed-automatic while it has jobs, and DoSvc is Manual on some builds: neither is a change.
constexpr std::array<ServiceSpec, 7> kServices{{
    {"wuauserv", "Windows Update", StartKind::Manual, 0, true},
    {"BITS", "Background Intelligent Transfer Service", StartKind::Manual,
     bit(StartKind::AutomaticDelayed) | bit(StartKind::Automatic), true},
    {"CryptSvc", "Cryptographic Services", StartKind::Automatic, 0, true},
    {"msiserver", "Windows Installer", StartKind::Manual, 0, true},
    {"UsoSvc", "Update Orchestrator Service", StartKind::AutomaticDelayed, 0, false},
    {"DoSvc", "Delivery Optimization", StartKind::AutomaticDelayed, bit(StartKind::Manual), false},
    {"WaaSMedicSvc", "Windows Update Medic Service", StartKind::Manual, 0, false},
}};

// Delayed services start about two minutes after boot; a stopped one before then is normal.
constexpr std::chrono::minutes kDelayedStartGrace{5};

StartKind start_kind(const ServiceStatus& s) {
  switch (s.start_type) {
    case StartType::Automatic:
      return s.delayed_auto_start ? StartKind::AutomaticDelayed : StartKind::Automatic;
    case StartType::Manual: return StartKind::Manual;
    case StartType::Disabled: return StartKind::Disabled;
    case StartType::Boot: return StartKind::Boot;
    case StartType::System: return StartKind::System;
    case StartType::Unknown: return StartKind::Unknown;
  }
  return StartKind::Unknown;
}

const char* to_string(StartKind k) {
  switch (k) {
    case StartKind::Automatic: return "automatic";
    case StartKind::AutomaticDelayed: return "automatic-delayed";
    case StartKind::Manual: return "manual";
    case StartKind::Disabled: return "disabled";
    case StartKind::Boot: return "boot";
    case StartKind::System: return "system";
    case StartKind::Unknown: return "unknown";
  }
  return "unknown";
}

bool is_automatic(StartKind k) {
  return k == StartKind::Automatic || k == StartKind::AutomaticDelayed;
}

bool is_running_or_starting(ServiceState s) {
  return s == ServiceState::Running || s == ServiceState::StartPending ||
         s == ServiceState::ContinuePending;
}

bool is_accepted(const ServiceSpec& spec, StartKind k) {
  return k == spec.default_start || (spec.also_accepted & bit(k)) != 0;
}

Finding service_finding(const ServiceSpec& spec, const ServiceStatus& s, const char* id,
                        Severity severity) {
  Finding f;
  f.id = id;
  f.severity = severity;
  f.evidence = {{"service", spec.name},
                {"start_type", to_string(start_kind(s))},
                {"expected_start_type", to_string(spec.default_start)},
                {"state", to_string(s.state)}};
  f.fix = step_id::kServices;
  return f;
}

Finding missing_finding(const ServiceSpec& spec) {
  Finding f;
  f.id = finding_id::kServiceMissing;
  f.severity = Severity::Error;
  f.summary = fmt::format("{} ({}) is not installed", spec.display, spec.name);
  f.evidence = {{"service", spec.name},
                {"start_type", nullptr},
                {"expected_start_type", to_string(spec.default_start)},
                {"state", nullptr}};
  // Restarting or reconfiguring cannot bring back a deleted service registration.
  f.advice = "Windows Update components are damaged: run DISM /Online /Cleanup-Image "
             "/RestoreHealth and sfc /scannow, and if the service is still missing, do an "
             "in-place repair (run setup.exe from Windows installation media of the same "
             "version, keeping files and apps)";
  return f;
}

// At most one finding per service, the most severe that applies.
std::optional<Finding> judge(const ServiceSpec& spec, const ServiceStatus& s,
                             std::chrono::seconds uptime) {
  if (!s.exists) {
    if (!spec.core) return std::nullopt;
    return missing_finding(spec);
  }
  StartKind kind = start_kind(s);
  if (kind == StartKind::Disabled) {
    Finding f = service_finding(spec, s, finding_id::kServiceDisabled, Severity::Error);
    f.summary = fmt::format("{} ({}) is disabled", spec.display, spec.name);
    return f;
  }
  bool starting_soon = kind == StartKind::AutomaticDelayed && uptime < kDelayedStartGrace;
  // A start type Windows itself uses for this service (DoSvc on Manual) may idle stopped.
  bool may_idle = !is_automatic(kind) && is_accepted(spec, kind);
  if (is_automatic(spec.default_start) && !is_running_or_starting(s.state) && !starting_soon &&
      !may_idle) {
    Finding f = service_finding(spec, s, finding_id::kServiceStoppedUnexpectedly,
                                Severity::Warning);
    f.summary = fmt::format("{} ({}) should be running but is {}", spec.display, spec.name,
                            to_string(s.state));
    return f;
  }
  if (kind != StartKind::Unknown && !is_accepted(spec, kind)) {
    Finding f = service_finding(spec, s, finding_id::kServiceStartTypeChanged, Severity::Info);
    f.summary = fmt::format("{} ({}) starts {} instead of {}", spec.display, spec.name,
                            to_string(kind), to_string(spec.default_start));
    return f;
  }
  return std::nullopt;
}

nlohmann::json service_error_json(const char* service, const Error& e) {
  return {{"service", service}, {"code", e.code}, {"message", e.message()}};
}

}  // namespace

CheckResult check_services(const System& sys) {
  std::chrono::seconds uptime = sys.clock->uptime();
  std::vector<Finding> findings;
  std::optional<Error> first_error;
  nlohmann::json errors = nlohmann::json::array();
  for (const ServiceSpec& spec : kServices) {
    auto status = sys.services->query(spec.name);
    if (!status) {
      if (!first_error) {
        first_error = status.error();
        if (first_error->context.empty()) first_error->context = spec.name;
      }
      errors.push_back(service_error_json(spec.name, status.error()));
      continue;
    }
    if (auto f = judge(spec, *status, uptime)) findings.push_back(std::move(*f));
  }
  if (errors.empty()) return check_with(check_id::kServices, std::move(findings));
  // An unreadable service makes the check an error (never a silent "ok"), but must not hide
  // what the others show: their findings stay, each carrying the query errors.
  CheckResult result = check_error(check_id::kServices, *first_error);
  for (Finding& f : findings) f.evidence["query_errors"] = errors;
  result.findings = std::move(findings);
  return result;
}

}  // namespace wufix
