#include "core/repair/journal.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/json_fields.h"
#include "core/logs/text.h"
#include "core/private_folder.h"
#include "core/repair/journal_trust.h"
#include "core/time_text.h"

namespace wufix {

std::string journal_dir(const Platform& platform) {
  return platform.program_data_dir() + "\\wufix\\runs";
}

std::string journal_path(const Platform& platform, std::string_view run_id) {
  return journal_dir(platform) + "\\" + std::string(run_id) + ".jsonl";
}

Result<JournalWriter> JournalWriter::create(Files& files, const Platform& platform,
                                            std::string_view run_id) {
  if (Status ready = ensure_private_folder(files, platform, "runs"); !ready) return ready.error();
  auto out = files.create_new(journal_path(platform, run_id));
  if (!out) return out.error();
  return JournalWriter(std::move(*out), 1);
}

namespace {

// What follows the last line end of the journal (a line a crash cut off), and the file's size.
Result<std::string> torn_tail(const Files& files, const std::string& path, uint64_t& size) {
  auto in = files.open_read(path);
  if (!in) return in.error();
  std::array<char, 64 * 1024> buf;
  std::string tail;
  size = 0;
  for (;;) {
    auto n = (*in)->read(buf);
    if (!n) return n.error();
    if (*n == 0) return tail;
    size += *n;
    std::string_view chunk(buf.data(), *n);
    size_t nl = chunk.rfind('\n');
    if (nl != std::string_view::npos) tail.clear();
    tail.append(nl == std::string_view::npos ? chunk : chunk.substr(nl + 1));
  }
}

}  // namespace

Result<JournalWriter> JournalWriter::open(Files& files, const Platform& platform,
                                          std::string_view run_id, int next_seq) {
  if (Status ready = ensure_private_folder(files, platform, "runs"); !ready) return ready.error();
  const std::string path = journal_path(platform, run_id);
  uint64_t size = 0;
  std::string tail;
  auto there = files.exists(path);
  if (!there) return there.error();
  if (*there) {
    auto read = torn_tail(files, path, size);
    if (!read) return read.error();
    tail = std::move(*read);
  }
  // A whole record that only lacks its line end keeps its bytes; a cut one is cut off.
  const bool whole = !tail.empty() && tail.front() == '{' && nlohmann::json::accept(tail);
  if (!tail.empty() && !whole)
    if (Status cut = files.cut(path, size - tail.size()); !cut) return cut.error();
  auto out = files.open_append(path);
  if (!out) return out.error();
  if (whole)
    if (Status ended = (*out)->write("\n"); !ended) return ended.error();
  JournalWriter writer(std::move(*out), next_seq);
  if (!tail.empty() && !whole)
    if (Status noted = writer.write({{"type", "healed"}, {"cut_bytes", tail.size()}}); !noted)
      return noted.error();
  return writer;
}

Status JournalWriter::write(const nlohmann::json& record) {
  if (auto w = out_->write(record.dump() + "\n"); !w) return w;
  return out_->flush();
}

namespace {

// Applies one record to the log being rebuilt; false for a record it cannot understand.
bool apply_record(const nlohmann::json& r, RunLog& log) {
  if (!r.is_object() || !r.contains("type") || !r["type"].is_string()) return false;
  const std::string type = r["type"];
  if (type == "run") {
    log.run_id = r.value("run_id", "");
    log.started = r.value("started", "");
    log.plan = r.value("plan", std::vector<std::string>{});
    log.options = r.value("options", nlohmann::json::object());
  } else if (type == "group") {
    log.open_step = r.value("group", "");
  } else if (type == "intent") {
    auto action = action_from_json(r.value("action", nlohmann::json()));
    auto seq = integer_field(r, "seq", 0);
    if (!action || !seq) return false;
    log.actions.push_back({*seq, *action, r.value("group", ""), false, false});
  } else if (type == "outcome") {
    auto seq = integer_field(r, "seq", 0);
    if (!seq) return false;
    auto it = std::find_if(log.actions.rbegin(), log.actions.rend(),
                           [&](const LoggedAction& a) { return a.seq == *seq; });
    if (it == log.actions.rend()) return false;
    it->finished = true;
    it->ok = r.value("ok", false);
  } else if (type == "step") {
    log.steps.push_back({r.value("step", ""), r.value("status", ""), r.value("result", ""),
                         r.value("reboot_required", false)});
    log.open_step.clear();
  } else if (type == "end") {
    log.result = r.value("result", "failed");
    auto proof = r.find("verification");
    if (proof != r.end() && proof->is_array()) log.verification = *proof;
    log.open_step.clear();
  } else if (type == "undo-begin") {
    log.undo_begun = true;
    log.undo_ok.reset();
  } else if (type == "undo-end") {
    log.undo_ok = r.value("ok", false);
  } else if (type == "undo-forgotten") {
    log.undo_forgotten = r.value("reason", "wufix cleanup --forget-undo deleted its folders");
  } else if (type != "healed") {
    return false;
  }
  return true;
}

}  // namespace

Result<RunLog> parse_journal(InputStream& in, std::string_view name) {
  RunLog log;
  std::optional<uint64_t> bad_line;  // a damaged line is forgiven only when it is the last
  bool bad_then_more = false;
  // The logs' line reader (one line splitter in wufix): blank lines are skipped, and a line
  // longer than any record wufix writes arrives overlong, which is damage like any other.
  auto on_line = [&](std::string_view text, uint64_t number, bool overlong) {
    if (bad_line) {
      bad_then_more = true;
      return;
    }
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    try {
      if (!overlong && !record.is_discarded() && apply_record(record, log)) return;
    } catch (const nlohmann::json::exception&) {
    }
    bad_line = number;
  };
  if (auto read = read_lines(in, on_line); !read) return read.error();
  if (bad_then_more) return Error{0, "damaged run journal", fmt::format("{} line {}", name, *bad_line)};
  log.truncated_tail = bad_line.has_value();
  if (log.run_id.empty()) return Error{0, "not a wufix run journal", std::string(name)};
  return log;
}

std::string run_result(const RunLog& r) {
  if (r.undo_begun && !r.undo_ok) return "undo-interrupted";
  if (r.undo_begun && !*r.undo_ok) return "undo-failed";
  return r.result.value_or("interrupted");
}

Result<RunLog> read_journal(const Files& files, const Platform& platform, std::string_view run_id) {
  std::string path = journal_path(platform, run_id);
  auto in = files.open_read(path);
  if (!in) return in.error();
  return parse_journal(**in, path);
}

namespace {

// Why the journal `name` in the runs folder is not wufix's own; nullopt: it is.
std::optional<std::string> foreign_journal(const Files& files, const std::string& path,
                                           const std::vector<std::string>& trusted) {
  auto security = files.security(path);
  if (!security) return security.error().message();
  if (!*security) return "it is gone";
  if ((*security)->directory) return "it is a folder";
  return untrusted_owner(**security, trusted);
}

}  // namespace

Result<Journals> read_all_journals(const Files& files, const Platform& platform) {
  Journals out;
  auto there = check_private_folder(files, platform, "runs");
  if (!there) return there.error();
  if (!*there) return out;  // no run yet
  auto trusted = trusted_sids(platform);
  if (!trusted) return trusted.error();
  auto names = files.list(journal_dir(platform));
  if (!names) return names.error();
  std::sort(names->begin(), names->end());
  for (const auto& name : *names) {
    if (!name.ends_with(".jsonl")) continue;
    const std::string run_id = name.substr(0, name.size() - 6);
    const std::string path = journal_dir(platform) + "\\" + name;
    auto skip = [&](std::string reason) { out.skipped.push_back({path, std::move(reason)}); };
    if (!valid_run_id(run_id)) {
      skip("its name is not a wufix run id (YYYYMMDD-HHMMSS-xxxx.jsonl)");
      continue;
    }
    if (auto why = foreign_journal(files, path, *trusted)) {
      skip(*why);
      continue;
    }
    auto log = read_journal(files, platform, run_id);
    if (!log) {
      skip(log.error().message());
      continue;
    }
    if (log->run_id != run_id) {
      skip(fmt::format("its run_id '{}' is not its name", log->run_id));
      continue;
    }
    log->refused = untrusted_entry(*log, {platform.windows_dir(), platform.program_data_dir(), run_id});
    out.runs.push_back(std::move(*log));
  }
  return out;
}

bool valid_run_id(std::string_view id) {
  auto digits = [&](size_t from, size_t n) {
    return std::all_of(id.begin() + from, id.begin() + from + n,
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  return id.size() == 20 && digits(0, 8) && id[8] == '-' && digits(9, 6) && id[15] == '-' &&
         std::all_of(id.begin() + 16, id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string make_run_id(std::chrono::system_clock::time_point now, uint32_t salt) {
  std::string iso = iso_utc(now);  // 2026-11-29T13:45:01Z
  return fmt::format("{}{}{}-{}{}{}-{:04x}", iso.substr(0, 4), iso.substr(5, 2), iso.substr(8, 2),
                     iso.substr(11, 2), iso.substr(14, 2), iso.substr(17, 2), salt & 0xffff);
}

}  // namespace wufix
