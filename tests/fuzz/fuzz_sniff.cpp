// libFuzzer harness: a file whose name says nothing, so every line goes through format
// sniffing first (see fuzz_logs.h).
#include "fuzz_logs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return wufix::fuzz::run(data, size, "posted-by-a-user.txt");
}
