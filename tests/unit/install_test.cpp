// wufix install and wufix catalog through the CLI over fakes: elevation first, the installer
// chosen by the number of packages, its exit code mapped to an outcome and wufix's exit code.
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "cli/cli.h"
#include "core/catalog/install.h"
#include "core/catalog/install_run.h"

namespace wufix {
namespace {

using testing_catalog::fixture;
constexpr const char* kBase = "http://127.0.0.1:8123";
constexpr const char* kFiles = "http://127.0.0.1:8123/d/msdownload/update/software/secu/2024/10/";
constexpr const char* kDownloads = "C:\\ProgramData\\wufix\\downloads\\";

TEST(PackagePlan, OneMsuWithWusaSeveralWithDism) {
  auto one = catalog::plan_package_install("C:\\Windows", {"C:\\d\\a.msu"});
  EXPECT_EQ(one.program, "C:\\Windows\\System32\\wusa.exe");
  EXPECT_EQ(one.args, (std::vector<std::string>{"C:\\d\\a.msu", "/quiet", "/norestart"}));
  auto two = catalog::plan_package_install("C:\\Windows", {"C:\\d\\a.msu", "C:\\d\\b.msu"});
  EXPECT_EQ(two.program, "C:\\Windows\\System32\\dism.exe");
  // Each verified file by name, never the folder (it may hold files nobody verified).
  EXPECT_EQ(two.args, (std::vector<std::string>{"/Online", "/Add-Package", "/PackagePath:C:\\d\\a.msu",
                                                "/PackagePath:C:\\d\\b.msu", "/Quiet", "/NoRestart"}));
  auto cab = catalog::plan_package_install("C:\\Windows", {"C:\\d\\a.cab"});
  EXPECT_EQ(cab.tool, "dism");
  EXPECT_EQ(cab.args[2], "/PackagePath:C:\\d\\a.cab");
}

TEST(InstallOutcome, ExitCodesMapToOutcomes) {
  using catalog::InstallOutcome;
  struct Case { uint32_t code; InstallOutcome outcome; int exit; const char* name; };
  for (Case c : {Case{0, InstallOutcome::Installed, 0, "S_OK"},
                 Case{3010, InstallOutcome::RestartRequired, 3010, "ERROR_SUCCESS_REBOOT_REQUIRED"},
                 Case{0x00240005, InstallOutcome::RestartRequired, 3010, "WU_S_REBOOT_REQUIRED"},
                 Case{0x00240006, InstallOutcome::AlreadyInstalled, 0, "WU_S_ALREADY_INSTALLED"},
                 Case{0x80240017, InstallOutcome::NotApplicable, 1, "WU_E_NOT_APPLICABLE"},
                 Case{0x800F081E, InstallOutcome::NotApplicable, 1, "CBS_E_NOT_APPLICABLE"},
                 Case{0x80070422, InstallOutcome::Failed, 1, "ERROR_SERVICE_DISABLED"},
                 Case{1618, InstallOutcome::Failed, 1, "ERROR_INSTALL_ALREADY_RUNNING"},
                 Case{0x12345678, InstallOutcome::Failed, 1, ""}}) {
    auto r = catalog::interpret_exit(c.code);
    EXPECT_EQ(r.outcome, c.outcome) << c.code;
    EXPECT_EQ(catalog::exit_code_for(r.outcome), c.exit) << c.code;
    EXPECT_EQ(r.name, c.name) << c.code;
  }
}

TEST(InstallOutcome, Sha1FromCatalogFileNames) {
  EXPECT_EQ(catalog::sha1_in_file_name("windows11.0-kb5044284-x64_FBB7C8C7E0E4A3E0D8B2E9E6F0A7B6C5D4E3F2A1.msu"),
            "fbb7c8c7e0e4a3e0d8b2e9e6f0a7b6c5d4e3f2a1");
  EXPECT_EQ(catalog::sha1_in_file_name("windows11.0-kb5044284-x64.msu"), "");
  EXPECT_EQ(catalog::sha1_in_file_name("x_zzb7c8c7e0e4a3e0d8b2e9e6f0a7b6c5d4e3f2a1.msu"), "");
}

// The CLI with every fake, a catalog at kBase serving KB5044284's pages and files.
struct CliCatalog : ::testing::Test {
  fakes::FakeSystem fs;
  fakes::FakeHttp http;
  fakes::FakeCrypto crypto{fs.files};
  std::map<std::string, std::string> content{{"windows11.0-kb5043080-x64_checkpoint.msu", "checkpoint bytes"},
                                             {"windows11.0-kb5044284-x64_lcu.msu", "lcu bytes"},
                                             {"windows11.0-kb5044284-arm64.msu", "arm64 bytes"}};
  void SetUp() override {
    http.serve_body(std::string(kBase) + "/Search.aspx?q=KB5044284", fixture("search_kb5044284.html"));
    http.serve_body(std::string(kBase) + "/ScopedViewInline.aspx?updateid=3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21",
                    fixture("details_3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21.html"));
    for (const auto& [name, data] : content) http.serve_body(kFiles + name, data);
    fs.registry.set_string("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuild", "26100");
    fs.registry.set_string("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "DisplayVersion", "24H2");
    fs.registry.set_string("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "ProductName", "Windows 10 Pro");
  }
  void serve_dialog(const char* fixture_name) {
    http.serve_body(std::string(kBase) + "/DownloadDialog.aspx",
                    testing_catalog::download_page(fixture_name, kBase, content));
  }
  int run(std::vector<std::string> args) {
    System sys = fs.system();
    sys.http = &http;
    sys.crypto = &crypto;
    return run_cli(args, sys);
  }
  nlohmann::json out_json() { return nlohmann::json::parse(fs.console.out); }
};

TEST_F(CliCatalog, SearchMarksTheRowForThisPc) {
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", kBase, "--json"}), 0) << fs.console.err;
  auto j = out_json();
  EXPECT_EQ(j["match"], "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21");
  EXPECT_EQ(j["target"]["version"], "24H2");
  EXPECT_EQ(j["updates"].size(), 7u);
  EXPECT_EQ(j["updates"][0]["match"], true);
  EXPECT_EQ(j["updates"][1]["mismatch"], "for arm64; this PC is x64");
  EXPECT_EQ(j["superseded_by"][0]["update_id"], "d4c3b2a1-9f8e-4d7c-8b6a-5f4e3d2c1b0a");
}

TEST_F(CliCatalog, SearchWithoutAMatchExplainsAndExits1) {
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", kBase, "--os", "win10-22H2", "--no-color"}), 1);
  EXPECT_NE(fs.console.out.find("No update fits: no row is for Windows 10 22H2 x64"), std::string::npos) << fs.console.out;
  EXPECT_NE(fs.console.out.find("for Windows 11; this PC is Windows 10"), std::string::npos);
}

TEST_F(CliCatalog, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(run({"catalog", "search", "not-a-kb", "--catalog-url", kBase}), 2);
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", "http://10.1.2.3:80"}), 2);
  EXPECT_NE(fs.console.err.find("loopback"), std::string::npos);
  EXPECT_EQ(run({"catalog", "download", "KB5044284", "--allow-unsigned"}), 2);
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", kBase, "--arch", "sparc"}), 2);
  EXPECT_TRUE(http.requests.empty());
}

TEST_F(CliCatalog, DownloadFetchesTheChainIntoTheOutFolder) {
  serve_dialog("download_kb5044284_x64.html");
  EXPECT_EQ(run({"catalog", "download", "KB5044284", "--catalog-url", kBase, "--out", "C:\\out", "--json"}), 0)
      << fs.console.err << fs.console.out;
  auto j = out_json();
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["files"].size(), 2u);
  EXPECT_EQ(fs.files.content("C:\\out\\windows11.0-kb5044284-x64_lcu.msu"), "lcu bytes");
}

TEST_F(CliCatalog, DownloadByUpdateIdSkipsTheSearch) {
  serve_dialog("download_kb5044284_23h2_arm64.html");
  EXPECT_EQ(run({"catalog", "download", "0F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B", "--catalog-url", kBase,
                 "--allow-unsigned", "--json"}), 0) << fs.console.err;
  EXPECT_EQ(http.calls_to(std::string(kBase) + "/Search.aspx?q=KB5044284"), 0u);
  EXPECT_EQ(fs.files.content(".\\0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\\windows11.0-kb5044284-arm64.msu"), "arm64 bytes");
}

TEST_F(CliCatalog, SearchTextListsOneRowOrAll) {
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", kBase, "--no-color"}), 0);
  // 9 lines, then the newer update that replaces it (a blank line, a heading, the update)
  EXPECT_EQ(std::count(fs.console.out.begin(), fs.console.out.end(), '\n'), 12) << fs.console.out;
  EXPECT_NE(fs.console.out.find("A newer update replaces this one:"), std::string::npos);
  EXPECT_NE(fs.console.out.find("6 other row(s) do not fit this PC (--all lists them)"), std::string::npos);
  fs.console.out.clear();
  EXPECT_EQ(run({"catalog", "search", "KB5044284", "--catalog-url", kBase, "--no-color", "--all"}), 0);
  EXPECT_NE(fs.console.out.find("not for this PC: for Windows Server"), std::string::npos) << fs.console.out;
}

TEST_F(CliCatalog, AnUnreadablePackageIsNamedWithItsErrorNotAsMissing) {
  fs.files.fail[fakes::fold("D:\\kb5044284.msu")] = Error{5, "GetFileAttributesExW failed", "D:\\kb5044284.msu"};
  EXPECT_EQ(run({"install", "D:\\kb5044284.msu"}), 1);
  EXPECT_NE(fs.console.err.find("GetFileAttributesExW failed: D:\\kb5044284.msu (Win32 5)"), std::string::npos)
      << fs.console.err;
  EXPECT_EQ(fs.console.err.find("no such file"), std::string::npos);
  EXPECT_TRUE(fs.processes.ran.empty());
}

// A signed wufix.exe is a release: what a planted shortcut could pass through the wizard's UAC
// prompt (a local catalog, no signature check) is refused before anything is fetched.
TEST_F(CliCatalog, ASignedExeRefusesTheTestsOnlyOptions) {
  System sys = fs.system();
  sys.http = &http;
  sys.crypto = &crypto;
  EXPECT_EQ(run_cli({"install", "KB5044284", "--catalog-url", kBase, "--allow-unsigned"}, sys, true), 2);
  EXPECT_NE(fs.console.err.find("a signed wufix.exe refuses them"), std::string::npos) << fs.console.err;
  EXPECT_EQ(run_cli({"catalog", "search", "KB5044284", "--catalog-url", kBase}, sys, true), 2);
  EXPECT_TRUE(http.requests.empty());
  EXPECT_TRUE(fs.processes.ran.empty());
}

TEST_F(CliCatalog, InstallNeedsElevationBeforeAnyDownload) {
  fs.platform.elevated = false;
  EXPECT_EQ(run({"install", "KB5044284", "--catalog-url", kBase}), 3);
  EXPECT_TRUE(http.requests.empty());
  EXPECT_TRUE(fs.processes.ran.empty());
}

TEST_F(CliCatalog, InstallOfAChainRunsDismOnEachVerifiedFile) {
  serve_dialog("download_kb5044284_x64.html");
  fs.processes.scripts["dism.exe"].exit_code = 3010;
  EXPECT_EQ(run({"install", "KB5044284", "--catalog-url", kBase, "--json"}), 3010) << fs.console.err;
  ASSERT_EQ(fs.processes.ran.size(), 1u);
  std::string dir = std::string(kDownloads) + "3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21";
  EXPECT_EQ(fs.processes.ran[0].program, "C:\\Windows\\System32\\dism.exe");
  // Each verified file by name, never the folder: a file planted beside them is not installed.
  EXPECT_EQ(fs.processes.ran[0].args[2], "/PackagePath:" + dir + "\\windows11.0-kb5043080-x64_checkpoint.msu");
  EXPECT_EQ(fs.processes.ran[0].args[3], "/PackagePath:" + dir + "\\windows11.0-kb5044284-x64_lcu.msu");
  auto j = out_json();
  EXPECT_EQ(j["outcome"], "restart-required");
  EXPECT_EQ(j["install"]["exit_code"], 3010);
  EXPECT_EQ(j["packages"].size(), 2u);
}

TEST_F(CliCatalog, InstallOfOneMsuRunsWusaAndMapsNotApplicable) {
  serve_dialog("download_kb5044284_23h2_arm64.html");
  fs.processes.scripts["wusa.exe"].exit_code = 0x80240017;
  EXPECT_EQ(run({"install", "KB5044284", "--catalog-url", kBase, "--os", "win11-23H2", "--arch", "arm64",
                 "--allow-unsigned", "--no-color"}), 1) << fs.console.err;
  ASSERT_EQ(fs.processes.ran.size(), 1u);
  EXPECT_EQ(fs.processes.ran[0].program, "C:\\Windows\\System32\\wusa.exe");
  EXPECT_EQ(fs.processes.ran[0].args,
            (std::vector<std::string>{std::string(kDownloads) + "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b\\windows11.0-kb5044284-arm64.msu",
                                      "/quiet", "/norestart"}));
  EXPECT_NE(fs.console.out.find("Not applicable to this PC"), std::string::npos) << fs.console.out;
  EXPECT_NE(fs.console.out.find("WU_E_NOT_APPLICABLE"), std::string::npos);
}

TEST_F(CliCatalog, DigestMismatchInstallsNothing) {
  content["windows11.0-kb5044284-x64_lcu.msu"] = "what the catalog announced";
  serve_dialog("download_kb5044284_x64.html");
  EXPECT_EQ(run({"install", "KB5044284", "--catalog-url", kBase, "--json"}), 1);
  EXPECT_TRUE(fs.processes.ran.empty());
  auto j = out_json();
  EXPECT_EQ(j["outcome"], "rejected");
  EXPECT_EQ(j["download"]["files"][1]["status"], "rejected");
}

TEST_F(CliCatalog, InstallOfAFileChecksItsSignatureAndNameDigest) {
  fs.processes.scripts["wusa.exe"].exit_code = 0x00240006;
  std::string good = "C:\\pkgs\\windows11.0-kb1-x64.msu";
  fs.files.add_file(good, "signed package");
  EXPECT_EQ(run({"install", good, "--json"}), 0) << fs.console.err;
  EXPECT_EQ(out_json()["outcome"], "already-installed");

  std::string unsigned_file = "C:\\pkgs\\other.msu";
  fs.files.add_file(unsigned_file, "UNSIGNED package");
  fs.console.out.clear();
  EXPECT_EQ(run({"install", unsigned_file}), 1);
  EXPECT_EQ(fs.processes.ran.size(), 1u);  // only the first install ran
  EXPECT_TRUE(fs.files.exists(unsigned_file + ".rejected").value());

  std::string named = "C:\\pkgs\\windows11.0-kb2-x64_0123456789abcdef0123456789abcdef01234567.msu";
  fs.files.add_file(named, "does not match its name");
  EXPECT_EQ(run({"install", named}), 1);
  EXPECT_NE(fs.console.out.find("Not every package verified"), std::string::npos);
}

// The work of `install` is a core value (InstallRun) the CLI only renders, as repair's RunOutcome.
TEST_F(CliCatalog, AFolderWithOneUnsignedPackageRunsNoInstallerAndSaysRejected) {
  System sys = fs.system();
  sys.crypto = &crypto;
  fs.files.add_dir("C:\\pkgs");
  fs.files.add_file("C:\\pkgs\\a.msu", "signed package");
  fs.files.add_file("C:\\pkgs\\b.cab", "UNSIGNED package");
  fs.files.add_file("C:\\pkgs\\readme.txt", "not a package");
  EXPECT_FALSE(catalog::local_install(sys, "KB5044284", false));  // for the catalog, not the disk
  auto local = catalog::local_install(sys, "C:\\pkgs", false);
  ASSERT_TRUE(local);
  ASSERT_EQ(local->packages.size(), 2u);
  catalog::InstallRun run = catalog::install_packages(sys, *local);
  EXPECT_TRUE(fs.processes.ran.empty());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.outcome(), "rejected");
  nlohmann::json j = catalog::to_json(run);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["packages"][0]["status"], "verified");
  EXPECT_EQ(j["packages"][1]["status"], "rejected");
  EXPECT_TRUE(j["install"].is_null());
  EXPECT_TRUE(*fs.files.exists("C:\\pkgs\\b.cab.rejected"));
}

TEST_F(CliCatalog, InstallRefusesWhatItCannotInstall) {
  fs.files.add_file("C:\\x\\setup.exe", "MZ");
  fs.files.add_dir("C:\\empty");
  EXPECT_EQ(run({"install", "C:\\x\\setup.exe"}), 2);
  EXPECT_EQ(run({"install", "C:\\empty"}), 2);
  EXPECT_EQ(run({"install", "C:\\missing.msu"}), 2);
  EXPECT_EQ(run({"install", "hello"}), 2);
  EXPECT_TRUE(fs.processes.ran.empty());
}

}  // namespace
}  // namespace wufix
