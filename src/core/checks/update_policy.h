// The Windows Update policy values that block, redirect or defer updates: one table shared by
// diagnose's update-policy check (which reports them) and repair's policy step (which removes
// exactly these, and nothing else under Policies).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/findings.h"
#include "core/seam.h"

namespace wufix {

enum class PolicyEffect { Blocking, Deferring, Informational };
const char* to_string(PolicyEffect e);  // "blocking", "deferring", "informational"

struct PolicyHit {
  std::string key;    // under HKLM: "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU"
  RawRegValue value;  // as stored
  PolicyEffect effect = PolicyEffect::Informational;
  std::string meaning;  // "automatic updates are turned off"
  // What the policy step writes instead of removing the value: the Windows default of a
  // service value a tuning tool changed (wuauserv's ObjectName). nullopt: the value is removed.
  std::optional<RawRegValue> repair_to;
};

// The keys the table covers, under HKLM (the policy keys, UX\Settings, and wuauserv's service
// key, whose Start value is the services step's, not this table's).
const std::vector<std::string>& policy_keys();

// Whether HKLM\<key>\<name> is a value of the table (names and keys case-insensitive).
bool is_policy_value(std::string_view key, std::string_view name);

// Every value of the table present on this PC, in key order then the registry's order.
Result<std::vector<PolicyHit>> scan_update_policy(const RegistryEditor& reg);

// Who manages this PC for real ("Active Directory domain (CN=PC1,OU=...)", "Intune/MDM ..."):
// nullopt on a personal PC, where the values are leftovers nobody writes back.
Result<std::optional<std::string>> policy_manager(const Registry& reg, const RegistryEditor& edit);

CheckResult check_update_policy(const System& sys);

}  // namespace wufix
