#include "cli/output.h"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/safe_text.h"
#include "core/time_text.h"

namespace wufix {

Output::Output(Console& console, bool color) : console_(console), color_(color) {}

Status Output::open_log(Result<std::unique_ptr<OutputStream>> file, const Clock& clock,
                        const std::string& path) {
  if (!file) return Error{file.error().code, "cannot open the log file", path};
  log_ = std::move(*file);
  log_path_ = path;
  clock_ = &clock;
  return ok_status();
}

// A write that fails ends the copy with one line on stderr: the run goes on, but nobody is led
// to believe the log holds all of it.
void Output::log(std::string_view stream, std::string_view text) {
  if (!log_) return;
  std::string line = iso_utc(clock_->now()) + ' ' + std::string(stream) + ' ' + std::string(text);
  if (text.empty() || text.back() != '\n') line += '\n';
  Status written = log_->write(line);
  if (written) written = log_->flush();
  if (written) return;
  log_.reset();
  console_.write_err(safe(fmt::format("wufix: error: the log file {} is incomplete from here: {}\n",
                                      log_path_, written.error().message())));
}

namespace {

// The SGR sequences paint() writes: ESC [ 1|2|31|32|33|0 m.
size_t own_colour_at(std::string_view text, size_t at) {
  for (std::string_view sgr : {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[33m"})
    if (text.substr(at, sgr.size()) == sgr) return sgr.size();
  return 0;
}

}  // namespace

std::string Output::safe(std::string_view text) const {
  if (!color_) return printable_text(text);
  std::string out;
  size_t from = 0;
  for (size_t at = text.find('\x1b'); at != std::string_view::npos; at = text.find('\x1b', at + 1)) {
    size_t n = own_colour_at(text, at);
    if (n == 0) continue;
    out += printable_text(text.substr(from, at - from));
    out += text.substr(at, n);
    from = at + n;
    at = from - 1;
  }
  return out + printable_text(text.substr(from));
}

void Output::out(std::string_view text) {
  std::string s = safe(text);
  if (captured_) captured_->out += s;
  else console_.write_out(s);
  log("out", s);
}

void Output::err(std::string_view text) {
  std::string s = safe(text);
  if (captured_) captured_->err += s;
  else console_.write_err(s);
  log("err", s);
}

void Output::progress(std::string_view text) {
  if (!captured_) console_.write_err(safe(text));  // --fleet: nothing on stderr
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void Output::error_line(std::string_view message) {
  err(fmt::format("wufix: error: {}\n", message));
}

std::string Output::paint(Tone tone, std::string_view text) const {
  if (!color_ || tone == Tone::Plain) return std::string(text);
  const char* code = "";
  switch (tone) {
    case Tone::Good: code = "32"; break;
    case Tone::Warn: code = "33"; break;
    case Tone::Bad: code = "31"; break;
    case Tone::Bold: code = "1"; break;
    case Tone::Dim: code = "2"; break;
    case Tone::Plain: break;
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

std::string Output::mark(Tone tone) const {
  if (!color_) {
    switch (tone) {
      case Tone::Good: return "[ok]";
      case Tone::Warn: return "[!!]";
      case Tone::Bad: return "[XX]";
      default: return "[--]";
    }
  }
  switch (tone) {
    case Tone::Good: return paint(tone, "\u2713");
    case Tone::Warn: return paint(tone, "!");
    case Tone::Bad: return paint(tone, "\u2717");
    default: return paint(Tone::Dim, "-");
  }
}

}  // namespace wufix
