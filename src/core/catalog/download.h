// Downloading an update's files: into DIR\name.partial, resumed with a Range request after a
// dropped connection (and across runs), then verified against the catalog's digest (SHA-256
// where given, else SHA-1) and the Authenticode signature (Microsoft root) before it takes its
// real name. A file that fails is renamed *.rejected; nothing is ever deleted.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/client.h"
#include "core/catalog/pages.h"
#include "core/seam.h"

namespace wufix::catalog {

struct DownloadOptions {
  std::string dir;              // where the files go (created when missing)
  bool allow_unsigned = false;  // tests only (--catalog-url): skip Authenticode, never digests
  int max_resumes = 20;         // per file, after the connection dropped mid-body
};

enum class FileStatus { Verified, Rejected, Failed };

struct FileOutcome {
  std::string file_name;
  std::string path;           // the verified file, or where it would have gone
  std::string url;
  FileStatus status = FileStatus::Failed;
  uint64_t bytes = 0;
  std::string digest_algorithm;  // "sha256" or "sha1"
  std::string digest;            // expected, hex
  bool reused = false;           // already downloaded and verified earlier
  int resumes = 0;               // Range requests made (this run and from a partial file)
  std::string signature;         // "microsoft", "skipped" (--allow-unsigned) or "" (not checked)
  std::string rejected_path;     // where a file that failed verification went
  std::optional<Error> error;    // why it failed or was rejected
  // A verified file stays open denying writers and renamers from its hashing until the
  // installer has run (as long as this outcome, or a copy, lives).
  std::shared_ptr<HeldFile> held;
};

struct DownloadReport {
  std::string update_id;
  std::string title;
  std::string dir;
  std::vector<FileOutcome> files;
  bool ok() const;
};

// file name, bytes so far, total when known.
using DownloadProgressFn = std::function<void(const std::string&, uint64_t, std::optional<uint64_t>)>;

struct Verifier {
  Files& files;
  const Crypto& crypto;
  // Owners whose partial or earlier download wufix resumes or reuses; another owner's file is
  // moved aside, never used. SYSTEM and Administrators; callers add the user running wufix.
  std::vector<std::string> trusted_owners{"S-1-5-18", "S-1-5-32-544"};
};

// SYSTEM, Administrators and the user running wufix: a download in the user's own folder resumes
// what that user started (an elevated install then verifies it again, held against writers).
std::vector<std::string> download_owners(const Platform& platform);

DownloadReport download_update(CatalogClient& client, Verifier verifier, const UpdateFiles& update,
                               const DownloadOptions& options, const DownloadProgressFn& progress);

// Streams a file through a hash; the digest as bytes.
Result<std::vector<uint8_t>> hash_file(Files& files, const Crypto& crypto, const std::string& path,
                                       HashAlgorithm algorithm);

// "path.rejected", or "path.rejected.N" when that exists: the file is moved there.
Result<std::string> reject_file(Files& files, const std::string& path);

const char* to_string(FileStatus status);
nlohmann::json to_json(const FileOutcome& file);
nlohmann::json to_json(const DownloadReport& report);

}  // namespace wufix::catalog
