// exitcode.exe CODEFILE TIMEOUT_S PROGRAM [ARGS...]
// Runs PROGRAM with this process's stdin/stdout/stderr, waits at most TIMEOUT_S seconds, and
// writes the child's full 32-bit exit code to CODEFILE as unsigned decimal ("3010",
// "2148468767"), or "timeout" (the child and its descendants are then killed through a job
// object), or "error <win32 code>" when PROGRAM cannot be started.
// Exists because a Linux shell sees a Wine program's exit code modulo 256.
// Before it starts PROGRAM it writes "started" to CODEFILE: a CODEFILE that does not exist
// afterwards proves that Wine never ran exitcode.exe (and so PROGRAM), which the harness may
// retry; one that still says "started" is a run that began and did not finish, never retried.
// Exit code of exitcode.exe itself: 0 when CODEFILE was written, 2 on usage/IO errors.
#include <windows.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Handle {  // RAII owner of a kernel handle
  HANDLE h = nullptr;
  Handle() = default;
  explicit Handle(HANDLE v) : h(v) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (h && h != INVALID_HANDLE_VALUE) CloseHandle(h);
  }
};

// Quotes one argument so CommandLineToArgvW / the CRT parse it back unchanged.
std::wstring quote(const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) return arg;
  std::wstring q = L"\"";
  for (size_t i = 0;; ++i) {
    size_t slashes = 0;
    while (i < arg.size() && arg[i] == L'\\') ++i, ++slashes;
    if (i == arg.size()) {
      q.append(slashes * 2, L'\\');
      break;
    }
    if (arg[i] == L'"') q.append(slashes * 2 + 1, L'\\');
    else q.append(slashes, L'\\');
    q.push_back(arg[i]);
  }
  return q + L"\"";
}

bool write_result(const wchar_t* path, const std::string& text) {
  Handle f(CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, nullptr, CREATE_ALWAYS, 0, nullptr));
  if (f.h == INVALID_HANDLE_VALUE) return false;
  DWORD put = 0;
  return WriteFile(f.h, text.data(), (DWORD)text.size(), &put, nullptr) && put == text.size();
}

void make_inheritable(DWORD which) {
  HANDLE h = GetStdHandle(which);
  if (h && h != INVALID_HANDLE_VALUE) SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  if (argc < 4) {
    fwprintf(stderr, L"usage: exitcode CODEFILE TIMEOUT_S PROGRAM [ARGS...]\n");
    return 2;
  }
  const wchar_t* code_file = argv[1];
  DWORD timeout_ms = (DWORD)wcstoul(argv[2], nullptr, 10) * 1000;
  std::wstring cmdline;
  for (int i = 3; i < argc; ++i) cmdline += (i > 3 ? L" " : L"") + quote(argv[i]);

  for (DWORD which : {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE}) make_inheritable(which);
  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  si.hStdError = GetStdHandle(STD_ERROR_HANDLE);

  Handle job(CreateJobObjectW(nullptr, nullptr));
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  SetInformationJobObject(job.h, JobObjectExtendedLimitInformation, &limits, sizeof limits);

  if (!write_result(code_file, "started\n")) return 2;
  PROCESS_INFORMATION pi{};
  if (!CreateProcessW(nullptr, cmdline.data(), nullptr, nullptr, TRUE, CREATE_SUSPENDED, nullptr, nullptr, &si, &pi)) {
    DWORD err = GetLastError();
    fwprintf(stderr, L"exitcode: cannot start %ls: error %lu\n", cmdline.c_str(), err);
    return write_result(code_file, "error " + std::to_string(err) + "\n") ? 0 : 2;
  }
  Handle process(pi.hProcess), thread(pi.hThread);
  AssignProcessToJobObject(job.h, process.h);
  ResumeThread(thread.h);

  std::string result;
  if (WaitForSingleObject(process.h, timeout_ms) == WAIT_TIMEOUT) {
    TerminateJobObject(job.h, 1);
    TerminateProcess(process.h, 1);
    result = "timeout\n";
  } else {
    DWORD code = 0;
    GetExitCodeProcess(process.h, &code);
    result = std::to_string(code) + "\n";
  }
  return write_result(code_file, result) ? 0 : 2;
}
