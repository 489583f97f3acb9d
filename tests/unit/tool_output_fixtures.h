// Console output of sfc and DISM as they write it to a pipe (composed from the documented
// layout: sfc in UTF-16LE with "\r" progress redraws, DISM in 8-bit text with a "\r"-redrawn
// bar), ways to cut it into chunks, and a StepContext over fakes for the step tests.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/repair/step.h"
#include "fakes/fake_system.h"

namespace wufix::tool_fixtures {

inline std::string utf16le(std::u16string_view text) {
  std::string out;
  for (char16_t u : text) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  }
  return out;
}

// Pieces of `size` bytes (the last may be shorter): odd sizes split UTF-16 code units.
inline std::vector<std::string> chunks_of(std::string_view bytes, size_t size) {
  std::vector<std::string> out;
  for (size_t i = 0; i < bytes.size(); i += size) out.emplace_back(bytes.substr(i, size));
  return out;
}

// sfc /scannow: the banner, "Verification N% complete." for N = 0, step, ... up to `last`
// percent, then `verdict` and the CBS.log note.
inline std::u16string sfc_text(std::u16string_view verdict, int last = 100, int step = 20) {
  std::u16string text =
      u"\r\nBeginning system scan.  This process will take some time.\r\n\r\n"
      u"Beginning verification phase of system scan.\r\n";
  for (int pct = 0; pct <= last; pct += step) {
    std::string number = std::to_string(pct);
    text += u"\rVerification " + std::u16string(number.begin(), number.end()) + u"% complete.";
  }
  text += u"\r\n\r\n";
  text += verdict;
  text +=
      u"\r\nFor online repairs, details are included in the CBS log file located at\r\n"
      u"windir\\Logs\\CBS\\CBS.log. For example C:\\Windows\\Logs\\CBS\\CBS.log.\r\n";
  return text;
}

inline std::string sfc_output(std::u16string_view verdict, int last = 100, int step = 20) {
  return utf16le(sfc_text(verdict, last, step));
}

// "[===                        5.9%                           ]": 58 columns, text centred.
inline std::string dism_bar(double percent, char separator = '.') {
  std::string cells(58, ' ');
  const size_t filled = static_cast<size_t>(percent / 100 * 58 + 0.5);
  for (size_t i = 0; i < filled && i < cells.size(); ++i) cells[i] = '=';
  std::string number = fmt::format("{:.1f}%", percent);
  number[number.find('.')] = separator;
  cells.replace((58 - number.size()) / 2, number.size(), number);
  return "[" + cells + "]";
}

// DISM /Cleanup-Image: the banner, a bar redrawn through `percents`, then `tail` (what DISM
// prints after its bar: " The restore operation completed successfully.\r\n...").
inline std::string dism_output(const std::vector<double>& percents, std::string_view tail) {
  std::string out =
      "\r\nDeployment Image Servicing and Management tool\r\nVersion: 10.0.22621.2792\r\n\r\n"
      "Image Version: 10.0.22621.3593\r\n\r\n";
  for (double pct : percents) {
    out += '\r';
    out += dism_bar(pct);
  }
  return out + std::string(tail);
}

inline constexpr std::string_view kDismOk = "The operation completed successfully.\r\n";

// DISM's failure block for `code` ("0x800f081f" or "87") and its explanation.
inline std::string dism_error(std::string_view code, std::string_view explanation) {
  return fmt::format(
      "\r\n\r\nError: {}\r\n\r\n{}\r\n\r\nThe DISM log file can be found at "
      "C:\\WINDOWS\\Logs\\DISM\\dism.log\r\n",
      code, explanation);
}

// A step's context over fakes: the journal goes to a fake file, progress is recorded.
struct StepHarness {
  fakes::FakeSystem fake;
  System sys = fake.system();
  JournalWriter journal{
      std::move(fake.files.open_append("C:\\ProgramData\\wufix\\runs\\t.jsonl").value()), 1};
  Changes changes{sys, journal};
  RepairOptions options;
  std::vector<std::string> progress_steps;
  std::vector<double> progress;
  StepContext ctx{sys, changes, options,
                  [this](std::string_view step, double percent) {
                    progress_steps.emplace_back(step);
                    progress.push_back(percent);
                  },
                  "20261129-130000-0001"};
};

}  // namespace wufix::tool_fixtures
