// libFuzzer harness: the tolerant reader alone, as for a paste with no known layout (see
// fuzz_logs.h); the sniff harness covers strict layouts whose odd lines reach it.
#include "fuzz_logs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return wufix::fuzz::run(data, size, "paste.txt");
}
