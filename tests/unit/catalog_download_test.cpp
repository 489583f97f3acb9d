// Downloading an update: every file of a chain, resumed after drops (in the run and across
// runs), verified by digest and signature; a file that fails is renamed *.rejected.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "core/catalog/download.h"
#include "core/catalog/install_run.h"

namespace wufix::catalog {
namespace {

using namespace std::chrono_literals;
constexpr const char* kHost = "https://catalog.s.download.windowsupdate.com/d/msdownload/update/software/secu/2024/10/";
constexpr const char* kCheckpoint = "windows11.0-kb5043080-x64_checkpoint.msu";
constexpr const char* kLcu = "windows11.0-kb5044284-x64_lcu.msu";
constexpr const char* kDir = "C:\\Downloads\\KB5044284";

struct DownloadTest : ::testing::Test {
  fakes::FakeHttp http;
  fakes::FakeClock clock;
  fakes::FakeFiles files;
  fakes::FakeCrypto crypto{files};
  CatalogClient client{http, clock, HostPolicy::microsoft()};
  std::map<std::string, std::string> content{{kCheckpoint, std::string(5000, 'c') + "checkpoint"},
                                             {kLcu, std::string(9000, 'l') + "lcu"}};
  std::vector<std::pair<std::string, uint64_t>> progress;

  UpdateFiles update(const std::map<std::string, std::string>& announced) {
    auto parsed = parse_download_dialog(
        testing_catalog::download_page("download_kb5044284_x64.html", "https://catalog.s.download.windowsupdate.com",
                                       announced),
        "u");
    EXPECT_TRUE(parsed) << parsed.error().message();
    return parsed->front();
  }
  void serve_files() {
    for (const auto& [name, data] : content) http.serve_body(kHost + name, data);
  }
  DownloadReport run(const UpdateFiles& u, bool allow_unsigned = false) {
    DownloadOptions options;
    options.dir = kDir;
    options.allow_unsigned = allow_unsigned;
    return download_update(client, {files, crypto}, u, options,
                           [&](const std::string& f, uint64_t done, std::optional<uint64_t>) {
                             progress.emplace_back(f, done);
                           });
  }
  std::string path(const char* name) { return std::string(kDir) + "\\" + name; }
};

TEST_F(DownloadTest, DownloadsAndVerifiesEveryFileOfAChain) {
  serve_files();
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << nlohmann::json(to_json(r)).dump(2);
  ASSERT_EQ(r.files.size(), 2u);
  EXPECT_EQ(files.content(path(kCheckpoint)), content[kCheckpoint]);
  EXPECT_EQ(files.content(path(kLcu)), content[kLcu]);
  EXPECT_EQ(r.files[0].digest_algorithm, "sha256");
  EXPECT_EQ(r.files[0].signature, "microsoft");
  EXPECT_EQ(r.files[1].bytes, content[kLcu].size());
  EXPECT_EQ(crypto.signature_checks, (std::vector<std::string>{path(kCheckpoint), path(kLcu)}));
  EXPECT_FALSE(files.exists(path(kLcu) + ".partial").value());
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(std::string(kLcu), uint64_t(content[kLcu].size())));
  auto j = to_json(r);
  EXPECT_EQ(j["files"][0]["status"], "verified");
  EXPECT_EQ(j["files"][0]["resumes"], 0);
}

TEST_F(DownloadTest, ResumesWithARangeRequestAfterTheConnectionDrops) {
  http.serve(kHost + std::string(kCheckpoint), fakes::FakeReply::dropping(content[kCheckpoint], 3000));
  http.serve(kHost + std::string(kCheckpoint), fakes::FakeReply::with(200, content[kCheckpoint]));
  http.serve_body(kHost + std::string(kLcu), content[kLcu]);
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_EQ(files.content(path(kCheckpoint)), content[kCheckpoint]);
  EXPECT_EQ(r.files[0].resumes, 1);
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[1].range_from, 3000u);  // what arrived before the drop
  EXPECT_EQ(clock.slept, 0ms);  // progress was made: resumed at once
}

TEST_F(DownloadTest, ResumesAPartialFileFromAnEarlierRun) {
  files.add_file(path(kCheckpoint) + ".partial", content[kCheckpoint].substr(0, 1234));
  serve_files();
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_EQ(files.content(path(kCheckpoint)), content[kCheckpoint]);
  EXPECT_EQ(http.requests[0].range_from, 1234u);
  EXPECT_FALSE(http.requests[1].range_from);
}

// Issue #11: a .partial planted by another user is never resumed (its owner could swap it after
// the hash): it is moved aside and the file downloaded whole into a file created new.
TEST_F(DownloadTest, APartialOfAnotherOwnerOrALinkIsMovedAsideNotResumed) {
  files.add_file(path(kCheckpoint) + ".partial", "");
  FileSecurity eve;
  eve.owner = "S-1-5-21-1-2-3-1002";
  eve.allowed = {eve.owner};
  files.set_security(path(kCheckpoint) + ".partial", eve);
  files.add_file(path(kLcu) + ".partial", "x");
  FileSecurity link;
  link.owner = "S-1-5-32-544";
  link.reparse_point = true;
  files.set_security(path(kLcu) + ".partial", link);
  files.add_file(path(kLcu) + ".partial.foreign", "earlier");
  serve_files();
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_FALSE(http.requests[0].range_from);
  EXPECT_EQ(files.content(path(kCheckpoint) + ".partial.foreign"), "");
  EXPECT_EQ(files.content(path(kLcu) + ".partial.foreign"), "earlier");
  EXPECT_EQ(files.content(path(kLcu) + ".partial.foreign.1"), "x");
  EXPECT_EQ(files.content(path(kLcu)), content[kLcu]);
}

// A hard link to a file SYSTEM owns looks like wufix's own by its owner: appending to it would
// write into that file.
TEST_F(DownloadTest, APartialWithAnotherNameIsMovedAsideNotAppendedTo) {
  files.add_file(path(kLcu) + ".partial", "system file bytes");
  FileSecurity linked;
  linked.owner = "S-1-5-18";
  linked.allowed = {linked.owner};
  linked.links = 2;
  files.set_security(path(kLcu) + ".partial", linked);
  serve_files();
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_EQ(files.content(path(kLcu) + ".partial.foreign"), "system file bytes");
  EXPECT_EQ(files.content(path(kLcu)), content[kLcu]);
  for (const auto& request : http.requests) EXPECT_FALSE(request.range_from);
}

TEST_F(DownloadTest, AVerifiedFileIsHeldAgainstWritersUntilItsOutcomeIsGone) {
  serve_files();
  {
    DownloadReport r = run(update(content));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(files.held.size(), 2u);
    EXPECT_FALSE(files.rename(path(kLcu), "C:\\swapped").ok());
  }
  EXPECT_TRUE(files.held.empty());
}

TEST_F(DownloadTest, ServerThatIgnoresRangeStillGivesTheRightFile) {
  files.add_file(path(kCheckpoint) + ".partial", content[kCheckpoint].substr(0, 1234));
  http.serve(kHost + std::string(kCheckpoint), fakes::FakeReply::ignoring_range(content[kCheckpoint]));
  http.serve_body(kHost + std::string(kLcu), content[kLcu]);
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_EQ(files.content(path(kCheckpoint)), content[kCheckpoint]);
}

TEST_F(DownloadTest, DigestMismatchIsRejectedAndRenamed) {
  serve_files();
  auto announced = content;
  announced[kLcu] = "something else";
  DownloadReport r = run(update(announced));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.files[0].status, FileStatus::Verified);
  EXPECT_EQ(r.files[1].status, FileStatus::Rejected);
  EXPECT_NE(r.files[1].error->message().find("sha256 digest mismatch"), std::string::npos);
  EXPECT_EQ(r.files[1].rejected_path, path(kLcu) + ".rejected");
  EXPECT_EQ(files.content(path(kLcu) + ".rejected"), content[kLcu]);
  EXPECT_FALSE(files.exists(path(kLcu)).value());
}

TEST_F(DownloadTest, UnsignedFileIsRejectedUnlessTestsAllowIt) {
  content[kLcu] += "UNSIGNED";
  serve_files();
  DownloadReport r = run(update(content));
  EXPECT_EQ(r.files[1].status, FileStatus::Rejected);
  EXPECT_NE(r.files[1].error->message().find("not Microsoft's"), std::string::npos);
  EXPECT_TRUE(files.exists(path(kLcu) + ".rejected").value());

  DownloadReport allowed = run(update(content), true);
  ASSERT_TRUE(allowed.ok()) << to_json(allowed).dump(2);
  EXPECT_EQ(allowed.files[1].signature, "skipped");
  EXPECT_TRUE(files.exists(path(kLcu) + ".rejected").value());  // the earlier copy stays aside
}

TEST_F(DownloadTest, SecondRejectionGetsItsOwnName) {
  serve_files();
  auto announced = content;
  announced[kLcu] = "x";
  run(update(announced));
  DownloadReport again = run(update(announced));
  EXPECT_EQ(again.files[1].rejected_path, path(kLcu) + ".rejected.1");
}

TEST_F(DownloadTest, VerifiedFileFromAnEarlierRunIsReused) {
  files.add_file(path(kCheckpoint), content[kCheckpoint]);
  files.add_file(path(kLcu), "corrupt");
  serve_files();
  DownloadReport r = run(update(content));
  ASSERT_TRUE(r.ok()) << to_json(r).dump(2);
  EXPECT_TRUE(r.files[0].reused);
  EXPECT_FALSE(r.files[1].reused);
  EXPECT_EQ(r.files[1].rejected_path, path(kLcu) + ".rejected");
  EXPECT_EQ(files.content(path(kLcu)), content[kLcu]);
  EXPECT_EQ(http.calls_to(kHost + std::string(kCheckpoint)), 0u);
}

// The earlier copy fails verification and cannot be moved aside: the file fails with both
// reasons, and nothing is downloaded over or beside it.
TEST_F(DownloadTest, AnEarlierCopyThatCannotBeMovedAsideFailsTheFileWithItsReason) {
  files.add_file(path(kLcu), "corrupt");
  files.fail[fakes::fold(path(kLcu) + ".rejected")] =
      Error{5, "MoveFileExW failed", path(kLcu) + ".rejected"};
  serve_files();
  DownloadReport r = run(update(content));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.files[1].status, FileStatus::Failed);
  ASSERT_TRUE(r.files[1].error);
  EXPECT_NE(r.files[1].error->message().find("digest mismatch"), std::string::npos);
  EXPECT_NE(r.files[1].error->message().find("moving it aside failed too"), std::string::npos);
  EXPECT_EQ(http.calls_to(kHost + std::string(kLcu)), 0u);
  EXPECT_EQ(files.content(path(kLcu)), "corrupt");
}

TEST_F(DownloadTest, FileWithoutDigestIsNeverDownloaded) {
  serve_files();
  UpdateFiles u = update(content);
  u.files[0].sha1.clear();
  u.files[0].sha256.clear();
  DownloadReport r = run(u);
  EXPECT_EQ(r.files[0].status, FileStatus::Failed);
  EXPECT_NE(r.files[0].error->message().find("no digest"), std::string::npos);
  EXPECT_EQ(http.calls_to(kHost + std::string(kCheckpoint)), 0u);
}

TEST_F(DownloadTest, Sha1IsUsedWhenThereIsNoSha256) {
  serve_files();
  UpdateFiles u = update(content);
  u.files[0].sha256.clear();
  DownloadReport r = run(u);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.files[0].digest_algorithm, "sha1");
}

TEST_F(DownloadTest, HttpErrorAndRedirectElsewhereFailTheFile) {
  http.serve(kHost + std::string(kCheckpoint), fakes::FakeReply::with(403, "denied"));
  http.serve(kHost + std::string(kLcu), fakes::FakeReply::redirect(302, "https://mirror.example/lcu.msu"));
  DownloadReport r = run(update(content));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.files[0].error->message().find("HTTP 403"), std::string::npos);
  EXPECT_NE(r.files[1].error->message().find("refusing to connect to mirror.example"), std::string::npos);
  EXPECT_FALSE(files.exists(path(kLcu)).value());
}

TEST_F(DownloadTest, RepeatedDropsWithoutProgressGiveUpWithBackOff) {
  http.serve(kHost + std::string(kCheckpoint), fakes::FakeReply::failing(12030, "WinHttpReadData failed"));
  serve_files();
  http.routes[kHost + std::string(kCheckpoint)].resize(1);
  DownloadReport r = run(update(content));
  EXPECT_EQ(r.files[0].status, FileStatus::Failed);
  EXPECT_EQ(http.calls_to(kHost + std::string(kCheckpoint)), 4u);
  EXPECT_EQ(clock.slept, 2000ms + 4000ms + 8000ms);
  EXPECT_EQ(r.files[1].status, FileStatus::Verified);
}

// `wufix install KB`'s download half, in core: the private downloads\ID folder, the packages.
struct ForInstall : DownloadTest {
  fakes::FakePlatform platform;
  InstallRun run(const UpdateFiles& u) {
    System sys;
    sys.files = &files;
    sys.platform = &platform;
    sys.crypto = &crypto;
    return download_for_install(sys, client, u, {}, false, [](auto&&...) {});
  }
};

TEST_F(ForInstall, TheUpdateGoesIntoItsPrivateFolderAndItsPackagesAreNamed) {
  serve_files();
  UpdateFiles u = update(content);
  InstallRun r = run(u);
  ASSERT_FALSE(r.error) << r.error->message();
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_TRUE(r.download && r.download->ok());
  ASSERT_EQ(r.packages.size(), 2u);
  const std::string dir = "C:\\ProgramData\\wufix\\downloads\\" + u.update_id;
  EXPECT_EQ(files.content(dir + "\\" + kLcu), content[kLcu]);
  EXPECT_NE(std::find(files.made_private.begin(), files.made_private.end(), "new " + dir),
            files.made_private.end());
}

// The id names a folder: one that is no GUID's characters makes no folder and downloads nothing.
TEST_F(ForInstall, AnUpdateIdThatIsNoGuidIsRefusedBeforeAnyFolder) {
  serve_files();
  UpdateFiles u = update(content);
  u.update_id = "..\\..\\Windows";
  InstallRun r = run(u);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->message().find("no GUID"), std::string::npos);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(files.made_private.empty());
  EXPECT_EQ(http.calls_to(kHost + std::string(kLcu)), 0u);
}

}  // namespace
}  // namespace wufix::catalog
