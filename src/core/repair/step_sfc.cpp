// sfc: System File Checker, `sfc /scannow`. It restores protected system files from the
// component store (so it runs after dism). Its verdict is not its exit code (undocumented
// values): it comes from the [SR] lines sfc writes to CBS.log during this run, which are
// English whatever the display language; the console text gives the progress (a number in
// every language) and, when sfc wrote no [SR] line (not elevated, a restart pending), the
// verdict from its English sentences. The exit code goes into the Error for the record.
#include "core/findings.h"
#include "core/repair/step.h"
#include "core/repair/sfc_cbs.h"
#include "core/repair/tool_output.h"

namespace wufix {
namespace {

struct SfcOutcome {
  const char* result;
  const char* failure;  // Error::what; nullptr when the step succeeded
  const char* advice;   // what to do next; nullptr when nothing
  bool reboot_required = false;
};

SfcOutcome outcome_of(SfcVerdict verdict) {
  switch (verdict) {
    case SfcVerdict::NoViolations:
      return {"no-violations", nullptr, nullptr};
    case SfcVerdict::Repaired:
      return {"repaired", nullptr, nullptr};
    case SfcVerdict::Unrepairable:
      return {"unrepairable", "sfc found corrupt system files it could not repair",
              "sfc copies good files from the component store: repair it with "
              "`wufix repair --only dism`, then run `wufix repair --only sfc` again"};
    case SfcVerdict::RebootPending:
      return {"failed", "a system repair is pending and needs a restart",
              "restart Windows first, then run `wufix repair --only sfc` again", true};
    case SfcVerdict::NotAdministrator:
      return {"failed", "sfc needs an elevated console session",
              "run wufix from an elevated command prompt (Run as administrator)"};
    case SfcVerdict::CouldNotPerform:
      return {"failed", "sfc could not perform the scan",
              "restart Windows and run `wufix repair --only sfc` again; if it still fails, "
              "run `sfc /scannow` in Safe Mode"};
    case SfcVerdict::ServiceNotStarted:
      return {"failed", "sfc could not start the Windows Modules Installer service",
              "the TrustedInstaller service must not be disabled: set it to Manual, then run "
              "`wufix repair --only sfc` again"};
    case SfcVerdict::Unknown:
      break;
  }
  return {"failed", "sfc's verdict was not recognized (Windows may print it in another language)",
          "sfc's verdict is quoted in its own words; the details are in CBS.log"};
}

StepReport report_for(const SfcOutput& out, uint32_t exit_code, const std::string& cbs_log) {
  const SfcOutcome outcome = outcome_of(out.verdict);
  StepReport report;
  report.result = outcome.result;
  report.reboot_required = outcome.reboot_required;
  if (!outcome.failure) {
    report.details.push_back("sfc: " + out.verdict_line);
  } else {
    report.error = Error{exit_code, outcome.failure, out.verdict_line};
    report.details.push_back(std::string("next: ") + outcome.advice);
    report.details.push_back("log: " + cbs_log + " ([SR] lines)");
  }
  return report;
}


// CBS.log's size before sfc starts: its [SR] lines after it are this run's.
uint64_t log_size(const Files& files, const std::string& path) {
  auto there = files.exists(path);
  if (!there || !*there) return 0;
  auto size = files.file_size(path);
  return size ? *size : 0;
}

// The console's verdict, unless CBS.log's [SR] lines give one (always, for a scan that ran).
SfcOutput combined(SfcOutput console, const Files& files, const std::string& cbs_log,
                   uint64_t from) {
  auto sr = sfc_verdict_from_cbs(files, cbs_log, from);
  if (!sr || sr->verdict() == SfcVerdict::Unknown) return console;
  return SfcOutput{sr->verdict(), "CBS.log: " + sr->evidence()};
}

}  // namespace

StepReport run_sfc_step(StepContext& ctx) {
  const std::string windows = ctx.sys.platform->windows_dir();
  const std::string cbs_log = windows + "\\Logs\\CBS\\CBS.log";
  const uint64_t cbs_before = log_size(*ctx.sys.files, cbs_log);
  SfcOutputReader reader([&](double percent) {
    if (ctx.progress) ctx.progress(step_id::kSfc, percent);
  });
  ProcessSpec spec;
  spec.program = windows + "\\System32\\sfc.exe";  // never from PATH
  spec.args = {"/scannow"};
  spec.on_output = [&](std::string_view bytes) { reader.feed(bytes); };
  auto ran = ctx.changes.run(spec);
  if (!ran) {
    StepReport report;
    report.result = "failed";
    report.error = ran.error();
    return report;
  }
  return report_for(combined(reader.finish(), *ctx.sys.files, cbs_log, cbs_before),
                    ran->exit_code, cbs_log);
}

}  // namespace wufix
