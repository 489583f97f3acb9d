// services: the Windows Update services back on their Windows start types, and the automatic
// ones running. It acts on exactly what the diagnose `services` check reports, so the two never
// disagree about what a default is.
#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/repair/service_ops.h"
#include "core/repair/step.h"
#include "core/service_text.h"

namespace wufix {
namespace {

struct StartSetting {
  StartType type;
  bool delayed;
};

StartSetting setting_from(const std::string& text) {
  if (text == "automatic-delayed") return {StartType::Automatic, true};
  return {start_type_from_string(text), false};
}

std::string text_of(const nlohmann::json& evidence, const char* key) {
  auto it = evidence.find(key);
  return it != evidence.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

StepReport run_services_step(StepContext& ctx) {
  StepReport report;
  CheckResult check = check_services(ctx.sys);
  if (check.status == CheckStatus::Error && check.error) {
    report.error = *check.error;
    return report;
  }
  std::vector<std::string> to_start;
  int changed = 0;
  for (const Finding& f : check.findings) {
    std::string service = text_of(f.evidence, "service");
    if (f.id == finding_id::kServiceStoppedUnexpectedly) to_start.push_back(service);
    if (f.id != finding_id::kServiceDisabled && f.id != finding_id::kServiceStartTypeChanged)
      continue;
    StartSetting want = setting_from(text_of(f.evidence, "expected_start_type"));
    if (want.type == StartType::Unknown) continue;
    if (Status s = ctx.changes.set_start_type(service, want.type, want.delayed); !s) {
      report.error = s.error();
      return report;
    }
    ++changed;
    report.details.push_back(fmt::format("{}: {} -> {}", service,
                                         text_of(f.evidence, "start_type"),
                                         text_of(f.evidence, "expected_start_type")));
    if (want.type == StartType::Automatic) to_start.push_back(service);
  }
  if (Status s = start_services(ctx.changes, ctx.sys, to_start, ctx.options.service_timeout); !s) {
    report.error = s.error();
    return report;
  }
  for (const auto& name : to_start) report.details.push_back(name + " started");
  if (changed == 0 && to_start.empty()) {
    report.result = "nothing-to-do";
    report.details.push_back("every Windows Update service has its Windows start type");
  } else {
    report.result = "restored";
  }
  return report;
}

}  // namespace wufix
