#include "core/repair/dry_run.h"

#include <algorithm>

#include "core/ascii.h"

namespace wufix {
namespace {

// `path` is `base` or below it: the rest after base ("" or "\sub\file"), else nullopt.
std::optional<std::string> below(std::string_view path, std::string_view base) {
  if (path.size() < base.size() || ascii_lower(path.substr(0, base.size())) != ascii_lower(base))
    return std::nullopt;
  std::string_view rest = path.substr(base.size());
  if (!rest.empty() && rest.front() != '\\') return std::nullopt;
  return std::string(rest);
}

class DiscardingOutput : public OutputStream {
 public:
  Status write(std::string_view) override { return ok_status(); }
  Status flush() override { return ok_status(); }
};

Error not_there(std::string_view path) { return Error{2, "not there in the planned state", std::string(path)}; }

}  // namespace

Result<ServiceStatus> DryRunServices::query(std::string_view name) const {
  if (auto it = planned_.find(ascii_lower(name)); it != planned_.end()) return it->second;
  return real_.query(name);
}

Result<std::vector<std::string>> DryRunServices::active_dependents(std::string_view name) const {
  auto deps = real_.active_dependents(name);
  if (!deps) return deps;
  std::erase_if(*deps, [&](const std::string& d) {
    auto s = query(d);
    return s && s->state == ServiceState::Stopped;
  });
  return deps;
}

Result<ServiceStatus*> DryRunServices::planned(std::string_view name) {
  auto it = planned_.find(ascii_lower(name));
  if (it == planned_.end()) {
    auto now = real_.query(name);
    if (!now) return now.error();
    if (!now->exists) return Error{1060, "OpenServiceW failed", std::string(name)};
    it = planned_.emplace(ascii_lower(name), *now).first;
  }
  return &it->second;
}

Status DryRunServices::set_start_type(std::string_view name, StartType type, bool delayed) {
  auto s = planned(name);
  if (!s) return s.error();
  (*s)->start_type = type;
  (*s)->delayed_auto_start = delayed && type == StartType::Automatic;
  return ok_status();
}

Status DryRunServices::start(std::string_view name) {
  auto s = planned(name);
  if (!s) return s.error();
  if ((*s)->start_type == StartType::Disabled)
    return Error{1058, "StartServiceW failed", std::string(name)};
  (*s)->state = ServiceState::Running;
  return ok_status();
}

Status DryRunServices::request_stop(std::string_view name) {
  auto s = planned(name);
  if (!s) return s.error();
  (*s)->state = ServiceState::Stopped;
  return ok_status();
}

void DryRunServices::plan_registered(std::string_view name) {
  planned_[ascii_lower(name)] = ServiceStatus{std::string(name), true, StartType::Manual, false,
                                       ServiceState::Stopped, 0};
}

Result<ProcessResult> DryRunProcesses::run(const ProcessSpec& spec) {
  const std::string program = ascii_lower(spec.program);
  const std::string w32tm = "\\system32\\w32tm.exe";
  if (program.size() >= w32tm.size() && program.ends_with(w32tm) &&
      spec.args == std::vector<std::string>{"/register"})
    services_.plan_registered("W32Time");
  return ProcessResult{0};
}

std::optional<std::string> DryRunFiles::real_path(std::string_view path) const {
  std::string p(path);
  for (auto it = renames_.rbegin(); it != renames_.rend(); ++it) {
    if (auto rest = below(p, it->second)) {
      p = it->first + *rest;
    } else if (below(p, it->first)) {
      return std::nullopt;
    }
  }
  return p;
}

Result<bool> DryRunFiles::exists(std::string_view path) const {
  auto p = real_path(path);
  return p ? real_.exists(*p) : Result<bool>(false);
}

Result<bool> DryRunFiles::is_directory(std::string_view path) const {
  auto p = real_path(path);
  return p ? real_.is_directory(*p) : Result<bool>(false);
}

Result<uint64_t> DryRunFiles::tree_size(std::string_view path) const {
  auto p = real_path(path);
  return p ? real_.tree_size(*p) : Result<uint64_t>(not_there(path));
}

Result<DiskSpace> DryRunFiles::disk_space(std::string_view path) const {
  return real_.disk_space(path);
}

Result<std::unique_ptr<InputStream>> DryRunFiles::open_read(std::string_view path) const {
  auto p = real_path(path);
  if (!p) return not_there(path);
  return real_.open_read(*p);
}

Result<std::vector<std::string>> DryRunFiles::list(std::string_view dir) const {
  auto p = real_path(dir);
  if (!p) return not_there(dir);
  return real_.list(*p);
}

Result<uint64_t> DryRunFiles::file_size(std::string_view path) const {
  auto p = real_path(path);
  return p ? real_.file_size(*p) : Result<uint64_t>(not_there(path));
}

Status DryRunFiles::rename(std::string_view from, std::string_view to) {
  auto from_there = exists(from), to_there = exists(to);
  if (!from_there) return from_there.error();
  if (!to_there) return to_there.error();
  if (!*from_there) return Error{2, "MoveFileExW failed", std::string(from)};
  if (*to_there) return Error{183, "MoveFileExW failed", std::string(to)};
  renames_.emplace_back(std::string(from), std::string(to));
  return ok_status();
}

Status DryRunFiles::create_directories(std::string_view) { return ok_status(); }

Result<std::unique_ptr<OutputStream>> DryRunFiles::open_append(std::string_view) {
  return std::unique_ptr<OutputStream>(std::make_unique<DiscardingOutput>());
}

Result<std::vector<RawRegValue>> DryRunRegistryEditor::values(Hive hive,
                                                              std::string_view key) const {
  auto values = real_.values(hive, key);
  if (!values) return values;
  for (const auto& [where, value] : planned_) {
    const auto& [h, k, name] = where;
    if (h != static_cast<int>(hive) || k != ascii_lower(key)) continue;
    const std::string& planned_name = name;  // clang 14: lambdas cannot capture bindings
    std::erase_if(*values,
                  [&](const RawRegValue& v) { return ascii_lower(v.name) == planned_name; });
    if (value) values->push_back(*value);
  }
  return values;
}

Status DryRunRegistryEditor::set_value(Hive hive, std::string_view key, const RawRegValue& value) {
  planned_[{static_cast<int>(hive), ascii_lower(key), ascii_lower(value.name)}] = value;
  return ok_status();
}

Status DryRunRegistryEditor::delete_value(Hive hive, std::string_view key, std::string_view name) {
  planned_[{static_cast<int>(hive), ascii_lower(key), ascii_lower(name)}] = std::nullopt;
  return ok_status();
}

Result<std::optional<FileSecurity>> DryRunFiles::security(std::string_view path) const {
  auto p = real_path(path);
  return p ? real_.security(*p) : Result<std::optional<FileSecurity>>(std::optional<FileSecurity>());
}

Status DryRunFiles::make_private_directory(std::string_view, bool) { return ok_status(); }

Result<std::unique_ptr<OutputStream>> DryRunFiles::create_new(std::string_view) {
  return std::unique_ptr<OutputStream>(std::make_unique<DiscardingOutput>());
}

Status DryRunFiles::cut(std::string_view, uint64_t) { return ok_status(); }

Result<std::unique_ptr<HeldFile>> DryRunFiles::hold(std::string_view path) const {
  auto p = real_path(path);
  if (!p) return not_there(path);
  return real_.hold(*p);
}

namespace {

class DryRunSession : public UpdateSession {
 public:
  DryRunSession(std::unique_ptr<UpdateSession> real, std::shared_ptr<std::map<std::string, bool>> hidden)
      : real_(std::move(real)), hidden_(std::move(hidden)) {}
  Result<std::vector<UpdateFacts>> search(std::string_view criteria,
                                          std::chrono::seconds time_limit) override {
    auto found = real_->search(criteria, time_limit);
    if (!found) return found;
    for (auto& u : *found)
      if (auto it = hidden_->find(u.id); it != hidden_->end()) u.hidden = it->second;
    return found;
  }
  Result<UpdateBatchResult> download(const std::vector<std::string>&, const UpdateProgressFn&) override {
    return Error{0, "a dry run downloads nothing", ""};
  }
  Result<UpdateBatchResult> install(const std::vector<std::string>&, const UpdateProgressFn&) override {
    return Error{0, "a dry run installs nothing", ""};
  }
  Status set_hidden(std::string_view id, bool hidden) override {
    (*hidden_)[std::string(id)] = hidden;
    return ok_status();
  }

 private:
  std::unique_ptr<UpdateSession> real_;
  std::shared_ptr<std::map<std::string, bool>> hidden_;
};

}  // namespace

Result<std::vector<UpdateHistoryEntry>> DryRunUpdateAgent::history() const {
  if (!real_) return Error{0, "no Windows Update Agent here", ""};
  return real_->history();
}

Result<std::unique_ptr<UpdateSession>> DryRunUpdateAgent::open_session() const {
  if (!real_) return Error{0, "no Windows Update Agent here", ""};
  auto real = real_->open_session();
  if (!real) return real.error();
  return std::unique_ptr<UpdateSession>(std::make_unique<DryRunSession>(std::move(*real), hidden_));
}

DryRunSystem::DryRunSystem(const System& real)
    : services(*real.services), files(*real.files), update_agent(real.update_agent), sys(real) {
  sys.update_agent = &update_agent;
  sys.services = &services;
  sys.files = &files;
  sys.processes = &processes;
  if (real.registry_editor) sys.registry_editor = &registry_editor.emplace(*real.registry_editor);
  if (real.proxy) sys.proxy = &proxy.emplace(*real.proxy);
}

}  // namespace wufix
