// Deleting what plan_cleanup selected, each deletion journaled before it happens.
#include "core/cleanup/cleanup.h"

#include <fmt/format.h>

#include "core/json_schema.h"
#include "core/private_folder.h"
#include "core/time_text.h"

namespace wufix {
namespace {

constexpr const char* kFolder = "cleanup";  // below %ProgramData%\wufix

struct Deletion {
  uint64_t freed = 0;
  std::optional<Error> error;
};

// Download payloads: what is inside the folder, never the folder (Windows Update expects it).
Deletion empty_folder(const System& sys, FileCleaner& cleaner, const std::string& dir) {
  Deletion d;
  auto names = sys.files->list(dir);
  if (!names) return {0, names.error()};
  for (const std::string& name : *names) {
    RemoveOutcome removed = cleaner.remove_tree(dir + "\\" + name);
    d.freed += removed.freed_bytes;
    if (removed.error && !d.error) d.error = removed.error;
  }
  return d;
}

// DoSvc starts on demand: it may have started since the plan (while the prompt waited).
Status dosvc_still_stopped(const System& sys) {
  auto s = sys.services->query("DoSvc");
  if (!s) return s.error();
  if (s->exists && s->state != ServiceState::Stopped)
    return Error{0, "left alone: DoSvc started since the plan", "Delivery Optimization may be using it"};
  return ok_status();
}

// DISM reclaims; what it freed is the store's size before minus after, measured by DISM again.
Deletion clean_component_store(const System& sys, const CleanupItem& item,
                               const CleanupProgressFn& progress) {
  auto before = analyze_component_store(sys, nullptr);
  if (!before) return {0, before.error()};
  Status cleaned = start_component_cleanup(sys, [&](double percent) {
    if (progress) progress(item, percent);
  });
  if (!cleaned) return {0, cleaned.error()};
  auto after = analyze_component_store(sys, nullptr);
  if (!after || !before->actual_bytes || !after->actual_bytes)
    return {0, std::nullopt};  // cleaned, but how much is not known: nothing claimed
  uint64_t was = *before->actual_bytes, now = *after->actual_bytes;
  return {was > now ? was - now : 0, std::nullopt};
}

Deletion delete_item(const System& sys, FileCleaner& cleaner, const CleanupItem& item,
                     const CleanupProgressFn& progress) {
  switch (item.kind) {
    case CleanupKind::Leftover: {
      RemoveOutcome removed = cleaner.remove_tree(item.path);
      return {removed.freed_bytes, removed.error};
    }
    case CleanupKind::DownloadCache:
      return empty_folder(sys, cleaner, item.path);
    case CleanupKind::DeliveryOptimization:
      if (Status idle = dosvc_still_stopped(sys); !idle) return {0, idle.error()};
      return empty_folder(sys, cleaner, item.path);
    case CleanupKind::ComponentStore:
      return clean_component_store(sys, item, progress);
  }
  return {};
}

// Gives up the undo of `run_id` in its own journal; the reason is what `undo` then says.
Status forget_undo(const System& sys, const std::vector<RunLog>& runs, const std::string& run_id,
                   const std::string& cleanup_id, const std::string& path) {
  int next_seq = 1;
  for (const RunLog& r : runs)
    if (r.run_id == run_id) next_seq = r.last_seq() + 1;
  auto journal = JournalWriter::open(*sys.files, *sys.platform, run_id, next_seq);
  if (!journal) return journal.error();
  return journal->write(
      {{"type", "undo-forgotten"},
       {"cleanup_id", cleanup_id},
       {"at", iso_utc(sys.clock->now())},
       {"reason", fmt::format("`wufix cleanup --forget-undo` ({}) deleted {}, which the undo "
                              "needs", cleanup_id, path)}});
}

}  // namespace

bool CleanupResult::failed() const {
  for (const CleanupItem& i : plan.items)
    if (i.status == "failed") return true;
  return false;
}

CleanupResult dry_run_result(CleanupPlan plan) {
  CleanupResult result;
  result.dry_run = true;
  for (CleanupItem& i : plan.items) i.status = i.selected ? "would-free" : "kept";
  result.plan = std::move(plan);
  return result;
}

CleanupResult perform_cleanup(const System& sys, FileCleaner& cleaner, CleanupPlan plan,
                              const std::vector<RunLog>& runs, std::string cleanup_id,
                              JournalWriter& journal, const CleanupProgressFn& progress) {
  CleanupResult result;
  result.cleanup_id = cleanup_id;
  std::vector<std::string> forgotten;
  // No record of the cleanup on disk, no deletion: each selected item fails with the reason.
  if (Status begun = journal.write({{"type", "cleanup"}, {"cleanup_id", cleanup_id},
                                    {"started", iso_utc(sys.clock->now())}});
      !begun) {
    for (CleanupItem& item : plan.items) {
      item.status = item.selected ? "failed" : "kept";
      if (item.selected) item.error = begun.error().message();
    }
    result.plan = std::move(plan);
    return result;
  }
  for (CleanupItem& item : plan.items) {
    if (!item.selected) {
      item.status = "kept";
      continue;
    }
    if (progress) progress(item, 0);
    auto fail = [&](const Error& e) {
      item.status = "failed";
      item.error = e.message();
    };
    if (!item.undo_run.empty() &&
        std::find(forgotten.begin(), forgotten.end(), item.undo_run) == forgotten.end()) {
      if (Status s = forget_undo(sys, runs, item.undo_run, cleanup_id, item.path); !s) {
        fail(s.error());
        continue;
      }
      forgotten.push_back(item.undo_run);
    }
    const int seq = journal.take_seq();
    Status intent = journal.write({{"type", "delete"}, {"seq", seq},
                                   {"kind", to_string(item.kind)}, {"path", item.path},
                                   {"bytes", item.bytes}});
    if (!intent) {  // nothing is deleted that the journal does not announce
      fail(intent.error());
      continue;
    }
    Deletion done = delete_item(sys, cleaner, item, progress);
    item.freed_bytes = done.freed;
    result.freed_bytes += done.freed;
    if (done.error) fail(*done.error);
    else item.status = "freed";
    // A lost outcome line leaves the intent: a reader of the record sees it was perhaps deleted.
    (void)journal.write({{"type", "deleted"}, {"seq", seq}, {"ok", !done.error},
                         {"freed_bytes", done.freed},
                         {"error", done.error ? nlohmann::json(done.error->message())
                                              : nlohmann::json()}});
    if (progress) progress(item, 100);
  }
  // Only the summary: each deletion's lines are written above.
  (void)journal.write({{"type", "end"}, {"freed_bytes", result.freed_bytes}});
  result.plan = std::move(plan);
  return result;
}

Result<JournalWriter> create_cleanup_journal(Files& files, const Platform& platform,
                                             std::string_view cleanup_id) {
  if (Status ready = ensure_private_folder(files, platform, kFolder); !ready) return ready.error();
  std::string path = data_dir(platform) + "\\" + kFolder + "\\" + std::string(cleanup_id) + ".jsonl";
  auto out = files.create_new(path);
  if (!out) return out.error();
  return JournalWriter(std::move(*out), 1);
}

nlohmann::json to_json(const CleanupResult& result) {
  nlohmann::json items = nlohmann::json::array();
  for (const CleanupItem& i : result.plan.items) {
    nlohmann::json j = {{"kind", to_string(i.kind)}, {"path", i.path}, {"bytes", i.bytes},
                        {"status", i.status},        {"freed_bytes", i.freed_bytes}};
    if (!i.reason.empty()) j["reason"] = i.reason;
    if (!i.error.empty()) j["error"] = i.error;
    if (!i.undo_run.empty()) j["undo_run"] = i.undo_run;
    items.push_back(std::move(j));
  }
  return {{"schema", kJsonSchema},
          {"dry_run", result.dry_run},
          {"cleanup_id", result.cleanup_id.empty() ? nlohmann::json() : nlohmann::json(result.cleanup_id)},
          {"items", items},
          {"would_free_bytes", result.plan.selected_bytes()},
          {"freed_bytes", result.freed_bytes},
          {"forgotten_undo", result.plan.forget_runs}};
}

}  // namespace wufix
