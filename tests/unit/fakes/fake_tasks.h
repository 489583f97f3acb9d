// Task Scheduler, event log and folder sharing in memory: what was registered, reported and
// shared, and failures on demand.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/seam_tasks.h"
#include "fakes/fake_system.h"

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
  std::function<void(const Entry&)> on_report;  // what an admin's monitoring does on an event
  std::map<std::string, std::string> sources;     // registered source -> message file
  std::optional<Error> fail_registry;             // register/unregister fail with it

  Status register_source(std::string_view source, std::string_view message_file) override {
    if (fail_registry) return *fail_registry;
    sources[std::string(source)] = std::string(message_file);
    return ok_status();
  }
  Status unregister_source(std::string_view source) override {
    if (fail_registry) return *fail_registry;
    sources.erase(std::string(source));
    return ok_status();
  }

  Status report(std::string_view source, EventType type, uint32_t id,
                std::string_view message) override {
    if (fail) return *fail;
    entries.push_back({std::string(source), type, id, std::string(message)});
    if (on_report) on_report(entries.back());
    return ok_status();
  }
};

// Over FakeFiles: the folder (created when missing) gets SYSTEM, Administrators and Users
// entries, as the Win32 one sets; `ignored` keeps what is there (Wine on an existing folder).
class FakeFolderSharing : public FolderSharing {
 public:
  explicit FakeFolderSharing(FakeFiles& files) : files_(files) {}
  std::vector<std::string> shared;
  std::optional<Error> fail;
  bool ignored = false;
  Status let_users_read(std::string_view folder) override {
    if (fail) return *fail;
    shared.push_back(std::string(folder));
    const bool there = files_.exists(folder).value();
    if (!there) (void)files_.create_directories(folder);
    if (there && ignored) return ok_status();
    FileSecurity s;
    s.owner = "S-1-5-32-544";
    s.directory = true;
    s.allowed = {"S-1-5-18", "S-1-5-32-544", "S-1-5-32-545"};
    s.writers = {"S-1-5-18", "S-1-5-32-544"};  // Users: read only (kReadableFolderSddl)
    files_.set_security(folder, s);
    return ok_status();
  }

 private:
  FakeFiles& files_;
};

}  // namespace wufix::fakes
