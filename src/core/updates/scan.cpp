#include "core/updates/scan.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/checks/reg_values.h"
#include "core/error_codes.h"
#include "core/hresult.h"
#include "core/json_schema.h"
#include "core/logs/causes.h"

namespace wufix {
namespace {

// Classification category ids (WSUS/WUA UpdateClassification GUIDs): the same in every
// language, unlike the names.
struct KnownCategory {
  const char* id;
  Classification classification;
};
constexpr KnownCategory kCategories[] = {
    {"0fa1201d-4330-4fa8-8ae9-b877473b6441", Classification::Security},    // Security Updates
    {"e6cf1350-c01b-414d-a61f-263d14d133b4", Classification::Critical},    // Critical Updates
    {"28bc880e-0592-4cbf-8f95-c79b17911d5f", Classification::Critical},    // Update Rollups (MSRT)
    {"b54e7d24-7add-428f-8b75-90a396fa584f", Classification::Feature},     // Feature Packs
    {"3689bdc8-b205-4af4-8d4a-a63924c5e9d5", Classification::Feature},     // Upgrades
    {"ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0", Classification::Driver},      // Drivers
    {"e0789628-ce08-4437-be74-2495b842f43b", Classification::Definition},  // Definition Updates
};

std::string trim_braces(std::string s) {
  if (!s.empty() && s.front() == '{') s.erase(0, 1);
  if (!s.empty() && s.back() == '}') s.pop_back();
  return s;
}

constexpr const char* kPolicyKey = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kAuPolicyKey = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
// Microsoft Update's service id; the key exists once "updates for other Microsoft products"
// is on (Settings, or a registration through IUpdateServiceManager).
constexpr const char* kMicrosoftUpdateKey =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Services\\"
    "7971F918-A847-4430-9279-4A52D1EFE18D";

std::optional<RegValue> read_value(const Registry& reg, const char* key, const char* name) {
  auto v = reg.read(Hive::LocalMachine, key, name);
  return v ? *v : std::nullopt;
}

}  // namespace

const char* to_string(Classification c) {
  switch (c) {
    case Classification::Security: return "security";
    case Classification::Critical: return "critical";
    case Classification::Feature: return "feature";
    case Classification::Driver: return "driver";
    case Classification::Definition: return "definition";
    case Classification::Preview: return "preview";
    case Classification::Optional: return "optional";
    case Classification::Update: return "update";
  }
  return "update";
}

Classification classify(const UpdateFacts& u) {
  if (u.is_driver) return Classification::Driver;
  // "2024-10 Cumulative Update Preview for Windows 11": Microsoft's own word for it.
  if (u.title.find("Preview") != std::string::npos) return Classification::Preview;
  if (u.browse_only) return Classification::Optional;
  for (const auto& cat : u.categories) {
    std::string id = ascii_lower(trim_braces(cat.id));
    for (const auto& known : kCategories)
      if (id == known.id) return known.classification;
  }
  return Classification::Update;
}

const char* reboot_text(int reboot_behavior) {
  switch (reboot_behavior) {
    case 1: return "always";
    case 2: return "can-request";
    default: return "never";
  }
}

std::string UpdateService::label() const {
  if (id == "wsus") return server.empty() ? "WSUS" : "WSUS (" + server + ")";
  return id == "microsoft-update" ? "Microsoft Update" : "Windows Update";
}

UpdateService configured_service(const Registry& registry) {
  UpdateService s{"windows-update", ""};
  auto use = read_value(registry, kAuPolicyKey, "UseWUServer");
  auto server = read_value(registry, kPolicyKey, "WUServer");
  if (use && regval::as_number(*use).value_or(0) == 1 && server) {
    std::string url = regval::as_text(*server).value_or("");
    if (!url.empty()) return {"wsus", url};
  }
  auto mu = registry.key_exists(Hive::LocalMachine, kMicrosoftUpdateKey);
  if (mu && *mu) s.id = "microsoft-update";
  return s;
}

bool agent_unavailable(uint32_t hresult) {
  return hresult == 0x80004001u      // E_NOTIMPL: Wine's stub
         || hresult == 0x80040154u   // REGDB_E_CLASSNOTREG
         || hresult == 0x80040111u;  // CLASS_E_CLASSNOTAVAILABLE
}

CodeAdvice advise(uint32_t hresult, const std::string& kb) {
  CodeAdvice a;
  a.hresult = format_hresult(hresult);
  const CodeInfo* info = find_code(hresult);
  if (info) {
    a.name = info->name;
    a.meaning = info->description + (info->cause.empty() ? "" : "; " + info->cause);
  } else {
    a.meaning = "a code wufix does not know";
  }
  // The same rule `wufix logs` uses for a failed update (download/protocol codes: reset).
  Cause c;
  c.kind = kb.empty() ? cause_kind::kAgentError : cause_kind::kUpdateInstall;
  c.code = hresult;
  c.kb = kb;
  a.fix = fix_for(c);
  return a;
}

nlohmann::json to_json(const CodeAdvice& a) {
  return {{"hresult", a.hresult},
          {"name", a.name.empty() ? nlohmann::json() : nlohmann::json(a.name)},
          {"meaning", a.meaning},
          {"fix", a.fix}};
}

std::string first_kb(const UpdateFacts& u) { return u.kbs.empty() ? "" : "KB" + u.kbs.front(); }

ScanResult scan_updates(const System& sys, std::unique_ptr<UpdateSession>& session,
                        std::string_view criteria, std::chrono::seconds time_limit) {
  ScanResult r;
  r.service = configured_service(*sys.registry);
  if (!session) {
    auto opened = sys.update_agent->open_session();
    if (!opened) {
      r.error = opened.error();
      return r;
    }
    session = std::move(*opened);
  }
  auto found = session->search(criteria, time_limit);
  if (!found) r.error = found.error();
  else r.updates = std::move(*found);
  return r;
}

nlohmann::json to_json(const UpdateFacts& u) {
  nlohmann::json kbs = nlohmann::json::array();
  for (const auto& kb : u.kbs) kbs.push_back("KB" + kb);
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : u.categories) categories.push_back(c.name);
  std::string kb = first_kb(u);
  return {{"id", u.id},
          {"revision", u.revision},
          {"kb", kb.empty() ? nlohmann::json() : nlohmann::json(kb)},
          {"kbs", kbs},
          {"title", u.title},
          {"classification", to_string(classify(u))},
          {"categories", categories},
          {"size_bytes", u.max_download_size},
          {"downloaded", u.downloaded},
          {"reboot", reboot_text(u.reboot_behavior)},
          {"hidden", u.hidden},
          {"browse_only", u.browse_only}};
}

nlohmann::json error_json(const Error& e) {
  nlohmann::json j = to_json(advise(e.code));
  j["message"] = e.message();
  return j;
}

nlohmann::json to_json(const ScanResult& r) {
  nlohmann::json updates = nlohmann::json::array();
  for (const auto& u : r.updates) updates.push_back(to_json(u));
  return {{"schema", kJsonSchema},
          {"service", r.service.id},
          {"wsus_server", r.service.server.empty() ? nlohmann::json() : nlohmann::json(r.service.server)},
          {"updates", updates},
          {"error", r.error ? error_json(*r.error) : nlohmann::json()}};
}

}  // namespace wufix
