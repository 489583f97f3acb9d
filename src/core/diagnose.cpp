#include "core/diagnose.h"

#include <algorithm>
#include <functional>
#include <future>

#include "core/checks/update_policy.h"
#include "core/checks/winhttp_proxy.h"
#include "core/json_schema.h"
#include "core/repair/repair.h"

namespace wufix {
namespace {

constexpr uint32_t kAccessDenied = 5;
constexpr uint32_t kAccessDeniedHresult = 0x80070005;

// Not elevated: name the checks that access-denied errors limited.
void note_limited_checks(std::vector<CheckResult>& checks) {
  std::vector<std::string> limited;
  for (const CheckResult& c : checks) {
    if (c.error && (c.error->code == kAccessDenied || c.error->code == kAccessDeniedHresult))
      limited.push_back(c.id);
  }
  for (CheckResult& c : checks) {
    for (Finding& f : c.findings) {
      if (f.id == finding_id::kNotElevated) f.evidence["limited_checks"] = limited;
    }
  }
}

}  // namespace

Diagnosis run_diagnose(const System& sys, const DiagnoseOptions& options) {
  Diagnosis d;
  d.os = read_os_info(sys);
  if (Result<bool> e = sys.platform->is_elevated()) d.elevated = *e;

  // Independent checks run concurrently: the SNTP round trip and the WUA/WMI queries are
  // slow, everything else is a few registry reads.
  const Result<OsInfo>& os = d.os;
  std::vector<std::function<CheckResult()>> jobs = {
      [&] { return check_os(sys, os); },
      [&] { return check_elevation(sys); },
      [&] { return check_clock(sys, options); },
      [&] { return check_time_service(sys); },
      [&] { return check_services(sys); },
      [&] { return check_pending_reboot(sys); },
      [&] { return check_disk_space(sys, options); },
      [&] { return check_uptime(sys, options); },
      [&] { return check_update_history(sys); },
      [&] { return check_antivirus(sys, os); },
      [&] { return check_update_cache(sys); },
      [&] { return check_managed_device(sys); },
      [&] { return check_log_root_cause(sys); },
      [&] { return check_update_policy(sys); },
      [&] { return check_winhttp_proxy(sys); },
  };
  std::vector<std::future<CheckResult>> running;
  for (auto& job : jobs) running.push_back(std::async(std::launch::async, job));
  for (auto& r : running) d.checks.push_back(r.get());
  note_limited_checks(d.checks);
  return d;
}

std::vector<const Finding*> Diagnosis::findings() const {
  std::vector<const Finding*> all;
  for (const CheckResult& c : checks)
    for (const Finding& f : c.findings) all.push_back(&f);
  return all;
}

bool Diagnosis::has_problems() const {
  auto list = findings();
  return std::any_of(list.begin(), list.end(), [](const Finding* f) { return is_problem(f->severity); });
}

std::vector<std::string> Diagnosis::fix_steps() const {
  std::vector<std::string> steps;
  const auto list = findings();
  for (const std::string& step : step_order()) {
    for (const Finding* f : list) {
      if (f->fix && *f->fix == step && is_problem(f->severity)) {
        steps.push_back(step);
        break;
      }
    }
  }
  return steps;
}

nlohmann::json to_json(const Diagnosis& d) {
  nlohmann::json os = nullptr;
  if (d.os) {
    auto text = [](const std::string& s) {
      return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    os = {{"product", text(d.os->product)},
          {"display_version", text(d.os->display_version)},
          {"build", text(d.os->build)},
          {"ubr", d.os->ubr ? nlohmann::json(*d.os->ubr) : nlohmann::json(nullptr)},
          {"arch", to_string(d.os->arch)},
          {"edition", text(d.os->edition)},
          {"installation_type", text(d.os->installation_type)}};
  }
  nlohmann::json checks = nlohmann::json::array();
  nlohmann::json findings = nlohmann::json::array();
  for (const CheckResult& c : d.checks) {
    checks.push_back(to_json(c));
    for (const Finding& f : c.findings) findings.push_back(to_json(f));
  }
  return {{"schema", kJsonSchema},
          {"version", WUFIX_VERSION},
          {"os", os},
          {"elevated", d.elevated ? nlohmann::json(*d.elevated) : nlohmann::json(nullptr)},
          {"checks", checks},
          {"findings", findings},
          {"fix_steps", d.fix_steps()}};
}

}  // namespace wufix
