// What wufix accepts from a run journal before it acts on it (undo, repair --resume): exactly
// the changes its repair steps make, nothing a planted or damaged journal could add. One table
// (journal_trust.cpp), one rule per action kind: a new kind of change is one more entry.
#pragma once
#include <optional>
#include <string>

#include "core/repair/action.h"
#include "core/repair/journal.h"

namespace wufix {

struct TrustContext {
  std::string windows_dir;       // C:\Windows
  std::string program_data_dir;  // C:\ProgramData (%ALLUSERSPROFILE%)
  std::string run_id;            // the journal's own run: aside names carry it
};

// nullopt when repair makes changes like `action`; else why wufix will not act on it.
std::optional<std::string> untrusted_action(const Action& action, const TrustContext& ctx);

// The first thing in the journal wufix will not act on, named: "entry 3 (rename A -> B): ...",
// or a plan step wufix does not have; nullopt when everything is a change repair makes.
std::optional<std::string> untrusted_entry(const RunLog& log, const TrustContext& ctx);

}  // namespace wufix
