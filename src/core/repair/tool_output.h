// The console output of sfc.exe and Dism.exe as the repair steps receive it: raw bytes from a
// pipe, in whatever chunks the pipe delivers. Decoding them, and reading the progress updates
// and the verdicts (shared/reference facts: formats.md (c) DISM, (d) sfc).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"

namespace wufix {

// Turns a child's raw output into UTF-8 segments: the text between line breaks and carriage
// returns (a progress update is redrawn after a "\r", so each update is one segment). Empty
// segments are skipped. The encoding is sniffed from the first two bytes: a UTF-16LE BOM or a
// NUL second byte is UTF-16LE (sfc writes that when redirected); anything else is 8-bit text
// (DISM writes the console code page): UTF-8 where it is valid, otherwise the bytes read as
// Latin-1, which keeps ASCII intact and the result valid UTF-8. Chunks may split code units,
// characters and lines anywhere. A segment is cut at kMaxSegmentBytes (garbage without line
// breaks must not grow memory).
class ConsoleText {
 public:
  static constexpr size_t kMaxSegmentBytes = 4096;
  using SegmentFn = std::function<void(std::string_view)>;

  explicit ConsoleText(SegmentFn on_segment) : on_segment_(std::move(on_segment)) {}
  void feed(std::string_view bytes);
  // Ends the output: the last segment counts even without a line break.
  void finish();
  // The segment still being written. A progress update waits here until the next one begins,
  // so callers look at it to report progress without lagging one update behind. In 8-bit text
  // it is not yet checked to be UTF-8; only its ASCII characters are meaningful.
  std::string_view pending() const { return segment_; }

 private:
  enum class Encoding { Unknown, Utf16le, EightBit };
  void decide_encoding();
  void decode(std::string_view bytes);
  void character(char32_t c);
  void end_segment();

  SegmentFn on_segment_;
  Encoding encoding_ = Encoding::Unknown;
  std::string head_;  // the first bytes, until the encoding is known
  std::string segment_;
  Utf16leDecoder utf16_;
};

// sfc's "Verification 45% complete." -> 45. Also the forms other languages use: "45 %" (with a
// space or a no-break space) and "%45". nullopt for any other segment and above 100.
std::optional<double> sfc_progress(std::string_view segment);

// DISM's "[=====        45.3%           ]" -> 45.3 (decimal comma too: the separator follows the
// locale). The closing part may still be missing (the bar is being written). nullopt otherwise.
std::optional<double> dism_progress(std::string_view segment);

// Passes percentages on in the order they appear, dropping nothing but a repeat of the last one
// (a redraw seen while being written and again when complete).
class ProgressFilter {
 public:
  explicit ProgressFilter(std::function<void(double)> on_progress)
      : on_progress_(std::move(on_progress)) {}
  void offer(std::optional<double> percent);

 private:
  std::function<void(double)> on_progress_;
  std::optional<double> last_;
};

// ---- sfc /scannow ---------------------------------------------------------------------------

enum class SfcVerdict {
  Unknown,            // no sentence recognized (another language, a killed sfc, garbage)
  NoViolations,       // "... did not find any integrity violations."
  Repaired,           // "... found corrupt files and successfully repaired them."
  Unrepairable,       // "... found corrupt files but was unable to fix some of them."
  RebootPending,      // "There is a system repair pending which requires reboot to complete."
  NotAdministrator,   // "You must be an administrator running a console session ..."
  CouldNotPerform,    // "... could not perform the requested operation."
  ServiceNotStarted,  // "... could not start the repair service."
};

// The verdict one line states (English text; sfc has no option to force English).
SfcVerdict sfc_verdict(std::string_view line);

struct SfcOutput {
  SfcVerdict verdict = SfcVerdict::Unknown;
  // sfc's own words: the line the verdict came from; when Unknown, the first line after the
  // progress updates (where sfc states its verdict) or else the last line; empty when silent.
  std::string verdict_line;
};

// Reads sfc's output as it streams in: progress as it happens, the verdict at the end.
class SfcOutputReader {
 public:
  explicit SfcOutputReader(std::function<void(double)> on_progress);
  SfcOutputReader(const SfcOutputReader&) = delete;  // text_ calls back into this object
  SfcOutputReader& operator=(const SfcOutputReader&) = delete;
  void feed(std::string_view bytes);
  SfcOutput finish();

 private:
  void line(std::string_view text);

  ConsoleText text_;
  ProgressFilter progress_;
  SfcOutput out_;
  bool after_progress_ = false;
  std::string first_after_progress_;
  std::string last_line_;
};

// ---- DISM /Cleanup-Image --------------------------------------------------------------------

enum class StoreHealth {
  Unknown,        // no verdict printed (RestoreHealth, a failure, another language)
  Healthy,        // "No component store corruption detected."
  Repairable,     // "The component store is repairable."
  NotRepairable,  // "The component store cannot be repaired."
};

StoreHealth dism_store_health(std::string_view line);

struct DismOutput {
  StoreHealth health = StoreHealth::Unknown;
  std::string error_text;  // DISM's first line under "Error: <code>"; empty when none
};

// Reads DISM's output as it streams in: progress as it happens, the verdict at the end.
class DismOutputReader {
 public:
  explicit DismOutputReader(std::function<void(double)> on_progress);
  DismOutputReader(const DismOutputReader&) = delete;  // text_ calls back into this object
  DismOutputReader& operator=(const DismOutputReader&) = delete;
  void feed(std::string_view bytes);
  DismOutput finish();

 private:
  void line(std::string_view text);

  ConsoleText text_;
  ProgressFilter progress_;
  DismOutput out_;
  bool error_seen_ = false;
};

}  // namespace wufix
