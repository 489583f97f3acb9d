// The UAC prompt of wufix-gui.exe's start, in memory: each relaunch answers with the next
// scripted result (the last one repeats), each message box with the next scripted button.
#pragma once
#include <deque>
#include <string>
#include <vector>

#include "core/gui/start.h"

namespace wufix::fakes {

class FakeElevationPrompt : public gui::ElevationPrompt {
 public:
  std::deque<Status> relaunch_results{ok_status()};
  std::deque<bool> retry_answers;  // empty: Cancel
  std::vector<std::vector<std::string>> relaunches;  // the args of each relaunch
  std::vector<std::string> messages;                 // each message box's text

  Status relaunch_elevated(const std::vector<std::string>& args) override {
    relaunches.push_back(args);
    Status r = relaunch_results.front();
    if (relaunch_results.size() > 1) relaunch_results.pop_front();
    return r;
  }
  bool ask_retry(std::string_view message) override {
    messages.emplace_back(message);
    if (retry_answers.empty()) return false;
    bool retry = retry_answers.front();
    retry_answers.pop_front();
    return retry;
  }
};

}  // namespace wufix::testing
