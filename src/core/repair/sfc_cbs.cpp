#include "core/repair/sfc_cbs.h"

#include <algorithm>

#include "core/logs/text.h"

namespace wufix {
namespace {

// Hands on the stream's bytes after the first `skip`.
class SkippingStream : public InputStream {
 public:
  SkippingStream(InputStream& in, uint64_t skip) : in_(in), skip_(skip) {}
  Result<size_t> read(std::span<char> buf) override {
    for (;;) {
      auto n = in_.read(buf);
      if (!n || *n == 0 || skip_ == 0) return n;
      size_t dropped = static_cast<size_t>(std::min<uint64_t>(skip_, *n));
      skip_ -= dropped;
      if (dropped == *n) continue;
      std::copy(buf.begin() + dropped, buf.begin() + *n, buf.begin());
      return *n - dropped;
    }
  }

 private:
  InputStream& in_;
  uint64_t skip_;
};

bool has(std::string_view line, std::string_view what) {
  return line.find(what) != std::string_view::npos;
}

}  // namespace

void SrVerdict::line(std::string_view text) {
  size_t sr = text.find("[SR] ");
  if (sr == std::string_view::npos) return;
  std::string_view msg = text.substr(sr);
  if (has(msg, "Cannot repair member file")) {
    unrepairable_ = true;
    evidence_ = clean_text(msg);
  } else if (has(msg, "Repairing corrupted file") || has(msg, "Repaired file")) {
    repaired_ = true;
    if (!unrepairable_) evidence_ = clean_text(msg);
  } else if (has(msg, "Verify complete") || has(msg, "Repair complete")) {
    verified_ = true;
    if (!repaired_ && !unrepairable_) evidence_ = clean_text(msg);
  }
}

SfcVerdict SrVerdict::verdict() const {
  if (unrepairable_) return SfcVerdict::Unrepairable;
  if (repaired_) return SfcVerdict::Repaired;
  return verified_ ? SfcVerdict::NoViolations : SfcVerdict::Unknown;
}

Result<SrVerdict> sfc_verdict_from_cbs(const Files& files, const std::string& cbs_log,
                                       uint64_t from) {
  SrVerdict verdict;
  auto there = files.exists(cbs_log);
  if (!there) return there.error();
  if (!*there) return verdict;
  auto size = files.file_size(cbs_log);
  if (!size) return size.error();
  auto in = files.open_read(cbs_log);
  if (!in) return in.error();
  SkippingStream after(**in, *size >= from ? from : 0);
  auto read = read_lines(after, [&](std::string_view text, uint64_t, bool) { verdict.line(text); });
  if (!read) return read.error();
  return verdict;
}

}  // namespace wufix
