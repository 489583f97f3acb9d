// wufix history: every repair run this PC has had, newest last, from the run journals.
#include <map>

#include <fmt/format.h>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/repair_text.h"
#include "core/json_schema.h"
#include "core/repair/journal.h"

namespace wufix {
namespace {

nlohmann::json run_json(const RunLog& r) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : r.steps)
    steps.push_back({{"id", s.id}, {"status", s.status}, {"result", s.result}});
  return {{"run_id", r.run_id}, {"started", r.started},   {"plan", r.plan},
          {"steps", steps},     {"result", run_result(r)}, {"interrupted", r.interrupted()},
          {"undone", r.undone()},       {"verification", r.verification},
          {"refused", r.refused ? nlohmann::json(*r.refused) : nlohmann::json()},
          {"undo_forgotten", r.undo_forgotten ? nlohmann::json(*r.undo_forgotten) : nlohmann::json()}};
}

// "  (verified: 2 fixed, 1 still-present)" from the end record's proof; "" when there is none.
std::string proof_text(const nlohmann::json& verification) {
  std::map<std::string, int> counts;
  for (const auto& v : verification)
    if (v.is_object() && v.contains("status") && v["status"].is_string())
      ++counts[v["status"].get<std::string>()];
  if (counts.empty()) return "";
  std::vector<std::string> parts;
  for (const auto& [status, n] : counts) parts.push_back(fmt::format("{} {}", n, status));
  return fmt::format("  (verified: {})", fmt::join(parts, ", "));
}

class HistoryCommand : public Command {
 public:
  std::string name() const override { return "history"; }
  std::string summary() const override { return "List the repair runs and whether they were undone"; }
  bool needs_windows() const override { return true; }
  void define(CLI::App&) override {}
  int run(Context& ctx) override {
    auto journals = load_journals(ctx);
    if (!journals) return exit_code::kUsage;
    const auto* runs = &journals->runs;
    if (ctx.global.json) {
      nlohmann::json list = nlohmann::json::array(), skipped = nlohmann::json::array();
      for (const auto& r : *runs) list.push_back(run_json(r));
      for (const auto& s : journals->skipped)
        skipped.push_back({{"file", s.file}, {"reason", s.reason}});
      ctx.out.out(json_text(nlohmann::json{{"schema", kJsonSchema}, {"runs", list}, {"skipped", skipped}}));
      return exit_code::kOk;
    }
    if (runs->empty()) ctx.out.out("No repair runs yet.\n");
    for (const auto& r : *runs) {
      ctx.out.out(fmt::format("{}  {}  {:<16} {}{}{}{}{}\n", r.run_id, r.started, run_result(r),
                              fmt::join(r.plan, ","), proof_text(r.verification),
                              r.undone() ? "  (undone)" : "",
                              r.undo_forgotten ? "  (undo given up: cleanup deleted its folders)" : "",
                              r.refused ? "  (refused: " + *r.refused + ")" : ""));
    }
    return exit_code::kOk;
  }
};

}  // namespace

std::unique_ptr<Command> make_history_command() { return std::make_unique<HistoryCommand>(); }

}  // namespace wufix
