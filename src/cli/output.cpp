#include "cli/output.h"

#include <chrono>
#include <filesystem>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace wufix {

Output::Output(Console& console, bool color) : console_(console), color_(color) {}

Status Output::open_log(const std::string& path) {
  auto file = std::make_unique<std::ofstream>(
      std::filesystem::path(std::u8string(path.begin(), path.end())), std::ios::app);
  if (!*file) return Error{0, "cannot open log file", path};
  log_ = std::move(file);
  return ok_status();
}

void Output::log(std::string_view stream, std::string_view text) {
  if (!log_) return;
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  *log_ << fmt::format("{:%Y-%m-%dT%H:%M:%SZ} {} ", now, stream) << text;
  if (text.empty() || text.back() != '\n') *log_ << '\n';
  log_->flush();
}

void Output::out(std::string_view text) {
  if (captured_) captured_->out += text;
  else console_.write_out(text);
  log("out", text);
}

void Output::err(std::string_view text) {
  if (captured_) captured_->err += text;
  else console_.write_err(text);
  log("err", text);
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
