// clock: make Windows Time able to run, ask it to resync, then measure again with our own SNTP
// query: the step is done only when the clock is actually right.
#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/repair/service_ops.h"
#include "core/repair/step.h"

namespace wufix {
namespace {

std::string w32tm(const StepContext& ctx) {
  return ctx.sys.platform->windows_dir() + "\\System32\\w32tm.exe";
}

// `w32tm /register`, journaled so undo runs `w32tm /unregister`.
Status register_time_service(StepContext& ctx, StepReport& report) {
  ProcessSpec spec{w32tm(ctx), {"/register"}, {}};
  std::string output;
  spec.on_output = [&](std::string_view chunk) { output.append(chunk); };
  auto ran = ctx.changes.register_service(kTimeServiceName, spec, {"/unregister"});
  if (!ran) return ran.error();
  if (ran->exit_code != 0)
    return Error{ran->exit_code, "w32tm /register failed", kTimeServiceName};
  auto now = ctx.sys.services->query(kTimeServiceName);
  if (!now) return now.error();
  if (!now->exists) return Error{1060, "w32tm /register did not register the service", kTimeServiceName};
  report.details.push_back("W32Time was not installed: registered (w32tm /register)");
  return ok_status();
}

// Installed, enabled (Manual, its Windows default on a workgroup PC) and running.
Status ensure_time_service(StepContext& ctx, StepReport& report) {
  auto service = ctx.sys.services->query(kTimeServiceName);
  if (!service) return service.error();
  if (!service->exists) {
    if (Status s = register_time_service(ctx, report); !s) return s;
    service = ctx.sys.services->query(kTimeServiceName);
    if (!service) return service.error();
  }
  if (service->start_type == StartType::Disabled) {
    if (Status s = ctx.changes.set_start_type(kTimeServiceName, StartType::Manual, false); !s) return s;
    report.details.push_back("W32Time: disabled -> manual");
  }
  return start_services(ctx.changes, ctx.sys, {kTimeServiceName}, ctx.options.service_timeout);
}

Status resync(StepContext& ctx, StepReport& report) {
  ProcessSpec spec;
  spec.program = w32tm(ctx);
  spec.args = {"/resync"};
  std::string output;
  spec.on_output = [&](std::string_view chunk) { output.append(chunk); };
  auto ran = ctx.changes.run(spec);
  if (!ran) return ran.error();
  if (ran->exit_code != 0) {
    // w32tm prints the reason on its last non-empty line.
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    std::string last = output.substr(output.find_last_of('\n') + 1);
    return Error{ran->exit_code, "w32tm /resync failed", last};
  }
  report.details.push_back("w32tm /resync: done");
  return ok_status();
}

}  // namespace

StepReport run_clock_step(StepContext& ctx) {
  StepReport report;
  if (Status s = ensure_time_service(ctx, report); !s) {
    report.error = s.error();
    return report;
  }
  if (Status s = resync(ctx, report); !s) {
    report.error = s.error();
    return report;
  }
  DiagnoseOptions measure;
  measure.ntp_host = ctx.options.ntp_host;
  measure.ntp_port = ctx.options.ntp_port;
  CheckResult clock = check_clock(ctx.sys, measure);
  if (clock.status == CheckStatus::Error || clock.status == CheckStatus::Skipped) {
    report.error = clock.error.value_or(Error{0, "could not measure the clock", clock.reason});
    return report;
  }
  for (const Finding& f : clock.findings) {
    if (f.id != finding_id::kClockSkew || f.severity == Severity::Info) continue;
    report.error = Error{0, "the clock is still wrong after the resync", f.summary};
    report.result = "still-skewed";
    return report;
  }
  report.result = "synchronized";
  report.details.push_back("clock checked against " + measure.ntp_host);
  return report;
}

}  // namespace wufix
