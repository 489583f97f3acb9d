// w32tm.exe double (Wine has none): /resync [/force] [/nowait], /query /status [/verbose],
// /config ... /update, /register, /unregister.
// Scenarios (w32tm.scenario / WUFIX_W32TM_SCENARIO):
//   ok (default)   resync succeeds; status shows a synchronized NTP source
//   no-data        resync: "did not resync because no time data was available." (exit 1, value
//                  not verified against Windows); status shows Local CMOS Clock, unsynchronized
//   not-started    every command: "The service has not been started. (0x80070426)", exit 0x80070426
// Output is ANSI text to a pipe (not verified against Windows).
#include "common.h"

namespace {

const dbl::Out out(dbl::PipeEncoding::Ansi);

bool has(int argc, wchar_t** argv, const wchar_t* opt) {
  for (int i = 1; i < argc; ++i)
    if (dbl::iequals(argv[i], opt)) return true;
  return false;
}

int status(bool synced, bool verbose) {
  if (synced) {
    out(L"Leap Indicator: 0(no warning)\r\n"
        L"Stratum: 4 (secondary reference - syncd by (S)NTP)\r\n"
        L"Precision: -23 (119.209ns per tick)\r\n"
        L"Root Delay: 0.0468750s\r\n"
        L"Root Dispersion: 7.8341000s\r\n"
        L"ReferenceId: 0x14659A8A (source IP:  20.101.57.9)\r\n"
        L"Last Successful Sync Time: 5/14/2024 10:12:33 AM\r\n"
        L"Source: time.windows.com,0x9\r\n"
        L"Poll Interval: 10 (1024s)\r\n");
    if (verbose) out(L"Phase Offset: 0.0012345s\r\nLast Sync Error: 0 (The command completed successfully.)\r\n");
  } else {
    out(L"Leap Indicator: 3(not synchronized)\r\n"
        L"Stratum: 0 (unspecified)\r\n"
        L"Precision: -23 (119.209ns per tick)\r\n"
        L"Root Delay: 0.0000000s\r\n"
        L"Root Dispersion: 0.0000000s\r\n"
        L"ReferenceId: 0x00000000 (unspecified)\r\n"
        L"Last Successful Sync Time: unspecified\r\n"
        L"Source: Local CMOS Clock\r\n"
        L"Poll Interval: 10 (1024s)\r\n");
    if (verbose) out(L"Phase Offset: 0.0000000s\r\nLast Sync Error: 0x800705B4 (This operation returned because the timeout period expired.)\r\n");
  }
  return 0;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  dbl::Scenario sc = dbl::begin_call(L"w32tm", L"ok");
  const bool resync = has(argc, argv, L"/resync");
  if (resync) out(L"Sending resync command to local computer\r\n");

  if (sc.name == L"not-started") {
    out(L"The following error occurred: The service has not been started. (0x80070426)\r\n");
    return (int)0x80070426;
  }
  if (resync) {
    if (sc.name == L"no-data") {
      out(L"The computer did not resync because no time data was available.\r\n");
      return 1;
    }
    out(L"The command completed successfully.\r\n");
    return 0;
  }
  if (has(argc, argv, L"/query") && has(argc, argv, L"/status"))
    return status(sc.name != L"no-data", has(argc, argv, L"/verbose"));
  if (has(argc, argv, L"/config") || has(argc, argv, L"/register") || has(argc, argv, L"/unregister")) {
    out(L"The command completed successfully.\r\n");
    return 0;
  }
  out(L"The following error occurred: The parameter is incorrect. (0x80070057)\r\n");
  return (int)0x80070057;
}
