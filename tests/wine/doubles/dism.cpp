// dism.exe double (installed over Wine's stub in system32).
//   DISM /Online /Cleanup-Image /CheckHealth|/ScanHealth|/RestoreHealth [/Source:X] [/LimitAccess]
//   DISM /Online /Cleanup-Image /StartComponentCleanup [/ResetBase]   (always succeeds)
//   DISM /Online /Cleanup-Image /AnalyzeComponentStore   (the real report: 7.41 GB store,
//        1.94 GB backups, cleanup recommended; after a StartComponentCleanup, which creates
//        C:\wufix-doubles\dism.cleaned, 5.47 GB and no cleanup recommended)
//   DISM /Online /Add-Package /PackagePath:P [/NoRestart] [/Quiet]
// Scenarios (dism.scenario / WUFIX_DISM_SCENARIO):
//   healthy (default)  no corruption; RestoreHealth succeeds
//   repairable         Check/ScanHealth: "The component store is repairable."; RestoreHealth repairs
//   source-missing     like repairable, but RestoreHealth fails 0x800f081f unless /Source: is given
//   failed             Cleanup-Image operations fail with code=0x... (default 0x800f0906)
//   not-admin          every command fails with Error: 740
//   hang               the operation stops at 30% and sleeps
// Options: step_ms=N (delay per progress step, default 10);
//   add=0|3010|not-applicable|<code> result of /Add-Package (default 0).
// A successful RestoreHealth creates C:\wufix-doubles\dism.repaired; while it exists
// Check/ScanHealth report a healthy store. Exit code = the error (HRESULT as unsigned), 0 or 3010.
// Writes %windir%\Logs\DISM\dism.log (and a few CBS.log lines) in the real layout.
#include "common.h"

namespace {

const dbl::Out out(dbl::PipeEncoding::Ansi);
bool quiet = false;

void say(std::wstring_view text) {
  if (!quiet) out(text);
}

std::string dism_prefix() {
  char buf[64];
  snprintf(buf, sizeof buf, "PID=%lu TID=%lu ", GetCurrentProcessId(), GetCurrentThreadId());
  return buf;
}

void dism_log(const char* level, const std::string& msg) {
  dbl::append_log(L"Logs\\DISM", L"dism.log", dbl::log_line(level, "DISM", msg));
}

void cbs_log(const char* level, const std::string& msg) {
  dbl::append_log(L"Logs\\CBS", L"CBS.log", dbl::log_line(level, "CBS", msg));
}

// "[===                        5.9%                           ]": 58 columns, text centred.
std::wstring bar(double pct) {
  std::wstring cells(58, L' ');
  size_t filled = (size_t)(pct / 100.0 * 58.0 + 0.5);
  for (size_t i = 0; i < filled && i < cells.size(); ++i) cells[i] = L'=';
  wchar_t text[16];
  swprintf(text, 16, L"%.1f%%", pct);
  std::wstring t = text;
  cells.replace((58 - t.size()) / 2, t.size(), t);
  return L"[" + cells + L"]";
}

// Draws the bar from 0 to `stop_at` percent, redrawn with \r.
void progress(DWORD step_ms, double stop_at) {
  for (double pct : {0.0, 5.9, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 84.9, 90.0, 100.0}) {
    if (pct > stop_at) break;
    say(L"\r" + bar(pct));
    Sleep(step_ms);
  }
}

std::wstring message_for(DWORD code) {
  switch (code) {
    case 0x800f081f:
      return L"The source files could not be found.\r\nUse the \"Source\" option to specify the location of the "
             L"files that are required to restore the feature. For more information on specifying a source "
             L"location, see https://go.microsoft.com/fwlink/?LinkId=243077.";
    case 0x800f0906:
      return L"The source files could not be downloaded.\r\nUse the \"source\" option to specify the location of "
             L"the files that are required to restore the feature. For more information on specifying a source "
             L"location, see https://go.microsoft.com/fwlink/?LinkId=243077.";
    case 0x800f081e: return L"The specified package is not applicable to this image.";
    case 2: return L"The system cannot find the file specified.";
    case 740: return L"Elevated permissions are required to run DISM.\r\nUse an elevated command prompt to complete these tasks.";
    default: return L"An error occurred while processing the command.";
  }
}

// The failure block; returns the exit code (the error itself).
DWORD fail(DWORD code, const char* what, const char* where) {
  std::wstring shown = code < 0x10000 ? std::to_wstring(code) : dbl::from_utf8(dbl::hex32(code));
  out(L"\r\n\r\nError: " + shown + L"\r\n\r\n" + message_for(code) +
      L"\r\n\r\nThe DISM log file can be found at C:\\WINDOWS\\Logs\\DISM\\dism.log\r\n");
  dism_log("Error", "DISM Package Manager: " + dism_prefix() + what + " - " + where + "(hr:" + dbl::hex32(code) + ")");
  return code;
}

struct Args {
  bool online = false, cleanup = false, add = false, source = false, limit_access = false, no_restart = false;
  std::wstring op, package;
  std::wstring bad;  // first unknown option
};

Args parse(int argc, wchar_t** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::wstring s = argv[i], rest;
    if (dbl::iequals(s, L"/online")) a.online = true;
    else if (dbl::iequals(s, L"/cleanup-image")) a.cleanup = true;
    else if (dbl::iequals(s, L"/add-package")) a.add = true;
    else if (dbl::istarts(s, L"/packagepath:", &rest)) a.package = rest;
    else if (dbl::istarts(s, L"/source:", &rest)) a.source = !rest.empty();
    else if (dbl::iequals(s, L"/limitaccess")) a.limit_access = true;
    else if (dbl::iequals(s, L"/norestart")) a.no_restart = true;
    else if (dbl::iequals(s, L"/quiet")) quiet = true;
    else if (dbl::iequals(s, L"/english") || dbl::iequals(s, L"/resetbase")) continue;
    else if (s.size() > 1 && s[0] == L'/' && a.op.empty() &&
             (dbl::iequals(s, L"/checkhealth") || dbl::iequals(s, L"/scanhealth") ||
              dbl::iequals(s, L"/restorehealth") || dbl::iequals(s, L"/startcomponentcleanup") ||
              dbl::iequals(s, L"/analyzecomponentstore")))
      a.op = dbl::lower(s.substr(1));
    else if (a.bad.empty()) a.bad = s;
  }
  return a;
}

DWORD cleanup_image(const Args& a, const dbl::Scenario& sc) {
  const std::wstring& s = sc.name;
  const std::wstring marker = dbl::state_dir() + L"\\dism.repaired";
  bool corrupt = (s == L"repairable" || s == L"source-missing") && !dbl::exists(marker);
  DWORD step = sc.step_ms(10);
  const char* where = "CPackageManagerCLIHandler::ProcessCmdLine_CleanupImage";

  if (s == L"hang") {
    progress(step, 30.0);
    for (;;) Sleep(60000);
  }
  if (s == L"failed") {
    progress(step, 40.0);
    return fail(dbl::parse_code(sc.opt(L"code"), 0x800f0906), "Failed to restore the image health.", where);
  }
  if (a.op == L"checkhealth" || a.op == L"scanhealth") {
    if (a.op == L"scanhealth") {
      progress(step, 100.0);
      say(L" ");
    }
    if (corrupt) {
      cbs_log("Info", "Checking System Update Readiness.");
      cbs_log("Info", "(p)\tCSI Payload Corrupt\t\tamd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.3593_none_0123456789abcdef\\kernel32.dll");
      cbs_log("Info", "Summary:");
      cbs_log("Info", "Total Detected Corruption:\t1");
    }
    say(corrupt ? L"The component store is repairable.\r\n" : L"No component store corruption detected.\r\n");
  } else if (a.op == L"restorehealth") {
    if (corrupt && s == L"source-missing" && !a.source) {
      progress(step, 84.9);
      cbs_log("Info", "Exec: Processing complete, session(Corruption Repairing): 31111111_333 "
                      "[HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]");
      return fail(0x800f081f, "Failed to restore the image health.", where);
    }
    progress(step, 100.0);
    if (corrupt) {
      dbl::append_file(marker, "repaired\r\n");
      cbs_log("Info", "Total Repaired Corruption:\t1");
    }
    say(L" The restore operation completed successfully.\r\n");
  } else if (a.op == L"analyzecomponentstore") {
    progress(step, 100.0);
    bool cleaned = dbl::exists(dbl::state_dir() + L"\\dism.cleaned");
    say(L"\r\n\r\nComponent Store (WinSxS) information:\r\n\r\n");
    say(std::wstring(L"Windows Explorer Reported Size of Component Store : ") +
        (cleaned ? L"5.68 GB" : L"7.62 GB") + L"\r\n\r\n");
    say(std::wstring(L"Actual Size of Component Store : ") + (cleaned ? L"5.47 GB" : L"7.41 GB") +
        L"\r\n\r\n    Shared with Windows : 5.46 GB\r\n");
    say(std::wstring(L"    Backups and Disabled Features : ") + (cleaned ? L"0 bytes" : L"1.94 GB") +
        L"\r\n    Cache and Temporary Data :  0 bytes\r\n\r\n");
    say(L"Date of Last Cleanup : 2024-05-10 10:33:35\r\n\r\n");
    say(std::wstring(L"Number of Reclaimable Packages : ") + (cleaned ? L"0" : L"2") + L"\r\n");
    say(std::wstring(L"Component Store Cleanup Recommended : ") + (cleaned ? L"No" : L"Yes") +
        L"\r\n\r\n");
  } else {  // StartComponentCleanup
    progress(step, 100.0);
    dbl::append_file(dbl::state_dir() + L"\\dism.cleaned", "cleaned\r\n");
    say(L"\r\n");
  }
  say(L"The operation completed successfully.\r\n");
  return 0;
}

DWORD add_package(const Args& a, const dbl::Scenario& sc) {
  const char* where = "CPackageManagerCLIHandler::ExecuteCmdLine";
  if (a.package.empty()) return fail(87, "No package path given.", where);
  if (!dbl::exists(a.package)) {
    out(L"An error occurred trying to open - " + a.package + L" Error: 0x80070002");
    return fail(2, "Failed to open the package.", where);
  }
  std::wstring kb = L"RollupFix";
  std::wstring low = dbl::lower(a.package);
  size_t at = low.find(L"kb");
  if (at != std::wstring::npos) {
    size_t end = at + 2;
    while (end < low.size() && iswdigit(low[end])) ++end;
    if (end > at + 2) kb = L"KB" + low.substr(at + 2, end - at - 2);
  }
  say(L"\r\nProcessing 1 of 1 - Adding package Package_for_" + kb + L"~31bf3856ad364e35~amd64~~10.0.1.3\r\n");
  std::wstring result = sc.opt(L"add", L"0");
  DWORD code = dbl::iequals(result, L"not-applicable") ? 0x800f081e : dbl::parse_code(result, 0);
  if (code != 0 && code != 3010) {
    progress(sc.step_ms(10), 10.0);
    return fail(code, "Failed to add the package.", where);
  }
  progress(sc.step_ms(10), 100.0);
  say(L"\r\n");
  if (code == 3010) say(L"Restart Windows to complete this operation.\r\n");
  say(L"The operation completed successfully.\r\n");
  return code;
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  dbl::Scenario sc = dbl::begin_call(L"dism", L"healthy");
  Args a = parse(argc, argv);
  dism_log("Info", "DISM.EXE: <----- Starting Dism.exe session ----->");
  dism_log("Info", "DISM.EXE: Executing command line: " + dbl::to_utf8(GetCommandLineW()));

  say(L"\r\nDeployment Image Servicing and Management tool\r\nVersion: 10.0.22621.2792\r\n\r\n");
  DWORD code = 0;
  if (sc.name == L"not-admin") {
    code = fail(740, "Elevation required.", "wmain");
  } else if (!a.bad.empty() || !a.online || (!a.add && !(a.cleanup && !a.op.empty()))) {
    out(L"\r\nError: 87\r\n\r\nThe " + (a.bad.empty() ? std::wstring(L"command line") : a.bad) +
        L" option is unknown.\r\nFor more information, refer to the help by running DISM.exe /?.\r\n");
    dism_log("Error", "DISM.EXE: " + dism_prefix() + "Failed to parse the command line (hr:0x80070057)");
    code = 87;
  } else {
    say(L"Image Version: 10.0.22621.3593\r\n\r\n");
    code = a.add ? add_package(a, sc) : cleanup_image(a, sc);
  }
  dism_log("Info", "DISM.EXE: Image session has been closed. Reboot required=" + std::string(code == 3010 ? "yes" : "no") + ".");
  dism_log("Info", "DISM.EXE: <----- Ending Dism.exe session ----->");
  return (int)code;
}
