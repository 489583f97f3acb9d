// wufix updates [scan]: what the Windows Update Agent offers this PC, as a value. The agent is
// behind the seam (UpdateAgent::open_session); here are its criteria, the classification of
// what it returns, the service it asks, and what a failed search means.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/seam.h"

namespace wufix {

// security, critical, feature, driver, definition, preview, optional, update (anything else).
enum class Classification { Security, Critical, Feature, Driver, Definition, Preview, Optional, Update };
const char* to_string(Classification c);
// From the classification category's id (language-neutral), the driver type, "Preview" in the
// title and BrowseOnly. A preview or an optional update is so whatever its category says.
Classification classify(const UpdateFacts& u);

// never | always | can-request (InstallationBehavior.RebootBehavior)
const char* reboot_text(int reboot_behavior);

inline constexpr const char* kCriteriaPending = "IsInstalled=0 and IsHidden=0";
inline constexpr const char* kCriteriaHidden = "IsInstalled=0 and IsHidden=1";
inline constexpr const char* kCriteriaAll = "IsInstalled=0";  // hidden or not

// Where the agent searches: WSUS when policy says so, else Microsoft Update when it is
// registered, else Windows Update.
struct UpdateService {
  std::string id;      // windows-update | microsoft-update | wsus
  std::string server;  // the WSUS server (policy WUServer), else empty
  std::string label() const;
};
UpdateService configured_service(const Registry& registry);

// The agent could not be reached at all (class not registered, E_NOTIMPL as under Wine's stub):
// nothing about Windows Update's health can be learnt from that.
bool agent_unavailable(uint32_t hresult);

// What a failure code means and the wufix command that addresses it (the code table, and
// `wufix repair --only reset` for download/protocol errors, as `wufix logs` says).
struct CodeAdvice {
  std::string hresult;  // "0x8024402C"
  std::string name;     // may be empty
  std::string meaning;  // description; likely cause
  std::string fix;      // "wufix repair --only reset", "wufix diagnose", ...
};
CodeAdvice advise(uint32_t hresult, const std::string& kb = "");
nlohmann::json to_json(const CodeAdvice& a);

struct ScanResult {
  UpdateService service;
  std::vector<UpdateFacts> updates;
  std::optional<Error> error;  // the agent could not be opened, or the search failed
};

// Opens a session (kept in `session` for what comes next) and searches with `criteria`.
ScanResult scan_updates(const System& sys, std::unique_ptr<UpdateSession>& session,
                        std::string_view criteria, std::chrono::seconds time_limit);

// {"id", "revision", "kb", "kbs", "title", "classification", "size_bytes", "downloaded",
//  "reboot", "hidden", "browse_only", "categories"}
nlohmann::json to_json(const UpdateFacts& u);
// {"schema": 1, "service", "wsus_server", "updates": [...], "error": null | {...}}
nlohmann::json to_json(const ScanResult& r);
nlohmann::json error_json(const Error& e);

// "KB5044284" of the first KB, or "" when the update names none.
std::string first_kb(const UpdateFacts& u);

}  // namespace wufix
