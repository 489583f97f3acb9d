#include "win/processes.h"

#include <windows.h>

#include "core/command_line.h"
#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

struct Pipe {
  UniqueFile read;
  UniqueFile write;  // inheritable: the child's stdout and stderr
};

Result<Pipe> make_output_pipe() {
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  HANDLE read = nullptr, write = nullptr;
  if (!CreatePipe(&read, &write, &inherit, 0)) return last_error("CreatePipe failed");
  Pipe pipe{UniqueFile(read), UniqueFile(write)};
  if (!SetHandleInformation(pipe.read.get(), HANDLE_FLAG_INHERIT, 0)) {
    return last_error("SetHandleInformation failed");
  }
  return pipe;
}

Result<UniqueFile> open_null_input() {
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  UniqueFile nul(CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                             OPEN_EXISTING, 0, nullptr));
  if (!nul) return last_error("CreateFileW failed", "NUL");
  return nul;
}

// Reads until the child (and anything it started that kept the pipe) closes its end.
void pump_output(HANDLE read, const std::function<void(std::string_view)>& on_output) {
  char buf[4096];
  DWORD got = 0;
  while (ReadFile(read, buf, sizeof buf, &got, nullptr) && got > 0) {
    if (on_output) on_output(std::string_view(buf, got));
  }
}

}  // namespace

Result<ProcessResult> WinProcesses::run(const ProcessSpec& spec) {
  if (spec.program.find('"') != std::string::npos) {
    return win32_error(ERROR_INVALID_NAME, "a program path cannot contain a double quote",
                       spec.program);
  }
  auto pipe = make_output_pipe();
  if (!pipe) return pipe.error();
  auto nul = open_null_input();
  if (!nul) return nul.error();

  // Only these two handles are inherited, whatever else this process has open.
  HANDLE inherited[] = {nul->get(), pipe->write.get()};
  SIZE_T size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
  std::vector<char> storage(size);
  auto* attributes = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(storage.data());
  if (!InitializeProcThreadAttributeList(attributes, 1, 0, &size) ||
      !UpdateProcThreadAttribute(attributes, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited,
                                 sizeof inherited, nullptr, nullptr)) {
    return last_error("UpdateProcThreadAttribute failed", spec.program);
  }
  STARTUPINFOEXW startup{};
  startup.StartupInfo.cb = sizeof startup;
  startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  startup.StartupInfo.hStdInput = nul->get();
  startup.StartupInfo.hStdOutput = pipe->write.get();
  startup.StartupInfo.hStdError = pipe->write.get();
  startup.lpAttributeList = attributes;

  std::wstring program = widen(spec.program);
  std::wstring command_line = widen(quote_command_line(spec.program, spec.args));
  PROCESS_INFORMATION info{};
  BOOL started = CreateProcessW(program.c_str(), command_line.data(), nullptr, nullptr, TRUE,
                                CREATE_NO_WINDOW | EXTENDED_STARTUPINFO_PRESENT, nullptr,
                                nullptr, &startup.StartupInfo, &info);
  DWORD start_error = GetLastError();
  DeleteProcThreadAttributeList(attributes);
  if (!started) return win32_error(start_error, "CreateProcessW failed", spec.program);
  UniqueHandle process(info.hProcess);
  UniqueHandle thread(info.hThread);
  pipe->write.reset();  // ours closed: the read ends when the child's copies close

  pump_output(pipe->read.get(), spec.on_output);
  if (WaitForSingleObject(process.get(), INFINITE) != WAIT_OBJECT_0) {
    return last_error("WaitForSingleObject failed", spec.program);
  }
  DWORD exit_code = 0;
  if (!GetExitCodeProcess(process.get(), &exit_code)) {
    return last_error("GetExitCodeProcess failed", spec.program);
  }
  return ProcessResult{exit_code};
}

}  // namespace wufix::win
