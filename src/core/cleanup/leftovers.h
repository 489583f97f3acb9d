// The copies earlier resets left beside the live update folders: SoftwareDistribution.old,
// catroot2.old, *.wufix-<run-id>, *.wufix-undo-<run-id> (and the BITS queue files reset renames
// the same way). Only these names, only in the folders reset renames in: nothing else is ever a
// cleanup candidate.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/seam.h"

namespace wufix {

struct AsideName {
  enum class Tag { Old, Wufix, WufixUndo };
  std::string base;    // "softwaredistribution", "catroot2", "qmgr0.dat" (lower case)
  Tag tag = Tag::Old;
  std::string run_id;  // the run the name carries (Wufix, WufixUndo); "" for .old
};

// nullopt for any name that is not an aside copy of a folder or file reset renames.
std::optional<AsideName> parse_aside_name(std::string_view entry);

// One aside copy on disk.
struct Leftover {
  std::string path;
  AsideName name;
  std::optional<uint64_t> bytes;  // nullopt when it could not be measured (size_error says why)
  std::string size_error;
};

// Lists the three folders reset renames in (the Windows folder, System32, the BITS queue
// folder) for aside copies, each measured. A folder that cannot be listed is an Error only when
// it is the Windows folder or System32 (the BITS folder may be absent).
Result<std::vector<Leftover>> find_leftovers(const System& sys);

}  // namespace wufix
