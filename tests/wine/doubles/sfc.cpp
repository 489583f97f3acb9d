// sfc.exe double: `sfc /scannow` and `sfc /verifyonly` with the real English text.
// Output is UTF-16LE (no BOM) when stdout is not a console, as the real sfc does.
// Scenarios (sfc.scenario / WUFIX_SFC_SCENARIO): clean (default), repaired, unrepairable,
// failed, reboot-pending, not-admin, no-service, hang (stops at 40% and sleeps).
// Option step_ms=N: delay per progress step (default 10).
// Option lang=de|ru|ja: the console text in that display language (sfc has no /English switch;
// imitates the German, Russian and Japanese Windows wording), while the [SR] lines in CBS.log
// stay English, as on a real PC.
// Exit code: 0 for clean and repaired, 1 otherwise (the real one's is not a reliable verdict).
// Appends [SR] lines to %windir%\Logs\CBS\CBS.log.
#include "common.h"

namespace {

const dbl::Out out(dbl::PipeEncoding::Utf16);

constexpr wchar_t kDetails[] =
    L"For online repairs, details are included in the CBS log file located at\r\n"
    L"windir\\Logs\\CBS\\CBS.log. For example C:\\Windows\\Logs\\CBS\\CBS.log. For offline\r\n"
    L"repairs, details are included in the log file provided by the /OFFLOGFILE flag.\r\n";

// Appends "[SR]"-style CSI lines (with their 8-hex-digit sequence number) to CBS.log.
void csi(std::initializer_list<std::string> messages) {
  static unsigned seq = GetTickCount() & 0xffff;
  std::string lines;
  for (const auto& msg : messages) {
    char num[16];
    snprintf(num, sizeof num, "%08x ", seq++);
    lines += dbl::log_line("Info", "CSI", num + msg);
  }
  dbl::append_log(L"Logs\\CBS", L"CBS.log", lines);
}

// The console sentences in the display language (index: 0 begin, 1 phase, 2 progress prefix,
// 3 progress suffix, 4 clean, 5 repaired, 6 unrepairable).
struct Lang {
  const wchar_t* code;
  const wchar_t* text[7];
};
const Lang kLangs[] = {
    {L"en", {L"Beginning system scan.  This process will take some time.",
             L"Beginning verification phase of system scan.", L"Verification ", L"% complete.",
             L"Windows Resource Protection did not find any integrity violations.",
             L"Windows Resource Protection found corrupt files and successfully repaired them.",
             L"Windows Resource Protection found corrupt files but was unable to fix some of them."}},
    {L"de", {L"Systemüberprüfung wird gestartet. Dieser Vorgang kann einige Zeit dauern.",
             L"Überprüfungsphase der Systemüberprüfung wird gestartet.", L"Überprüfung ",
             L"\u00a0% abgeschlossen.",
             L"Der Windows-Ressourcenschutz hat keine Integritätsverletzungen gefunden.",
             L"Der Windows-Ressourcenschutz hat beschädigte Dateien gefunden und erfolgreich repariert.",
             L"Der Windows-Ressourcenschutz hat beschädigte Dateien gefunden, konnte jedoch einige davon nicht reparieren."}},
    {L"ru", {L"Начато сканирование системы.  Этот процесс может занять некоторое время.",
             L"Начало стадии проверки при сканировании системы.", L"Проверка ", L"% завершена.",
             L"Защита ресурсов Windows не обнаружила нарушений целостности.",
             L"Программа защиты ресурсов Windows обнаружила поврежденные файлы и успешно их восстановила.",
             L"Программа защиты ресурсов Windows обнаружила поврежденные файлы, но не может восстановить некоторые из них."}},
    {L"ja", {L"システム スキャンを開始しています。これにはしばらく時間がかかります。",
             L"システム スキャンの検証フェーズを開始しています。", L"検証 ", L"% が完了しました。",
             L"Windows リソース保護は、整合性違反を検出しませんでした。",
             L"Windows リソース保護により、破損したファイルが見つかり、正常に修復されました。",
             L"Windows リソース保護により、破損したファイルが見つかりましたが、それらの一部は修正できませんでした。"}},
};
const Lang* g_lang = &kLangs[0];

void usage() {
  out(L"\r\nMicrosoft (R) Windows (R) Resource Checker Version 6.0\r\n"
      L"Copyright (C) Microsoft Corporation. All rights reserved.\r\n\r\n"
      L"Scans the integrity of all protected system files and replaces incorrect versions with\r\n"
      L"correct Microsoft versions.\r\n\r\n"
      L"SFC [/SCANNOW] [/VERIFYONLY] [/SCANFILE=<file>] [/VERIFYFILE=<file>]\r\n");
}

// Prints the progress lines up to `stop_at` percent (\r redraws on one line).
void progress(DWORD step_ms, int stop_at) {
  out(std::wstring(L"\r\n") + g_lang->text[1] + L"\r\n");
  for (int pct = 0; pct <= stop_at; pct += 5) {
    out(std::wstring(L"\r") + g_lang->text[2] + std::to_wstring(pct) + g_lang->text[3]);
    Sleep(step_ms);
  }
}

int scan(const dbl::Scenario& sc, bool verify_only) {
  const std::wstring& s = sc.name;
  if (s == L"not-admin") {
    out(L"\r\nYou must be an administrator running a console session in order to use the sfc utility.\r\n");
    return 1;
  }
  out(std::wstring(L"\r\n") + g_lang->text[0] + L"\r\n");
  if (s == L"reboot-pending") {
    out(L"\r\nThere is a system repair pending which requires reboot to complete.  Restart Windows and run sfc again.\r\n");
    return 1;
  }
  if (s == L"no-service") {
    out(L"\r\nWindows Resource Protection could not start the repair service.\r\n");
    return 1;
  }
  csi({"[SR] Verifying 100 components", "[SR] Beginning Verify and Repair transaction"});
  DWORD step = sc.step_ms(10);
  if (s == L"hang") {
    progress(step, 40);
    for (;;) Sleep(60000);
  }
  progress(step, s == L"failed" ? 35 : 100);
  out(L"\r\n\r\n");

  if (s == L"failed") {
    dbl::append_log(L"Logs\\CBS", L"CBS.log",
                    dbl::log_line("Info", "CBS", "Failed to initialize SR session [HRESULT = 0x80070005 - E_ACCESSDENIED]"));
    out(L"Windows Resource Protection could not perform the requested operation.\r\n");
    return 1;
  }
  if (s == L"clean") {
    csi({"[SR] Verify complete"});
    out(std::wstring(g_lang->text[4]) + L"\r\n");
    return 0;
  }
  const std::string member = "[l:12]\"kernel32.dll\" of Microsoft-Windows-Kernel32, version 10.0.22621.3593, "
                             "arch amd64, nonSxS, pkt {l:8 b:31bf3856ad364e35}";
  csi({"Hashes for file member [l:12]\"kernel32.dll\" do not match.", "[SR] Verify complete"});
  if (verify_only) {
    out(L"Windows Resource Protection found integrity violations.\r\n" + std::wstring(kDetails));
    return 1;
  }
  csi({"[SR] Repairing 1 components", "[SR] Beginning Verify and Repair transaction"});
  if (s == L"repaired") {
    csi({"[SR] Repairing corrupted file \\??\\C:\\Windows\\System32\\kernel32.dll from store", "[SR] Repair complete"});
    out(std::wstring(g_lang->text[5]) + L"\r\n" + std::wstring(kDetails));
    return 0;
  }
  csi({"[SR] Cannot repair member file " + member + " in the store, hash mismatch", "[SR] Repair complete"});
  out(std::wstring(g_lang->text[6]) + L"\r\n" + std::wstring(kDetails));
  return 1;  // "unrepairable" and any unknown scenario word
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  dbl::Scenario sc = dbl::begin_call(L"sfc", L"clean");
  for (const Lang& l : kLangs)
    if (sc.opt(L"lang") == l.code) g_lang = &l;
  if (argc < 2) {
    usage();
    return 1;
  }
  if (dbl::iequals(argv[1], L"/scannow")) return scan(sc, false);
  if (dbl::iequals(argv[1], L"/verifyonly")) return scan(sc, true);
  usage();
  return 1;
}
