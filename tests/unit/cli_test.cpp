// The global CLI contract, through run_cli with a fake console: what scripts rely on.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "fakes/fake_system.h"
#include "native/clock.h"
#include "native/files.h"

namespace wufix {
namespace {

struct CliRun {
  int exit_code;
  std::string out, err;
};

// Runs the Linux flavour of the CLI: only a console, no Windows seams.
CliRun run(std::vector<std::string> args, std::map<std::string, std::string> env = {},
        bool terminal = false) {
  fakes::FakeConsole console;
  console.environment = std::move(env);
  console.terminal = terminal;
  native::PosixFiles files;  // as src/native/main.cpp has them
  native::PosixClock clock;
  System sys;
  sys.console = &console;
  sys.files = &files;
  sys.clock = &clock;
  int code = run_cli(args, sys);
  return {code, console.out, console.err};
}

TEST(Cli, VersionPrintsVersionCommitDateAndSignature) {
  CliRun r = run({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.err.empty()) << r.err;
  // wufix 0.1.0 (commit 4a14da5c0d1e, built 2026-12-02, unsigned)
  std::string head = std::string("wufix ") + WUFIX_VERSION + " (commit ";
  EXPECT_EQ(r.out.rfind(head, 0), 0u) << r.out;
  EXPECT_NE(r.out.find(", built 20"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", unsigned)\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("commit unknown"), std::string::npos) << "built from a git tree: " << r.out;
}

TEST(Cli, HelpListsCommandsAndExitCodes) {
  CliRun r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("explain"), std::string::npos);
  EXPECT_NE(r.out.find("diagnose"), std::string::npos);
  EXPECT_NE(r.out.find("3010"), std::string::npos);
}

TEST(Cli, HelpCommandShowsTheCommandsHelp) {
  CliRun r = run({"help", "explain"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("codes"), std::string::npos);
  EXPECT_EQ(run({"help", "nonsense"}).exit_code, 2);
}

TEST(Cli, NoCommandIsAUsageError) { EXPECT_EQ(run({}).exit_code, 2); }

TEST(Cli, UnknownOptionIsAOneLineUsageError) {
  CliRun r = run({"explain", "2", "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("wufix: error: ", 0), 0u) << r.err;
}

TEST(Cli, JsonIsAcceptedBeforeAndAfterTheCommand) {
  CliRun before = run({"--json", "explain", "2"});
  CliRun after = run({"explain", "2", "--json"});
  EXPECT_EQ(before.exit_code, 0);
  EXPECT_EQ(before.out, after.out);
  auto j = nlohmann::json::parse(before.out);
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j[0]["hresult"], "0x80070002");
}

TEST(Cli, NegativeDecimalIsACodeNotAnOption) {
  CliRun r = run({"explain", "-2147024894", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["hresult"], "0x80070002");
}

TEST(Cli, MalformedCodeFailsWholeWithoutPartialOutput) {
  CliRun r = run({"explain", "0x80070002", "0xZZZ"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("0xZZZ"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, WindowsCommandsRefuseOnLinuxWithExit2) {
  CliRun r = run({"diagnose"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("wufix.exe"), std::string::npos);
}

TEST(Cli, ColourOnlyOnATerminalAndNeverWithNoColor) {
  EXPECT_NE(run({"explain", "2"}, {}, true).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(run({"explain", "2"}, {}, false).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(run({"explain", "2"}, {{"NO_COLOR", "1"}}, true).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(run({"explain", "2", "--no-color"}, {}, true).out.find("\x1b["), std::string::npos);
}

// Parsed as it is read, the same for both commands: a usage error before anything runs.
TEST(Cli, ABadNtpServerIsAUsageErrorThatSaysWhy) {
  for (const char* command : {"diagnose", "repair"}) {
    CliRun r = run({command, "--ntp-server", "time.windows.com:70000"});
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find("--ntp-server"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("1 to 65535"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("wufix.exe"), std::string::npos) << "refused for its option, not its build: " << r.err;
  }
}

TEST(Cli, LogFileReceivesACopyOfTheOutput) {
  std::string path = ::testing::TempDir() + "wufix-cli-test.log";
  std::remove(path.c_str());
  CliRun r = run({"explain", "5", "--log", path});
  ASSERT_EQ(r.exit_code, 0);
  std::ifstream log(path);
  std::string content((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(content.find("ERROR_ACCESS_DENIED"), std::string::npos) << content;
}

}  // namespace
}  // namespace wufix
