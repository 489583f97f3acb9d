// %ProgramData%\wufix and the journals in it: created private, a weak one made private, a link
// or a foreign owner refused; only wufix's own journals read, the others skipped and named; a
// torn last line cut before anything is appended.
#include <gtest/gtest.h>

#include "core/folder_levels.h"
#include "core/private_folder.h"
#include "core/repair/journal.h"
#include "fakes/fake_system.h"

namespace wufix {
namespace {

constexpr const char* kWufix = "C:\\ProgramData\\wufix";
constexpr const char* kRuns = "C:\\ProgramData\\wufix\\runs";
constexpr const char* kEve = "S-1-5-21-1-2-3-1002";  // a standard user

FileSecurity owned_by(std::string sid, bool directory, std::vector<std::string> allowed) {
  FileSecurity s;
  s.owner = std::move(sid);
  s.directory = directory;
  s.allowed = std::move(allowed);
  return s;
}

TEST(FolderLevels, EachFolderFromTheRootDownIsWalked) {
  EXPECT_EQ(folder_levels("C:\\Windows\\ServiceProfiles", "NetworkService\\AppData"),
            (std::vector<std::string>{"C:\\Windows\\ServiceProfiles",
                                      "C:\\Windows\\ServiceProfiles\\NetworkService",
                                      "C:\\Windows\\ServiceProfiles\\NetworkService\\AppData"}));
  EXPECT_EQ(folder_levels(kWufix, ""), std::vector<std::string>{kWufix});
}

TEST(FolderLevels, EmptyNamesFromDoubledOrTrailingBackslashesAreSkipped) {
  EXPECT_EQ(folder_levels(kWufix, "\\downloads\\\\abc\\"),
            (std::vector<std::string>{kWufix, std::string(kWufix) + "\\downloads",
                                      std::string(kWufix) + "\\downloads\\abc"}));
}

struct PrivateFolder : ::testing::Test {
  fakes::FakeSystem fake;
  void SetUp() override { fake.files.add_dir("C:\\ProgramData"); }
  std::string journal(const std::string& id, const std::string& body) {
    std::string path = std::string(kRuns) + "\\" + id + ".jsonl";
    fake.files.add_file(path, body);
    return path;
  }
};

TEST_F(PrivateFolder, MissingFoldersAreCreatedPrivate) {
  ASSERT_TRUE(ensure_private_folder(fake.files, fake.platform, "downloads\\abc").ok());
  EXPECT_EQ(fake.files.made_private,
            (std::vector<std::string>{"new C:\\ProgramData\\wufix", "new C:\\ProgramData\\wufix\\downloads",
                                      "new C:\\ProgramData\\wufix\\downloads\\abc"}));
}

TEST_F(PrivateFolder, AWeakFolderOwnedByAdministratorsIsMadePrivate) {
  fake.files.add_dir(kWufix);
  // What wufix made before this fix: ProgramData's inherited DACL, where Users may create files.
  fake.files.set_security(kWufix, owned_by(kAdministratorsSid, true, {kSystemSid, kAdministratorsSid,
                                                                     "S-1-3-0", "S-1-5-32-545"}));
  ASSERT_TRUE(ensure_private_folder(fake.files, fake.platform, "").ok());
  EXPECT_EQ(fake.files.made_private, (std::vector<std::string>{"existing C:\\ProgramData\\wufix"}));
}

TEST_F(PrivateFolder, ALinkOrAForeignOwnerIsRefusedAndNamed) {
  fake.files.add_dir(kWufix);
  FileSecurity link = owned_by(kAdministratorsSid, true, {kSystemSid});
  link.reparse_point = true;
  fake.files.set_security(kWufix, link);
  auto refused = ensure_private_folder(fake.files, fake.platform, "runs");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("refusing C:\\ProgramData\\wufix: it is a link"), std::string::npos);
  fake.files.set_security(kWufix, owned_by(kEve, true, {kSystemSid}));
  refused = ensure_private_folder(fake.files, fake.platform, "runs");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find(kEve), std::string::npos);
  EXPECT_TRUE(fake.files.made_private.empty());
  EXPECT_FALSE(check_private_folder(fake.files, fake.platform, "runs").ok());
}

// A hard link to a file SYSTEM owns carries SYSTEM as its owner: the owner proves nothing then.
TEST_F(PrivateFolder, AFileWithAnotherNameIsNotOurs) {
  FileSecurity linked = owned_by(kSystemSid, false, {kSystemSid});
  linked.links = 2;
  auto why = untrusted_owner(linked, {kSystemSid, kAdministratorsSid});
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("hard link"), std::string::npos) << *why;
  linked.directory = true;  // a folder's link count counts its subfolders (Wine, POSIX)
  EXPECT_FALSE(untrusted_owner(linked, {kSystemSid, kAdministratorsSid}));
}

// Wine and some file systems accept SetSecurityInfo and keep the old DACL: read it back.
struct DaclIgnoringFiles : fakes::FakeFiles {
  Status make_private_directory(std::string_view p, bool existing) override {
    if (!existing) return FakeFiles::make_private_directory(p, existing);
    made_private.push_back("ignored " + std::string(p));
    return ok_status();
  }
};

TEST(PrivateFolderReadBack, AWeakFolderThatStaysWeakIsRefused) {
  DaclIgnoringFiles files;
  fakes::FakePlatform platform;
  files.add_dir("C:\\ProgramData");
  files.add_dir(kWufix);
  files.set_security(kWufix, owned_by(kAdministratorsSid, true, {kSystemSid, "S-1-1-0"}));
  auto refused = ensure_private_folder(files, platform, "runs");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("refusing C:\\ProgramData\\wufix: others may write there"),
            std::string::npos) << refused.error().message();
  EXPECT_FALSE(files.exists(kRuns).value());
}

TEST_F(PrivateFolder, TheElevatedUserCountsAsOwnerTheStandardUserNever) {
  auto trusted = trusted_sids(fake.platform);
  EXPECT_EQ(*trusted, (std::vector<std::string>{kSystemSid, kAdministratorsSid, fake.platform.sid}));
  fake.platform.elevated = false;
  EXPECT_EQ(*trusted_sids(fake.platform), (std::vector<std::string>{kSystemSid, kAdministratorsSid}));
}

TEST_F(PrivateFolder, OnlyWufixsOwnJournalsAreReadTheOthersAreSkippedAndNamed) {
  ASSERT_TRUE(ensure_private_folder(fake.files, fake.platform, "runs").ok());
  const std::string good = R"({"type":"run","run_id":"20261129-120000-beef","plan":["reset"]})" "\n";
  journal("20261129-120000-beef", good);
  std::string planted = journal("20261129-130000-0001", R"({"type":"run","run_id":"20261129-130000-0001"})" "\n");
  fake.files.set_security(planted, owned_by(kEve, false, {kEve}));
  journal("evil.", good);                                              // not a run id
  journal("20261129-140000-0002", good);                               // run_id is not its name
  journal("20261129-150000-0003", "{\"type\":\"run\"\n{garbage\n{}\n");  // damaged in the middle
  auto read = read_all_journals(fake.files, fake.platform);
  ASSERT_TRUE(read.ok()) << read.error().message();
  ASSERT_EQ(read->runs.size(), 1u);
  EXPECT_EQ(read->runs[0].run_id, "20261129-120000-beef");
  EXPECT_FALSE(read->runs[0].refused);
  ASSERT_EQ(read->skipped.size(), 4u);
  std::string all;
  for (const auto& s : read->skipped) all += s.file + ": " + s.reason + "\n";
  EXPECT_NE(all.find("20261129-130000-0001.jsonl: its owner " + std::string(kEve)), std::string::npos) << all;
  EXPECT_NE(all.find("not a wufix run id"), std::string::npos) << all;
  EXPECT_NE(all.find("its run_id '20261129-120000-beef' is not its name"), std::string::npos) << all;
  EXPECT_NE(all.find("damaged run journal"), std::string::npos) << all;
}

TEST_F(PrivateFolder, AJournalWithAForeignChangeIsReadButRefused) {
  journal("20261129-120000-beef",
          R"({"type":"run","run_id":"20261129-120000-beef","plan":["reset"]})" "\n"
          R"({"type":"intent","seq":1,"group":"reset","action":{"kind":"rename","from":"C:\\Users\\eve\\x","to":"C:\\Program Files\\y"}})" "\n");
  fake.files.add_dir(kWufix);
  fake.files.add_dir(kRuns);
  auto read = read_all_journals(fake.files, fake.platform);
  ASSERT_EQ(read->runs.size(), 1u);
  ASSERT_TRUE(read->runs[0].refused);
  EXPECT_NE(read->runs[0].refused->find("renames nothing repair owns"), std::string::npos);
}

TEST_F(PrivateFolder, ATornLastLineIsCutOffBeforeAnythingIsAppended) {
  const std::string whole = R"({"type":"run","run_id":"20261129-120000-beef","plan":["reset"]})" "\n";
  std::string path = journal("20261129-120000-beef", whole + R"({"type":"intent","seq":1,"gro)");
  auto writer = JournalWriter::open(fake.files, fake.platform, "20261129-120000-beef", 1);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->write({{"type", "undo-begin"}}).ok());
  EXPECT_EQ(fake.files.content(path),
            whole + R"({"cut_bytes":29,"type":"healed"})" "\n" R"({"type":"undo-begin"})" "\n");
  auto read = read_all_journals(fake.files, fake.platform);
  ASSERT_EQ(read->runs.size(), 1u);
  EXPECT_TRUE(read->runs[0].undo_begun);
}

TEST_F(PrivateFolder, ANewRunNeverOpensAnExistingJournal) {
  journal("20261129-120000-beef", "planted\n");
  auto writer = JournalWriter::create(fake.files, fake.platform, "20261129-120000-beef");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().code, 80u);
}

TEST(RunId, ThePatternOnly) {
  EXPECT_TRUE(valid_run_id("20261129-120000-beef"));
  for (const char* bad : {"20261129-120000-BEEF", "..\\20261129-120000", "20261129-120000-beef ",
                          "2026112-1200000-beef", "", "dry-run"})
    EXPECT_FALSE(valid_run_id(bad)) << bad;
}

}  // namespace
}  // namespace wufix
