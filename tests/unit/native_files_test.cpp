// The native (POSIX) Files seam against a real temporary folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "native/files.h"

namespace wufix {
namespace {

namespace fs = std::filesystem;

class NativeFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("wufix-files-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  std::string read_all(const std::string& name) {
    auto in = files_.open_read(path(name));
    EXPECT_TRUE(in);
    std::string out;
    char buf[7];  // small reads: the stream must hand out everything, chunk by chunk
    for (;;) {
      auto n = (*in)->read(buf);
      EXPECT_TRUE(n);
      if (!n || *n == 0) break;
      out.append(buf, *n);
    }
    return out;
  }

  fs::path dir_;
  native::PosixFiles files_;
};

TEST_F(NativeFiles, ExistsAndIsDirectory) {
  write("a.log", "x");
  EXPECT_TRUE(*files_.exists(path("a.log")));
  EXPECT_FALSE(*files_.exists(path("b.log")));
  EXPECT_FALSE(*files_.exists(path("a.log/inside")));
  EXPECT_TRUE(*files_.is_directory(dir_.string()));
  EXPECT_FALSE(*files_.is_directory(path("a.log")));
  EXPECT_FALSE(*files_.is_directory(path("none")));
}

TEST_F(NativeFiles, OpenReadStreamsTheBytes) {
  std::string bytes(10000, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  write("a.bin", bytes);
  EXPECT_EQ(read_all("a.bin"), bytes);
  EXPECT_EQ(*files_.file_size(path("a.bin")), 10000u);
}

TEST_F(NativeFiles, MissingFileIsWin32NotFoundNamingThePath) {
  auto in = files_.open_read(path("none.log"));
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, 2u);
  EXPECT_NE(in.error().message().find("none.log"), std::string::npos);
  EXPECT_FALSE(files_.file_size(path("none.log")));
  EXPECT_FALSE(files_.open_read(dir_.string()));  // a folder is not a file to read
}

TEST_F(NativeFiles, ListAndTreeSize) {
  ASSERT_TRUE(files_.create_directories(path("sub/deeper")).ok());
  write("one", "12345");
  write("sub/two", "123");
  write("sub/deeper/three", "1");
  auto names = files_.list(dir_.string());
  ASSERT_TRUE(names);
  std::sort(names->begin(), names->end());
  EXPECT_EQ(*names, (std::vector<std::string>{"one", "sub"}));
  EXPECT_EQ(*files_.tree_size(dir_.string()), 9u);
  EXPECT_EQ(*files_.tree_size(path("sub/deeper")), 1u);
  EXPECT_FALSE(files_.list(path("none")));
  EXPECT_FALSE(files_.tree_size(path("none")));
}

TEST_F(NativeFiles, DiskSpaceIsSane) {
  auto space = files_.disk_space(dir_.string());
  ASSERT_TRUE(space);
  EXPECT_GT(space->total_bytes, 0u);
  EXPECT_LE(space->free_bytes, space->total_bytes);
}

TEST_F(NativeFiles, RenameNeverReplacesAnExistingTarget) {
  write("from", "new");
  write("to", "old");
  Status s = files_.rename(path("from"), path("to"));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, 183u);
  EXPECT_EQ(read_all("to"), "old");
  EXPECT_EQ(read_all("from"), "new");
  ASSERT_TRUE(files_.rename(path("from"), path("aside")));
  EXPECT_EQ(read_all("aside"), "new");
  EXPECT_FALSE(*files_.exists(path("from")));
  EXPECT_EQ(files_.rename(path("gone"), path("x")).error().code, 2u);
}

TEST_F(NativeFiles, AppendCreatesThenAppendsAndFlushes) {
  for (const char* part : {"one\n", "two\n"}) {
    auto out = files_.open_append(path("journal/../j.log"));
    ASSERT_FALSE(out);  // no folder "journal"
    out = files_.open_append(path("j.log"));
    ASSERT_TRUE(out) << out.error().message();
    ASSERT_TRUE((*out)->write(part));
    ASSERT_TRUE((*out)->flush());
  }
  EXPECT_EQ(read_all("j.log"), "one\ntwo\n");
}

TEST_F(NativeFiles, CreateDirectoriesMakesEveryLevel) {
  ASSERT_TRUE(files_.create_directories(path("a/b/c")));
  EXPECT_TRUE(*files_.is_directory(path("a/b/c")));
  ASSERT_TRUE(files_.create_directories(path("a/b/c")));  // already there: fine
  write("file", "x");
  EXPECT_FALSE(files_.create_directories(path("file/sub")));
}

}  // namespace
}  // namespace wufix
