// What commands write through: stdout/stderr of the Console, colour decided once, and an
// optional --log file that receives a copy of everything.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/seam.h"

namespace wufix {

enum class Tone { Plain, Good, Warn, Bad, Bold, Dim };

// What --fleet keeps from a command instead of writing it to the console.
struct Captured {
  std::string out, err;
};

class Output {
 public:
  Output(Console& console, bool color);
  // The --log copy of everything written (stdout and stderr lines, UTC-stamped) into `file`,
  // opened for appending at `path`, each line stamped with `clock`'s time.
  Status open_log(Result<std::unique_ptr<OutputStream>> file, const Clock& clock,
                  const std::string& path);
  // From now on stdout and stderr text goes to `sink` (the --log copy is still written).
  void capture_into(Captured* sink) { captured_ = sink; }

  // Everything written is made terminal-safe here (core/safe_text: valid UTF-8, no C0/C1
  // controls), so no catalog title, log line, service name or file name can reach the
  // terminal as an escape sequence; only the colours paint() made pass, and only with colour.
  void out(std::string_view text);
  void err(std::string_view text);
  // A progress line ("\r..."): the same filtering, to stderr, not copied to the --log file.
  void progress(std::string_view text);
  // One-line error for people: "wufix: error: ..." on stderr.
  void error_line(std::string_view message);

  // Wraps text in an ANSI colour when colour is on.
  std::string paint(Tone tone, std::string_view text) const;
  // ✓ ! ✗ with colour, or ASCII [ok] [!!] [XX] without (NO_COLOR, --no-color, not a terminal).
  std::string mark(Tone tone) const;
  bool color() const { return color_; }
  Console& console() { return console_; }

 private:
  std::string safe(std::string_view text) const;
  void log(std::string_view stream, std::string_view text);
  Console& console_;
  bool color_;
  Captured* captured_ = nullptr;
  std::unique_ptr<OutputStream> log_;
  std::string log_path_;
  const Clock* clock_ = nullptr;
};

// --json output: pretty-printed with a final newline; invalid UTF-8 in any value (a surrogate
// from "&#xD800;", a file name byte 0xFF) becomes U+FFFD instead of failing the command.
std::string json_text(const nlohmann::json& value);

}  // namespace wufix
