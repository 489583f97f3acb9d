// The tolerant reader: lines that do not parse in their log's strict layout (pasted excerpts
// without timestamps or with masked ones, collapsed padding, joined or wrapped entries, event
// text, console output) still tell their failure by its markers. It keeps what context the
// text gives: time, component, KB (from the line, a package name, a title, or a KB named a few
// lines before), file, and the line itself. Whole logs never reach it but for their odd lines.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/logs/causes.h"
#include "core/logs/log_parser.h"

namespace wufix {

class TolerantParser : public LogParser {
 public:
  TolerantParser(std::string source, CauseCollector& out) : source_(std::move(source)), out_(out) {}

  // `text` as unquote_line() left it (a wrapped entry arrives joined); true when the line
  // carried a failure marker.
  bool line(std::string_view text, uint64_t number) override;
  // The layout the lines looked like most (Excerpt when markers but no layout, Unknown when
  // there was nothing to go by).
  LogFormat guess() const;

 private:
  bool entry(std::string_view text, uint64_t number);
  void hint(LogFormat f) { ++hints_[static_cast<size_t>(f)]; }

  std::string source_;
  CauseCollector& out_;
  std::string kb_;           // the last KB a line named, for the failure lines after it
  uint64_t kb_line_ = 0;
  bool markers_ = false;
  std::array<uint64_t, 7> hints_{};  // by LogFormat
};

}  // namespace wufix
