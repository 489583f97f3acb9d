#include "core/health/store.h"

#include <algorithm>
#include <array>
#include <random>

#include <fmt/format.h>

#include "core/cleanup/plan.h"
#include "core/private_folder.h"
#include "core/time_text.h"

namespace wufix {
namespace {

constexpr const char* kHealthFolder = "health";            // below %ProgramData%\wufix
constexpr uint64_t kMaxResultBytes = 4 * 1024 * 1024;  // a result is some KB; more is not ours

bool result_name(std::string_view name) {
  return name.ends_with(".json") && valid_run_id(name.substr(0, name.size() - 5));
}

Result<std::string> read_small(const Files& files, const std::string& path) {
  auto in = files.open_read(path);
  if (!in) return in.error();
  std::array<char, 64 * 1024> buf;
  std::string text;
  for (;;) {
    auto n = (*in)->read(buf);
    if (!n) return n.error();
    if (*n == 0) return text;
    text.append(buf.data(), *n);
    if (text.size() > kMaxResultBytes) return Error{0, "larger than a health result can be", path};
  }
}

// The health folder itself: wufix's own (or missing: false).
Result<bool> own_folder(const Files& files, const std::string& dir,
                        const std::vector<std::string>& trusted) {
  auto security = files.security(dir);
  if (!security) return security.error();
  if (!*security) return false;
  if (auto why = untrusted_owner(**security, trusted))
    return Error{0, fmt::format("refusing {}: {}", dir, *why), ""};
  if (!(*security)->directory) return Error{267, fmt::format("refusing {}: not a folder", dir), ""};
  return true;
}

std::string system_drive_of(const std::string& windows_dir) {
  return windows_dir.size() >= 2 && windows_dir[1] == ':' ? windows_dir.substr(0, 2) + "\\"
                                                          : windows_dir;
}

// Events first, so the stored result can say whether they were written.
void report_events(EventLog* log, const HealthChanges& changes, HealthRecording& out) {
  if (log == nullptr) return;
  for (const HealthEvent& e : events_for(changes)) {
    Status s = log->report(kEventSource, e.type, e.id, e.message);
    if (s) ++out.events_written;
    else if (!out.event_error) out.event_error = s.error();
  }
}

Status write_result(Files& files, const std::string& path, const nlohmann::json& doc) {
  auto out = files.create_new(path);
  if (!out) return out.error();
  if (Status s = (*out)->write(doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"); !s)
    return s;
  return (*out)->flush();
}

}  // namespace

// Results sort by name, so a new one must come after the last even when two runs share a second
// or the clock was set back (the very fault diagnose looks for): then it takes the last one's
// time plus a second.
std::string next_result_id(const std::vector<HealthResult>& before,
                           std::chrono::system_clock::time_point now) {
  std::random_device random;
  std::string id = make_run_id(now, random());
  if (before.empty() || id > before.back().id) return id;
  auto last = run_id_time(before.back().id);
  return make_run_id(last ? *last + std::chrono::seconds(1) : now, random());
}

std::string health_dir(const Platform& platform) { return data_dir(platform) + "\\" + kHealthFolder; }

std::vector<std::string> results_beyond(std::vector<std::string> names, size_t keep) {
  std::erase_if(names, [](const std::string& n) { return !result_name(n); });
  std::sort(names.begin(), names.end());  // run ids sort by time
  if (names.size() <= keep) return {};
  names.resize(names.size() - keep);
  return names;
}

Result<HealthResults> read_health_results(const Files& files, const Platform& platform) {
  HealthResults out;
  auto trusted = trusted_sids(platform);
  if (!trusted) return trusted.error();
  const std::string dir = health_dir(platform);
  auto there = own_folder(files, dir, *trusted);
  if (!there) return there.error();
  if (!*there) return out;
  auto names = files.list(dir);
  if (!names) return names.error();
  std::sort(names->begin(), names->end());
  for (const std::string& name : *names) {
    if (!result_name(name)) continue;
    const std::string path = dir + "\\" + name;
    auto skip = [&](std::string why) { out.skipped.push_back({path, std::move(why)}); };
    auto security = files.security(path);
    if (!security || !*security || (*security)->directory) {
      skip(!security ? security.error().message() : "not a file");
      continue;
    }
    if (auto why = untrusted_owner(**security, *trusted)) {
      skip(*why);
      continue;
    }
    auto text = read_small(files, path);
    if (!text) {
      skip(text.error().message());
      continue;
    }
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    auto result = parse_health_result(doc, name.substr(0, name.size() - 5));
    if (!result) {
      skip(doc.is_discarded() ? "not JSON" : result.error().message());
      continue;
    }
    out.results.push_back(std::move(*result));
  }
  return out;
}

Result<HealthRecording> record_health(const System& sys, const Upkeep& upkeep,
                                      nlohmann::json diagnosis) {
  Files& files = *sys.files;
  const Platform& platform = *sys.platform;
  if (Status ready = ensure_private_folder(files, platform, kHealthFolder); !ready) return ready.error();
  const std::string dir = health_dir(platform);
  // Readable by users (wufix status); a failure only costs that. ensure_private_folder takes
  // the entry away again next time (it cannot tell read from write) and this puts it back.
  if (upkeep.sharing) (void)upkeep.sharing->let_users_read(dir);
  auto earlier = read_health_results(files, platform);
  if (!earlier) return earlier.error();

  const auto now = sys.clock->now();
  const std::string id = next_result_id(earlier->results, now);
  nlohmann::json health = {{"recorded_at", iso_utc(now)},
                           {"drive", system_drive_of(platform.windows_dir())}};
  if (auto space = files.disk_space(system_drive_of(platform.windows_dir()))) {
    health["free_bytes"] = space->free_bytes;
    health["total_bytes"] = space->total_bytes;
  }
  diagnosis["health"] = health;
  auto parsed = parse_health_result(diagnosis, id);
  if (!parsed) return parsed.error();

  HealthRecording rec;
  const auto& before = earlier->results;
  rec.changes = compare_results(before.empty() ? nullptr : &before.back(), *parsed);
  report_events(upkeep.event_log, rec.changes, rec);
  if (rec.event_error) diagnosis["health"]["event_error"] = rec.event_error->message();
  diagnosis["health"]["events_written"] = rec.events_written;
  if (Status s = write_result(files, dir + "\\" + id + ".json", diagnosis); !s) return s.error();
  rec.result = std::move(*parsed);
  rec.result.event_error = rec.event_error ? std::optional(rec.event_error->message()) : std::nullopt;

  if (upkeep.cleaner == nullptr) return rec;
  auto names = files.list(dir);
  if (!names) rec.rotate_error = names.error();
  for (const std::string& old : names ? results_beyond(*names, kHealthResultsKept)
                                      : std::vector<std::string>{}) {
    RemoveOutcome removed = upkeep.cleaner->remove_tree(dir + "\\" + old);
    if (removed.error && !rec.rotate_error) rec.rotate_error = removed.error;
  }
  return rec;
}

}  // namespace wufix
