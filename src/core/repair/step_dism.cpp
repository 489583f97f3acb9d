// dism: check and repair the component store (WinSxS), which Windows Update installs from and
// sfc restores files from. DISM /Online /Cleanup-Image /CheckHealth, /ScanHealth, then
// /RestoreHealth, each run to completion before the next. DISM's exit code is the verdict: 0,
// 3010 (done, restart needed) or the error (an HRESULT, sometimes a plain Win32 number).
//
// Choices:
// - RestoreHealth is skipped when ScanHealth, which scans the whole store, reports no
//   corruption: it would find nothing to do and can take many minutes. Any other ScanHealth
//   verdict, including one we cannot read, runs it.
// - "/English" follows "/Online": DISM's output is otherwise localized, and the store verdict
//   decides whether RestoreHealth runs. (The percentage's decimal separator stays localized.)
// - One progress bar for the step: CheckHealth fills 0-10 %, ScanHealth 10-50 %, RestoreHealth
//   50-100 %, so it never jumps back when the next DISM run starts its own bar at 0.
#include <fmt/format.h>

#include "core/error_codes.h"
#include "core/findings.h"
#include "core/hresult.h"
#include "core/repair/step.h"
#include "core/repair/tool_output.h"

namespace wufix {
namespace {

struct Phase {
  const char* name;  // DISM's option without the slash
  double progress_from, progress_to;
  bool repairs = false;  // takes --source
};
constexpr Phase kCheck{"CheckHealth", 0, 10};
constexpr Phase kScan{"ScanHealth", 10, 50};
constexpr Phase kRestore{"RestoreHealth", 50, 100, true};

// DISM could not get the files to repair with: from Windows Update (0x800F081F; 0x800F0906
// download failed; 0x800F0907 policy forbids it; 0x800F0954 WSUS does not serve them).
bool is_source_missing(uint32_t hresult) {
  return hresult == 0x800F081F || hresult == 0x800F0906 || hresult == 0x800F0907 ||
         hresult == 0x800F0954;
}

std::vector<std::string> dism_args(const Phase& phase, const RepairOptions& options) {
  std::vector<std::string> args{"/Online", "/English", "/Cleanup-Image",
                                std::string("/") + phase.name};
  if (phase.repairs && !options.dism_source.empty()) {
    args.push_back("/Source:" + options.dism_source);
    args.push_back("/LimitAccess");  // the source given, not Windows Update
  }
  return args;
}

std::vector<std::string> dism_advice(uint32_t hresult, const RepairOptions& options) {
  if (is_source_missing(hresult) && options.dism_source.empty())
    return {"DISM found no files to repair with (Windows Update could not supply them)",
            "next: mount an ISO of the same Windows version, edition and language and pass its "
            "image, e.g. `wufix repair --only dism --source WIM:D:\\sources\\install.wim:1` "
            "(or ESD:D:\\sources\\install.esd:1)"};
  if (is_source_missing(hresult))
    return {
        "the source " + options.dism_source + " lacks the files this Windows needs",
        "next: use media of exactly this Windows build, edition and language, with the "
        "index of this edition (list them: dism /Get-WimInfo /WimFile:D:\\sources\\install.wim)"};
  if (hresult == hresult_from_win32(740) || hresult == hresult_from_win32(5))
    return {"next: run wufix from an elevated command prompt (Run as administrator)"};
  if (hresult == hresult_from_win32(87) && !options.dism_source.empty())
    return {
        "DISM rejected its command line: check --source (WIM:<path>:<index> or "
        "ESD:<path>:<index>)"};
  return {};
}

// The Error and details of a DISM run that failed with exit_code.
void fail(StepReport& report, const Phase& phase, uint32_t exit_code, const DismOutput& out,
          const StepContext& ctx) {
  const uint32_t hresult = hresult_from_win32(exit_code);
  const CodeInfo* info = find_code(hresult);
  std::string what = fmt::format("DISM /{} failed", phase.name);
  if (info && !info->name.empty()) what += " with " + info->name;
  report.result = is_source_missing(hresult) ? "source-missing" : "failed";
  report.error = Error{hresult, what, info ? info->description : out.error_text};
  if (!out.error_text.empty()) report.details.push_back("DISM: " + out.error_text);
  if (info && !info->cause.empty()) report.details.push_back("likely cause: " + info->cause);
  for (auto& line : dism_advice(hresult, ctx.options)) report.details.push_back(std::move(line));
  report.details.push_back("log: " + ctx.sys.platform->windows_dir() + "\\Logs\\DISM\\dism.log");
}

const char* health_text(StoreHealth health) {
  switch (health) {
    case StoreHealth::Healthy:
      return "no component store corruption detected";
    case StoreHealth::Repairable:
      return "the component store is repairable";
    case StoreHealth::NotRepairable:
      return "the component store cannot be repaired";
    case StoreHealth::Unknown:
      break;
  }
  return "done";
}

// Runs one DISM phase; nullopt when it failed, with the report saying why.
std::optional<DismOutput> run_phase(StepContext& ctx, const Phase& phase, StepReport& report,
                                    ProgressFilter& bar) {
  DismOutputReader reader([&](double percent) {
    const double span = phase.progress_to - phase.progress_from;
    bar.offer(phase.progress_from + percent * span / 100);
  });
  ProcessSpec spec;
  spec.program = ctx.sys.platform->windows_dir() + "\\System32\\Dism.exe";  // never from PATH
  spec.args = dism_args(phase, ctx.options);
  spec.on_output = [&](std::string_view bytes) { reader.feed(bytes); };
  auto ran = ctx.changes.run(spec);
  if (!ran) {
    report.result = "failed";
    report.error = ran.error();
    return std::nullopt;
  }
  DismOutput out = reader.finish();
  if (ran->exit_code != 0 && ran->exit_code != kErrorSuccessRebootRequired) {
    fail(report, phase, ran->exit_code, out, ctx);
    return std::nullopt;
  }
  report.reboot_required = report.reboot_required || ran->exit_code == kErrorSuccessRebootRequired;
  report.details.push_back(fmt::format("/{}: {}", phase.name, health_text(out.health)));
  return out;
}

}  // namespace

StepReport run_dism_step(StepContext& ctx) {
  StepReport report;
  ProgressFilter bar([&](double percent) {
    if (ctx.progress) ctx.progress(step_id::kDism, percent);
  });
  if (!run_phase(ctx, kCheck, report, bar)) return report;
  auto scan = run_phase(ctx, kScan, report, bar);
  if (!scan) return report;
  if (scan->health == StoreHealth::Healthy) {
    report.result = "healthy";
    report.details.push_back("/RestoreHealth skipped: ScanHealth found nothing to repair");
    bar.offer(kRestore.progress_to);
    return report;
  }
  if (!run_phase(ctx, kRestore, report, bar)) return report;
  report.result = "repaired";
  return report;
}

}  // namespace wufix
