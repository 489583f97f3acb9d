#pragma once
#include <windows.h>

#include "core/seam.h"

namespace wufix::win {

// Wide output to a real console (any script shows), raw UTF-8 bytes to pipes and files.
class WinConsole : public Console {
 public:
  WinConsole();
  void write_out(std::string_view utf8) override;
  void write_err(std::string_view utf8) override;
  bool out_is_terminal() const override { return out_console_; }
  bool err_is_terminal() const override { return err_console_; }
  bool in_is_terminal() const override;
  std::optional<std::string> env(std::string_view name) const override;
  std::optional<std::string> read_line() override;

 private:
  void write(HANDLE h, bool console, std::string_view utf8);
  HANDLE out_, err_;
  bool out_console_, err_console_;
};

}  // namespace wufix::win
