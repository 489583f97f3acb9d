// wufix diagnose: every check the how-to and the troubleshooter make; changes nothing.
#include <fmt/format.h>

#include "cli/command.h"
#include "cli/repair_text.h"
#include "core/exit_codes.h"
#include "cli/machine_fields.h"
#include "cli/ntp_option.h"
#include "core/diagnose.h"
#include "core/health/store.h"
#include "core/os_info.h"

namespace wufix {
namespace {

Tone severity_tone(Severity s) {
  switch (s) {
    case Severity::Info: return Tone::Plain;
    case Severity::Warning: return Tone::Warn;
    case Severity::Error: return Tone::Bad;
  }
  return Tone::Bad;
}

Tone severity_tone(const CheckResult& c) {
  Tone worst = c.status == CheckStatus::Error ? Tone::Bad : Tone::Good;
  if (c.status == CheckStatus::Skipped) worst = Tone::Dim;
  for (const Finding& f : c.findings) {
    if (f.severity == Severity::Error) worst = Tone::Bad;
    if (f.severity == Severity::Warning && worst != Tone::Bad) worst = Tone::Warn;
  }
  return worst;
}

std::string header(const Diagnosis& d) {
  std::string os = d.os ? os_summary(*d.os) : "OS unknown";
  std::string elevation = !d.elevated ? "elevation unknown"
                          : *d.elevated ? "elevated" : "not elevated";
  return fmt::format("wufix {} diagnose: {}, {}\n\n", WUFIX_VERSION, os, elevation);
}

std::string check_line(const CheckResult& c, const Output& out) {
  std::string detail;
  switch (c.status) {
    case CheckStatus::Ok: detail = "ok"; break;
    case CheckStatus::Finding:
      detail = c.findings.size() == 1 ? c.findings.front().summary
                                      : fmt::format("{} findings", c.findings.size());
      break;
    case CheckStatus::Skipped: detail = "skipped: " + c.reason; break;
    case CheckStatus::Error: detail = "error: " + c.reason; break;
  }
  return fmt::format("{} {:<15} {}\n", out.mark(severity_tone(c)), c.id, detail);
}

std::string evidence_line(const nlohmann::json& evidence) {
  std::string line;
  for (const auto& [key, value] : evidence.items()) {
    if (value.is_null()) continue;  // unknown values say nothing to a person
    if (!line.empty()) line += ", ";
    line += key + ": " + (value.is_string() ? value.get<std::string>() : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return line;
}

std::string finding_block(const Finding& f, const Output& out) {
  std::string text = fmt::format("{} {}: {}\n", out.mark(severity_tone(f.severity)),
                                 out.paint(Tone::Bold, f.id), f.summary);
  if (!f.evidence.empty()) text += fmt::format("    {}\n", out.paint(Tone::Dim, evidence_line(f.evidence)));
  if (f.fix) text += fmt::format("    fix: {}\n", out.paint(Tone::Good, "wufix repair --only " + *f.fix));
  if (!f.advice.empty()) text += fmt::format("    advice: {}\n", f.advice);
  return text;
}

std::string summary(const Diagnosis& d) {
  int errors = 0, warnings = 0, infos = 0;
  for (const Finding* f : d.findings()) {
    (f->severity == Severity::Error ? errors : f->severity == Severity::Warning ? warnings : infos)++;
  }
  if (errors + warnings == 0) {
    return fmt::format("\nNo problems found ({} notes). Windows Update's prerequisites look healthy.\n", infos);
  }
  std::string text = fmt::format("\n{} error(s), {} warning(s), {} note(s).", errors, warnings, infos);
  std::vector<std::string> steps = d.fix_steps();
  if (!steps.empty()) text += fmt::format(" Repair: wufix repair --only {}", fmt::join(steps, ","));
  return text + "\n";
}

std::string render_text(const Diagnosis& d, const Output& out) {
  std::string text = header(d);
  for (const CheckResult& c : d.checks) text += check_line(c, out);
  if (!d.findings().empty()) text += "\n";
  for (const Finding* f : d.findings()) text += finding_block(*f, out);
  return text + summary(d);
}

class DiagnoseCommand : public Command {
 public:
  std::string name() const override { return "diagnose"; }
  std::string summary() const override {
    return "Check everything Windows Update needs (read-only)";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    add_ntp_server_option(sub, options_.ntp_host, options_.ntp_port,
                          "Time server for the clock check, HOST[:PORT]")
        ->default_str("time.windows.com");
    sub.add_option("--min-free-gb", options_.min_free_gb,
                   "Warn below this much free space on the system drive (error below half)")
        ->check(CLI::PositiveNumber);
    sub.add_flag("--no-redact", no_redact_, "--json: keep the computer name");
    sub.add_flag("--health", health_,
                 "The scheduled check (wufix schedule): also keep this result in "
                 "%ProgramData%\\wufix\\health and write an event when a problem appears or clears");
  }
  int run(Context& ctx) override {
    // The scheduled run (SYSTEM) writes the protected results: refused before any check when
    // not elevated, rather than failing on the folder after the whole diagnosis.
    if (health_)
      if (auto refused = require_elevation(ctx, "wufix diagnose --json --health")) return *refused;
    Diagnosis d = run_diagnose(ctx.sys, options_);
    nlohmann::json j = to_json(d);
    add_machine_fields(j, *ctx.sys.console, !no_redact_, ctx.sys.clock->now());
    ctx.out.out(ctx.global.json ? json_text(j) : render_text(d, ctx.out));
    if (health_ && !keep_health(ctx, std::move(j))) return exit_code::kFindings;
    return d.has_problems() ? exit_code::kFindings : exit_code::kOk;
  }

 private:
  // The result stored and its changes reported (the event log never fails the run).
  static bool keep_health(Context& ctx, nlohmann::json doc) {
    auto kept = record_health(ctx.sys, ctx.upkeep, std::move(doc));
    if (!kept) {
      ctx.out.error_line("cannot keep the health result: " + kept.error().message());
      return false;
    }
    if (kept->event_error)
      ctx.out.err("wufix: warning: event log not written: " + kept->event_error->message() + "\n");
    if (kept->outcome_error)
      ctx.out.err("wufix: warning: what became of the events is not stored: " +
                  kept->outcome_error->message() + "\n");
    if (kept->sharing_error)
      ctx.out.err("wufix: warning: `wufix status` will need elevation: Users cannot read the "
                  "health results: " + kept->sharing_error->message() + "\n");
    if (kept->rotate_error)
      ctx.out.err("wufix: warning: an old health result stays: " + kept->rotate_error->message() + "\n");
    return true;
  }

  DiagnoseOptions options_;
  bool no_redact_ = false;
  bool health_ = false;
};

}  // namespace

std::unique_ptr<Command> make_diagnose_command() { return std::make_unique<DiagnoseCommand>(); }

}  // namespace wufix
