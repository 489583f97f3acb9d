#include "core/repair/journal.h"

#include <algorithm>
#include <array>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace wufix {

std::string journal_dir(const Platform& platform) {
  return platform.program_data_dir() + "\\wufix\\runs";
}

std::string journal_path(const Platform& platform, std::string_view run_id) {
  return journal_dir(platform) + "\\" + std::string(run_id) + ".jsonl";
}

Result<JournalWriter> JournalWriter::open(Files& files, const Platform& platform,
                                          std::string_view run_id, int next_seq) {
  if (auto made = files.create_directories(journal_dir(platform)); !made) return made.error();
  auto out = files.open_append(journal_path(platform, run_id));
  if (!out) return out.error();
  return JournalWriter(std::move(*out), next_seq);
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
    if (!action) return false;
    log.actions.push_back({r.value("seq", 0), *action, r.value("group", ""), false, false});
  } else if (type == "outcome") {
    int seq = r.value("seq", 0);
    auto it = std::find_if(log.actions.rbegin(), log.actions.rend(),
                           [&](const LoggedAction& a) { return a.seq == seq; });
    if (it == log.actions.rend()) return false;
    it->finished = true;
    it->ok = r.value("ok", false);
  } else if (type == "step") {
    log.steps.push_back({r.value("step", ""), r.value("status", ""), r.value("result", ""),
                         r.value("reboot_required", false)});
    log.open_step.clear();
  } else if (type == "end") {
    log.result = r.value("result", "failed");
    log.open_step.clear();
  } else if (type == "undo-begin") {
    log.undo_begun = true;
    log.undo_ok.reset();
  } else if (type == "undo-end") {
    log.undo_ok = r.value("ok", false);
  } else {
    return false;
  }
  return true;
}

}  // namespace

Result<RunLog> parse_journal(InputStream& in, std::string_view name) {
  RunLog log;
  std::string pending, line;
  std::optional<int> bad_line;  // a damaged line is forgiven only when it is the last
  int line_no = 0;
  std::array<char, 64 * 1024> buf;
  auto take_line = [&](const std::string& text) {
    ++line_no;
    if (bad_line) return;
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    try {
      if (!record.is_discarded() && apply_record(record, log)) return;
    } catch (const nlohmann::json::exception&) {
    }
    bad_line = line_no;
  };
  for (;;) {
    auto n = in.read(buf);
    if (!n) return n.error();
    if (*n == 0) break;
    pending.append(buf.data(), *n);
    size_t start = 0;
    for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      line.assign(pending, start, nl - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (bad_line) return Error{0, "damaged run journal", fmt::format("{} line {}", name, *bad_line)};
      take_line(line);
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) take_line(pending);
  if (bad_line && *bad_line != line_no) {
    return Error{0, "damaged run journal", fmt::format("{} line {}", name, *bad_line)};
  }
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

Result<std::vector<RunLog>> read_all_journals(const Files& files, const Platform& platform) {
  std::vector<RunLog> runs;
  auto there = files.is_directory(journal_dir(platform));
  if (!there) return there.error();
  if (!*there) return runs;  // no run yet
  auto names = files.list(journal_dir(platform));
  if (!names) return names.error();
  std::sort(names->begin(), names->end());
  for (const auto& name : *names) {
    if (name.size() <= 6 || !name.ends_with(".jsonl")) continue;
    auto log = read_journal(files, platform, name.substr(0, name.size() - 6));
    if (!log) return log.error();
    runs.push_back(std::move(*log));
  }
  return runs;
}

// fmt::gmtime, not the time_point formatter: fmt 9 formats time points in local time.
std::string make_run_id(std::chrono::system_clock::time_point now, uint32_t salt) {
  return fmt::format("{:%Y%m%d-%H%M%S}-{:04x}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), salt & 0xffff);
}

std::string iso_time(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(t)));
}

}  // namespace wufix
