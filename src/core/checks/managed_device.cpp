// check_managed_device: Group Policy (or a leftover of it) that sends Windows Update to a WSUS
// server or blocks it. No reset helps while policy points at a server this PC cannot reach.
#include <map>

#include <fmt/format.h>

#include "core/checks/checks.h"
#include "core/checks/reg_values.h"

namespace wufix {
namespace {

constexpr const char* kCheckId = "managed-device";
constexpr const char* kPolicyKey = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
constexpr const char* kAuKey = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";

struct PolicyValue {
  const char* key;
  const char* name;
};
constexpr PolicyValue kValues[] = {
    {kPolicyKey, "WUServer"},
    {kPolicyKey, "WUStatusServer"},
    {kPolicyKey, "DoNotConnectToWindowsUpdateInternetLocations"},
    {kPolicyKey, "DisableWindowsUpdateAccess"},
    {kAuKey, "UseWUServer"},
    {kAuKey, "NoAutoUpdate"},
};

struct Policy {
  std::map<std::string, RegValue> values;  // every value present, by name
  std::vector<Error> errors;

  // A value that has an effect: 0 and "" are as good as absent.
  bool any_set() const {
    for (const auto& [name, value] : values) {
      if (regval::is_set(value)) return true;
    }
    return false;
  }
  std::string text(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? "" : regval::as_text(it->second).value_or("");
  }
  bool flag(const std::string& name) const {
    auto it = values.find(name);
    return it != values.end() && regval::as_number(it->second).value_or(0) == 1;
  }
  nlohmann::json evidence() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, value] : values) j[name] = regval::to_json(value);
    for (const Error& e : errors) j["read_errors"].push_back(e.message());
    return j;
  }
};

Policy read_policy(const Registry& reg) {
  Policy p;
  for (const PolicyValue& v : kValues) {
    auto value = reg.read(Hive::LocalMachine, v.key, v.name);
    if (!value) {
      p.errors.push_back(value.error());
    } else if (*value) {
      p.values[v.name] = **value;
    }
  }
  return p;
}

Finding policy_finding(const Policy& policy) {
  std::string server = policy.text("WUServer");
  bool uses_wsus = policy.flag("UseWUServer") && !server.empty();
  bool blocked = policy.flag("DisableWindowsUpdateAccess");

  Finding f;
  f.id = finding_id::kManagedDevice;
  f.evidence = policy.evidence();
  f.severity = uses_wsus || blocked ? Severity::Warning : Severity::Info;
  if (blocked) {
    f.summary = "Policy blocks access to Windows Update (DisableWindowsUpdateAccess)";
  } else if (uses_wsus) {
    f.summary = fmt::format("Policy makes Windows Update use the server {}, not Microsoft", server);
  } else {
    f.summary = "Windows Update policies are set on this PC";
  }
  f.advice = uses_wsus || blocked
                 ? "Resetting Windows Update does not help while policy points at a server this "
                   "PC cannot reach or blocks Windows Update. Ask your administrator; on a "
                   "personal PC these are leftovers of a former employer or a tweak tool, set "
                   "under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate."
                 : "Updates follow these policies; ask your administrator before changing them.";
  return f;
}

}  // namespace

CheckResult check_managed_device(const System& sys) {
  Policy policy = read_policy(*sys.registry);
  if (!policy.any_set()) {
    // "Not managed" is only true when every value could be read.
    if (!policy.errors.empty()) return check_error(kCheckId, policy.errors.front());
    return check_ok(kCheckId);
  }
  return check_with(kCheckId, {policy_finding(policy)});
}

}  // namespace wufix
