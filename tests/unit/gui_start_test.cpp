// wufix-gui.exe's start without Windows: elevated -> the wizard; not elevated -> one relaunch
// through UAC; a cancelled prompt -> our message with Retry, exit 3 on Cancel; never a loop.
#include <gtest/gtest.h>

#include "core/gui/start.h"
#include "core/gui/strings.h"
#include "fakes/fake_elevation_prompt.h"
#include "fakes/fake_system.h"

namespace wufix::gui {
namespace {

using fakes::FakeElevationPrompt;
using fakes::FakePlatform;

const Error kCancelled{kUacCancelled, "ShellExecuteExW failed", "wufix-gui.exe"};

TEST(GuiStart, ElevatedRunsTheWizardWithoutAsking) {
  FakePlatform platform;
  FakeElevationPrompt prompt;
  StartDecision d = start_elevated(platform, prompt, {});
  EXPECT_TRUE(d.run_wizard);
  EXPECT_TRUE(prompt.relaunches.empty());
  EXPECT_TRUE(prompt.messages.empty());
}

TEST(GuiStart, NotElevatedRelaunchesOnceThroughUacWithItsArgumentsAndEnds) {
  FakePlatform platform;
  platform.elevated = false;
  FakeElevationPrompt prompt;
  StartDecision d = start_elevated(platform, prompt, {"--catalog-url", "http://127.0.0.1:1"});
  EXPECT_FALSE(d.run_wizard);
  EXPECT_EQ(d.exit_code, 0);
  ASSERT_EQ(prompt.relaunches.size(), 1u);
  EXPECT_EQ(prompt.relaunches[0],
            (std::vector<std::string>{"--catalog-url", "http://127.0.0.1:1", "--elevated"}));
  EXPECT_TRUE(prompt.messages.empty());
}

TEST(GuiStart, CancelledPromptSaysSoAndEndsWithNeedsElevation) {
  FakePlatform platform;
  platform.elevated = false;
  FakeElevationPrompt prompt;
  prompt.relaunch_results = {kCancelled};
  StartDecision d = start_elevated(platform, prompt, {});
  EXPECT_FALSE(d.run_wizard);
  EXPECT_EQ(d.exit_code, 3);
  ASSERT_EQ(prompt.messages.size(), 1u);
  EXPECT_EQ(prompt.messages[0], text(Text::UacCancelled));
  EXPECT_NE(prompt.messages[0].find("administrator"), std::string::npos);
  EXPECT_NE(prompt.messages[0].find("Nothing was changed"), std::string::npos);
}

TEST(GuiStart, RetryAfterACancelAsksAgainAndTheSecondYesStartsIt) {
  FakePlatform platform;
  platform.elevated = false;
  FakeElevationPrompt prompt;
  prompt.relaunch_results = {kCancelled, ok_status()};
  prompt.retry_answers = {true};
  StartDecision d = start_elevated(platform, prompt, {});
  EXPECT_FALSE(d.run_wizard);
  EXPECT_EQ(d.exit_code, 0);
  EXPECT_EQ(prompt.relaunches.size(), 2u);
  EXPECT_EQ(prompt.messages.size(), 1u);
}

TEST(GuiStart, OtherFailureNamesTheWindowsError) {
  FakePlatform platform;
  platform.elevated = false;
  FakeElevationPrompt prompt;
  prompt.relaunch_results = {Error{2, "ShellExecuteExW failed", "C:\\x\\wufix-gui.exe"}};
  StartDecision d = start_elevated(platform, prompt, {});
  EXPECT_EQ(d.exit_code, 3);
  ASSERT_EQ(prompt.messages.size(), 1u);
  EXPECT_NE(prompt.messages[0].find("ShellExecuteExW failed"), std::string::npos);
  EXPECT_NE(prompt.messages[0].find("Win32 2"), std::string::npos);
}

// UAC off: "Run as administrator" gives a standard user the same standard token. The copy
// started with --elevated runs the wizard (checks only) instead of prompting forever.
TEST(GuiStart, TheRelaunchedCopyNeverAsksAgain) {
  FakePlatform platform;
  platform.elevated = false;
  FakeElevationPrompt prompt;
  StartDecision d = start_elevated(platform, prompt, {"--elevated"});
  EXPECT_TRUE(d.run_wizard);
  EXPECT_TRUE(prompt.relaunches.empty());
}

TEST(GuiStart, AnUnreadableTokenRunsTheWizardWhichSaysWhatItCannotDo) {
  FakePlatform platform;
  platform.elevated = Error{5, "OpenProcessToken failed", ""};
  FakeElevationPrompt prompt;
  EXPECT_TRUE(start_elevated(platform, prompt, {}).run_wizard);
  EXPECT_TRUE(prompt.relaunches.empty());
}

TEST(GuiStart, InstallOptionsKeepOnlyTheCatalogTestOptions) {
  EXPECT_EQ(install_options({"--elevated", "--catalog-url", "http://127.0.0.1:5", "--allow-unsigned",
                             "--os", "win11-24H2", "--arch", "x64", "--bogus", "x"}),
            (std::vector<std::string>{"--catalog-url", "http://127.0.0.1:5", "--allow-unsigned",
                                      "--os", "win11-24H2", "--arch", "x64"}));
  EXPECT_TRUE(install_options({"--catalog-url"}).empty());
}

}  // namespace
}  // namespace wufix::gui
