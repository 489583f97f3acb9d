// libFuzzer harness: a run journal as an elevated `undo` or `repair --resume` reads it, in reads
// of fuzzer-chosen sizes (fuzz_logs.h's SplitStream). A journal is attacker-controlled input (a
// standard user may plant one): parsing, the result word, the trust check and the JSON wufix
// prints of it must never crash, hang or emit invalid UTF-8, whatever the bytes.
#include "fuzz_logs.h"

#include "core/repair/journal.h"
#include "core/repair/journal_trust.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wufix::fuzz::SplitStream in(data, size);
  auto log = wufix::parse_journal(in, "20261129-134501-3f2a.jsonl");
  if (!log) return 0;
  if (wufix::run_result(*log).empty()) __builtin_trap();
  auto refused = wufix::untrusted_entry(*log, {"C:\\Windows", "C:\\ProgramData", log->run_id});
  nlohmann::json j = {{"run_id", log->run_id}, {"plan", log->plan}, {"options", log->options},
                      {"verification", log->verification}, {"refused", refused.value_or("")}};
  if (j.dump().empty()) __builtin_trap();
  return 0;
}
