#include "win/crypto.h"

#include <windows.h>
#include <bcrypt.h>
#include <softpub.h>
#include <wincrypt.h>
#include <wintrust.h>

#include <fmt/format.h>

#include "core/catalog/signature.h"
#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

struct AlgorithmTraits {
  using Handle = BCRYPT_ALG_HANDLE;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { BCryptCloseAlgorithmProvider(h, 0); }
};
struct HashTraits {
  using Handle = BCRYPT_HASH_HANDLE;
  static Handle invalid() { return nullptr; }
  static void close(Handle h) { BCryptDestroyHash(h); }
};

Error ntstatus_error(NTSTATUS status, std::string_view what) {
  return Error{static_cast<uint32_t>(status), std::string(what), {}};
}

class BCryptHasher : public Hasher {
 public:
  BCryptHasher(Unique<AlgorithmTraits> algorithm, Unique<HashTraits> hash, ULONG size)
      : algorithm_(std::move(algorithm)), hash_(std::move(hash)), size_(size) {}
  void update(std::string_view bytes) override {
    while (!bytes.empty()) {  // BCryptHashData takes a ULONG count
      ULONG n = static_cast<ULONG>(std::min<size_t>(bytes.size(), 1u << 30));
      BCryptHashData(hash_.get(), reinterpret_cast<PUCHAR>(const_cast<char*>(bytes.data())), n, 0);
      bytes.remove_prefix(n);
    }
  }
  std::vector<uint8_t> finish() override {
    std::vector<uint8_t> digest(size_);
    BCryptFinishHash(hash_.get(), digest.data(), size_, 0);
    return digest;
  }

 private:
  Unique<AlgorithmTraits> algorithm_;  // outlives the hash object
  Unique<HashTraits> hash_;
  ULONG size_;
};

// Closes WinVerifyTrust's state whatever happens.
struct TrustState {
  GUID action = WINTRUST_ACTION_GENERIC_VERIFY_V2;
  WINTRUST_DATA data{};
  ~TrustState() {
    data.dwStateAction = WTD_STATEACTION_CLOSE;
    WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &action, &data);
  }
};

// The enhanced key usages the certificate names (its EKU extension); empty without one.
std::vector<std::string> key_usages(PCCERT_CONTEXT cert) {
  DWORD size = 0;
  if (!CertGetEnhancedKeyUsage(cert, CERT_FIND_EXT_ONLY_ENHKEY_USAGE_FLAG, nullptr, &size) || size == 0) return {};
  std::vector<BYTE> buffer(size);
  auto* usage = reinterpret_cast<CERT_ENHKEY_USAGE*>(buffer.data());
  if (!CertGetEnhancedKeyUsage(cert, CERT_FIND_EXT_ONLY_ENHKEY_USAGE_FLAG, usage, &size)) return {};
  std::vector<std::string> out;
  for (DWORD i = 0; i < usage->cUsageIdentifier; ++i) out.emplace_back(usage->rgpszUsageIdentifier[i]);
  return out;
}

Status chain_ends_in_microsoft_root(const WINTRUST_DATA& data, std::string_view path) {
  CRYPT_PROVIDER_DATA* provider = WTHelperProvDataFromStateData(data.hWVTStateData);
  CRYPT_PROVIDER_SGNR* signer = provider ? WTHelperGetProvSignerFromChain(provider, 0, FALSE, 0) : nullptr;
  if (!signer || !signer->pChainContext) return Error{0, "no signer chain", std::string(path)};
  CERT_CHAIN_POLICY_PARA para{};
  para.cbSize = sizeof para;
  CERT_CHAIN_POLICY_STATUS status{};
  status.cbSize = sizeof status;
  if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_MICROSOFT_ROOT, signer->pChainContext, &para, &status)) {
    return last_error("CertVerifyCertificateChainPolicy failed", path);
  }
  if (status.dwError != 0) {
    return Error{static_cast<uint32_t>(status.dwError), "the signature does not chain to a Microsoft root",
                 std::string(path)};
  }
  const CERT_SIMPLE_CHAIN* chain = signer->pChainContext->cChain ? signer->pChainContext->rgpChain[0] : nullptr;
  PCCERT_CONTEXT leaf = chain && chain->cElement ? chain->rgpElement[0]->pCertContext : nullptr;
  if (!leaf || !catalog::allows_code_signing(key_usages(leaf))) {
    return Error{0, "the signing certificate is not a code-signing certificate (no EKU 1.3.6.1.5.5.7.3.3)",
                 std::string(path)};
  }
  return ok_status();
}

}  // namespace

Result<std::unique_ptr<Hasher>> WinCrypto::hasher(HashAlgorithm algorithm) const {
  const wchar_t* id = algorithm == HashAlgorithm::Sha256 ? BCRYPT_SHA256_ALGORITHM : BCRYPT_SHA1_ALGORITHM;
  BCRYPT_ALG_HANDLE raw_algorithm = nullptr;
  NTSTATUS status = BCryptOpenAlgorithmProvider(&raw_algorithm, id, nullptr, 0);
  if (status < 0) return ntstatus_error(status, "BCryptOpenAlgorithmProvider failed");
  Unique<AlgorithmTraits> alg(raw_algorithm);
  BCRYPT_HASH_HANDLE raw_hash = nullptr;
  status = BCryptCreateHash(alg.get(), &raw_hash, nullptr, 0, nullptr, 0, 0);
  if (status < 0) return ntstatus_error(status, "BCryptCreateHash failed");
  Unique<HashTraits> hash(raw_hash);
  ULONG size = algorithm == HashAlgorithm::Sha256 ? 32 : 20;
  return std::unique_ptr<Hasher>(std::make_unique<BCryptHasher>(std::move(alg), std::move(hash), size));
}

Status WinCrypto::verify_microsoft_signature(std::string_view path) const {
  std::wstring wide = widen(path);
  WINTRUST_FILE_INFO file{};
  file.cbStruct = sizeof file;
  file.pcwszFilePath = wide.c_str();
  TrustState trust;
  trust.data.cbStruct = sizeof trust.data;
  trust.data.dwUIChoice = WTD_UI_NONE;
  trust.data.fdwRevocationChecks = WTD_REVOKE_NONE;  // offline PCs too; the catalog digest is checked first
  trust.data.dwUnionChoice = WTD_CHOICE_FILE;
  trust.data.pFile = &file;
  trust.data.dwStateAction = WTD_STATEACTION_VERIFY;
  trust.data.dwProvFlags = WTD_CACHE_ONLY_URL_RETRIEVAL;
  LONG rc = WinVerifyTrust(static_cast<HWND>(INVALID_HANDLE_VALUE), &trust.action, &trust.data);
  if (rc != 0) {
    auto code = static_cast<uint32_t>(rc);
    const char* what = code == 0x800B0100u   ? "the file has no Authenticode signature"          // TRUST_E_NOSIGNATURE
                       : code == 0x800B0003u ? "the file is not a signed package Windows knows"  // TRUST_E_SUBJECT_FORM_UNKNOWN
                       : code == 0x80096010u ? "the file was changed after it was signed"        // TRUST_E_BAD_DIGEST
                                             : "WinVerifyTrust rejected the signature";
    return Error{static_cast<uint32_t>(rc), what, std::string(path)};
  }
  return chain_ends_in_microsoft_root(trust.data, path);
}

}  // namespace wufix::win
