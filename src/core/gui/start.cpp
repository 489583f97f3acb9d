#include "core/gui/start.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/exit_codes.h"
#include "core/gui/strings.h"

namespace wufix::gui {

StartDecision start_elevated(const Platform& platform, ElevationPrompt& prompt,
                             const std::vector<std::string>& args) {
  const Result<bool> elevated = platform.is_elevated();
  const bool relaunched = std::find(args.begin(), args.end(), kRelaunchedArg) != args.end();
  if (!elevated || *elevated || relaunched) return {true, exit_code::kOk};
  std::vector<std::string> again = args;
  again.emplace_back(kRelaunchedArg);
  while (true) {
    const Status started = prompt.relaunch_elevated(again);
    if (started) return {false, exit_code::kOk};
    const std::string message =
        started.error().code == kUacCancelled
            ? std::string(text(Text::UacCancelled))
            : fmt::format(fmt::runtime(text(Text::UacFailed)), started.error().message());
    if (!prompt.ask_retry(message)) return {false, exit_code::kNeedsElevation};
  }
}

std::vector<std::string> install_options(const std::vector<std::string>& args) {
  std::vector<std::string> kept;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--allow-unsigned") {
      kept.push_back(a);
    } else if ((a == "--catalog-url" || a == "--os" || a == "--arch") && i + 1 < args.size()) {
      kept.push_back(a);
      kept.push_back(args[++i]);
    }
  }
  return kept;
}

}  // namespace wufix::gui
