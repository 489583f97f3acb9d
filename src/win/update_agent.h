#pragma once
#include "core/seam.h"

namespace wufix::win {

// Update history through the Windows Update Agent COM API (IUpdateSearcher::QueryHistory).
// Safe on any thread: each call joins COM for its own duration.
class WinUpdateAgent : public UpdateAgent {
 public:
  Result<std::vector<UpdateHistoryEntry>> history() const override;
  Result<std::unique_ptr<UpdateSession>> open_session() const override;
};

}  // namespace wufix::win
