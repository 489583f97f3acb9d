// Task Scheduler, event log and folder sharing in memory: what was registered, reported and
// shared, and failures on demand.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/seam_tasks.h"

namespace wufix::fakes {

class FakeTaskScheduler : public TaskScheduler {
 public:
  std::map<std::string, std::string> tasks;  // name -> XML as registered
  std::optional<Error> fail;                 // every call fails with it

  Status register_task(std::string_view name, std::string_view xml) override {
    if (fail) return *fail;
    tasks[std::string(name)] = std::string(xml);
    return ok_status();
  }
  Result<std::optional<std::string>> task_xml(std::string_view name) const override {
    if (fail) return *fail;
    auto it = tasks.find(std::string(name));
    if (it == tasks.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status delete_task(std::string_view name) override {
    if (fail) return *fail;
    tasks.erase(std::string(name));
    return ok_status();
  }
};

class FakeEventLog : public EventLog {
 public:
  struct Entry {
    std::string source;
    EventType type;
    uint32_t id;
    std::string message;
  };
  std::vector<Entry> entries;
  std::optional<Error> fail;  // as Wine's stub might: the run must go on

  Status report(std::string_view source, EventType type, uint32_t id,
                std::string_view message) override {
    if (fail) return *fail;
    entries.push_back({std::string(source), type, id, std::string(message)});
    return ok_status();
  }
};

class FakeFolderSharing : public FolderSharing {
 public:
  std::vector<std::string> shared;
  Status let_users_read(std::string_view folder) override {
    shared.push_back(std::string(folder));
    return ok_status();
  }
};

}  // namespace wufix::fakes
