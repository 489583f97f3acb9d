// The run journal: %ProgramData%\wufix\runs\<run-id>.jsonl, one JSON record a line, each
// flushed to disk before the change it announces. Read back, it tells what a run planned, which
// changes it made (and which it may have been making when it died), and whether it was undone.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/repair/action.h"
#include "core/seam.h"

namespace wufix {

std::string journal_dir(const Platform& platform);  // ...\ProgramData\wufix\runs
std::string journal_path(const Platform& platform, std::string_view run_id);

class JournalWriter {
 public:
  // A new run: makes the runs folder private if needed, creates <run-id>.jsonl (never an
  // existing file).
  static Result<JournalWriter> create(Files& files, const Platform& platform,
                                      std::string_view run_id);
  // An existing run (undo, resume): a line torn by a crash is cut off first (it announced a
  // change that never began, or an outcome left unknown) and a "healed" record says so; a whole
  // record that lacks only its line end gets one. Then appends; next_seq continues the run's
  // numbering.
  static Result<JournalWriter> open(Files& files, const Platform& platform,
                                    std::string_view run_id, int next_seq = 1);
  JournalWriter(std::unique_ptr<OutputStream> out, int next_seq)
      : out_(std::move(out)), next_seq_(next_seq) {}

  Status write(const nlohmann::json& record);  // one line, then flushed
  int take_seq() { return next_seq_++; }

 private:
  std::unique_ptr<OutputStream> out_;
  int next_seq_;
};

// One change as the journal tells it.
struct LoggedAction {
  int seq = 0;
  Action action;
  std::string group;      // step id, "rollback:<step>" or "undo"
  bool finished = false;  // an outcome was written (false: the run died during this change)
  bool ok = false;        // the outcome said it succeeded
};

struct LoggedStep {
  std::string id;
  std::string status;  // done | failed | rolled-back | skipped
  std::string result;
  bool reboot_required = false;
};

struct RunLog {
  std::string run_id;
  std::string started;              // ISO 8601 UTC
  std::vector<std::string> plan;    // step ids in run order
  nlohmann::json options;           // what resume needs to run the same way
  std::vector<LoggedAction> actions;
  std::vector<LoggedStep> steps;    // finished steps
  std::string open_step;            // begun, not finished ("" when none)
  std::optional<std::string> result;  // the "end" record: done | failed | reboot-required
  nlohmann::json verification = nlohmann::json::array();  // the "end" record's proof
  bool undo_begun = false;
  std::optional<bool> undo_ok;      // the "undo-end" record
  // The "undo-forgotten" record: `wufix cleanup --forget-undo` deleted what the undo needs;
  // its reason names the cleanup and the folder. Such a run can no longer be undone.
  std::optional<std::string> undo_forgotten;
  bool truncated_tail = false;      // the last line was cut off (power loss)
  // Why wufix will not act on this journal (journal_trust): nullopt when it will.
  std::optional<std::string> refused;

  bool interrupted() const { return !result.has_value() || (undo_begun && !undo_ok); }
  bool undone() const { return undo_ok.value_or(false); }
  int last_seq() const { return actions.empty() ? 0 : actions.back().seq; }
};

// done | failed | reboot-required | interrupted | undo-interrupted | undo-failed
std::string run_result(const RunLog& log);

// Parses a journal; a damaged line other than the last is an Error naming the line.
Result<RunLog> parse_journal(InputStream& in, std::string_view name);
Result<RunLog> read_journal(const Files& files, const Platform& platform, std::string_view run_id);
// A journal left out: not wufix's own (name, owner) or unreadable.
struct SkippedJournal {
  std::string file;
  std::string reason;
};

struct Journals {
  std::vector<RunLog> runs;  // oldest first (run ids sort by time); `refused` set where untrusted
  std::vector<SkippedJournal> skipped;
};

// Every run whose journal is wufix's own: named <run-id>.jsonl with the run_id inside, owned by
// Administrators, SYSTEM or the elevated user running wufix, and parsed. The others are skipped
// and reported, never blocking the rest. An Error only when the runs folder itself is not
// trustworthy (a link, another owner) or cannot be listed.
Result<Journals> read_all_journals(const Files& files, const Platform& platform);

// "20261129-134501-3f2a": UTC time of the start and four hex digits against collisions.
bool valid_run_id(std::string_view id);
std::string make_run_id(std::chrono::system_clock::time_point now, uint32_t salt);

}  // namespace wufix
