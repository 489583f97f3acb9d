#pragma once
#include "core/seam.h"

namespace wufix::win {

// BCrypt SHA-1/SHA-256, and WinVerifyTrust (Authenticode) plus a chain that must end in a
// Microsoft root (CERT_CHAIN_POLICY_MICROSOFT_ROOT).
class WinCrypto : public Crypto {
 public:
  Result<std::unique_ptr<Hasher>> hasher(HashAlgorithm algorithm) const override;
  Status verify_microsoft_signature(std::string_view path) const override;
};

}  // namespace wufix::win
