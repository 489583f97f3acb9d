// The Authenticode policy wufix applies on top of WinVerifyTrust: the signer's chain ends in a
// Microsoft root (CERT_CHAIN_POLICY_MICROSOFT_ROOT) AND the signing certificate is meant for
// code signing. The second rule is pure, so it lives here and is unit-tested.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wufix::catalog {

inline constexpr std::string_view kCodeSigningUsage = "1.3.6.1.5.5.7.3.3";  // id-kp-codeSigning

// The enhanced key usages of the signing certificate, as CertGetEnhancedKeyUsage lists them.
// True only when code signing is named: a certificate without the extension (valid for
// "anything") or one for TLS or e-mail only does not sign packages wufix installs.
bool allows_code_signing(const std::vector<std::string>& usages);

}  // namespace wufix::catalog
