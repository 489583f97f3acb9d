// sfc's verdict from CBS.log: sfc prints its verdict in the PC's display language (no /English
// switch), but the `[SR]` lines it writes to CBS.log are always English. The lines written
// during this run (after the size CBS.log had before sfc started) decide.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/repair/tool_output.h"
#include "core/seam.h"

namespace wufix {

// Reads [SR] lines one at a time; verdict() is Unknown until a scan's end is seen.
class SrVerdict {
 public:
  void line(std::string_view text);
  SfcVerdict verdict() const;
  const std::string& evidence() const { return evidence_; }  // the deciding [SR] line

 private:
  bool verified_ = false, repaired_ = false, unrepairable_ = false;
  std::string evidence_;
};

// The verdict of the [SR] lines after byte `from` of CBS.log (from 0 when the file is now
// smaller: Windows started a new CBS.log meanwhile). Unknown when there are none.
Result<SrVerdict> sfc_verdict_from_cbs(const Files& files, const std::string& cbs_log,
                                       uint64_t from);

}  // namespace wufix
