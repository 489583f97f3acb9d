// CBS.log (and CbsPersist_*.log) and dism.log share one line layout (formats.md (b), (c)):
//   2024-05-14 10:14:02, Error                 CBS    Failed to resolve package [HRESULT = ...]
// timestamp, level and component padded with spaces, then the message.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/logs/causes.h"

namespace wufix {

struct CbsLine {
  std::string_view stamp;      // "2024-05-14 10:14:02"
  std::string_view level;      // Info, Error, Warning, Perf
  std::string_view component;  // CBS, CSI, SR, DPX, DISM
  std::string_view message;    // CSI lines without their sequence number ("0000012a ")
};

std::optional<CbsLine> split_cbs_line(std::string_view line);

// The file a CBS/CSI message names: a quoted member name ([l:12]"kernel32.dll"), else a path
// (\\?\C:\..., C:\..., \SystemRoot\...); empty when none.
std::string file_in_message(std::string_view message);
// "x86_microsoft-windows-directwrite_31bf3856ad364e35_..._none_0a1b\DWrite.dll" in the message:
// the CSI component and its file; false when the message names no component.
bool csi_component_file(std::string_view message, std::string& component, std::string& file);
// A package identity in the message: "Package_for_KB5034441~31bf3856ad364e35~amd64~~10.0.1.3".
std::string_view package_in_message(std::string_view message);
// "KB5034441" for a message naming that package or KB; "" when none.
std::string package_kb(std::string_view text);
// A candidate cause with the fields every CBS-format line gives (CBS.log, dism.log).
Cause cause_at(const CbsLine& l, std::string_view raw, uint64_t number, const std::string& source,
               const char* kind, uint32_t code);

}  // namespace wufix
