#include "core/catalog/download.h"

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/private_folder.h"

namespace wufix::catalog {
namespace {

constexpr size_t kHashChunk = 1u << 20;

// Appends a reply's body to the partial file, skipping what is already there when the
// server ignored the Range request and sent everything again.
class PartialFileSink : public HttpSink {
 public:
  // `fresh`: the partial file does not exist yet and is created, never opened if it appears.
  PartialFileSink(Files& files, std::string path, uint64_t have, bool fresh,
                  const DownloadProgressFn& progress, const std::string& name)
      : files_(files), path_(std::move(path)), have_(have), fresh_(fresh), progress_(progress),
        name_(name) {}

  Status on_head(const HttpResponse& head) override {
    status_ = head.status;
    skip_ = 0;
    if (head.status == 206) {
      if (head.range_start.value_or(0) != have_) {
        return Error{0, fmt::format("the server resumed at byte {} instead of {}", head.range_start.value_or(0), have_), ""};
      }
      if (head.content_length) total_ = have_ + *head.content_length;
    } else if (head.status == 200) {
      skip_ = have_;  // the whole file again: keep what we have, drop its start
      if (head.content_length) total_ = *head.content_length;
    } else {
      return ok_status();  // the caller reports the status; the body is not the file
    }
    if (!out_) {
      auto out = fresh_ ? files_.create_new(path_) : files_.open_append(path_);
      if (!out) return out.error();
      out_ = std::move(*out);
    }
    return ok_status();
  }

  Status on_body(std::string_view bytes) override {
    if (!out_) return ok_status();
    size_t dropped = static_cast<size_t>(std::min<uint64_t>(skip_, bytes.size()));
    skip_ -= dropped;
    bytes.remove_prefix(dropped);
    if (bytes.empty()) return ok_status();
    if (auto written = out_->write(bytes); !written) return written.error();
    have_ += bytes.size();
    if (progress_) progress_(name_, have_, total_);
    return ok_status();
  }

  Status finish() { return out_ ? out_->flush() : ok_status(); }
  int status() const { return status_; }
  bool opened() const { return out_ != nullptr; }
  uint64_t have() const { return have_; }
  std::optional<uint64_t> total() const { return total_; }

 private:
  Files& files_;
  std::string path_;
  uint64_t have_;
  bool fresh_;
  const DownloadProgressFn& progress_;
  const std::string& name_;
  std::unique_ptr<OutputStream> out_;
  uint64_t skip_ = 0;
  int status_ = 0;
  std::optional<uint64_t> total_;
};

struct Expected {
  HashAlgorithm algorithm;
  std::vector<uint8_t> digest;
};

std::optional<Expected> expected_digest(const CatalogFile& f) {
  if (!f.sha256.empty()) return Expected{HashAlgorithm::Sha256, f.sha256};
  if (!f.sha1.empty()) return Expected{HashAlgorithm::Sha1, f.sha1};
  return std::nullopt;
}

// Why the file at `path` is not wufix's own (a link, another owner); nullopt: it is, or absent.
Result<std::optional<std::string>> foreign(Verifier v, const std::string& path) {
  auto security = v.files.security(path);
  if (!security) return security.error();
  if (!*security) return std::optional<std::string>();
  return untrusted_owner(**security, v.trusted_owners);
}

// "path.foreign", or "path.foreign.N" when taken: another owner's file, moved out of the way.
Status move_foreign_aside(Files& files, const std::string& path) {
  for (int n = 0; n < 100; ++n) {
    std::string to = path + ".foreign" + (n == 0 ? "" : "." + std::to_string(n));
    auto taken = files.exists(to);
    if (!taken) return taken.error();
    if (!*taken) return files.rename(path, to);
  }
  return Error{0, "too many foreign copies already", path};
}

// Fetches url into `partial`, resuming after drops. Returns the bytes in the file.
Result<uint64_t> fetch_to_partial(CatalogClient& client, Verifier v, const std::string& url,
                                  const std::string& partial, FileOutcome& out,
                                  const DownloadOptions& options, const DownloadProgressFn& progress) {
  Files& files = v.files;
  uint64_t have = 0;
  auto not_ours = foreign(v, partial);
  if (!not_ours) return not_ours.error();
  if (*not_ours)  // planted: its owner could change it after we verify it; never resumed
    if (Status moved = move_foreign_aside(files, partial); !moved) return moved.error();
  auto present = files.exists(partial);
  if (!present) return present.error();
  if (*present) {
    auto size = files.file_size(partial);
    if (!size) return size.error();
    have = *size;
  }
  bool created = *present;
  int failures = 0;
  for (;;) {
    HttpRequest request;
    request.url = url;
    if (have > 0) {
      request.range_from = have;
      ++out.resumes;
    }
    PartialFileSink sink(files, partial, have, !created, progress, out.file_name);
    auto reply = client.stream(request, sink);
    created = created || sink.opened();
    Status flushed = sink.finish();
    if (!flushed) return flushed.error();
    bool progressed = sink.have() > have;
    have = sink.have();
    if (reply) {
      if (reply->status == 200 || reply->status == 206) {
        if (sink.total() && have != *sink.total()) {
          return Error{0, fmt::format("got {} of {} bytes", have, *sink.total()), url};
        }
        return have;
      }
      if (reply->status == 416 && have > 0) return have;  // nothing left to send: verify what we have
      Error e{0, fmt::format("the download server answered HTTP {}", reply->status), url};
      if (reply->status < 500 && reply->status != 429) return e;
      if (++failures >= client.retry().attempts) return e;
    } else {
      if (!is_transient(reply.error())) return reply.error();
      if (progressed) failures = 0;  // a drop after progress: resume at once, budget renewed
      if (++failures >= client.retry().attempts || out.resumes >= options.max_resumes) {
        return reply.error();
      }
    }
    if (!progressed) client.back_off(failures);
  }
}

Status check_digest(Verifier v, const std::string& path, const Expected& expected, const FileOutcome& out) {
  auto actual = hash_file(v.files, v.crypto, path, expected.algorithm);
  if (!actual) return actual.error();
  if (*actual == expected.digest) return ok_status();
  return Error{0, fmt::format("{} digest mismatch: the catalog says {}, the file has {}", out.digest_algorithm,
                              to_hex(expected.digest), to_hex(*actual)),
               path};
}

Status check_signature(Verifier v, const std::string& path, bool allow_unsigned, FileOutcome& out) {
  if (allow_unsigned) {
    out.signature = "skipped";
    return ok_status();
  }
  if (auto signed_ok = v.crypto.verify_microsoft_signature(path); !signed_ok) {
    Error e = signed_ok.error();
    e.what = "the Authenticode signature is not Microsoft's: " + e.what;
    return e;
  }
  out.signature = "microsoft";
  return ok_status();
}

Status check_both(Verifier v, const std::string& path, const Expected& expected, bool allow_unsigned,
                  FileOutcome& out) {
  if (Status digest = check_digest(v, path, expected, out); !digest) return digest;
  return check_signature(v, path, allow_unsigned, out);
}

// Holds the file against writers, then checks its owner, digest and signature. On failure the
// hold ends with this call, so the file can be moved aside.
Status verify_held(Verifier v, const std::string& path, const Expected& expected,
                   bool allow_unsigned, FileOutcome& out) {
  auto not_ours = foreign(v, path);
  if (!not_ours) return not_ours.error();
  if (*not_ours) return Error{0, "not wufix's own file: " + **not_ours, path};
  auto held = v.files.hold(path);
  if (!held) return held.error();
  if (Status ok = check_both(v, path, expected, allow_unsigned, out); !ok) return ok;
  out.held = std::move(*held);
  return ok_status();
}

void reject(Verifier v, const std::string& path, Error why, FileOutcome& out) {
  out.status = FileStatus::Rejected;
  out.error = std::move(why);
  auto moved = reject_file(v.files, path);
  if (moved) out.rejected_path = *moved;
  else out.error->what += "; moving it aside failed too: " + moved.error().message();
}

FileOutcome download_file(CatalogClient& client, Verifier v, const CatalogFile& file,
                          const DownloadOptions& options, const DownloadProgressFn& progress) {
  FileOutcome out;
  out.file_name = file.file_name;
  out.path = options.dir + "\\" + file.file_name;
  auto url = parse_url(file.url);
  if (!url) {
    out.error = url.error();
    return out;
  }
  out.url = client.policy().download_url(*url).str();
  auto expected = expected_digest(file);
  if (!expected) {
    out.error = Error{0, "the catalog gives no digest for this file; wufix never uses a file it cannot verify",
                      file.file_name};
    return out;
  }
  out.digest_algorithm = expected->algorithm == HashAlgorithm::Sha256 ? "sha256" : "sha1";
  out.digest = to_hex(expected->digest);

  auto present = v.files.exists(out.path);
  if (!present) {
    out.error = present.error();
    return out;
  }
  if (*present) {  // downloaded before: keep it if it is ours and still verifies
    Status ok = verify_held(v, out.path, *expected, options.allow_unsigned, out);
    if (ok) {
      out.status = FileStatus::Verified;
      out.reused = true;
      out.bytes = v.files.file_size(out.path).value_or(0);
      return out;
    }
    FileOutcome earlier;  // the old copy is moved aside; a fresh download follows
    reject(v, out.path, ok.error(), earlier);
    if (earlier.rejected_path.empty()) {  // still in the way: say why, download nothing
      out.error = std::move(earlier.error);
      return out;
    }
    out.rejected_path = earlier.rejected_path;
    out.signature.clear();
  }
  std::string partial = out.path + ".partial";
  auto bytes = fetch_to_partial(client, v, out.url, partial, out, options, progress);
  if (!bytes) {
    out.error = bytes.error();
    return out;
  }
  out.bytes = *bytes;
  // Its real name first, then held open: the bytes hashed are the bytes the installer reads.
  if (Status moved = v.files.rename(partial, out.path); !moved) {
    out.error = moved.error();
    return out;
  }
  if (Status ok = verify_held(v, out.path, *expected, options.allow_unsigned, out); !ok) {
    reject(v, out.path, ok.error(), out);
    return out;
  }
  out.status = FileStatus::Verified;
  return out;
}

}  // namespace

bool DownloadReport::ok() const {
  if (files.empty()) return false;
  for (const FileOutcome& f : files)
    if (f.status != FileStatus::Verified) return false;
  return true;
}

Result<std::vector<uint8_t>> hash_file(Files& files, const Crypto& crypto, const std::string& path,
                                       HashAlgorithm algorithm) {
  auto in = files.open_read(path);
  if (!in) return in.error();
  auto hasher = crypto.hasher(algorithm);
  if (!hasher) return hasher.error();
  std::vector<char> buf(kHashChunk);
  for (;;) {
    auto n = (*in)->read(buf);
    if (!n) return n.error();
    if (*n == 0) break;
    (*hasher)->update(std::string_view(buf.data(), *n));
  }
  return (*hasher)->finish();
}

Result<std::string> reject_file(Files& files, const std::string& path) {
  std::string base = path;
  if (base.size() > 8 && base.substr(base.size() - 8) == ".partial") base.resize(base.size() - 8);
  for (int n = 0; n < 100; ++n) {
    std::string to = base + ".rejected" + (n == 0 ? "" : "." + std::to_string(n));
    auto taken = files.exists(to);
    if (!taken) return taken.error();
    if (*taken) continue;
    if (Status moved = files.rename(path, to); !moved) return moved.error();
    return to;
  }
  return Error{0, "too many rejected copies already", path};
}

std::vector<std::string> download_owners(const Platform& platform) {
  std::vector<std::string> owners{kSystemSid, kAdministratorsSid};
  if (auto user = platform.user_sid()) owners.push_back(*user);
  return owners;
}

DownloadReport download_update(CatalogClient& client, Verifier verifier, const UpdateFiles& update,
                               const DownloadOptions& options, const DownloadProgressFn& progress) {
  DownloadReport report;
  report.update_id = update.update_id;
  report.title = update.title;
  report.dir = options.dir;
  if (Status made = verifier.files.create_directories(options.dir); !made) {
    FileOutcome failed;
    failed.error = made.error();
    report.files.push_back(failed);
    return report;
  }
  for (const CatalogFile& file : update.files) {
    report.files.push_back(download_file(client, verifier, file, options, progress));
  }
  return report;
}

const char* to_string(FileStatus status) {
  switch (status) {
    case FileStatus::Verified: return "verified";
    case FileStatus::Rejected: return "rejected";
    case FileStatus::Failed: return "failed";
  }
  return "failed";
}

nlohmann::json to_json(const FileOutcome& f) {
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); };
  return {{"name", f.file_name},
          {"path", f.path},
          {"url", f.url},
          {"status", to_string(f.status)},
          {"bytes", f.bytes},
          {"digest_algorithm", or_null(f.digest_algorithm)},
          {"digest", or_null(f.digest)},
          {"signature", or_null(f.signature)},
          {"reused", f.reused},
          {"resumes", f.resumes},
          {"rejected_path", or_null(f.rejected_path)},
          {"error", f.error ? nlohmann::json(f.error->message()) : nlohmann::json()}};
}

nlohmann::json to_json(const DownloadReport& r) {
  nlohmann::json files = nlohmann::json::array();
  for (const FileOutcome& f : r.files) files.push_back(to_json(f));
  return {{"update_id", r.update_id}, {"title", r.title}, {"dir", r.dir}, {"ok", r.ok()}, {"files", files}};
}

}  // namespace wufix::catalog
