#include "core/gui/pages.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/gui/strings.h"
#include "core/repair/verify.h"

namespace wufix::gui {
namespace {

Icon icon_of(Severity s) {
  switch (s) {
    case Severity::Error: return Icon::Error;
    case Severity::Warning: return Icon::Warning;
    case Severity::Info: return Icon::Note;
  }
  return Icon::Error;
}

std::string value_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string details_of(const Finding& f) {
  std::string text;
  for (const auto& [key, value] : f.evidence.items())
    if (!value.is_null()) text += key + ": " + value_text(value) + "\r\n";
  if (f.fix) text += fmt::format("Repair: {}\r\n", step_label(*f.fix));
  if (!f.advice.empty()) text += "What to do: " + f.advice + "\r\n";
  return text;
}

const StepOutcome* step_in(const RunOutcome& run, std::string_view id) {
  for (const auto& s : run.steps)
    if (s.id == id) return &s;
  return nullptr;
}

// How the run left one problem diagnose found.
VerifyStatus status_after(const Finding& f, const RunOutcome& run) {
  const std::string subject = subject_of(f);
  for (const auto& v : run.verification)
    if (v.finding == f.id && v.subject == subject) return v.status;
  if (f.id == finding_id::kPendingReboot) return VerifyStatus::NeedsRestart;
  if (!f.fix) return VerifyStatus::StillPresent;
  const StepOutcome* step = step_in(run, *f.fix);
  // dism and sfc have no check to run again: their own verdict is the proof.
  if (step && step->status == StepStatus::Done && checks_for_step(step->id).empty())
    return step->report.reboot_required ? VerifyStatus::NeedsRestart : VerifyStatus::Fixed;
  return VerifyStatus::StillPresent;
}

std::string failed_kb(const Diagnosis& d) {
  for (const Finding* f : d.findings()) {
    if (f->id != finding_id::kUpdateFailed) continue;
    auto kb = f->evidence.find("kb");
    if (kb != f->evidence.end() && kb->is_string() && !kb->get<std::string>().empty())
      return kb->get<std::string>();
  }
  return "";
}

std::string headline(const ResultPage& page, const RunOutcome& run) {
  if (!page.cancelled.empty()) return page.cancelled;
  bool any_done = std::any_of(run.steps.begin(), run.steps.end(),
                              [](const StepOutcome& s) { return s.status == StepStatus::Done; });
  bool left = std::any_of(page.rows.begin(), page.rows.end(), [](const ResultRow& r) {
    return r.status == VerifyStatus::StillPresent;
  });
  if (!any_done) return std::string(text(Text::ResultNothingRun));
  if (left) return std::string(text(Text::ResultSomeLeft));
  if (page.restart_now) return std::string(text(Text::ResultNeedsRestart));
  return std::string(text(Text::ResultAllFixed));
}

}  // namespace

std::vector<FindingRow> finding_rows(const Diagnosis& d) {
  std::vector<FindingRow> rows;
  for (const Finding* f : d.findings())
    rows.push_back({f->id, icon_of(f->severity), f->summary, details_of(*f)});
  std::stable_sort(rows.begin(), rows.end(), [](const FindingRow& a, const FindingRow& b) {
    return static_cast<int>(a.icon) < static_cast<int>(b.icon);
  });
  return rows;
}

std::vector<PlanRow> plan_rows(const Diagnosis& d) {
  const auto wanted = d.fix_steps();
  std::vector<PlanRow> rows;
  for (const auto& id : step_order()) {
    bool ticked = std::find(wanted.begin(), wanted.end(), id) != wanted.end();
    rows.push_back({id, std::string(step_label(id)), ticked});
  }
  return rows;
}

std::vector<std::string> ticked_steps(const std::vector<PlanRow>& rows) {
  std::vector<std::string> steps;
  for (const auto& r : rows)
    if (r.ticked) steps.push_back(r.step);
  return steps;
}

std::string step_status_text(const StepOutcome& s) {
  const auto error = [&] { return s.report.error ? ": " + s.report.error->message() : ""; };
  switch (s.status) {
    case StepStatus::Done:
      return std::string(text(Text::StepDone)) +
             (s.report.result.empty() ? "" : " (" + s.report.result + ")");
    case StepStatus::Skipped:
      return std::string(text(Text::StepSkipped)) +
             (s.skipped_because.empty() ? "" : ": " + s.skipped_because);
    case StepStatus::Failed: return std::string(text(Text::StepFailed)) + error();
    case StepStatus::RolledBack: return std::string(text(Text::StepRolledBack)) + error();
    case StepStatus::Planned: return std::string(text(Text::StepPlanned));
  }
  return std::string(text(Text::StepFailed));
}

std::string_view status_text(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::Fixed: return text(Text::Fixed);
    case VerifyStatus::StillPresent: return text(Text::StillPresent);
    case VerifyStatus::NeedsRestart: return text(Text::NeedsRestart);
  }
  return text(Text::StillPresent);
}

std::string cancel_summary(const RunOutcome& run) {
  std::vector<std::string> done, not_begun;
  for (const auto& s : run.steps) {
    if (s.status == StepStatus::Skipped && s.skipped_because == kCancelledReason)
      not_begun.push_back(std::string(step_label(s.id)));
    else if (s.status == StepStatus::Done)
      done.push_back(std::string(step_label(s.id)));
  }
  if (not_begun.empty()) return "";
  if (done.empty()) return std::string(text(Text::CancelledNothing));
  return fmt::format(fmt::runtime(text(Text::CancelledSummary)), fmt::join(done, "; "),
                     fmt::join(not_begun, "; "));
}

ResultPage result_page(const Diagnosis& before, const RunOutcome& run) {
  ResultPage page;
  for (const Finding* f : before.findings())
    if (is_problem(f->severity)) page.rows.push_back({f->summary, status_after(*f, run)});
  for (const auto& s : run.steps)
    page.step_lines.push_back(fmt::format("{}: {}", step_label(s.id), step_status_text(s)));
  page.restart_now = run.reboot_required() ||
                     std::any_of(page.rows.begin(), page.rows.end(), [](const ResultRow& r) {
                       return r.status == VerifyStatus::NeedsRestart;
                     });
  page.undo = !run.dry_run && std::any_of(run.steps.begin(), run.steps.end(), [](const StepOutcome& s) {
    return s.status == StepStatus::Done && !s.actions.empty();
  });
  page.download_kb = failed_kb(before);
  page.cancelled = cancel_summary(run);
  page.headline = headline(page, run);
  return page;
}

}  // namespace wufix::gui
