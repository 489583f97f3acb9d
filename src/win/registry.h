#pragma once
#include "core/seam.h"

namespace wufix::win {

// HKLM / HKCU through the 64-bit registry view, so a 32-bit build would still see what
// Windows Update itself sees (no WOW6432Node redirection).
class WinRegistry : public Registry, public RegistryEditor {
 public:
  Result<std::vector<RawRegValue>> values(Hive hive, std::string_view key) const override;
  Status set_value(Hive hive, std::string_view key, const RawRegValue& value) override;
  Status delete_value(Hive hive, std::string_view key, std::string_view name) override;
  Result<bool> key_exists(Hive hive, std::string_view key) const override;
  Result<std::optional<RegValue>> read(Hive hive, std::string_view key,
                                       std::string_view name) const override;
};

}  // namespace wufix::win
