// The sfc repair step: sfc /scannow from System32, progress from its updates, and its verdict
// as the step's result.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/repair/step.h"
#include "tool_output_fixtures.h"

namespace wufix {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace tool_fixtures;

constexpr char16_t kClean[] = u"Windows Resource Protection did not find any integrity violations.";
constexpr char16_t kRepaired[] =
    u"Windows Resource Protection found corrupt files and successfully repaired them.";
constexpr char16_t kUnrepairable[] =
    u"Windows Resource Protection found corrupt files but was unable to fix some of them.";

struct SfcStep : ::testing::Test {
  StepHarness h;

  // sfc.exe prints `output` (in chunks of `chunk` bytes) and exits with `exit_code`.
  StepReport run(const std::string& output, uint32_t exit_code = 0, size_t chunk = 4096) {
    h.fake.processes.scripts["sfc.exe"] = {chunks_of(output, chunk), exit_code, std::nullopt};
    return run_sfc_step(h.ctx);
  }

  bool has_detail(std::string_view part, const StepReport& r) const {
    for (const auto& d : r.details)
      if (d.find(part) != std::string::npos) return true;
    return false;
  }
};

TEST_F(SfcStep, RunsScannowFromSystem32ByFullPath) {
  run(sfc_output(kClean));
  ASSERT_EQ(h.fake.processes.ran.size(), 1u);
  EXPECT_EQ(h.fake.processes.ran[0].program, "C:\\Windows\\System32\\sfc.exe");
  EXPECT_THAT(h.fake.processes.ran[0].args, ElementsAre("/scannow"));
}

TEST_F(SfcStep, TheRunIsJournaled) {
  run(sfc_output(kClean));
  EXPECT_THAT(h.fake.files.content("C:\\ProgramData\\wufix\\runs\\t.jsonl"), HasSubstr("sfc.exe"));
  ASSERT_EQ(h.changes.step_actions().size(), 1u);
  EXPECT_EQ(h.changes.step_actions()[0].kind, Action::Kind::RunProgram);
}

TEST_F(SfcStep, NoViolations) {
  StepReport r = run(sfc_output(kClean));
  EXPECT_EQ(r.result, "no-violations");
  EXPECT_FALSE(r.error.has_value());
  EXPECT_FALSE(r.reboot_required);
  EXPECT_THAT(
      r.details,
      ElementsAre("sfc: Windows Resource Protection did not find any integrity violations."));
}

TEST_F(SfcStep, Repaired) {
  StepReport r = run(sfc_output(kRepaired));
  EXPECT_EQ(r.result, "repaired");
  EXPECT_FALSE(r.error.has_value());
}

TEST_F(SfcStep, UnrepairableFailsWithTheExitCodeAndAdvisesDismThenSfcAgain) {
  StepReport r = run(sfc_output(kUnrepairable), 1);
  EXPECT_EQ(r.result, "unrepairable");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 1u);
  EXPECT_EQ(r.error->what, "sfc found corrupt system files it could not repair");
  EXPECT_EQ(r.error->context,
            "Windows Resource Protection found corrupt files but was unable to fix some of them.");
  EXPECT_TRUE(
      has_detail("`wufix repair --only dism`, then run `wufix repair --only sfc` again", r));
  EXPECT_TRUE(has_detail("C:\\Windows\\Logs\\CBS\\CBS.log", r));
}

TEST_F(SfcStep, PendingRepairFailsAndNeedsARestart) {
  StepReport r =
      run(utf16le(u"\r\nBeginning system scan.  This process will take some time.\r\n\r\n"
                  u"There is a system repair pending which requires reboot to complete.  "
                  u"Restart Windows and run sfc again.\r\n"),
          1);
  EXPECT_EQ(r.result, "failed");
  EXPECT_TRUE(r.reboot_required);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_TRUE(has_detail("restart Windows first", r));
}

TEST_F(SfcStep, NotElevatedFails) {
  StepReport r = run(utf16le(u"\r\nYou must be an administrator running a console session in order "
                             u"to use the sfc utility.\r\n"),
                     1);
  EXPECT_EQ(r.result, "failed");
  EXPECT_FALSE(r.reboot_required);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->what, "sfc needs an elevated console session");
  EXPECT_TRUE(has_detail("elevated command prompt", r));
}

TEST_F(SfcStep, CouldNotPerformAndNoRepairServiceFail) {
  StepReport r = run(
      sfc_output(u"Windows Resource Protection could not perform the requested operation.", 35, 5),
      1);
  EXPECT_EQ(r.result, "failed");
  EXPECT_THAT(r.error->what, HasSubstr("could not perform"));
  r = run(utf16le(u"\r\nWindows Resource Protection could not start the repair service.\r\n"), 1);
  EXPECT_EQ(r.result, "failed");
  EXPECT_THAT(r.error->what, HasSubstr("Windows Modules Installer"));
}

TEST_F(SfcStep, UnrecognizedVerdictFailsWithSfcsOwnWordsEvenOnExitCodeZero) {
  std::u16string text =
      u"\r\n\u00dcberpr\u00fcfung 100 % abgeschlossen.\r\n\r\n"
      u"Der Windows-Ressourcenschutz hat keine Integrit\u00e4tsverletzungen gefunden.\r\n";
  StepReport r = run(utf16le(text), 0);
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0u);
  EXPECT_EQ(r.error->context,
            "Der Windows-Ressourcenschutz hat keine Integrit\xC3\xA4tsverletzungen gefunden.");
  EXPECT_THAT(h.progress, ElementsAre(100));
}

TEST_F(SfcStep, ProgressInOrderFromChunksSplitMidCodeUnit) {
  run(sfc_output(kClean, 100, 10), 0, 7);
  EXPECT_THAT(h.progress, ElementsAre(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100));
  for (const auto& step : h.progress_steps) EXPECT_EQ(step, "sfc");
}

TEST_F(SfcStep, ProgramThatCannotStartIsTheStepsError) {
  h.fake.processes.scripts["sfc.exe"].error =
      Error{2, "CreateProcessW failed", "C:\\Windows\\System32\\sfc.exe"};
  StepReport r = run_sfc_step(h.ctx);
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 2u);
  EXPECT_EQ(r.error->what, "CreateProcessW failed");
  EXPECT_EQ(r.error->context, "C:\\Windows\\System32\\sfc.exe");
}

TEST_F(SfcStep, GarbageOutputFailsWithoutCrashing) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage += static_cast<char>(i * 7919 % 256);
  StepReport r = run(garbage, 0xC0000005, 13);
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0xC0000005u);
}

TEST_F(SfcStep, SilentSfcFails) {
  StepReport r = run("", 0);
  EXPECT_EQ(r.result, "failed");
  EXPECT_TRUE(r.error.has_value());
  EXPECT_TRUE(h.progress.empty());
}

}  // namespace
}  // namespace wufix
