// libFuzzer harness: setupact.log / setuperr.log (see fuzz_logs.h).
#include "fuzz_logs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return wufix::fuzz::run(data, size, "setupact.log");
}
