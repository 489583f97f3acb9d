// check_update_cache: copies of SoftwareDistribution and catroot2 left by an earlier reset
// (by wufix or by the classic "rename to .old" scripts). Harmless, but they hold gigabytes and
// tell that the cache was reset before, which matters when reading the rest of the diagnosis.
#include <fmt/format.h>

#include "core/ascii.h"
#include "core/checks/checks.h"
#include "core/cleanup/leftovers.h"

namespace wufix {
namespace {


struct CacheFolder {
  const char* subdir;  // below the Windows folder; "" for the Windows folder itself
  const char* name;    // the live folder's name, lower case
};
constexpr CacheFolder kFolders[] = {{"", "softwaredistribution"}, {"System32", "catroot2"}};
constexpr const char* kLeftoverSuffixes[] = {".old", ".bak"};
constexpr const char* kWufixSuffix = ".wufix-";  // what wufix's own reset renames to

enum class LeftoverKind { None, Foreign, Wufix };

LeftoverKind classify(std::string_view entry, std::string_view live_name) {
  std::string name = ascii_lower(entry);
  if (name.rfind(live_name, 0) != 0) return LeftoverKind::None;
  std::string_view rest = std::string_view(name).substr(live_name.size());
  if (rest.rfind(kWufixSuffix, 0) == 0) return LeftoverKind::Wufix;
  for (const char* suffix : kLeftoverSuffixes) {
    if (rest == suffix) return LeftoverKind::Foreign;
  }
  return LeftoverKind::None;
}

// `cleanup`: wufix cleanup takes this name (a .bak copy, or an aside name of an older wufix,
// it leaves alone).
Finding leftover_finding(const Files& files, const std::string& path, LeftoverKind kind,
                         bool cleanup) {
  Finding f;
  f.id = finding_id::kUpdateCacheLeftovers;
  f.severity = Severity::Info;
  f.evidence = {{"path", path}, {"bytes", nullptr}, {"created_by_wufix", kind == LeftoverKind::Wufix}};
  std::string size;
  if (auto bytes = files.tree_size(path)) {
    f.evidence["bytes"] = *bytes;
    if (cleanup) f.evidence["cleanup_bytes"] = *bytes;
    size = fmt::format(" ({:.1f} GB)", *bytes / kBytesPerGb);
  } else {
    f.evidence["size_error"] = bytes.error().message();
  }
  if (kind == LeftoverKind::Wufix) {
    f.summary = fmt::format("A wufix reset was done before and kept {}{}; `wufix undo` can "
                            "restore it", path, size);
    f.advice = cleanup ? fmt::format("Once updates install again, `wufix cleanup` frees it{} "
                                     "(add --forget-undo while that run can still be undone); "
                                     "or run wufix undo to put it back", size)
                       : "Delete it once updates install again, or run wufix undo to put it back";
  } else {
    f.summary = fmt::format("The update cache was reset before; {}{} is left over", path, size);
    f.advice = cleanup ? fmt::format("Once updates install again, `wufix cleanup` frees it{}", size)
                       : "It can be deleted once updates install again";
  }
  if (cleanup) f.evidence["cleanup"] = "wufix cleanup";
  return f;
}

}  // namespace

CheckResult check_update_cache(const System& sys) {
  std::vector<Finding> findings;
  std::vector<Error> errors;
  for (const CacheFolder& folder : kFolders) {
    std::string dir = sys.platform->windows_dir();
    if (*folder.subdir) dir += std::string("\\") + folder.subdir;
    auto entries = sys.files->list(dir);
    if (!entries) {
      errors.push_back(entries.error());
      continue;
    }
    for (const std::string& entry : *entries) {
      LeftoverKind kind = classify(entry, folder.name);
      if (kind == LeftoverKind::None) continue;
      std::string path = dir + "\\" + entry;
      // A file of that name is not a cache copy; an unreadable one is still reported.
      if (auto is_dir = sys.files->is_directory(path); is_dir && !*is_dir) continue;
      findings.push_back(
          leftover_finding(*sys.files, path, kind, parse_aside_name(entry).has_value()));
    }
  }
  // "No leftovers" is only true when both folders could be listed.
  if (findings.empty() && !errors.empty()) return check_error(check_id::kUpdateCache, errors.front());
  for (Finding& f : findings) {
    for (const Error& e : errors) f.evidence["list_errors"].push_back(e.message());
  }
  return check_with(check_id::kUpdateCache, std::move(findings));
}

}  // namespace wufix
