#include "cli/updates_text.h"

#include <fmt/format.h>

#include "cli/catalog_cli.h"

namespace wufix {
namespace {

std::string kb_or_id(const UpdateFacts& u) {
  std::string kb = first_kb(u);
  return kb.empty() ? u.id : kb;
}

std::string facts_line(const UpdateFacts& u) {
  std::string flags = fmt::format("{}, restart: {}", human_size(u.max_download_size),
                                  reboot_text(u.reboot_behavior));
  if (u.downloaded) flags += ", downloaded";
  if (u.hidden) flags += ", hidden";
  if (u.browse_only) flags += ", optional";
  return flags;
}

std::string failure_text(const CodeAdvice& a, const Output& out) {
  std::string name = a.name.empty() ? "" : " " + a.name;
  return fmt::format("    {}{}: {}\n    {} {}\n", a.hresult, name, a.meaning,
                     out.paint(Tone::Bold, "fix:"), a.fix);
}

}  // namespace

std::string update_line(const UpdateFacts& u, const Output& out) {
  return fmt::format("  {:<10} {:<10} {}\n             {}\n", kb_or_id(u), to_string(classify(u)),
                     out.paint(Tone::Bold, u.title), out.paint(Tone::Dim, facts_line(u)));
}

std::string scan_text(const ScanResult& r, bool hidden, const Output& out) {
  if (r.error) {
    CodeAdvice a = advise(r.error->code);
    return fmt::format("{} The search of {} failed.\n", out.mark(Tone::Bad), r.service.label()) +
           failure_text(a, out);
  }
  std::string what = hidden ? "hidden updates" : "updates pending";
  if (r.updates.empty())
    return fmt::format("{} {}: no {}.\n", out.mark(Tone::Good), r.service.label(), what);
  std::string text = fmt::format("{} {}: {} {}\n", out.mark(Tone::Good), r.service.label(),
                                 r.updates.size(), what);
  for (const auto& u : r.updates) text += update_line(u, out);
  return text;
}

std::string plan_text(const InstallPlan& plan, const UpdateService& service, const Output& out) {
  std::string text = fmt::format("To install from {}:\n", service.label());
  for (const auto& u : plan.chosen) text += update_line(u, out);
  if (plan.chosen.empty()) text += "  (nothing)\n";
  for (const auto& l : plan.left_out)
    text += fmt::format("  left out: {} {}: {}\n", kb_or_id(l.update), l.update.title, l.reason);
  for (const auto& n : plan.not_found)
    text += fmt::format("  {} {}: not pending (already installed, hidden, or not offered)\n",
                        out.mark(Tone::Bad), n);
  return text;
}

std::string install_text(const InstallReport& r, const Output& out) {
  std::string text;
  for (const auto& o : r.updates) {
    Tone tone = o.status == "installed" ? Tone::Good : Tone::Bad;
    std::string status = o.status == "installed" && o.reboot_required ? "installed, restart required"
                                                                      : o.status;
    text += fmt::format("{} {} {}: {}\n", out.mark(tone), kb_or_id(o.update), o.update.title, status);
    if (o.advice) text += failure_text(*o.advice, out);
  }
  for (const auto& n : r.not_found)
    text += fmt::format("{} {}: not pending (already installed, hidden, or not offered)\n",
                        out.mark(Tone::Bad), n);
  if (r.error) text += fmt::format("{} {}\n", out.paint(Tone::Bad, "error:"), r.error->message());
  if (r.updates.empty() && r.not_found.empty() && !r.error) text += "Nothing to install.\n";
  if (r.reboot_required)
    text += out.paint(Tone::Warn, "Restart Windows to finish the installation") +
            " (wufix never restarts by itself).\n";
  return text;
}

std::string hide_text(const HideOutcome& o, const Output& out) {
  std::string text;
  for (const auto& a : o.actions)
    text += fmt::format("{} {}\n", out.mark(Tone::Good), a.describe());
  for (const auto& u : o.unchanged) text += fmt::format("{} {}\n", out.mark(Tone::Good), u);
  for (const auto& n : o.not_found)
    text += fmt::format("{} {}: not a pending update\n", out.mark(Tone::Bad), n);
  if (o.error) text += fmt::format("{} {}\n", out.paint(Tone::Bad, "error:"), o.error->message());
  if (!o.actions.empty())
    text += fmt::format("Run {}. Undo it: wufix undo {}\n", o.run_id, o.run_id);
  return text;
}

std::string proof_text(const ScanProof& p, const Output& out) {
  if (p.status == "ok")
    return fmt::format("{} Windows Update can search again: {} updates available\n",
                       out.mark(Tone::Good), *p.updates);
  if (p.status == "failed")
    return fmt::format("{} Windows Update still cannot search: {}\n", out.mark(Tone::Bad), p.reason) +
           failure_text(*p.advice, out);
  return out.paint(Tone::Dim, "Update search not checked: " + p.reason) + "\n";
}

}  // namespace wufix
