// The dism repair step: CheckHealth, ScanHealth, then RestoreHealth (unless the store is
// healthy), one progress bar over the three, and DISM's exit code as the verdict.
#include <deque>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/repair/step.h"
#include "tool_output_fixtures.h"

namespace wufix {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace tool_fixtures;
using Script = fakes::FakeProcesses::Script;

const std::string kNoCorruption =
    "No component store corruption detected.\r\n" + std::string(kDismOk);
const std::string kRepairable = "The component store is repairable.\r\n" + std::string(kDismOk);
const std::string kRestored =
    " The restore operation completed successfully.\r\n" + std::string(kDismOk);

// FakeProcesses answers every run of one program alike; DISM runs three times, differently.
struct DismRuns : fakes::FakeProcesses {
  std::deque<Script> next;  // one per run, in order
  Result<ProcessResult> run(const ProcessSpec& spec) override {
    if (!next.empty()) {
      scripts["dism.exe"] = next.front();
      next.pop_front();
    }
    return FakeProcesses::run(spec);
  }
};

Script dism(std::string output, uint32_t exit_code = 0, size_t chunk = 4096) {
  return Script{chunks_of(output, chunk), exit_code, std::nullopt};
}

Script check_ok() { return dism(dism_output({}, kNoCorruption)); }
Script check_repairable() { return dism(dism_output({}, kRepairable)); }
Script scan_repairable() { return dism(dism_output({0, 50, 100}, " " + kRepairable)); }
Script scan_healthy() { return dism(dism_output({0, 50, 100}, " " + kNoCorruption)); }
Script restore_ok(uint32_t exit_code = 0) {
  return dism(dism_output({0, 100}, kRestored), exit_code);
}
Script failure(std::string_view code, uint32_t exit_code,
               std::string_view text = "An error occurred.") {
  return dism(dism_output({0, 84.9}, dism_error(code, text)), exit_code);
}

struct DismStep : ::testing::Test {
  StepHarness h;
  DismRuns processes;

  StepReport run(std::initializer_list<Script> runs) {
    h.sys.processes = &processes;
    processes.next.assign(runs.begin(), runs.end());
    return run_dism_step(h.ctx);
  }
  std::vector<std::vector<std::string>> argvs() const {
    std::vector<std::vector<std::string>> out;
    for (const auto& spec : processes.ran) out.push_back(spec.args);
    return out;
  }
  bool has_detail(std::string_view part, const StepReport& r) const {
    for (const auto& d : r.details)
      if (d.find(part) != std::string::npos) return true;
    return false;
  }
};

using Args = std::vector<std::string>;
const Args kCheckArgs{"/Online", "/English", "/Cleanup-Image", "/CheckHealth"};
const Args kScanArgs{"/Online", "/English", "/Cleanup-Image", "/ScanHealth"};
const Args kRestoreArgs{"/Online", "/English", "/Cleanup-Image", "/RestoreHealth"};

TEST_F(DismStep, HealthyStoreSkipsRestoreHealth) {
  StepReport r = run({check_ok(), scan_healthy()});
  EXPECT_EQ(r.result, "healthy");
  EXPECT_FALSE(r.error.has_value());
  EXPECT_FALSE(r.reboot_required);
  EXPECT_THAT(argvs(), ElementsAre(kCheckArgs, kScanArgs));
  for (const auto& spec : processes.ran) EXPECT_EQ(spec.program, "C:\\Windows\\System32\\Dism.exe");
  EXPECT_TRUE(has_detail("/RestoreHealth skipped", r));
  EXPECT_EQ(h.changes.step_actions().size(), 2u);
}

TEST_F(DismStep, RepairableStoreIsRestored) {
  StepReport r = run({check_repairable(), scan_repairable(), restore_ok()});
  EXPECT_EQ(r.result, "repaired");
  EXPECT_FALSE(r.error.has_value());
  EXPECT_THAT(argvs(), ElementsAre(kCheckArgs, kScanArgs, kRestoreArgs));
  EXPECT_TRUE(has_detail("/ScanHealth: the component store is repairable", r));
}

TEST_F(DismStep, SourceOptionAddsSourceAndLimitAccessToRestoreHealthOnly) {
  h.options.dism_source = "WIM:D:\\sources\\install.wim:1";
  run({check_repairable(), scan_repairable(), restore_ok()});
  Args restore = kRestoreArgs;
  restore.push_back("/Source:WIM:D:\\sources\\install.wim:1");
  restore.push_back("/LimitAccess");
  EXPECT_THAT(argvs(), ElementsAre(kCheckArgs, kScanArgs, restore));
}

TEST_F(DismStep, ScanVerdictNotUnderstoodStillRestores) {
  StepReport r =
      run({check_ok(), dism(dism_output({0, 100}, " Etwas anderes.\r\n")), restore_ok()});
  EXPECT_EQ(r.result, "repaired");
  EXPECT_EQ(processes.ran.size(), 3u);
}

TEST_F(DismStep, Exit3010IsSuccessThatNeedsARestart) {
  StepReport r = run({check_repairable(), scan_repairable(), restore_ok(3010)});
  EXPECT_EQ(r.result, "repaired");
  EXPECT_FALSE(r.error.has_value());
  EXPECT_TRUE(r.reboot_required);
}

TEST_F(DismStep, SourceMissingCarriesTheHresultItsNameAndAdvice) {
  StepReport r = run({check_repairable(), scan_repairable(),
                      failure("0x800f081f", 0x800F081F, "The source files could not be found.")});
  EXPECT_EQ(r.result, "source-missing");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0x800F081Fu);
  EXPECT_EQ(r.error->what, "DISM /RestoreHealth failed with CBS_E_SOURCE_MISSING");
  EXPECT_THAT(r.error->context, HasSubstr("source files"));
  EXPECT_TRUE(has_detail("DISM: The source files could not be found.", r));
  EXPECT_TRUE(has_detail("--source WIM:D:\\sources\\install.wim:1", r));
  EXPECT_TRUE(has_detail("C:\\Windows\\Logs\\DISM\\dism.log", r));
}

TEST_F(DismStep, SourceMissingWithASourceSaysTheSourceDoesNotMatch) {
  h.options.dism_source = "WIM:E:\\install.wim:6";
  StepReport r = run({check_repairable(), scan_repairable(), failure("0x800f081f", 0x800F081F)});
  EXPECT_EQ(r.result, "source-missing");
  EXPECT_TRUE(has_detail("the source WIM:E:\\install.wim:6 lacks the files", r));
  EXPECT_TRUE(has_detail("/Get-WimInfo", r));
}

TEST_F(DismStep, DownloadFailureAndPolicyAreSourceMissingToo) {
  for (uint32_t code : {0x800F0906u, 0x800F0907u}) {
    processes.ran.clear();
    StepReport r = run({check_repairable(), scan_repairable(), failure("0x800f0906", code)});
    EXPECT_EQ(r.result, "source-missing") << std::hex << code;
    EXPECT_EQ(r.error->code, code);
  }
}

TEST_F(DismStep, BadArgumentIsAFailureWithItsHresult) {
  h.options.dism_source = "D:\\nonsense";
  StepReport r = run({check_repairable(), scan_repairable(), failure("87", 87)});
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0x80070057u);
  EXPECT_EQ(r.error->what, "DISM /RestoreHealth failed with E_INVALIDARG");
  EXPECT_TRUE(has_detail("check --source", r));
}

TEST_F(DismStep, NotElevatedStopsAtTheFirstRun) {
  StepReport r = run({failure("740", 740, "Elevated permissions are required to run DISM.")});
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 0x800702E4u);
  EXPECT_EQ(r.error->what.rfind("DISM /CheckHealth failed", 0), 0u);
  EXPECT_TRUE(has_detail("DISM: Elevated permissions are required to run DISM.", r));
  EXPECT_TRUE(has_detail("elevated command prompt", r));
  EXPECT_EQ(processes.ran.size(), 1u);
}

TEST_F(DismStep, ScanFailureStopsBeforeRestore) {
  StepReport r = run({check_ok(), failure("0x80070005", 0x80070005)});
  EXPECT_EQ(r.result, "failed");
  EXPECT_EQ(r.error->what, "DISM /ScanHealth failed with E_ACCESSDENIED");
  EXPECT_EQ(processes.ran.size(), 2u);
}

TEST_F(DismStep, ProgramThatCannotStartIsTheStepsError) {
  h.fake.processes.scripts.clear();
  Script missing;
  missing.error = Error{2, "CreateProcessW failed", "C:\\Windows\\System32\\Dism.exe"};
  StepReport r = run({missing});
  EXPECT_EQ(r.result, "failed");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, 2u);
  EXPECT_EQ(r.error->what, "CreateProcessW failed");
}

TEST_F(DismStep, OneProgressBarOverThePhasesFromSplitChunks) {
  run({dism(dism_output({}, kRepairable), 0, 3),
       dism(dism_output({0, 5.9, 50, 100}, " " + kRepairable), 0, 5),
       dism(dism_output({0, 20, 100}, kRestored), 0, 1)});
  // ScanHealth fills 10-50 %, RestoreHealth 50-100 %.
  // Each value once: RestoreHealth's 0 % is ScanHealth's 100 %.
  ASSERT_EQ(h.progress.size(), 6u);
  const std::vector<double> expected{10, 12.36, 30, 50, 60, 100};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(h.progress[i], expected[i], 1e-9) << i;
  for (const auto& step : h.progress_steps) EXPECT_EQ(step, "dism");
}

TEST_F(DismStep, HealthyStoreEndsTheBarAtHundred) {
  run({check_ok(), scan_healthy()});
  ASSERT_FALSE(h.progress.empty());
  EXPECT_EQ(h.progress.back(), 100);
}

TEST_F(DismStep, GarbageOutputNeverCrashes) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage += static_cast<char>(i * 7919 % 256);
  StepReport r = run({dism(garbage, 0, 11), dism(garbage, 0, 17), dism(garbage, 0xDEADBEEF, 7)});
  EXPECT_EQ(r.result, "failed");
  EXPECT_EQ(r.error->code, 0xDEADBEEFu);
  EXPECT_EQ(r.error->what, "DISM /RestoreHealth failed");
  for (double p : h.progress) EXPECT_TRUE(p >= 0 && p <= 100) << p;
}

}  // namespace
}  // namespace wufix
