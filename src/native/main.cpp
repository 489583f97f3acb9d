// Linux entry point: the portable commands (explain, logs FILE...) with a POSIX console.
// Commands that read or change Windows refuse here (System has only the console and files).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "cli/cli.h"
#include "native/clock.h"
#include "native/files.h"

namespace {

class PosixConsole : public wufix::Console {
 public:
  void write_out(std::string_view s) override { write_all(STDOUT_FILENO, s); }
  void write_err(std::string_view s) override { write_all(STDERR_FILENO, s); }
  bool out_is_terminal() const override { return isatty(STDOUT_FILENO) == 1; }
  bool err_is_terminal() const override { return isatty(STDERR_FILENO) == 1; }
  bool in_is_terminal() const override { return isatty(STDIN_FILENO) == 1; }
  std::optional<std::string> read_line() override {
    std::string line;
    for (int c; (c = std::getchar()) != EOF;) {
      if (c == '\n') return line;
      line += static_cast<char>(c);
    }
    if (line.empty()) return std::nullopt;
    return line;
  }
  std::optional<std::string> env(std::string_view name) const override {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  }

 private:
  static void write_all(int fd, std::string_view s) {
    while (!s.empty()) {
      ssize_t n = ::write(fd, s.data(), s.size());
      if (n <= 0) return;  // a closed pipe: nothing more anyone can read
      s.remove_prefix(static_cast<size_t>(n));
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  PosixConsole console;
  wufix::System sys;
  sys.console = &console;
  wufix::native::PosixFiles files;
  sys.files = &files;
  wufix::native::PosixClock clock;
  sys.clock = &clock;
  return wufix::run_cli(std::vector<std::string>(argv + 1, argv + argc), sys);
}
