// The shared --log opener over FakeFiles: which paths were opened through it.
#pragma once
#include <string>
#include <vector>

#include "core/seam_log.h"
#include "fakes/fake_system.h"

namespace wufix::fakes {

class FakeLogFiles : public LogFiles {
 public:
  explicit FakeLogFiles(FakeFiles& files) : files_(files) {}
  std::vector<std::string> opened;
  Result<std::unique_ptr<OutputStream>> open_shared_append(std::string_view path) override {
    opened.push_back(std::string(path));
    return files_.open_append(path);
  }

 private:
  FakeFiles& files_;
};

}  // namespace wufix::fakes
