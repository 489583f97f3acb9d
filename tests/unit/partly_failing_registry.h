// A FakeRegistry that denies every access below one key, as a key with a restrictive ACL does:
// for checks that must keep going when only part of what they read fails.
#pragma once
#include <string>

#include "fakes/fake_system.h"

namespace wufix::fakes {

class PartlyFailingRegistry : public FakeRegistry {
 public:
  explicit PartlyFailingRegistry(std::string_view failing_key) : failing_(fold(failing_key)) {}

  Result<bool> key_exists(Hive hive, std::string_view key) const override {
    if (denied(key)) return Error{5, "RegOpenKeyExW failed", std::string(key)};
    return FakeRegistry::key_exists(hive, key);
  }
  Result<std::optional<RegValue>> read(Hive hive, std::string_view key,
                                       std::string_view name) const override {
    if (denied(key)) return Error{5, "RegOpenKeyExW failed", std::string(key)};
    return FakeRegistry::read(hive, key, name);
  }

 private:
  bool denied(std::string_view key) const { return fold(key).rfind(failing_, 0) == 0; }
  std::string failing_;
};

}  // namespace wufix::fakes
