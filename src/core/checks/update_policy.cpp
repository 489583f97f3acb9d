// check_update_policy: the policy values tuning tools, old WSUS setups and former employers
// leave behind ("Some settings are managed by your organization"), one finding per value,
// with its severity by effect: blocking -> error, deferring -> warning, informational -> info.
#include "core/checks/update_policy.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/checks/reg_values.h"
#include "core/repair/action.h"

namespace wufix {
namespace {

constexpr const char* kWu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kAu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
constexpr const char* kUx = "SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings";
constexpr const char* kStore = "SOFTWARE\\Policies\\Microsoft\\WindowsStore";
constexpr const char* kWuauserv = "SYSTEM\\CurrentControlSet\\Services\\wuauserv";
constexpr const char* kGpState = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\State\\Machine";
constexpr const char* kMdmUpdate = "SOFTWARE\\Microsoft\\PolicyManager\\current\\device\\Update";

// A name, or a prefix when it ends with '*'. `when_set` applies when the value has an effect
// (non-zero, non-blank); otherwise the value is informational. A rule with a `healthy` text is
// a service value with a Windows default: not a finding while it holds that text, and set back
// to it (never removed) by the policy step.
struct Rule {
  const char* key;
  const char* name;
  PolicyEffect when_set;
  const char* meaning;
  const char* healthy = nullptr;
};

constexpr Rule kRules[] = {
    {kWu, "WUServer", PolicyEffect::Informational, "names a WSUS server"},
    {kWu, "WUStatusServer", PolicyEffect::Informational, "names a WSUS reporting server"},
    {kWu, "DoNotConnectToWindowsUpdateInternetLocations", PolicyEffect::Blocking,
     "keeps Windows Update away from Microsoft's servers"},
    {kWu, "DisableWindowsUpdateAccess", PolicyEffect::Blocking, "blocks access to Windows Update"},
    {kWu, "SetDisableUXWUAccess", PolicyEffect::Blocking, "hides \"Check for updates\""},
    {kWu, "DisableOSUpgrade", PolicyEffect::Blocking, "blocks upgrades to a new Windows version"},
    {kWu, "TargetReleaseVersion*", PolicyEffect::Deferring, "pins this PC to a Windows version"},
    {kWu, "ProductVersion", PolicyEffect::Deferring, "pins this PC to a Windows product"},
    {kWu, "DeferFeatureUpdates*", PolicyEffect::Deferring, "defers feature updates"},
    {kWu, "DeferQualityUpdates*", PolicyEffect::Deferring, "defers quality updates"},
    {kWu, "ExcludeWUDriversInQualityUpdate", PolicyEffect::Informational,
     "leaves drivers out of updates"},
    {kAu, "UseWUServer", PolicyEffect::Blocking,
     "sends Windows Update to the WSUS server instead of Microsoft"},
    {kAu, "NoAutoUpdate", PolicyEffect::Blocking, "turns automatic updates off"},
    {kAu, "AUOptions", PolicyEffect::Informational, "sets how updates are installed"},
    {kUx, "Pause*", PolicyEffect::Deferring, "pauses updates"},
    {kUx, "FlightSettingsMaxPauseDays", PolicyEffect::Deferring, "allows longer pauses"},
    {kStore, "DisableOSUpgrade", PolicyEffect::Blocking, "blocks upgrades to a new Windows version"},
    // Update blockers make wuauserv log on as Guest or a made-up account so that nothing
    // (WaaSMedicSvc, UsoSvc) can start it again: every start then fails with 1069.
    {kWuauserv, "ObjectName", PolicyEffect::Blocking,
     "makes wuauserv log on as another account than LocalSystem, so it cannot start",
     "LocalSystem"},
};

// A REG_SZ value as the registry stores it: UTF-16LE with its terminator (ASCII text only:
// the defaults of the table).
RawRegValue reg_sz(std::string name, std::string_view ascii) {
  RawRegValue v{std::move(name), 1 /*REG_SZ*/, {}};
  for (char c : ascii) v.bytes.insert(v.bytes.end(), {static_cast<uint8_t>(c), 0});
  v.bytes.insert(v.bytes.end(), {0, 0});
  return v;
}

// A service value at its Windows default is no finding (names and text case-insensitive).
bool at_default(const Rule& rule, const RawRegValue& raw) {
  if (!rule.healthy) return false;
  auto text = regval::as_text(regval::from_raw(raw));
  return text && same_name(*text, rule.healthy);
}

bool matches(std::string_view pattern, std::string_view name) {
  bool prefix = !pattern.empty() && pattern.back() == '*';
  if (prefix) pattern.remove_suffix(1);
  if (name.size() < pattern.size() || (!prefix && name.size() != pattern.size())) return false;
  return same_name(name.substr(0, pattern.size()), pattern);
}

PolicyEffect effect_of(const Rule& rule, const RawRegValue& raw) {
  RegValue v = regval::from_raw(raw);
  if (same_name(raw.name, "AUOptions")) {
    auto n = regval::as_number(v).value_or(0);
    return n == 1 ? PolicyEffect::Blocking
           : n == 2 || n == 3 ? PolicyEffect::Deferring
                              : PolicyEffect::Informational;
  }
  return regval::is_set(v) ? rule.when_set : PolicyEffect::Informational;
}

Severity severity_of(PolicyEffect e) {
  switch (e) {
    case PolicyEffect::Blocking: return Severity::Error;
    case PolicyEffect::Deferring: return Severity::Warning;
    case PolicyEffect::Informational: return Severity::Info;
  }
  return Severity::Info;
}

Finding policy_finding(const PolicyHit& hit, const std::optional<std::string>& manager) {
  Finding f;
  f.id = finding_id::kUpdatePolicy;
  f.severity = severity_of(hit.effect);
  f.summary = fmt::format("Policy {} = {}: {}", hit.value.name,
                          regval::to_json(regval::from_raw(hit.value)).dump(), hit.meaning);
  f.evidence = {{"key", "HKLM\\" + hit.key},
                {"value", hit.value.name},
                {"type", reg_type_name(hit.value.type)},
                {"data", regval::to_json(regval::from_raw(hit.value))},
                {"effect", to_string(hit.effect)},
                {"managed_by", manager ? nlohmann::json(*manager) : nlohmann::json()}};
  if (hit.repair_to) f.evidence["default"] = regval::to_json(regval::from_raw(*hit.repair_to));
  if (manager) {
    f.advice = fmt::format(
        "This PC is managed ({}): its policy would write this value back, so wufix does not "
        "remove it unless told to (`wufix repair --only policy --force`). Ask your administrator.",
        *manager);
  } else if (is_problem(f.severity)) {
    f.fix = step_id::kPolicy;
  }
  return f;
}

}  // namespace

const char* to_string(PolicyEffect e) {
  switch (e) {
    case PolicyEffect::Blocking: return "blocking";
    case PolicyEffect::Deferring: return "deferring";
    case PolicyEffect::Informational: return "informational";
  }
  return "informational";
}

const std::vector<std::string>& policy_keys() {
  static const std::vector<std::string> keys = {kWu, kAu, kUx, kStore, kWuauserv};
  return keys;
}

bool is_policy_value(std::string_view key, std::string_view name) {
  return std::any_of(std::begin(kRules), std::end(kRules), [&](const Rule& r) {
    return same_name(r.key, key) && matches(r.name, name);
  });
}

Result<std::vector<PolicyHit>> scan_update_policy(const RegistryEditor& reg) {
  std::vector<PolicyHit> hits;
  for (const std::string& key : policy_keys()) {
    auto values = reg.values(Hive::LocalMachine, key);
    if (!values) return values.error();
    for (const RawRegValue& v : *values) {
      auto rule = std::find_if(std::begin(kRules), std::end(kRules), [&](const Rule& r) {
        return r.key == key && matches(r.name, v.name);
      });
      if (rule == std::end(kRules) || at_default(*rule, v)) continue;
      PolicyHit hit{key, v, effect_of(*rule, v), rule->meaning, std::nullopt};
      if (rule->healthy) {
        hit.effect = rule->when_set;  // any other account blocks, blank or not
        hit.repair_to = reg_sz(v.name, rule->healthy);
      }
      hits.push_back(std::move(hit));
    }
  }
  return hits;
}

Result<std::optional<std::string>> policy_manager(const Registry& reg, const RegistryEditor& edit) {
  auto dn = reg.read(Hive::LocalMachine, kGpState, "Distinguished-Name");
  if (!dn) return dn.error();
  if (*dn) {
    auto text = regval::as_text(**dn);
    if (text && !text->empty())
      return std::optional<std::string>("an Active Directory domain, Group Policy for " + *text);
  }
  auto mdm = edit.values(Hive::LocalMachine, kMdmUpdate);
  if (!mdm) return mdm.error();
  if (!mdm->empty())
    return std::optional<std::string>("Intune/MDM, Update policies under HKLM\\" +
                                      std::string(kMdmUpdate));
  return std::optional<std::string>();
}

CheckResult check_update_policy(const System& sys) {
  if (!sys.registry_editor) return check_skipped(check_id::kUpdatePolicy, "no raw registry access");
  auto hits = scan_update_policy(*sys.registry_editor);
  if (!hits) return check_error(check_id::kUpdatePolicy, hits.error());
  if (hits->empty()) return check_ok(check_id::kUpdatePolicy);
  auto manager = policy_manager(*sys.registry, *sys.registry_editor);
  if (!manager) return check_error(check_id::kUpdatePolicy, manager.error());
  std::vector<Finding> findings;
  for (const auto& hit : *hits) findings.push_back(policy_finding(hit, *manager));
  return check_with(check_id::kUpdatePolicy, std::move(findings));
}

}  // namespace wufix
