#include "core/updates/install.h"

#include <algorithm>

#include "core/catalog/match.h"
#include "core/catalog/pages.h"
#include "core/exit_codes.h"
#include "core/hresult.h"
#include "core/json_schema.h"

namespace wufix {
namespace {

constexpr int kSucceeded = 2, kSucceededWithErrors = 3;

bool names(const UpdateFacts& u, const std::string& wanted) {
  if (wanted.rfind("KB", 0) != 0) return u.id.size() == wanted.size() &&
      std::equal(u.id.begin(), u.id.end(), wanted.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      });
  return std::find(u.kbs.begin(), u.kbs.end(), wanted.substr(2)) != u.kbs.end();
}

std::optional<std::string> excluded(const UpdateFacts& u, const UpdateFilter& f) {
  Classification c = classify(u);
  if (f.exclude_drivers && c == Classification::Driver) return "driver (--exclude-drivers)";
  if (f.exclude_preview && (c == Classification::Preview || c == Classification::Optional))
    return std::string(to_string(c)) + " (--exclude-preview)";
  return std::nullopt;
}

bool succeeded(const UpdateOpResult& r) {
  return r.result_code == kSucceeded || r.result_code == kSucceededWithErrors;
}

UpdateOpResult result_at(const UpdateBatchResult& batch, size_t i) {
  return i < batch.updates.size() ? batch.updates[i] : UpdateOpResult{batch.result_code, batch.hresult, false};
}

void fail_update(UpdateOutcome& o, const char* status, uint32_t hresult) {
  o.status = status;
  o.hresult = hresult;
  o.advice = advise(hresult, first_kb(o.update));
}

nlohmann::json op_json(const std::optional<UpdateOpResult>& r) {
  if (!r) return nullptr;
  return {{"result", result_code_text(r->result_code)}, {"hresult", format_hresult(r->hresult)}};
}

nlohmann::json left_json(const LeftOut& l) {
  nlohmann::json j = to_json(l.update);
  j["reason"] = l.reason;
  return j;
}

}  // namespace

Result<std::vector<std::string>> parse_update_args(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    if (auto kb = catalog::normalize_kb(a)) {
      out.push_back(*kb);
    } else if (catalog::is_update_id(a)) {
      std::string id = a;
      std::transform(id.begin(), id.end(), id.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      out.push_back(id);
    } else {
      return Error{0, "not a KB number or an update id (KB5044284, 5044284 or a GUID)", a};
    }
  }
  return out;
}

InstallPlan plan_install(const std::vector<UpdateFacts>& pending, const UpdateFilter& filter) {
  InstallPlan plan;
  for (const auto& u : pending) {
    bool asked = std::any_of(filter.wanted.begin(), filter.wanted.end(),
                             [&](const std::string& w) { return names(u, w); });
    if (!filter.wanted.empty() && !asked) continue;
    if (auto why = excluded(u, filter)) {
      plan.left_out.push_back({u, *why});
    } else if (filter.wanted.empty() && !filter.all && u.browse_only) {
      plan.left_out.push_back({u, "optional: name it, or use --all"});
    } else {
      plan.chosen.push_back(u);
    }
  }
  for (const auto& w : filter.wanted)
    if (std::none_of(pending.begin(), pending.end(), [&](const UpdateFacts& u) { return names(u, w); }))
      plan.not_found.push_back(w);
  return plan;
}

bool InstallReport::failed() const {
  return error.has_value() || !not_found.empty() ||
         std::any_of(updates.begin(), updates.end(),
                     [](const UpdateOutcome& o) { return o.status != "installed"; });
}

int InstallReport::exit_code() const {
  if (failed()) return exit_code::kFindings;
  return reboot_required ? exit_code::kRestartRequired : exit_code::kOk;
}

InstallReport run_install(UpdateSession& session, const InstallPlan& plan,
                          const InstallHooks& hooks) {
  InstallReport r;
  r.left_out = plan.left_out;
  r.not_found = plan.not_found;
  if (plan.chosen.empty()) return r;
  std::vector<std::string> ids;
  for (const auto& u : plan.chosen) {
    ids.push_back(u.id);
    r.updates.push_back(UpdateOutcome{u, "", {}, {}, 0, false, {}});
  }
  auto downloaded = session.download(ids, hooks.download_progress);
  if (!downloaded) {
    r.error = downloaded.error();
    for (auto& o : r.updates) fail_update(o, "download-failed", downloaded.error().code);
    return r;
  }
  std::vector<std::string> ready;
  std::vector<size_t> ready_at;
  for (size_t i = 0; i < r.updates.size(); ++i) {
    UpdateOutcome& o = r.updates[i];
    o.download = result_at(*downloaded, i);
    if (!succeeded(*o.download)) {
      fail_update(o, "download-failed", o.download->hresult);
      continue;
    }
    ready.push_back(o.update.id);
    ready_at.push_back(i);
  }
  if (ready.empty()) return r;
  auto installed = session.install(ready, hooks.install_progress);
  if (!installed) {
    r.error = installed.error();
    for (size_t i : ready_at) fail_update(r.updates[i], "failed", installed.error().code);
    return r;
  }
  for (size_t k = 0; k < ready_at.size(); ++k) {
    UpdateOutcome& o = r.updates[ready_at[k]];
    o.install = result_at(*installed, k);
    o.reboot_required = o.install->reboot_required;
    if (o.install->result_code == kSucceeded) o.status = "installed";
    else if (o.install->result_code == kSucceededWithErrors) fail_update(o, "installed-with-errors", o.install->hresult);
    else fail_update(o, "failed", o.install->hresult);
  }
  r.reboot_required = installed->reboot_required ||
                      std::any_of(r.updates.begin(), r.updates.end(),
                                  [](const UpdateOutcome& o) { return o.reboot_required; });
  return r;
}

const char* result_code_text(int code) {
  switch (code) {
    case 0: return "not-started";
    case 1: return "in-progress";
    case 2: return "succeeded";
    case 3: return "succeeded-with-errors";
    case 4: return "failed";
    case 5: return "aborted";
    default: return "unknown";
  }
}

nlohmann::json to_json(const InstallReport& r) {
  nlohmann::json updates = nlohmann::json::array();
  for (const auto& o : r.updates) {
    nlohmann::json j = to_json(o.update);
    j["status"] = o.status;
    j["download"] = op_json(o.download);
    j["install"] = op_json(o.install);
    j["reboot_required"] = o.reboot_required;
    j["failure"] = o.advice ? to_json(*o.advice) : nlohmann::json();
    updates.push_back(j);
  }
  nlohmann::json left = nlohmann::json::array();
  for (const auto& l : r.left_out) left.push_back(left_json(l));
  return {{"schema", kJsonSchema},
          {"service", r.service.id},
          {"wsus_server", r.service.server.empty() ? nlohmann::json() : nlohmann::json(r.service.server)},
          {"updates", updates},
          {"left_out", left},
          {"not_found", r.not_found},
          {"reboot_required", r.reboot_required},
          {"exit_code", r.exit_code()},
          {"error", r.error ? error_json(*r.error) : nlohmann::json()}};
}

}  // namespace wufix
