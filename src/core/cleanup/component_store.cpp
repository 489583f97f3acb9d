#include "core/cleanup/component_store.h"

#include <cmath>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/hresult.h"
#include "core/repair/tool_output.h"

namespace wufix {
namespace {

// "Label : value" with the label as DISM prints it in English; nullopt for other lines.
std::optional<std::string_view> value_of(std::string_view line, std::string_view label) {
  line = trim(line);
  if (line.substr(0, label.size()) != label) return std::nullopt;
  std::string_view rest = trim(line.substr(label.size()));
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  return trim(rest.substr(1));
}

struct DismRun {
  uint32_t exit_code = 0;
  std::string error_text;
};

Result<DismRun> run_dism(const System& sys, std::string_view operation, const PercentFn& progress,
                         const std::function<void(std::string_view)>& on_line) {
  ProgressFilter filter([&](double percent) {
    if (progress) progress(percent);
  });
  std::string error_text;
  bool error_seen = false;
  ConsoleText text([&](std::string_view segment) {
    filter.offer(dism_progress(segment));
    std::string_view line = trim(segment);
    if (line.rfind("Error:", 0) == 0) error_seen = true;
    else if (error_seen && error_text.empty() && !line.empty()) error_text = std::string(line);
    if (on_line) on_line(line);
  });
  ProcessSpec spec;
  spec.program = sys.platform->windows_dir() + "\\System32\\Dism.exe";  // never from PATH
  spec.args = {"/Online", "/English", "/Cleanup-Image", "/" + std::string(operation)};
  spec.on_output = [&](std::string_view bytes) {
    text.feed(bytes);
    filter.offer(dism_progress(text.pending()));
  };
  auto ran = sys.processes->run(spec);
  if (!ran) return ran.error();
  text.finish();
  return DismRun{ran->exit_code, error_text};
}

Error dism_failed(std::string_view operation, const DismRun& run) {
  return Error{run.exit_code, fmt::format("DISM /{} failed (exit code {})", operation,
                                          format_hresult(run.exit_code)),
               run.error_text};
}

}  // namespace

std::optional<uint64_t> StoreAnalysis::reclaimable() const {
  if (!backups_bytes && !cache_bytes) return std::nullopt;
  return backups_bytes.value_or(0) + cache_bytes.value_or(0);
}

std::optional<uint64_t> parse_dism_size(std::string_view text) {
  text = trim(text);
  size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string number(text.substr(0, space));
  for (char& c : number)
    if (c == ',') c = '.';
  std::string_view unit = trim(text.substr(space + 1));
  double scale = 0;
  if (unit == "bytes" || unit == "byte") scale = 1;
  else if (unit == "KB") scale = 1024.0;
  else if (unit == "MB") scale = 1024.0 * 1024;
  else if (unit == "GB") scale = 1024.0 * 1024 * 1024;
  else if (unit == "TB") scale = 1024.0 * 1024 * 1024 * 1024;
  else return std::nullopt;
  if (number.empty() ||
      number.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value)) return std::nullopt;
  return static_cast<uint64_t>(std::llround(value * scale));
}

void read_analysis_line(std::string_view line, StoreAnalysis& a) {
  if (auto v = value_of(line, "Actual Size of Component Store")) a.actual_bytes = parse_dism_size(*v);
  else if (auto v = value_of(line, "Backups and Disabled Features")) a.backups_bytes = parse_dism_size(*v);
  else if (auto v = value_of(line, "Cache and Temporary Data")) a.cache_bytes = parse_dism_size(*v);
  else if (auto v = value_of(line, "Component Store Cleanup Recommended"))
    a.recommended = *v == "Yes";
}

Result<StoreAnalysis> analyze_component_store(const System& sys, const PercentFn& progress) {
  StoreAnalysis analysis;
  auto run = run_dism(sys, "AnalyzeComponentStore", progress,
                      [&](std::string_view line) { read_analysis_line(line, analysis); });
  if (!run) return run.error();
  if (run->exit_code != 0) return dism_failed("AnalyzeComponentStore", *run);
  if (!analysis.reclaimable() || !analysis.recommended)
    return Error{0, "DISM /AnalyzeComponentStore printed no sizes wufix can read", ""};
  return analysis;
}

Status start_component_cleanup(const System& sys, const PercentFn& progress) {
  auto run = run_dism(sys, "StartComponentCleanup", progress, nullptr);
  if (!run) return run.error();
  if (run->exit_code != 0 && run->exit_code != 3010) return dism_failed("StartComponentCleanup", *run);
  return ok_status();
}

}  // namespace wufix
