#pragma once
#include "core/seam.h"

namespace wufix::win {

class WinPlatform : public Platform {
 public:
  Result<bool> is_elevated() const override;
  Arch native_arch() const override;
  std::string windows_dir() const override;
  std::string program_data_dir() const override;
  Result<std::string> user_sid() const override;
};

// This executable carries an Authenticode signature (wufix --version says so).
bool image_signed();

}  // namespace wufix::win
