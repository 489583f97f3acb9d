#include "core/repair/tool_output.h"

#include "core/ascii.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace wufix {
namespace {

// ---- numbers --------------------------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_number_char(char c) { return is_digit(c) || c == '.' || c == ','; }

// Blanks between a number and its '%': a space, U+00A0 or U+202F (French writes "45 %").
constexpr std::array<std::string_view, 3> kBlanks{" ", "\xC2\xA0", "\xE2\x80\xAF"};

std::string_view strip_trailing_blanks(std::string_view s) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (auto blank : kBlanks)
      if (s.size() >= blank.size() && s.substr(s.size() - blank.size()) == blank) {
        s.remove_suffix(blank.size());
        stripped = true;
      }
  }
  return s;
}

std::string_view strip_leading_blanks(std::string_view s) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (auto blank : kBlanks)
      if (s.substr(0, blank.size()) == blank) {
        s.remove_prefix(blank.size());
        stripped = true;
      }
  }
  return s;
}

// "45", "45.3" or "45,3" as a percentage in [0, 100]; nullopt for anything else.
std::optional<double> percent_value(std::string_view text) {
  const size_t sep = text.find_first_of(".,");
  const std::string_view whole = text.substr(0, sep);
  const std::string_view fraction = sep == std::string_view::npos ? "" : text.substr(sep + 1);
  if (whole.empty() || whole.size() > 3 || !std::all_of(whole.begin(), whole.end(), is_digit))
    return std::nullopt;
  if (sep != std::string_view::npos && (fraction.size() != 1 || !is_digit(fraction[0])))
    return std::nullopt;
  double value = 0;
  for (char c : whole) value = value * 10 + (c - '0');
  if (!fraction.empty()) value += (fraction[0] - '0') / 10.0;
  if (value > 100) return std::nullopt;
  return value;
}

// The number written right before a '%' ("45" in "Verification 45% complete").
std::string_view number_before(std::string_view s) {
  s = strip_trailing_blanks(s);
  size_t start = s.size();
  while (start > 0 && is_number_char(s[start - 1])) --start;
  return s.substr(start);
}

// The number written right after a '%' ("45" in "%45 tamamlandı"); empty unless something
// follows it, so that a number still being written is not taken for a smaller one.
std::string_view number_after(std::string_view s) {
  s = strip_leading_blanks(s);
  size_t end = 0;
  while (end < s.size() && is_number_char(s[end])) ++end;
  return end < s.size() ? s.substr(0, end) : std::string_view();
}

}  // namespace

// ---- ConsoleText ----------------------------------------------------------------------------

void ConsoleText::feed(std::string_view bytes) {
  if (encoding_ != Encoding::Unknown) return decode(bytes);
  head_ += bytes;
  if (head_.size() >= 2) decide_encoding();
}

// Two bytes decide, as the UTF-16LE BOM or a NUL second byte (sfc redirected) tell it.
void ConsoleText::decide_encoding() {
  std::string head = std::exchange(head_, {});
  size_t bom = 0;
  // Only the first two: in UTF-16 Cyrillic or CJK text most pairs are two non-NUL bytes, so a
  // vote over the whole first chunk would call it 8-bit.
  encoding_ = sniff_encoding(std::string_view(head).substr(0, 2), bom) == TextEncoding::Utf16le
                  ? Encoding::Utf16le
                  : Encoding::EightBit;
  if (encoding_ == Encoding::Utf16le) decode(std::string_view(head).substr(bom));
  else decode(head);  // a UTF-8 BOM is 8-bit text's business (it never comes from sfc/DISM)
}

void ConsoleText::decode(std::string_view bytes) {
  if (encoding_ == Encoding::Utf16le) return utf16_.feed(bytes, [this](char32_t c) { character(c); });
  for (char c : bytes) character(static_cast<unsigned char>(c));
}

// In 8-bit text `c` is one byte, appended as it is and checked when the segment ends.
void ConsoleText::character(char32_t c) {
  if (c == '\r' || c == '\n') return end_segment();
  if (c == 0 || segment_.size() >= kMaxSegmentBytes) return;
  if (encoding_ == Encoding::EightBit)
    segment_ += static_cast<char>(c);
  else
    append_utf8(segment_, c);
}

void ConsoleText::end_segment() {
  if (segment_.empty()) return;
  if (encoding_ == Encoding::EightBit && !valid_utf8(segment_)) segment_ = latin1_to_utf8(segment_);
  std::string segment = std::exchange(segment_, {});
  on_segment_(segment);
}

void ConsoleText::finish() {
  if (encoding_ == Encoding::Unknown) {
    encoding_ = Encoding::EightBit;  // at most one byte arrived
    decode(std::exchange(head_, {}));
  }
  utf16_.finish([this](char32_t c) { character(c); });  // output ended inside a character?
  end_segment();
}

// ---- progress -------------------------------------------------------------------------------

std::optional<double> sfc_progress(std::string_view segment) {
  const size_t percent = segment.find('%');
  if (percent == std::string_view::npos) return std::nullopt;
  std::string_view number = number_before(segment.substr(0, percent));
  if (number.empty()) number = number_after(segment.substr(percent + 1));
  return percent_value(number);
}

std::optional<double> dism_progress(std::string_view segment) {
  segment = strip_leading_blanks(segment);
  const size_t percent = segment.find('%');
  if (segment.empty() || segment[0] != '[' || percent == std::string_view::npos)
    return std::nullopt;
  return percent_value(number_before(segment.substr(0, percent)));
}

void ProgressFilter::offer(std::optional<double> percent) {
  if (!percent || percent == last_) return;
  last_ = percent;
  if (on_progress_) on_progress_(*percent);
}

// ---- sfc ------------------------------------------------------------------------------------

SfcVerdict sfc_verdict(std::string_view line) {
  static constexpr std::pair<std::string_view, SfcVerdict> kSentences[] = {
      {"did not find any integrity violations", SfcVerdict::NoViolations},
      {"found corrupt files and successfully repaired them", SfcVerdict::Repaired},
      {"found corrupt files but was unable to fix some of them", SfcVerdict::Unrepairable},
      {"system repair pending which requires reboot", SfcVerdict::RebootPending},
      {"must be an administrator running a console session", SfcVerdict::NotAdministrator},
      {"could not perform the requested operation", SfcVerdict::CouldNotPerform},
      {"could not start the repair service", SfcVerdict::ServiceNotStarted},
  };
  for (const auto& [sentence, verdict] : kSentences)
    if (contains(line, sentence)) return verdict;
  return SfcVerdict::Unknown;
}

SfcOutputReader::SfcOutputReader(std::function<void(double)> on_progress)
    : text_([this](std::string_view s) { line(s); }), progress_(std::move(on_progress)) {}

void SfcOutputReader::feed(std::string_view bytes) {
  text_.feed(bytes);
  progress_.offer(sfc_progress(text_.pending()));
}

void SfcOutputReader::line(std::string_view text) {
  if (auto percent = sfc_progress(text)) {
    progress_.offer(percent);
    after_progress_ = true;
    first_after_progress_.clear();
    return;
  }
  if (SfcVerdict verdict = sfc_verdict(text); verdict != SfcVerdict::Unknown) {
    out_.verdict = verdict;
    out_.verdict_line = std::string(text);
  }
  if (after_progress_ && first_after_progress_.empty()) first_after_progress_ = std::string(text);
  last_line_ = std::string(text);
}

SfcOutput SfcOutputReader::finish() {
  text_.finish();
  if (out_.verdict == SfcVerdict::Unknown)
    out_.verdict_line = first_after_progress_.empty() ? last_line_ : first_after_progress_;
  return out_;
}

// ---- DISM -----------------------------------------------------------------------------------

StoreHealth dism_store_health(std::string_view line) {
  if (contains(line, "No component store corruption detected")) return StoreHealth::Healthy;
  if (contains(line, "The component store is repairable")) return StoreHealth::Repairable;
  if (contains(line, "The component store cannot be repaired")) return StoreHealth::NotRepairable;
  return StoreHealth::Unknown;
}

DismOutputReader::DismOutputReader(std::function<void(double)> on_progress)
    : text_([this](std::string_view s) { line(s); }), progress_(std::move(on_progress)) {}

void DismOutputReader::feed(std::string_view bytes) {
  text_.feed(bytes);
  progress_.offer(dism_progress(text_.pending()));
}

// A bar and a verdict can share a line: "[===100.0%===] The restore operation completed ...".
void DismOutputReader::line(std::string_view text) {
  progress_.offer(dism_progress(text));
  if (StoreHealth health = dism_store_health(text); health != StoreHealth::Unknown)
    out_.health = health;
  const std::string_view trimmed = strip_leading_blanks(text);
  if (error_seen_ && out_.error_text.empty() && !trimmed.empty()) {
    out_.error_text = std::string(trimmed);
  } else if (trimmed.substr(0, 6) == "Error:") {
    error_seen_ = true;
  }
}

DismOutput DismOutputReader::finish() {
  text_.finish();
  return out_;
}

}  // namespace wufix
