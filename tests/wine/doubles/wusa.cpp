// wusa.exe double (installed over Wine's): `wusa FILE.msu /quiet /norestart`.
// Prints nothing (as with /quiet); the command line is recorded in C:\wufix-doubles\wusa.calls
// (one line per call, so tests can assert the exact arguments).
// Scenarios (wusa.scenario / WUFIX_WUSA_SCENARIO), the exit code:
//   ok (default) 0 | reboot 3010 | installed 0x00240006 | not-applicable 0x80240017 |
//   disabled 0x80070422 | <number> that code (0x-hex or decimal)
// A missing .msu file exits 0x80070002 whatever the scenario. `wusa /uninstall /kb:N` obeys the
// scenario too.
#include "common.h"

int wmain(int argc, wchar_t** argv) {
  dbl::Scenario sc = dbl::begin_call(L"wusa", L"ok");
  std::wstring msu;
  bool uninstall = false;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != L'/') msu = argv[i];
    uninstall = uninstall || dbl::iequals(argv[i], L"/uninstall");
  }
  if (!uninstall && (msu.empty() || !dbl::exists(msu))) return (int)0x80070002;

  const std::wstring& s = sc.name;
  if (s == L"ok") return 0;
  if (s == L"reboot") return 3010;
  if (s == L"installed") return 0x00240006;
  if (s == L"not-applicable") return (int)0x80240017;
  if (s == L"disabled") return (int)0x80070422;
  return (int)dbl::parse_code(s, 0x80004005);
}
