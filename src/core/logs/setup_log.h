// Feature-update (upgrade) logs: setupact.log and setuperr.log in $WINDOWS.~BT\Sources\Panther,
// \Windows\Panther and the Rollback folders. The CBS line layout with setup's components
// (MOUPG, SP, MIG, CONX, ...) and sometimes a message id after the level:
//   2018-05-04 12:32:18, Error      [0x08038d] MIG    Failure while calling IPostApply...
//   2021-12-08 04:23:00, Error                 MOUPG  CDlpActionFinalize::...(1192): Result = 0xC1900101
#pragma once
#include <cstdint>
#include <string_view>

namespace wufix {

// The failure classes SetupDiag reports most, by result code: "driver-rollback" (0xC1900101),
// "incompatible-app" (0xC1900208/9), "minimum-requirements" (0xC1900200/1/2), "disk-space"
// (0x80070070, 0xC190020C/E, 0xC19001DF), "migration-failed" (0x8007042B), "cleanup-pending"
// (0xC1900107), "reserved-partition" (0x800F0922); "setup-error" for any other code.
const char* setup_failure_class(uint32_t code);
// Codes setup logs print on the way to success (a cancelled download step, a user interrupt).
bool is_benign_setup_code(uint32_t code);
// A component that only setup writes.
bool is_setup_component(std::string_view component);

}  // namespace wufix
