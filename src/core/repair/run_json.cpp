// `repair --json` (schema 1, docs/cli.md): the same RunOutcome the text printer reads.
#include <fmt/format.h>

#include "core/error_codes.h"
#include "core/hresult.h"
#include "core/json_schema.h"
#include "core/repair/repair.h"

namespace wufix {
namespace {

nlohmann::json error_json(const std::optional<Error>& e) {
  if (!e) return nullptr;
  nlohmann::json j{{"code", e->code}, {"message", e->message()}};
  uint32_t hr = error_code_hresult(e->code);
  j["hresult"] = e->code ? nlohmann::json(format_hresult(hr)) : nlohmann::json();
  const CodeInfo* info = e->code ? find_code(hr) : nullptr;
  j["name"] = info && !info->name.empty() ? nlohmann::json(info->name) : nlohmann::json();
  return j;
}

nlohmann::json actions_json(const std::vector<Action>& actions) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : actions) list.push_back(to_json(a));
  return list;
}

}  // namespace

nlohmann::json to_json(const RunOutcome& outcome) {
  nlohmann::json verification = nlohmann::json::array();
  for (const auto& v : outcome.verification) verification.push_back(to_json(v));
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : outcome.steps) {
    const bool plan = s.status == StepStatus::Planned;  // a plan has no results or errors
    steps.push_back({{"id", s.id},
                     {"skipped_because", s.skipped_because.empty() ? nlohmann::json() : nlohmann::json(s.skipped_because)},
                     {"verifies", checks_for_step(s.id)},
                     {"status", to_string(s.status)},
                     {"actions", actions_json(s.actions)},
                     {"result", plan || s.report.result.empty() ? nlohmann::json() : nlohmann::json(s.report.result)},
                     {"error", plan ? nlohmann::json() : error_json(s.report.error)},
                     {"details", plan ? std::vector<std::string>() : s.report.details},
                     {"restored", actions_json(s.restored)},
                     {"rollback_error", error_json(s.rollback_error)},
                     {"reboot_required", s.report.reboot_required},
                     {"duration_ms", s.duration.count()}});
  }
  return {{"schema", kJsonSchema},
          {"run_id", outcome.run_id},
          {"dry_run", outcome.dry_run},
          {"resumed", outcome.resumed},
          {"resume_rollback", actions_json(outcome.resume_rollback)},
          {"steps", steps},
          {"verification", verification},
          {"reboot_required", outcome.reboot_required()},
          {"exit_code", outcome.exit_code()}};
}

}  // namespace wufix
