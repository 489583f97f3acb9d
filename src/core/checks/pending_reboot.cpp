// check_pending_reboot: servicing that waits for a restart blocks further installs (and makes
// sfc/DISM refuse to run), so it is the first thing to clear.
#include <string_view>

#include "core/checks/checks.h"
#include "core/checks/reg_values.h"

namespace wufix {
namespace {

constexpr size_t kMaxRenamePaths = 5;

constexpr const char* kCbs =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\";
constexpr const char* kAutoUpdate =
    "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\";
constexpr const char* kSessionManager = "SYSTEM\\CurrentControlSet\\Control\\Session Manager";

// Indicators that are a key's mere existence.
struct KeyIndicator {
  const char* indicator;
  const char* parent;
  const char* key;
};
constexpr KeyIndicator kKeyIndicators[] = {
    {"cbs-reboot-pending", kCbs, "RebootPending"},
    {"cbs-reboot-in-progress", kCbs, "RebootInProgress"},
    {"cbs-packages-pending", kCbs, "PackagesPending"},
    {"wu-reboot-required", kAutoUpdate, "RebootRequired"},
};

struct Scan {
  std::vector<std::string> indicators;
  std::vector<std::string> rename_paths;  // sources of pending renames/deletes, for evidence
  size_t rename_count = 0;
  std::vector<Error> errors;

  void add(const std::string& indicator) {
    for (const std::string& i : indicators) {
      if (i == indicator) return;
    }
    indicators.push_back(indicator);
  }
};

// Entries come in pairs: source, then destination (empty = delete at boot). Sources carry the
// NT prefix "\??\", which means nothing to people.
void collect_renames(const RegValue& v, Scan& scan) {
  std::vector<std::string> entries = v.strings;
  if (v.type == RegValue::Type::String || v.type == RegValue::Type::ExpandString) {
    entries = {v.text};  // malformed, but its text is still the path
  }
  for (size_t i = 0; i < entries.size(); i += 2) {
    std::string_view path = entries[i];
    if (path.empty()) continue;
    ++scan.rename_count;
    if (path.rfind("\\??\\", 0) == 0) path.remove_prefix(4);
    if (scan.rename_paths.size() < kMaxRenamePaths) scan.rename_paths.emplace_back(path);
  }
}

void scan_keys(const Registry& reg, Scan& scan) {
  for (const KeyIndicator& k : kKeyIndicators) {
    auto exists = reg.key_exists(Hive::LocalMachine, std::string(k.parent) + k.key);
    if (!exists) {
      scan.errors.push_back(exists.error());
    } else if (*exists) {
      scan.add(k.indicator);
    }
  }
}

// Any type counts when it holds something: tools do write these as REG_SZ or REG_BINARY.
void scan_renames(const Registry& reg, Scan& scan) {
  for (const char* name : {"PendingFileRenameOperations", "PendingFileRenameOperations2"}) {
    auto v = reg.read(Hive::LocalMachine, kSessionManager, name);
    if (!v) {
      scan.errors.push_back(v.error());
    } else if (*v && regval::is_set(**v)) {
      scan.add("pending-file-rename");
      collect_renames(**v, scan);
    }
  }
}

void scan_update_exe(const Registry& reg, Scan& scan) {
  auto v = reg.read(Hive::LocalMachine, "SOFTWARE\\Microsoft\\Updates", "UpdateExeVolatile");
  if (!v) {
    scan.errors.push_back(v.error());
  } else if (*v && regval::is_set(**v)) {
    // "0" as text is a zero written with the wrong type, not a pending update.
    auto n = regval::as_number(**v);
    if (!n || *n != 0) scan.add("update-exe-volatile");
  }
}

nlohmann::json errors_json(const std::vector<Error>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const Error& e : errors) list.push_back({{"code", e.code}, {"message", e.message()}});
  return list;
}

}  // namespace

CheckResult check_pending_reboot(const System& sys) {
  Scan scan;
  scan_keys(*sys.registry, scan);
  scan_renames(*sys.registry, scan);
  scan_update_exe(*sys.registry, scan);

  if (scan.indicators.empty()) {
    // "No reboot pending" is only true when every indicator could be read.
    if (!scan.errors.empty()) return check_error(check_id::kPendingReboot, scan.errors.front());
    return check_ok(check_id::kPendingReboot);
  }
  Finding f;
  f.id = finding_id::kPendingReboot;
  f.severity = Severity::Warning;
  f.summary = "A restart is pending; updates cannot install until Windows restarts";
  f.evidence = {{"indicators", scan.indicators}};
  if (scan.rename_count > 0) {
    f.evidence["pending_renames"] = scan.rename_count;
    f.evidence["pending_rename_paths"] = scan.rename_paths;
  }
  if (!scan.errors.empty()) f.evidence["read_errors"] = errors_json(scan.errors);
  f.advice = "Restart Windows, then run wufix diagnose again";
  return check_with(check_id::kPendingReboot, {std::move(f)});
}

}  // namespace wufix
