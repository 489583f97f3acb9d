// FileCleaner over a FakeFiles: a deletion moves the tree out of sight (renamed below a hidden
// graveyard folder, FakeFiles has no delete) and frees the bytes the test said it holds.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/seam_upkeep.h"
#include "fakes/fake_system.h"

namespace wufix::fakes {

class FakeCleaner : public FileCleaner {
 public:
  explicit FakeCleaner(FakeFiles& files) : files_(files) {}
  std::map<std::string, std::chrono::system_clock::time_point> written;  // folded path
  std::map<std::string, uint64_t> bytes;                                 // folded path
  std::map<std::string, Error> fail;                                     // folded path
  std::vector<std::string> removed;                                      // in order
  std::function<void(std::string_view)> on_remove;  // e.g. to look at the journals then

  Result<std::chrono::system_clock::time_point> last_write_time(
      std::string_view path) const override {
    auto it = written.find(fold(path));
    if (it == written.end()) return Error{2, "GetFileAttributesExW failed", std::string(path)};
    return it->second;
  }
  RemoveOutcome remove_tree(std::string_view path) override {
    if (on_remove) on_remove(path);
    if (auto f = fail.find(fold(path)); f != fail.end()) return {0, f->second};
    removed.push_back(std::string(path));
    std::string grave = "C:\\$graveyard\\" + std::to_string(removed.size());
    if (Status moved = files_.rename(path, grave); !moved) return {0, moved.error()};
    auto it = bytes.find(fold(path));
    return {it == bytes.end() ? 0 : it->second, std::nullopt};
  }

 private:
  FakeFiles& files_;
};

}  // namespace wufix::fakes
