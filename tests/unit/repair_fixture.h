// A fake PC in the state the reset and services steps work on, and a journal to run against.
#pragma once
#include <gtest/gtest.h>

#include "core/repair/changes.h"
#include "core/repair/journal.h"
#include "core/repair/repair.h"
#include "fakes/fake_system.h"

namespace wufix {

struct RepairFixture : ::testing::Test {
  fakes::FakeSystem fake;
  System sys = fake.system();
  RepairOptions options;
  RunHooks hooks;  // none by default; a test may set verify
  std::string run_id = "20261129-120000-beef";

  static constexpr const char* kSd = "C:\\Windows\\SoftwareDistribution";
  static constexpr const char* kCatroot2 = "C:\\Windows\\System32\\catroot2";

  void SetUp() override {
    fake.services.add("wuauserv", StartType::Manual, ServiceState::Running);
    fake.services.add("BITS", StartType::Manual, ServiceState::Running);
    fake.services.add("CryptSvc", StartType::Automatic, ServiceState::Running);
    fake.services.add("msiserver", StartType::Manual, ServiceState::Stopped);
    fake.services.add("UsoSvc", StartType::Automatic, ServiceState::Running, true);
    fake.files.add_dir(kSd);
    fake.files.add_file(std::string(kSd) + "\\DataStore\\DataStore.edb", "edb");
    fake.files.add_dir(kCatroot2);
    fake.files.add_file(std::string(kCatroot2) + "\\edb.log", "log");
  }

  std::string journal_file() const { return journal_path(fake.platform, run_id); }

  // Runs the steps through a real journal on the fake files.
  RunOutcome repair(const std::vector<std::string>& steps) {
    auto journal = JournalWriter::open(fake.files, fake.platform, run_id);
    EXPECT_TRUE(journal.ok());
    Changes changes(sys, *journal);
    RunSetup setup{sys, changes, options, hooks, run_id, false};
    return run_repair(setup, steps);
  }

  RunLog journal_log() {
    auto log = read_journal(fake.files, fake.platform, run_id);
    EXPECT_TRUE(log.ok()) << (log ? "" : log.error().message());
    return log ? *log : RunLog{};
  }

  ServiceStatus service(const char* name) { return *fake.services.query(name); }
};

}  // namespace wufix
