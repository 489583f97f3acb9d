// diagnose = every check, run concurrently over the seam, gathered into one value that the
// text printer and the JSON writer both read. Read-only: nothing here changes the machine.
#pragma once
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/checks/checks.h"

namespace wufix {

struct Diagnosis {
  Result<OsInfo> os = Error{0, "not read", ""};
  std::optional<bool> elevated;     // nullopt when the token could not be read
  std::vector<CheckResult> checks;  // in the fixed order of kCheckOrder

  std::vector<const Finding*> findings() const;
  bool has_problems() const;  // any warning or error finding
  // Repair steps the findings call for, in run order, without duplicates.
  std::vector<std::string> fix_steps() const;
  // Whether repairs may be offered: elevated for sure. A token that could not be read refuses,
  // as the CLI's guard does (a repair on a guess would fail after its first change).
  bool surely_elevated() const { return elevated.value_or(false); }
};

Diagnosis run_diagnose(const System& sys, const DiagnoseOptions& options);

nlohmann::json to_json(const Diagnosis& d);

}  // namespace wufix
