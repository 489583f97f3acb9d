#include "win/platform.h"

#include <windows.h>
#include <sddl.h>
#include <shlobj.h>

#include <vector>

#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

// FOLDERID_ProgramData, spelled out: mingw-w64 has it only in libuuid, which we do not link.
constexpr GUID kFolderProgramData = {
    0x62ab5d82, 0xfdc1, 0x4dc3, {0xa9, 0xdd, 0x07, 0x0d, 0x1d, 0x49, 0x5d, 0x97}};

Arch arch_of_machine(USHORT machine) {
  switch (machine) {
    case IMAGE_FILE_MACHINE_AMD64: return Arch::X64;
    case IMAGE_FILE_MACHINE_ARM64: return Arch::Arm64;
    case IMAGE_FILE_MACHINE_I386: return Arch::X86;
    default: return Arch::Unknown;
  }
}

Arch arch_of_processor(WORD architecture) {
  switch (architecture) {
    case PROCESSOR_ARCHITECTURE_AMD64: return Arch::X64;
    case PROCESSOR_ARCHITECTURE_ARM64: return Arch::Arm64;
    case PROCESSOR_ARCHITECTURE_INTEL: return Arch::X86;
    default: return Arch::Unknown;
  }
}

}  // namespace

Result<bool> WinPlatform::is_elevated() const {
  HANDLE raw = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw)) {
    return last_error("OpenProcessToken failed", "current process token");
  }
  UniqueHandle token(raw);
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  if (!GetTokenInformation(token.get(), TokenElevation, &elevation, sizeof elevation, &size)) {
    return last_error("GetTokenInformation(TokenElevation) failed", "current process token");
  }
  return elevation.TokenIsElevated != 0;
}

Arch WinPlatform::native_arch() const {
  // An x64 process emulated on ARM64 Windows is told "AMD64" by GetNativeSystemInfo;
  // IsWow64Process2 (Windows 10 1511+, looked up so older systems still start) tells the truth.
  using IsWow64Process2Fn = BOOL(WINAPI*)(HANDLE, USHORT*, USHORT*);
  HMODULE kernel = GetModuleHandleW(L"kernel32.dll");
  FARPROC proc = kernel ? GetProcAddress(kernel, "IsWow64Process2") : nullptr;
  if (proc != nullptr) {
    // Through void(*)(): the one cast between function pointer types GCC accepts silently.
    auto is_wow64_process2 =
        reinterpret_cast<IsWow64Process2Fn>(reinterpret_cast<void (*)()>(proc));
    USHORT process = 0, native = 0;
    if (is_wow64_process2(GetCurrentProcess(), &process, &native)) {
      Arch arch = arch_of_machine(native);
      if (arch != Arch::Unknown) return arch;
    }
  }
  SYSTEM_INFO info{};
  GetNativeSystemInfo(&info);
  return arch_of_processor(info.wProcessorArchitecture);
}

std::string WinPlatform::windows_dir() const {
  // GetSystemWindowsDirectoryW, not GetWindowsDirectoryW: on a Terminal Server the latter
  // gives a per-user private folder to executables not linked as TS-aware (MinGW's default).
  wchar_t buf[MAX_PATH + 1];
  UINT n = GetSystemWindowsDirectoryW(buf, MAX_PATH + 1);
  if (n == 0 || n > MAX_PATH) return "C:\\Windows";  // cannot happen on a working system
  return narrow(std::wstring_view(buf, n));
}

std::string WinPlatform::program_data_dir() const {
  wchar_t* path = nullptr;
  HRESULT hr = SHGetKnownFolderPath(kFolderProgramData, KF_FLAG_DEFAULT, nullptr, &path);
  std::string out = SUCCEEDED(hr) && path ? narrow(path) : "C:\\ProgramData";  // as above
  CoTaskMemFree(path);  // owed even on failure; null is fine
  return out;
}

Result<std::string> WinPlatform::user_sid() const {
  HANDLE raw = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw)) {
    return last_error("OpenProcessToken failed", "current process token");
  }
  UniqueHandle token(raw);
  DWORD size = 0;
  GetTokenInformation(token.get(), TokenUser, nullptr, 0, &size);
  std::vector<BYTE> buf(size ? size : 1);
  if (!GetTokenInformation(token.get(), TokenUser, buf.data(), size, &size)) {
    return last_error("GetTokenInformation(TokenUser) failed", "current process token");
  }
  wchar_t* text = nullptr;
  if (!ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buf.data())->User.Sid, &text)) {
    return last_error("ConvertSidToStringSidW failed", "current process token");
  }
  std::string sid = narrow(text);
  LocalFree(text);
  return sid;
}

// The loader maps the PE headers as they are on disk, so the certificate table's directory
// entry (filled in by signing) is readable without opening the file.
bool image_signed() {
  auto* base = reinterpret_cast<const BYTE*>(GetModuleHandleW(nullptr));
  auto* dos = reinterpret_cast<const IMAGE_DOS_HEADER*>(base);
  auto* nt = reinterpret_cast<const IMAGE_NT_HEADERS*>(base + dos->e_lfanew);
  const IMAGE_DATA_DIRECTORY& certs = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_SECURITY];
  return certs.VirtualAddress != 0 && certs.Size != 0;
}

}  // namespace wufix::win
