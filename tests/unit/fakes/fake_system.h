// In-memory fakes of the OS seam. Registry keys and paths compare case-insensitively, as on
// Windows. Each fake can be told to fail with a given Error to test error paths.
#pragma once
#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/checks/reg_values.h"
#include "core/seam.h"

namespace wufix::fakes {

inline std::string fold(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A power cut for tests of interrupted runs: every change a fake makes to the PC (a service
// configured, started or stopped, a rename, a folder made, a journal write, a program run, a
// registry or proxy edit) first asks power_for_change(); once the budget is spent it throws
// PowerCut and the change is not made (a journal write is cut in half first). -1: no cut.
struct PowerCut {};
inline int& changes_before_power_cut() {
  static int budget = -1;
  return budget;
}
inline void power_for_change() {
  int& budget = changes_before_power_cut();
  if (budget == 0) throw PowerCut{};
  if (budget > 0) --budget;
}

// Hands out at most `step` bytes per read, so every split point gets exercised.
class TrickleStream : public InputStream {
 public:
  TrickleStream(std::string data, size_t step) : data_(std::move(data)), step_(step) {}
  Result<size_t> read(std::span<char> buf) override {
    size_t n = std::min({buf.size(), step_, data_.size() - pos_});
    std::copy_n(data_.data() + pos_, n, buf.data());
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t step_;
  size_t pos_ = 0;
};

// Registry keys tests fill in.
inline constexpr const char* kCurrentVersion = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
inline constexpr const char* kAu = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";

class FakeConsole : public Console {
 public:
  std::string out, err;
  bool terminal = false;
  std::map<std::string, std::string> environment;
  void write_out(std::string_view s) override { out += s; }
  void write_err(std::string_view s) override { err += s; }
  bool out_is_terminal() const override { return terminal; }
  bool err_is_terminal() const override { return terminal; }
  bool in_is_terminal() const override { return terminal; }
  std::vector<std::string> input;  // lines read_line() hands out, in order
  std::optional<std::string> read_line() override {
    if (input.empty()) return std::nullopt;
    std::string line = input.front();
    input.erase(input.begin());
    return line;
  }
  std::optional<std::string> env(std::string_view name) const override {
    auto it = environment.find(std::string(name));
    if (it == environment.end()) return std::nullopt;
    return it->second;
  }
};

// UTF-8 (ASCII and 2/3-byte sequences) to UTF-16LE bytes, for the fake registry.
inline std::vector<uint8_t> utf16_bytes(std::string_view text) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned unit = c;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    if (len == 2) unit = ((c & 0x1F) << 6) | (text[i + 1] & 0x3F);
    if (len == 3) unit = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
    out.push_back(static_cast<uint8_t>(unit & 0xFF));
    out.push_back(static_cast<uint8_t>(unit >> 8));
    i += len;
  }
  return out;
}

// Values are stored raw (type number and bytes), as the registry does; read() decodes them
// the way src/win/registry.cpp does.
class FakeRegistry : public Registry, public RegistryEditor {
 public:
  // Keys are "HKLM\\SOFTWARE\\..." style only through these helpers; hive is part of the key.
  void add_key(Hive hive, std::string_view key) { keys_[path(hive, key)]; }
  void set(Hive hive, std::string_view key, std::string_view name, RegValue value) {
    put(path(hive, key), encode(name, value));
  }
  void set_raw(std::string_view key, RawRegValue value) { put(path(Hive::LocalMachine, key), value); }
  void set_string(std::string_view key, std::string_view name, std::string text) {
    RegValue v;
    v.type = RegValue::Type::String;
    v.text = std::move(text);
    set(Hive::LocalMachine, key, name, v);
  }
  void set_dword(std::string_view key, std::string_view name, uint64_t number) {
    RegValue v;
    v.type = RegValue::Type::Dword;
    v.number = number;
    set(Hive::LocalMachine, key, name, v);
  }
  void set_multi(std::string_view key, std::string_view name, std::vector<std::string> strings) {
    RegValue v;
    v.type = RegValue::Type::MultiString;
    v.strings = std::move(strings);
    set(Hive::LocalMachine, key, name, v);
  }
  std::optional<Error> fail_with;  // every call fails with this when set
  std::optional<Error> fail_writes;  // set_value/delete_value fail with this when set

  Result<bool> key_exists(Hive hive, std::string_view key) const override {
    if (fail_with) return *fail_with;
    return keys_.count(path(hive, key)) > 0;
  }
  Result<std::optional<RegValue>> read(Hive hive, std::string_view key,
                                       std::string_view name) const override {
    if (fail_with) return *fail_with;
    const RawRegValue* raw = find(path(hive, key), name);
    if (!raw) return std::optional<RegValue>();
    return std::optional<RegValue>(regval::from_raw(*raw));
  }
  Result<std::vector<RawRegValue>> values(Hive hive, std::string_view key) const override {
    if (fail_with) return *fail_with;
    auto k = keys_.find(path(hive, key));
    return k == keys_.end() ? std::vector<RawRegValue>() : k->second;
  }
  Status set_value(Hive hive, std::string_view key, const RawRegValue& value) override {
    power_for_change();
    if (fail_writes) return *fail_writes;
    put(path(hive, key), value);
    return ok_status();
  }
  Status delete_value(Hive hive, std::string_view key, std::string_view name) override {
    power_for_change();
    if (fail_writes) return *fail_writes;
    auto k = keys_.find(path(hive, key));
    if (k != keys_.end())
      std::erase_if(k->second, [&](const RawRegValue& v) { return fold(v.name) == fold(name); });
    return ok_status();
  }

 private:
  static std::string path(Hive hive, std::string_view key) {
    return (hive == Hive::LocalMachine ? "hklm\\" : "hkcu\\") + fold(key);
  }
  const RawRegValue* find(const std::string& key, std::string_view name) const {
    auto k = keys_.find(key);
    if (k == keys_.end()) return nullptr;
    for (const auto& v : k->second)
      if (fold(v.name) == fold(name)) return &v;
    return nullptr;
  }
  void put(const std::string& key, const RawRegValue& value) {
    auto& list = keys_[key];
    for (auto& v : list)
      if (fold(v.name) == fold(value.name)) {
        v = value;
        return;
      }
    list.push_back(value);
  }
  static RawRegValue encode(std::string_view name, const RegValue& v) {
    RawRegValue raw{std::string(name), 3, v.bytes};
    auto number = [&](size_t size) {
      raw.bytes.clear();
      for (size_t i = 0; i < size; ++i) raw.bytes.push_back(static_cast<uint8_t>(v.number >> (8 * i)));
    };
    switch (v.type) {
      case RegValue::Type::String:
      case RegValue::Type::ExpandString:
        raw.type = v.type == RegValue::Type::String ? 1 : 2;
        raw.bytes = utf16_bytes(v.text);
        raw.bytes.insert(raw.bytes.end(), {0, 0});
        break;
      case RegValue::Type::MultiString:
        raw.type = 7;
        raw.bytes.clear();
        for (const auto& s : v.strings) {
          auto b = utf16_bytes(s);
          raw.bytes.insert(raw.bytes.end(), b.begin(), b.end());
          raw.bytes.insert(raw.bytes.end(), {0, 0});
        }
        raw.bytes.insert(raw.bytes.end(), {0, 0});
        break;
      case RegValue::Type::Dword: raw.type = 4; number(4); break;
      case RegValue::Type::Qword: raw.type = 11; number(8); break;
      case RegValue::Type::Binary: raw.type = 3; break;
      case RegValue::Type::Other: raw.type = 0; break;
    }
    return raw;
  }
  std::map<std::string, std::vector<RawRegValue>> keys_;
};

class FakeServices : public Services {
 public:
  void add(std::string name, StartType start, ServiceState state, bool delayed = false) {
    ServiceStatus s;
    s.name = name;
    s.exists = true;
    s.start_type = start;
    s.state = state;
    s.delayed_auto_start = delayed;
    services_[fold(name)] = s;
  }
  void remove(std::string_view name) { services_.erase(fold(name)); }
  std::map<std::string, Error> fail;        // folded name -> error for query
  std::map<std::string, Error> fail_start;  // folded name -> error for start
  std::map<std::string, Error> fail_stop;   // folded name -> error for request_stop
  std::map<std::string, Error> fail_config; // folded name -> error for set_start_type
  std::set<std::string> hang_on_stop;       // folded names that stay StopPending
  std::map<std::string, std::vector<std::string>> dependents;  // folded name -> dependents
  std::vector<std::string> calls;           // "stop wuauserv", "start BITS", "config X manual"

  Result<ServiceStatus> query(std::string_view name) const override {
    if (auto f = fail.find(fold(name)); f != fail.end()) return f->second;
    auto it = services_.find(fold(name));
    if (it == services_.end()) {
      ServiceStatus missing;
      missing.name = std::string(name);
      return missing;
    }
    return it->second;
  }
  Result<std::vector<std::string>> active_dependents(std::string_view name) const override {
    std::vector<std::string> active;
    if (auto d = dependents.find(fold(name)); d != dependents.end())
      for (const auto& dep : d->second)
        if (auto s = services_.find(fold(dep)); s != services_.end() &&
                                                s->second.state != ServiceState::Stopped)
          active.push_back(dep);
    return active;
  }
  Status set_start_type(std::string_view name, StartType type, bool delayed) override {
    power_for_change();
    calls.push_back("config " + std::string(name) + " " + std::to_string(static_cast<int>(type)) +
                    (delayed ? " delayed" : ""));
    if (auto f = fail_config.find(fold(name)); f != fail_config.end()) return f->second;
    auto* s = find(name);
    if (!s) return Error{1060, "OpenServiceW failed", std::string(name)};
    s->start_type = type;
    s->delayed_auto_start = delayed;
    return ok_status();
  }
  Status start(std::string_view name) override {
    power_for_change();
    calls.push_back("start " + std::string(name));
    if (auto f = fail_start.find(fold(name)); f != fail_start.end()) return f->second;
    auto* s = find(name);
    if (!s) return Error{1060, "OpenServiceW failed", std::string(name)};
    if (s->start_type == StartType::Disabled)
      return Error{1058, "StartServiceW failed", std::string(name)};
    s->state = ServiceState::Running;
    return ok_status();
  }
  Status request_stop(std::string_view name) override {
    power_for_change();
    calls.push_back("stop " + std::string(name));
    if (auto f = fail_stop.find(fold(name)); f != fail_stop.end()) return f->second;
    auto* s = find(name);
    if (!s) return Error{1060, "OpenServiceW failed", std::string(name)};
    if (s->state == ServiceState::Stopped) return ok_status();
    s->state = hang_on_stop.count(fold(name)) ? ServiceState::StopPending : ServiceState::Stopped;
    return ok_status();
  }

 private:
  ServiceStatus* find(std::string_view name) {
    auto it = services_.find(fold(name));
    return it == services_.end() ? nullptr : &it->second;
  }
  std::map<std::string, ServiceStatus> services_;
};

class StringStream : public InputStream {
 public:
  explicit StringStream(std::string data) : data_(std::move(data)) {}
  Result<size_t> read(std::span<char> buf) override {
    size_t n = std::min(buf.size(), data_.size() - pos_);
    std::memcpy(buf.data(), data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

class FakeFiles;

// Appends to a FakeFiles entry; counts flushes so tests can see write-then-flush ordering.
class FakeOutput : public OutputStream {
 public:
  FakeOutput(std::string* target, int* flushes, const std::optional<Error>* fail,
             const std::string* fail_containing)
      : target_(target), flushes_(flushes), fail_(fail), fail_containing_(fail_containing) {}
  Status write(std::string_view bytes) override {
    if (*fail_) return **fail_;
    if (!fail_containing_->empty() && bytes.find(*fail_containing_) != std::string_view::npos)
      return Error{112, "WriteFile failed", "disk full"};
    if (changes_before_power_cut() == 0) target_->append(bytes.substr(0, bytes.size() / 2));
    power_for_change();
    target_->append(bytes);
    return ok_status();
  }
  Status flush() override {
    ++*flushes_;
    return ok_status();
  }

 private:
  std::string* target_;
  int* flushes_;
  const std::optional<Error>* fail_;  // FakeFiles::fail_writes
  const std::string* fail_containing_;  // FakeFiles::fail_writes_containing
};

class FakeFiles : public Files {
 public:
  // A folder and, optionally, the total size of what is below it.
  void add_dir(std::string_view path, uint64_t tree_bytes = 0) { dirs_[fold(path)] = tree_bytes; }
  void add_file(std::string_view path, std::string content) { files_[fold(path)] = std::move(content); }
  DiskSpace space{500ull << 30, 1000ull << 30};
  std::map<std::string, Error> fail;  // folded path -> error for every call on it

  Result<bool> exists(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    return dirs_.count(fold(p)) > 0 || files_.count(fold(p)) > 0;
  }
  Result<bool> is_directory(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    return dirs_.count(fold(p)) > 0;
  }
  Result<uint64_t> tree_size(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    auto it = dirs_.find(fold(p));
    if (it == dirs_.end()) return Error{3, "folder not found", std::string(p)};
    return it->second;
  }
  Result<DiskSpace> disk_space(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    return space;
  }
  Result<std::unique_ptr<InputStream>> open_read(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    auto it = files_.find(fold(p));
    if (it == files_.end()) return Error{2, "cannot open file", std::string(p)};
    return std::unique_ptr<InputStream>(std::make_unique<StringStream>(it->second));
  }
  Result<std::vector<std::string>> list(std::string_view dir) const override {
    if (auto f = fail.find(fold(dir)); f != fail.end()) return f->second;
    std::string prefix = fold(dir) + "\\";
    std::vector<std::string> names;
    auto collect = [&](const std::string& path) {
      if (path.rfind(prefix, 0) == 0 && path.find('\\', prefix.size()) == std::string::npos)
        names.push_back(path.substr(prefix.size()));
    };
    for (const auto& [path, size] : dirs_) collect(path);
    for (const auto& [path, content] : files_) collect(path);
    return names;
  }
  Result<uint64_t> file_size(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    auto it = files_.find(fold(p));
    if (it == files_.end()) return Error{2, "file not found", std::string(p)};
    return static_cast<uint64_t>(it->second.size());
  }
  Status rename(std::string_view from, std::string_view to) override {
    power_for_change();
    renames.push_back(std::string(from) + " -> " + std::string(to));
    for (auto p : {from, to})
      if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (held.count(fold(from))) return Error{32, "MoveFileExW failed", std::string(from)};
    if (exists(to).value()) return Error{183, "MoveFileExW failed", std::string(to)};
    if (!exists(from).value()) return Error{2, "MoveFileExW failed", std::string(from)};
    move_prefixed(dirs_, fold(from), fold(to));
    move_prefixed(files_, fold(from), fold(to));
    if (on_rename) on_rename(from, to);
    return ok_status();
  }
  Status create_directories(std::string_view p) override {
    power_for_change();
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    std::string path = fold(p);
    for (size_t i = path.find('\\'); i != std::string::npos; i = path.find('\\', i + 1))
      if (i > 2) dirs_.try_emplace(path.substr(0, i), 0);
    dirs_.try_emplace(path, 0);
    return ok_status();
  }
  Result<std::unique_ptr<OutputStream>> open_append(std::string_view p) override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (held.count(fold(p))) return Error{32, "CreateFileW failed", std::string(p)};
    return std::unique_ptr<OutputStream>(std::make_unique<FakeOutput>(
        &files_[fold(p)], &flushes, &fail_writes, &fail_writes_containing));
  }

  // Security: a path without an entry here is wufix's own (Administrators, private DACL).
  std::map<std::string, FileSecurity> security_of;  // folded path -> what security() says
  void set_security(std::string_view p, FileSecurity s) { security_of[fold(p)] = std::move(s); }
  std::vector<std::string> made_private;  // "new C:\..." or "existing C:\..."
  mutable std::set<std::string> held;     // folded paths a HeldFile holds now

  Result<std::optional<FileSecurity>> security(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (!exists(p).value()) return std::optional<FileSecurity>();
    if (auto it = security_of.find(fold(p)); it != security_of.end())
      return std::optional<FileSecurity>(it->second);
    FileSecurity s;
    s.owner = "S-1-5-32-544";
    s.directory = dirs_.count(fold(p)) > 0;
    s.allowed = {"S-1-5-18", "S-1-5-32-544"};
    return std::optional<FileSecurity>(s);
  }
  Status make_private_directory(std::string_view p, bool existing) override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (!existing && exists(p).value()) return Error{183, "CreateDirectoryW failed", std::string(p)};
    made_private.push_back((existing ? "existing " : "new ") + std::string(p));
    dirs_.try_emplace(fold(p), 0);
    security_of.erase(fold(p));
    return ok_status();
  }
  Result<std::unique_ptr<OutputStream>> create_new(std::string_view p) override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (exists(p).value()) return Error{80, "CreateFileW(CREATE_NEW) failed", std::string(p)};
    return std::unique_ptr<OutputStream>(std::make_unique<FakeOutput>(
        &files_[fold(p)], &flushes, &fail_writes, &fail_writes_containing));
  }
  Status cut(std::string_view p, uint64_t size) override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    auto it = files_.find(fold(p));
    if (it == files_.end()) return Error{2, "CreateFileW failed", std::string(p)};
    it->second.resize(size);
    return ok_status();
  }
  class FakeHeld : public HeldFile {
   public:
    FakeHeld(std::set<std::string>* set, std::string path) : set_(set), path_(std::move(path)) {
      set_->insert(path_);
    }
    ~FakeHeld() override { set_->erase(path_); }

   private:
    std::set<std::string>* set_;
    std::string path_;
  };
  Result<std::unique_ptr<HeldFile>> hold(std::string_view p) const override {
    if (auto f = fail.find(fold(p)); f != fail.end()) return f->second;
    if (!files_.count(fold(p))) return Error{2, "CreateFileW failed", std::string(p)};
    return std::unique_ptr<HeldFile>(std::make_unique<FakeHeld>(&held, fold(p)));
  }

  // Test inspection.
  std::string content(std::string_view p) const {
    auto it = files_.find(fold(p));
    return it == files_.end() ? std::string() : it->second;
  }
  std::vector<std::string> renames;  // every rename asked for, "from -> to"
  std::function<void(std::string_view, std::string_view)> on_rename;  // after a rename succeeded
  int flushes = 0;
  std::optional<Error> fail_writes;  // every write to an opened file fails with this (disk full)
  std::string fail_writes_containing;  // when set, a write of bytes containing it fails (disk full)

 private:
  // Moves `from` and everything below it to `to`.
  template <class Map>
  static void move_prefixed(Map& map, const std::string& from, const std::string& to) {
    Map moved;
    for (auto it = map.begin(); it != map.end();) {
      const std::string& key = it->first;
      if (key == from || key.rfind(from + "\\", 0) == 0) {
        moved[to + key.substr(from.size())] = std::move(it->second);
        it = map.erase(it);
      } else {
        ++it;
      }
    }
    map.merge(moved);
  }
  std::map<std::string, uint64_t> dirs_;
  std::map<std::string, std::string> files_;
};

class FakeClock : public Clock {
 public:
  mutable std::chrono::system_clock::time_point time = std::chrono::system_clock::time_point() +
                                               std::chrono::seconds(1'780'000'000);
  std::chrono::seconds up{3600};
  std::chrono::minutes offset{0};  // the PC's time zone: local time minus UTC
  std::chrono::system_clock::time_point now() const override { return time; }
  std::chrono::seconds uptime() const override { return up; }
  std::chrono::minutes utc_offset(std::chrono::system_clock::time_point) const override {
    return offset;
  }
  // Sleeping moves fake time on, so waits and timeouts run instantly in tests.
  void sleep(std::chrono::milliseconds d) const override {
    time += d;
    slept += d;
  }
  mutable std::chrono::milliseconds slept{0};
};

// Scripted child processes, matched by the program's file name (case-insensitive).
class FakeProcesses : public Processes {
 public:
  struct Script {
    std::vector<std::string> output;  // chunks handed to on_output in order
    uint32_t exit_code = 0;
    std::optional<Error> error;       // could not start
  };
  std::map<std::string, Script> scripts;  // folded file name ("sfc.exe") -> script
  std::vector<ProcessSpec> ran;
  std::function<void(const ProcessSpec&)> on_run;  // the program's effect on the fake PC

  Result<ProcessResult> run(const ProcessSpec& spec) override {
    power_for_change();
    ran.push_back(spec);
    std::string name = fold(spec.program.substr(spec.program.find_last_of("\\/") + 1));
    auto it = scripts.find(name);
    if (it == scripts.end()) return Error{2, "CreateProcessW failed", spec.program};
    if (it->second.error) return *it->second.error;
    if (on_run) on_run(spec);
    for (const auto& chunk : it->second.output)
      if (spec.on_output) spec.on_output(chunk);
    return ProcessResult{it->second.exit_code};
  }
};

class FakeNetwork : public Network {
 public:
  // Answers every exchange with this (or fails with error).
  std::optional<UdpReply> reply;
  std::optional<Error> error;
  mutable std::vector<std::string> asked;  // "host:port" of each request
  mutable std::vector<uint8_t> last_request;
  Result<UdpReply> udp_exchange(std::string_view host, uint16_t port,
                                std::span<const uint8_t> request,
                                std::chrono::milliseconds) const override {
    asked.push_back(std::string(host) + ":" + std::to_string(port));
    last_request.assign(request.begin(), request.end());
    if (error) return *error;
    if (!reply) return Error{10060, "no reply", std::string(host)};
    return *reply;
  }
  std::set<std::string> listening;  // "host:port" that accept a TCP connection
  Status tcp_connect(std::string_view host, uint16_t port,
                     std::chrono::milliseconds) const override {
    std::string where = std::string(host) + ":" + std::to_string(port);
    if (listening.count(where)) return ok_status();
    return Error{10061, "TCP connect failed", where};
  }
};

class FakeProxy : public ProxySettings {
 public:
  ProxyConfig config;
  std::optional<Error> fail_set;
  Result<ProxyConfig> winhttp_proxy() const override { return config; }
  Status set_winhttp_proxy(const ProxyConfig& c) override {
    power_for_change();
    if (fail_set) return *fail_set;
    config = c;
    return ok_status();
  }
};

// The agent's update store: what sessions search, download, install and hide.
struct FakeWua {
  std::vector<UpdateFacts> updates;  // not installed; hidden flags live here
  std::optional<Error> open_error, search_error, download_error, install_error;
  std::map<std::string, UpdateOpResult> download_results, install_results;  // by id; else success
  std::vector<std::string> searches;                 // criteria, in order
  std::vector<std::vector<std::string>> downloads, installs;
  std::vector<std::pair<std::string, bool>> hidden_set;

  std::vector<UpdateFacts> search(std::string_view criteria) {
    searches.push_back(std::string(criteria));
    std::vector<UpdateFacts> out;
    for (const auto& u : updates) {
      if (criteria.find("IsHidden=0") != std::string_view::npos && u.hidden) continue;
      if (criteria.find("IsHidden=1") != std::string_view::npos && !u.hidden) continue;
      out.push_back(u);
    }
    return out;
  }
};

class FakeUpdateSession : public UpdateSession {
 public:
  explicit FakeUpdateSession(FakeWua& wua) : wua_(wua) {}
  Result<std::vector<UpdateFacts>> search(std::string_view criteria, std::chrono::seconds) override {
    if (wua_.search_error) return *wua_.search_error;
    return wua_.search(criteria);
  }
  Result<UpdateBatchResult> download(const std::vector<std::string>& ids,
                                     const UpdateProgressFn& progress) override {
    wua_.downloads.push_back(ids);
    if (wua_.download_error) return *wua_.download_error;
    return run(ids, wua_.download_results, progress, true);
  }
  Result<UpdateBatchResult> install(const std::vector<std::string>& ids,
                                    const UpdateProgressFn& progress) override {
    wua_.installs.push_back(ids);
    if (wua_.install_error) return *wua_.install_error;
    UpdateBatchResult r = run(ids, wua_.install_results, progress, false);
    for (size_t i = 0; i < ids.size(); ++i)
      if (r.updates[i].result_code == 2)
        std::erase_if(wua_.updates, [&](const UpdateFacts& u) { return u.id == ids[i]; });
    return r;
  }
  Status set_hidden(std::string_view id, bool hidden) override {
    for (auto& u : wua_.updates)
      if (u.id == id) {
        u.hidden = hidden;
        wua_.hidden_set.emplace_back(std::string(id), hidden);
        return ok_status();
      }
    return Error{0x80240024, "not an update of the last search", std::string(id)};
  }

 private:
  UpdateBatchResult run(const std::vector<std::string>& ids,
                        const std::map<std::string, UpdateOpResult>& results,
                        const UpdateProgressFn& progress, bool bytes) {
    UpdateBatchResult r{2, 0, false, {}};
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = results.find(ids[i]);
      UpdateOpResult one = it == results.end() ? UpdateOpResult{2, 0, false} : it->second;
      if (one.result_code != 2) r.result_code = 3;
      r.reboot_required |= one.reboot_required;
      r.updates.push_back(one);
      if (progress)
        progress({i, ids.size(), bytes ? (i + 1) * 100 : 0, bytes ? ids.size() * 100 : 0,
                  static_cast<int>((i + 1) * 100 / ids.size())});
    }
    return r;
  }
  FakeWua& wua_;
};

class FakeUpdateAgent : public UpdateAgent {
 public:
  std::vector<UpdateHistoryEntry> entries;
  std::optional<Error> error;
  mutable FakeWua wua;
  Result<std::vector<UpdateHistoryEntry>> history() const override {
    if (error) return *error;
    return entries;
  }
  Result<std::unique_ptr<UpdateSession>> open_session() const override {
    if (wua.open_error) return *wua.open_error;
    return std::unique_ptr<UpdateSession>(std::make_unique<FakeUpdateSession>(wua));
  }
};

class FakeSecurityCenter : public SecurityCenter {
 public:
  std::vector<AntivirusProduct> products;
  std::optional<Error> error;
  Result<std::vector<AntivirusProduct>> antivirus_products() const override {
    if (error) return *error;
    return products;
  }
};

class FakePlatform : public Platform {
 public:
  Result<bool> elevated = true;
  Arch arch = Arch::X64;
  Result<bool> is_elevated() const override { return elevated; }
  Arch native_arch() const override { return arch; }
  std::string windows_dir() const override { return "C:\\Windows"; }
  std::string program_data_dir() const override { return "C:\\ProgramData"; }
  std::string sid = "S-1-5-21-1-2-3-1001";  // the admin running wufix
  Result<std::string> user_sid() const override { return sid; }
};

// Every fake, wired into a System.
struct FakeSystem {
  FakeConsole console;
  FakeRegistry registry;
  FakeServices services;
  FakeFiles files;
  FakeClock clock;
  FakeNetwork network;
  FakeUpdateAgent update_agent;
  FakeSecurityCenter security_center;
  FakePlatform platform;
  FakeProcesses processes;
  FakeProxy proxy;

  System system() {
    System s;
    s.console = &console;
    s.registry = &registry;
    s.services = &services;
    s.files = &files;
    s.clock = &clock;
    s.network = &network;
    s.update_agent = &update_agent;
    s.security_center = &security_center;
    s.platform = &platform;
    s.processes = &processes;
    s.registry_editor = &registry;
    s.proxy = &proxy;
    return s;
  }
};

}  // namespace wufix::fakes
