#include "cli/logs_text.h"

#include <fmt/format.h>

#include "core/hresult.h"

namespace wufix {
namespace {

std::string log_line(const LogSummary& s, const Output& out) {
  if (s.missing) return fmt::format("  {:<17} {}: {}\n", to_string(s.format), s.path, out.paint(Tone::Dim, "not present"));
  std::string bad = s.bad_lines ? fmt::format(", {} not in the log's format", s.bad_lines) : "";
  return fmt::format("  {:<17} {}: {} lines{}{}\n", to_string(s.format), s.path, s.lines, bad,
                     s.encoding == TextEncoding::Utf16le ? " (UTF-16)" : "");
}

std::string cause_block(const Cause& c, size_t rank, const Output& out) {
  std::string code = format_code_and_extend(c.code, c.extend_code);
  std::string title = fmt::format("{}{}{}{}", c.kb.empty() ? "" : c.kb + " ", code,
                                  c.name.empty() ? "" : " " + c.name,
                                  c.failure_class.empty() ? "" : " (" + c.failure_class + ")");
  std::string text = fmt::format("{} {}. {}\n", out.mark(Tone::Bad), rank, out.paint(Tone::Bold, title));
  std::string where = fmt::format("{}:{}", c.source_log, c.line);
  if (!c.time.empty()) where += " at " + c.time;
  if (c.occurrences > 1) where += fmt::format(", seen {} times", c.occurrences);
  if (!c.also_in.empty()) where += fmt::format(" (also {})", fmt::join(c.also_in, ", "));
  text += fmt::format("     {}\n", where);
  if (!c.component.empty()) text += fmt::format("     component: {}\n", c.component);
  if (!c.file.empty()) {
    std::string more = c.other_files.empty() ? "" : fmt::format(" (+{} more)", c.other_files.size());
    text += fmt::format("     file: {}{}\n", c.file, more);
  }
  text += fmt::format("     {}\n", out.paint(Tone::Dim, "> " + c.excerpt));
  text += fmt::format("     why: {}\n", c.explanation);
  text += fmt::format("     fix: {}\n", out.paint(Tone::Good, c.fix));
  return text;
}

}  // namespace

std::string render_logs_text(const LogAnalysis& a, const Output& out, size_t top) {
  std::string text = fmt::format("wufix {} logs: {} lines read from {} log{} ({} not in their log's format)\n",
                                 WUFIX_VERSION, a.lines, a.logs.size(), a.logs.size() == 1 ? "" : "s",
                                 a.bad_lines);
  for (const LogSummary& s : a.logs) text += log_line(s, out);
  std::string superseded =
      a.superseded.empty() ? ""
                           : fmt::format("{} earlier failure{} superseded by a later success (first: {}; "
                                         "--json lists them)\n",
                                         a.superseded.size(), a.superseded.size() == 1 ? "" : "s",
                                         a.superseded.front().superseded_by);
  if (a.causes.empty())
    return text + fmt::format("\n{} No failure found in these logs ({} lines read).\n{}", out.mark(Tone::Good),
                              a.lines, superseded);
  text += fmt::format("\n{} root cause{}, best first:\n\n", a.causes.size(), a.causes.size() == 1 ? "" : "s");
  for (size_t i = 0; i < a.causes.size() && i < top; ++i) text += cause_block(a.causes[i], i + 1, out) + "\n";
  if (a.causes.size() > top)
    text += fmt::format("{} more: wufix logs --json, or --top {}\n", a.causes.size() - top, a.causes.size());
  return text + superseded;
}

}  // namespace wufix
