// shutdown.exe double: records the call (shutdown.calls) and restarts nothing, so that the
// wizard's "Restart now" can be tested without ending the Wine session. Scenario: ok
// (default, exit 0) or "fail exit=N" (exit N, as when a restart is blocked).
#include "common.h"

int wmain() {
  const dbl::Scenario sc = dbl::begin_call(L"shutdown", L"ok");
  return sc.name == L"fail" ? static_cast<int>(dbl::parse_code(sc.opt(L"exit"), 1190)) : 0;
}
