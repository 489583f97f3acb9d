// The --dry-run backend: the same seam, answering queries from the real machine seen through
// the changes planned so far, and changing nothing. The steps run unchanged on top of it, so
// the plan they produce is exactly what a real run would do (up to what programs report).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

#include "core/seam.h"

namespace wufix {

class DryRunServices : public Services {
 public:
  explicit DryRunServices(const Services& real) : real_(real) {}
  Result<ServiceStatus> query(std::string_view name) const override;
  Result<std::vector<std::string>> active_dependents(std::string_view name) const override;
  Status set_start_type(std::string_view name, StartType type, bool delayed) override;
  Status start(std::string_view name) override;
  Status request_stop(std::string_view name) override;
  // A planned registration (w32tm /register): the service exists, Manual and stopped.
  void plan_registered(std::string_view name);

 private:
  Result<ServiceStatus*> planned(std::string_view name);
  const Services& real_;
  std::map<std::string, ServiceStatus> planned_;  // folded name -> state after the plan
};

class DryRunFiles : public Files {
 public:
  explicit DryRunFiles(const Files& real) : real_(real) {}
  Result<bool> exists(std::string_view path) const override;
  Result<bool> is_directory(std::string_view path) const override;
  Result<uint64_t> tree_size(std::string_view path) const override;
  Result<DiskSpace> disk_space(std::string_view path) const override;
  Result<std::unique_ptr<InputStream>> open_read(std::string_view path) const override;
  Result<std::vector<std::string>> list(std::string_view dir) const override;
  Result<uint64_t> file_size(std::string_view path) const override;
  Status rename(std::string_view from, std::string_view to) override;
  Status create_directories(std::string_view path) override;
  Result<std::unique_ptr<OutputStream>> open_append(std::string_view path) override;
  Result<std::optional<FileSecurity>> security(std::string_view path) const override;
  Status make_private_directory(std::string_view path, bool existing) override;
  Result<std::unique_ptr<OutputStream>> create_new(std::string_view path) override;
  Status cut(std::string_view path, uint64_t size) override;
  Result<std::unique_ptr<HeldFile>> hold(std::string_view path) const override;

 private:
  // Where `path` of the planned world is in the real one; nullopt: renamed away, not there.
  std::optional<std::string> real_path(std::string_view path) const;
  const Files& real_;
  std::vector<std::pair<std::string, std::string>> renames_;  // planned, in order
};

// Registry values as the plan would leave them; the registry itself is never written.
class DryRunRegistryEditor : public RegistryEditor {
 public:
  explicit DryRunRegistryEditor(const RegistryEditor& real) : real_(real) {}
  Result<std::vector<RawRegValue>> values(Hive hive, std::string_view key) const override;
  Status set_value(Hive hive, std::string_view key, const RawRegValue& value) override;
  Status delete_value(Hive hive, std::string_view key, std::string_view name) override;

 private:
  const RegistryEditor& real_;
  // (hive, folded key, folded name) -> the planned value; nullopt: planned removal
  std::map<std::tuple<int, std::string, std::string>, std::optional<RawRegValue>> planned_;
};

class DryRunProxy : public ProxySettings {
 public:
  explicit DryRunProxy(const ProxySettings& real) : real_(real) {}
  Result<ProxyConfig> winhttp_proxy() const override {
    if (planned_) return *planned_;
    return real_.winhttp_proxy();
  }
  Status set_winhttp_proxy(const ProxyConfig& config) override {
    planned_ = config;
    return ok_status();
  }

 private:
  const ProxySettings& real_;
  std::optional<ProxyConfig> planned_;
};

// Starts nothing; every program "exits" 0 with no output. A program that registers a service
// (repair's one: System32\w32tm.exe /register) registers it in the planned services, so the
// plan goes on past it.
class DryRunProcesses : public Processes {
 public:
  explicit DryRunProcesses(DryRunServices& services) : services_(services) {}
  Result<ProcessResult> run(const ProcessSpec& spec) override;

 private:
  DryRunServices& services_;
};

// Sessions that search the real agent and change nothing: hidden flags are as planned.
class DryRunUpdateAgent : public UpdateAgent {
 public:
  explicit DryRunUpdateAgent(const UpdateAgent* real) : real_(real) {}
  Result<std::vector<UpdateHistoryEntry>> history() const override;
  Result<std::unique_ptr<UpdateSession>> open_session() const override;

 private:
  const UpdateAgent* real_;
  std::shared_ptr<std::map<std::string, bool>> hidden_ =
      std::make_shared<std::map<std::string, bool>>();  // update id -> planned IsHidden
};

// A System whose changing parts are dry-run backends over `real`.
struct DryRunSystem {
  explicit DryRunSystem(const System& real);
  DryRunServices services;
  DryRunFiles files;
  DryRunProcesses processes{services};
  std::optional<DryRunRegistryEditor> registry_editor;  // when the real System has one
  std::optional<DryRunProxy> proxy;
  DryRunUpdateAgent update_agent;
  System sys;
};

}  // namespace wufix
