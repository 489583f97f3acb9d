#include "core/health/store.h"

#include <algorithm>
#include <array>
#include <random>
#include <set>

#include <fmt/format.h>

#include "core/cleanup/plan.h"
#include "core/private_folder.h"
#include "core/time_text.h"

namespace wufix {
namespace {

constexpr const char* kHealthFolder = "health";            // below %ProgramData%\wufix
constexpr uint64_t kMaxResultBytes = 4 * 1024 * 1024;  // a result is some KB; more is not ours

constexpr std::string_view kEventsSuffix = ".events.json";  // what became of a result's events

bool result_name(std::string_view name) {
  return name.ends_with(".json") && valid_run_id(name.substr(0, name.size() - 5));
}

// "<run-id>.events.json": the outcome of the events of result <run-id>, written after them.
bool events_name(std::string_view name) {
  return name.ends_with(kEventsSuffix) &&
         valid_run_id(name.substr(0, name.size() - kEventsSuffix.size()));
}

std::string result_id_of(std::string_view name) {
  return std::string(name.substr(0, name.size() - (events_name(name) ? kEventsSuffix.size() : 5)));
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

// After the result is stored, so that an admin whose monitoring reacts to the event and runs
// `wufix status` sees this result. When it could not be stored each event says so.
void report_events(EventLog* log, const std::vector<HealthEvent>& events,
                   const std::optional<Error>& not_stored, HealthRecording& out) {
  if (log == nullptr) return;
  for (const HealthEvent& e : events) {
    std::string message = e.message;
    if (not_stored)
      message += "\r\nThis result could not be stored (wufix status shows an older one): " +
                 not_stored->message();
    Status s = log->report(kEventSource, e.type, e.id, message);
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

// Not ensure_private_folder for the health folder itself: it cannot tell Users' read entry
// from a write entry and would take it away (status failing until it is put back).
Status ensure_health_folder(Files& files, const Platform& platform, FolderSharing* sharing,
                            std::optional<Error>& not_shared) {
  if (sharing == nullptr) return ensure_private_folder(files, platform, kHealthFolder);
  if (Status parent = ensure_private_folder(files, platform, ""); !parent) return parent;
  auto trusted = trusted_sids(platform);
  if (!trusted) return trusted.error();
  const std::string dir = health_dir(platform);
  if (auto ours = own_folder(files, dir, *trusted); !ours) return ours.error();
  if (Status shared = sharing->let_users_read(dir); !shared) {
    not_shared = shared.error();
    return ensure_private_folder(files, platform, kHealthFolder);
  }
  auto after = own_folder(files, dir, *trusted);
  if (!after) return after.error();
  auto security = files.security(dir);
  if (!security) return security.error();
  if (!*after || !*security) return Error{3, fmt::format("{} was not created", dir), ""};
  const FileSecurity& s = **security;
  auto is_trusted = [&](const std::string& sid) {
    return std::find(trusted->begin(), trusted->end(), sid) != trusted->end();
  };
  // Users may read (wufix status); nobody else untrusted may do anything, nor Users write.
  for (const std::string& sid : s.allowed)
    if (sid != kUsersSid && !is_trusted(sid))
      return Error{0, fmt::format("refusing {}: {} may use it and it could not be changed; an "
                                  "administrator should rename it aside", dir, sid), ""};
  for (const std::string& sid : s.writers)
    if (!is_trusted(sid))
      return Error{0, fmt::format("refusing {}: {} may write there and it could not be changed; "
                                  "an administrator should rename it aside", dir, sid), ""};
  if (s.null_dacl)
    return Error{0, fmt::format("refusing {}: it has no DACL (everyone may write there)", dir), ""};
  return ok_status();
}

// A result's events file goes with it; one whose result is gone goes too.
std::vector<std::string> results_beyond(std::vector<std::string> names, size_t keep) {
  std::vector<std::string> results, events;
  for (std::string& n : names) {
    if (result_name(n)) results.push_back(std::move(n));
    else if (events_name(n)) events.push_back(std::move(n));
  }
  std::sort(results.begin(), results.end());  // run ids sort by time
  std::vector<std::string> out(results.begin(),
                               results.end() - static_cast<long>(std::min(keep, results.size())));
  std::set<std::string> kept;
  for (size_t i = out.size(); i < results.size(); ++i) kept.insert(result_id_of(results[i]));
  for (std::string& e : events)
    if (!kept.count(result_id_of(e))) out.push_back(std::move(e));
  return out;
}

namespace {

// A file in the health folder that is wufix's own: no link, no folder, a trusted owner.
Result<std::string> read_owned(const Files& files, const std::string& path,
                               const std::vector<std::string>& trusted) {
  auto security = files.security(path);
  if (!security) return security.error();
  if (!*security || (*security)->directory) return Error{0, "not a file", path};
  if (auto why = untrusted_owner(**security, trusted)) return Error{0, *why, path};
  return read_small(files, path);
}

// What became of the result's events (its events file), into `result`.
void read_events_outcome(const Files& files, const std::string& path,
                         const std::vector<std::string>& trusted, HealthResult& result,
                         std::vector<SkippedJournal>& skipped) {
  auto text = read_owned(files, path, trusted);
  auto doc = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
  if (!doc.is_object()) {
    skipped.push_back({path, text ? "not JSON" : text.error().message()});
    return;
  }
  auto error = doc.find("event_error");
  if (error != doc.end() && error->is_string()) result.event_error = error->get<std::string>();
}

}  // namespace

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
    auto text = read_owned(files, path, *trusted);
    if (!text) {
      out.skipped.push_back({path, text.error().message()});
      continue;
    }
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    auto result = parse_health_result(doc, result_id_of(name));
    if (!result) {
      out.skipped.push_back({path, doc.is_discarded() ? "not JSON" : result.error().message()});
      continue;
    }
    const std::string events = result->id + std::string(kEventsSuffix);
    if (std::binary_search(names->begin(), names->end(), events))
      read_events_outcome(files, dir + "\\" + events, *trusted, *result, out.skipped);
    out.results.push_back(std::move(*result));
  }
  return out;
}

namespace {

// The new result: diagnose's document with a "health" object (when and how much space).
nlohmann::json health_document(const System& sys, nlohmann::json diagnosis,
                               std::chrono::system_clock::time_point now) {
  const std::string drive = system_drive_of(sys.platform->windows_dir());
  nlohmann::json health = {{"recorded_at", iso_utc(now)}, {"drive", drive}};
  if (auto space = sys.files->disk_space(drive)) {
    health["free_bytes"] = space->free_bytes;
    health["total_bytes"] = space->total_bytes;
  }
  diagnosis["health"] = health;
  return diagnosis;
}

void rotate_results(Files& files, FileCleaner* cleaner, const std::string& dir,
                    HealthRecording& rec) {
  if (cleaner == nullptr) return;
  auto names = files.list(dir);
  if (!names) rec.rotate_error = names.error();
  for (const std::string& old : names ? results_beyond(*names, kHealthResultsKept)
                                      : std::vector<std::string>{}) {
    RemoveOutcome removed = cleaner->remove_tree(dir + "\\" + old);
    if (removed.error && !rec.rotate_error) rec.rotate_error = removed.error;
  }
}

}  // namespace

// The result is written first, then the events (monitoring that reacts to one and runs `wufix
// status` sees this result), then what became of them. A result that cannot be written still
// sends its events, each saying so, and is an Error.
Result<HealthRecording> record_health(const System& sys, const Upkeep& upkeep,
                                      nlohmann::json diagnosis) {
  Files& files = *sys.files;
  const Platform& platform = *sys.platform;
  std::optional<Error> not_shared;
  if (Status ready = ensure_health_folder(files, platform, upkeep.sharing, not_shared); !ready)
    return ready.error();
  const std::string dir = health_dir(platform);
  auto earlier = read_health_results(files, platform);
  if (!earlier) return earlier.error();

  const auto now = sys.clock->now();
  const std::string id = next_result_id(earlier->results, now);
  nlohmann::json doc = health_document(sys, std::move(diagnosis), now);
  auto parsed = parse_health_result(doc, id);
  if (!parsed) return parsed.error();
  HealthRecording rec;
  rec.sharing_error = std::move(not_shared);
  const auto& before = earlier->results;
  rec.changes = compare_results(before.empty() ? nullptr : &before.back(), *parsed);
  const std::vector<HealthEvent> events = upkeep.event_log ? events_for(rec.changes)
                                                           : std::vector<HealthEvent>{};
  doc["health"]["events_due"] = events.size();
  std::optional<Error> not_stored;
  if (Status s = write_result(files, dir + "\\" + id + ".json", doc); !s) not_stored = s.error();

  report_events(upkeep.event_log, events, not_stored, rec);
  if (not_stored) return *not_stored;
  if (!events.empty()) {
    nlohmann::json outcome = {{"events_written", rec.events_written}};
    if (rec.event_error) outcome["event_error"] = rec.event_error->message();
    if (Status s = write_result(files, dir + "\\" + id + std::string(kEventsSuffix), outcome); !s)
      rec.outcome_error = s.error();
  }
  rec.result = std::move(*parsed);
  rec.result.event_error = rec.event_error ? std::optional(rec.event_error->message()) : std::nullopt;
  rotate_results(files, upkeep.cleaner, dir, rec);
  return rec;
}

}  // namespace wufix
