#include "cli/progress.h"

#include <algorithm>

#include <fmt/format.h>

namespace wufix {

ProgressBar::ProgressBar(Context& ctx)
    : ctx_(ctx), enabled_(!ctx.global.json && ctx.sys.console->err_is_terminal()) {}

void ProgressBar::update(std::string_view label, std::optional<double> percent,
                         std::string_view detail) {
  int whole = percent ? static_cast<int>(std::clamp(*percent, 0.0, 100.0)) : -1;
  if (!enabled_ || (whole == last_ && label == last_label_ && detail == last_detail_)) return;
  last_ = whole;
  last_label_ = std::string(label);
  last_detail_ = std::string(detail);
  constexpr int kWidth = 30;
  int filled = std::max(whole, 0) * kWidth / 100;
  std::string bar = whole < 0 ? "" : fmt::format("[{}{}] {:3}% ", std::string(filled, '#'),
                                                 std::string(kWidth - filled, '.'), whole);
  // Padded so a shorter detail fully covers the longer one it redraws.
  ctx_.out.progress(fmt::format("\r  {:<5} {}{:<24}", label, bar, detail));
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) ctx_.sys.console->write_err("\n");
  drawn_ = false;
  last_ = -2;
  last_label_.clear();
  last_detail_.clear();
}

}  // namespace wufix
