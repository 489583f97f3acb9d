// Every fixture in tests/fixtures/logs, read from disk by the native Files as `wufix logs FILE`
// reads it, against its NAME.expected.json: line counts, and the causes in rank order with the
// keys the expectation names.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/logs/analyze.h"
#include "native/files.h"

namespace wufix {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(WUFIX_SOURCE_DIR) / "tests" / "fixtures" / "logs";

std::vector<fs::path> fixture_logs() {
  std::vector<fs::path> logs;
  for (const auto& entry : fs::directory_iterator(kFixtures))
    if (entry.path().extension() == ".log") logs.push_back(entry.path());
  std::sort(logs.begin(), logs.end());
  return logs;
}

TEST(LogsFixtures, ThereAreFixturesOfEveryFormat) {
  std::set<std::string> formats;
  for (const fs::path& log : fixture_logs()) formats.insert(to_string(format_from_name(log.string())));
  EXPECT_GE(fixture_logs().size(), 8u);
  for (const char* f : {"cbs", "dism", "reporting-events", "windows-update", "setup"}) EXPECT_TRUE(formats.count(f)) << f;
}

TEST(LogsFixtures, EachFindsItsExpectedCauses) {
  native::PosixFiles files;
  for (const fs::path& log : fixture_logs()) {
    SCOPED_TRACE(log.filename().string());
    std::ifstream in(log.string() + ".expected.json");
    ASSERT_TRUE(in) << "missing " << log.filename() << ".expected.json";
    nlohmann::json expected = nlohmann::json::parse(in);
    auto analysis = analyze_files(files, {log.string()});
    ASSERT_TRUE(analysis) << analysis.error().message();
    nlohmann::json got = to_json(*analysis);
    EXPECT_EQ(got["counts"]["lines"], expected["lines"]);
    EXPECT_EQ(got["counts"]["bad_lines"], expected["bad_lines"]);
    // Pasted fixtures name the layout they look like; the others are known by name.
    if (expected.contains("format")) {
      EXPECT_EQ(got["logs"][0]["format"], expected["format"]);
    } else {
      EXPECT_NE(got["logs"][0]["format"], "unknown");
    }
    if (expected.contains("superseded")) {
      EXPECT_EQ(got["superseded"].size(), expected["superseded"].get<size_t>());
    }
    ASSERT_EQ(got["causes"].size(), expected["causes"].size()) << got["causes"].dump(2);
    for (size_t i = 0; i < expected["causes"].size(); ++i) {
      for (const auto& [key, value] : expected["causes"][i].items())
        EXPECT_EQ(got["causes"][i][key], value) << "cause " << i << " key " << key;
      EXPECT_EQ(got["causes"][i]["source_log"], log.string());
    }
  }
}

}  // namespace
}  // namespace wufix
