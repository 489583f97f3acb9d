// The one progress bar of the command line: sfc and DISM steps, cleanup, update installs and
// catalog downloads draw through it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "cli/command.h"

namespace wufix {

// Draws "sfc [#####.....]  45%" (and a detail: "12.0 MB of 30.0 MB") in place on a
// terminal's stderr; nothing otherwise.
class ProgressBar {
 public:
  explicit ProgressBar(Context& ctx);
  bool enabled() const { return enabled_; }  // off for --json and when stderr is no terminal
  // percent nullopt: the whole is unknown (a download without a size), only the detail shows.
  void update(std::string_view label, std::optional<double> percent, std::string_view detail = "");
  void finish();  // ends the line if one is drawn

 private:
  Context& ctx_;
  bool enabled_;
  bool drawn_ = false;
  int last_ = -2;  // whole percent drawn last; -1: drawn without a bar
  std::string last_label_, last_detail_;
};

}  // namespace wufix
