// Undo and resume: from a finished run, a failed one, and a run killed at any point.
#include <functional>

#include "core/repair/revert.h"
#include "core/repair/undo.h"
#include "repair_fixture.h"

namespace wufix {
namespace {

struct UndoResume : RepairFixture {
  UndoOutcome undo() {
    RunLog log = journal_log();
    auto journal = JournalWriter::open(fake.files, fake.platform, run_id, log.last_seq() + 1);
    return perform_undo(sys, *journal, log, options.service_timeout);
  }
  RunOutcome resume() {
    RunLog log = journal_log();
    auto journal = JournalWriter::open(fake.files, fake.platform, run_id, log.last_seq() + 1);
    Changes changes(sys, *journal);
    RunHooks hooks;
    RunSetup setup{sys, changes, options, hooks, run_id, false};
    return resume_repair(setup, log);
  }
  // Runs reset with the power cut before its change number n (0: the first); false when the
  // run got through first. The PC is left exactly as the cut left it.
  bool cut_power_during_reset(int n) {
    fakes::changes_before_power_cut() = n;
    bool cut = false;
    try {
      repair({"reset"});
    } catch (const fakes::PowerCut&) {
      cut = true;
    }
    fakes::changes_before_power_cut() = -1;
    return cut;
  }
  // The journal's run header made it to disk: there is a run to resume or undo.
  bool run_began() { return read_journal(fake.files, fake.platform, run_id).ok(); }
  // SoftwareDistribution's data, wherever reset put it: never lost.
  std::string datastore_aside() {
    for (std::string aside : {std::string(kSd) + ".old", std::string(kSd) + ".wufix-" + run_id})
      if (*fake.files.exists(aside + "\\DataStore\\DataStore.edb"))
        return fake.files.content(aside + "\\DataStore\\DataStore.edb");
    return "";
  }
  void TearDown() override { fakes::changes_before_power_cut() = -1; }

  // The journal as a crash after `records` lines would have left it.
  void cut_journal_after(size_t records) {
    std::string text = fake.files.content(journal_file()), kept;
    size_t pos = 0;
    for (size_t i = 0; i < records && pos < text.size(); ++i) {
      size_t nl = text.find('\n', pos);
      kept += text.substr(pos, nl + 1 - pos);
      pos = nl + 1;
    }
    fake.files.add_file(journal_file(), kept);
  }
};

TEST_F(UndoResume, UndoPutsFoldersBackAndRestoresServices) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  repair({"services", "reset"});
  ASSERT_EQ(service("wuauserv").start_type, StartType::Manual);
  ASSERT_EQ(service("wuauserv").state, ServiceState::Running);  // reset starts it

  UndoOutcome out = undo();
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
  EXPECT_EQ(fake.files.content(std::string(kCatroot2) + "\\edb.log"), "log");
  EXPECT_FALSE(*fake.files.exists(std::string(kSd) + ".old"));
  EXPECT_EQ(service("wuauserv").start_type, StartType::Disabled);
  EXPECT_EQ(service("wuauserv").state, ServiceState::Stopped);
  EXPECT_EQ(service("CryptSvc").state, ServiceState::Running);
  EXPECT_TRUE(journal_log().undone());
}

TEST_F(UndoResume, AFolderWindowsRecreatedIsRenamedAsideNotDeleted) {
  repair({"reset"});
  fake.files.add_dir(kSd);  // Windows made the folder again
  fake.files.add_file(std::string(kSd) + "\\new.txt", "made after the reset");
  UndoOutcome out = undo();
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
  EXPECT_EQ(fake.files.content(std::string(kSd) + ".wufix-undo-" + run_id + "\\new.txt"),
            "made after the reset");
}

TEST_F(UndoResume, UndoRefusesWhenTheAsideFolderIsGone) {
  repair({"reset"});
  ASSERT_TRUE(fake.files.rename(std::string(kSd) + ".old", "C:\\elsewhere").ok());
  auto runs = read_all_journals(fake.files, fake.platform);
  auto problems = undo_problems(runs->runs.back(), runs->runs, sys);
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_NE(problems->front().find("is gone"), std::string::npos);
}

TEST_F(UndoResume, UndoRefusesWhenAStartTypeWasChangedSince) {
  fake.services.add("wuauserv", StartType::Disabled, ServiceState::Stopped);
  repair({"services"});
  ASSERT_TRUE(fake.services.set_start_type("wuauserv", StartType::Automatic, false).ok());
  auto runs = read_all_journals(fake.files, fake.platform);
  auto problems = undo_problems(runs->runs.back(), runs->runs, sys);
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_NE(problems->front().find("changed to automatic"), std::string::npos);
}

TEST_F(UndoResume, UndoRefusesWhileALaterRunIsNotUndone) {
  repair({"reset"});
  std::string first = run_id;
  run_id = "20261129-130000-cafe";
  repair({"reset"});
  auto runs = read_all_journals(fake.files, fake.platform);
  auto problems = undo_problems(*find_run(runs->runs, first).value(), runs->runs, sys);
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_NE(problems->front().find("wufix undo 20261129-130000-cafe"), std::string::npos);
}

// Kill the run after every journal record in turn: resume and undo must both end in a sane
// state from each of those points.
TEST_F(UndoResume, ResumeFinishesARunKilledAtAnyPoint) {
  auto pristine = fake;
  repair({"reset"});
  const std::string journal = fake.files.content(journal_file());
  size_t records = std::count(journal.begin(), journal.end(), '\n');
  for (size_t cut = 1; cut < records; ++cut) {
    SCOPED_TRACE("killed after record " + std::to_string(cut));
    fake = pristine;
    repair({"reset"});
    // The machine as the run left it at `cut` cannot be replayed exactly with fakes, so the
    // state is the finished run's and the journal is cut: the harshest case for resume.
    cut_journal_after(cut);
    ASSERT_TRUE(journal_log().interrupted());
    RunOutcome out = resume();
    EXPECT_FALSE(out.failed());
    EXPECT_FALSE(journal_log().interrupted());
    EXPECT_FALSE(*fake.files.exists(kSd));
    EXPECT_TRUE(*fake.files.exists(std::string(kSd) + ".old") ||
                *fake.files.exists(std::string(kSd) + ".wufix-" + run_id));
    EXPECT_EQ(service("CryptSvc").state, ServiceState::Running);
  }
}

// A resume that cannot journal putting the half-done step back runs nothing: the run stays
// interrupted, for a later resume or undo, instead of going on over unreverted changes.
TEST_F(UndoResume, AResumeThatCannotJournalItsRollbackRunsNoStep) {
  repair({"reset"});
  cut_journal_after(8);
  ASSERT_TRUE(journal_log().interrupted());
  const size_t renames = fake.files.renames.size();
  fake.files.fail_writes_containing = "resume-rollback";
  RunOutcome out = resume();
  ASSERT_EQ(out.steps.size(), 1u);
  EXPECT_EQ(out.steps[0].status, StepStatus::Failed);
  ASSERT_TRUE(out.steps[0].report.error);
  EXPECT_NE(out.steps[0].report.error->message().find("disk full"), std::string::npos);
  EXPECT_TRUE(out.resume_rollback.empty());
  EXPECT_EQ(fake.files.renames.size(), renames);
  EXPECT_TRUE(journal_log().interrupted());
}

// The PC as a power cut really leaves it: reset cut before each of its changes in turn (a
// service stopped, a folder renamed, a journal record half written...), then `then` runs on
// that PC. Returns how many points the run was cut at before it got through.
int for_each_power_cut(UndoResume& t, const std::function<void()>& then) {
  const auto pristine = t.fake;
  int cuts = 0;
  for (int n = 0; n < 200; ++n) {
    SCOPED_TRACE("power cut before change " + std::to_string(n + 1));
    t.fake = pristine;
    if (!t.cut_power_during_reset(n)) break;
    ++cuts;
    then();
  }
  return cuts;
}

TEST_F(UndoResume, ResumeFinishesARunCutOffBeforeAnyOfItsChanges) {
  int cuts = for_each_power_cut(*this, [&] {
    if (!run_began()) {  // cut before the run's header was whole: nothing was changed
      EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
      EXPECT_TRUE(fake.services.calls.empty());
      return;
    }
    ASSERT_TRUE(journal_log().interrupted());
    RunOutcome out = resume();
    EXPECT_FALSE(out.failed());
    EXPECT_FALSE(journal_log().interrupted());
    EXPECT_FALSE(*fake.files.exists(kSd));
    EXPECT_EQ(datastore_aside(), "edb");
    for (const char* name : {"wuauserv", "BITS", "CryptSvc"})
      EXPECT_EQ(service(name).state, ServiceState::Running) << name;
  });
  EXPECT_GT(cuts, 10);  // the run was cut at each of its many changes, then got through
}

// From the same points, undo puts the PC back as it was before the run.
TEST_F(UndoResume, UndoRestoresARunCutOffBeforeAnyOfItsChanges) {
  int cuts = for_each_power_cut(*this, [&] {
    if (!run_began()) return;
    UndoOutcome out = undo();
    ASSERT_FALSE(out.error) << out.error->message();
    EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
    EXPECT_EQ(fake.files.content(std::string(kCatroot2) + "\\edb.log"), "log");
    for (const char* name : {"wuauserv", "BITS", "CryptSvc", "UsoSvc"})
      EXPECT_EQ(service(name).state, ServiceState::Running) << name;
    EXPECT_EQ(service("msiserver").state, ServiceState::Stopped);
    EXPECT_TRUE(journal_log().undone());
  });
  EXPECT_GT(cuts, 10);
}

TEST_F(UndoResume, UndoRevertsARunKilledInTheMiddleOfItsRenames) {
  repair({"reset"});
  // Killed right after the intent to rename catroot2: the rename itself may or may not have
  // happened. Here it did not.
  std::string text = fake.files.content(journal_file());
  size_t intent = text.find("catroot2.old");
  size_t end_of_line = text.find('\n', intent);
  cut_journal_after(std::count(text.begin(), text.begin() + end_of_line, '\n') + 1);
  ASSERT_TRUE(fake.files.rename(std::string(kCatroot2) + ".old", kCatroot2).ok());
  UndoOutcome out = undo();
  ASSERT_FALSE(out.error) << out.error->message();
  EXPECT_EQ(fake.files.content(std::string(kSd) + "\\DataStore\\DataStore.edb"), "edb");
  EXPECT_EQ(fake.files.content(std::string(kCatroot2) + "\\edb.log"), "log");
  EXPECT_EQ(service("CryptSvc").state, ServiceState::Running);
  EXPECT_EQ(service("wuauserv").state, ServiceState::Running);
}

TEST_F(UndoResume, RevertIsIdempotent) {
  repair({"reset"});
  RunLog log = journal_log();
  auto actions = actions_that_may_have_happened(log);
  auto journal = JournalWriter::open(fake.files, fake.platform, "other");
  Changes changes(sys, *journal);
  ASSERT_TRUE(revert(actions, changes, sys, options.service_timeout, "t").ok());
  auto renames = fake.files.renames.size();
  ASSERT_TRUE(revert(actions, changes, sys, options.service_timeout, "t").ok());
  EXPECT_EQ(fake.files.renames.size(), renames);  // nothing left to do the second time
}

}  // namespace
}  // namespace wufix
