// sdtool.exe: read and set security descriptors, an icacls stand-in (Wine has none).
//   sdtool get PATH              prints "owner=<SID> protected=0|1 reparse=0|1 sddl=<O:...D:...>"
//                                for PATH itself (a link is not followed)
//   sdtool set-owner PATH SID    makes SID ("S-1-5-21-...", or an SDDL alias such as BU) the owner
//   sdtool set-dacl PATH SDDL    replaces the DACL with the D: part of SDDL (e.g. "D:(A;;FA;;;WD)")
//   sdtool mkdir PATH SDDL       creates a folder with that security descriptor
// Exit 0 on success, 1 with the Win32 error on stderr.
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <cstdio>
#include <string>

namespace {

int failed(const wchar_t* what, DWORD error) {
  fwprintf(stderr, L"sdtool: %ls failed: error %lu\n", what, error);
  return 1;
}

HANDLE open_object(const wchar_t* path, DWORD access) {
  return CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                     OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
}

int get(const wchar_t* path) {
  HANDLE h = open_object(path, READ_CONTROL);
  if (h == INVALID_HANDLE_VALUE) return failed(L"CreateFileW", GetLastError());
  PSECURITY_DESCRIPTOR sd = nullptr;
  PSID owner = nullptr;
  PACL dacl = nullptr;
  DWORD rc = GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                             &owner, nullptr, &dacl, nullptr, &sd);
  CloseHandle(h);
  if (rc != ERROR_SUCCESS) return failed(L"GetSecurityInfo", rc);
  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  GetSecurityDescriptorControl(sd, &control, &revision);
  wchar_t *owner_text = nullptr, *sddl = nullptr;
  if (owner) ConvertSidToStringSidW(owner, &owner_text);
  ConvertSecurityDescriptorToStringSecurityDescriptorW(
      sd, SDDL_REVISION_1, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &sddl, nullptr);
  wprintf(L"owner=%ls protected=%d reparse=%d sddl=%ls\n", owner_text ? owner_text : L"-",
          (control & SE_DACL_PROTECTED) ? 1 : 0,
          (GetFileAttributesW(path) & FILE_ATTRIBUTE_REPARSE_POINT) ? 1 : 0, sddl ? sddl : L"-");
  LocalFree(owner_text);
  LocalFree(sddl);
  LocalFree(sd);
  return 0;
}

int set_owner(const wchar_t* path, const wchar_t* sid_text) {
  PSID sid = nullptr;
  if (!ConvertStringSidToSidW(sid_text, &sid)) return failed(L"ConvertStringSidToSidW", GetLastError());
  HANDLE h = open_object(path, WRITE_OWNER);
  if (h == INVALID_HANDLE_VALUE) return failed(L"CreateFileW", GetLastError());
  DWORD rc = SetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, sid, nullptr, nullptr, nullptr);
  CloseHandle(h);
  LocalFree(sid);
  return rc == ERROR_SUCCESS ? 0 : failed(L"SetSecurityInfo(owner)", rc);
}

PSECURITY_DESCRIPTOR parse(const wchar_t* sddl) {
  PSECURITY_DESCRIPTOR sd = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &sd, nullptr)) return nullptr;
  return sd;
}

int set_dacl(const wchar_t* path, const wchar_t* sddl) {
  PSECURITY_DESCRIPTOR sd = parse(sddl);
  if (!sd) return failed(L"ConvertStringSecurityDescriptorToSecurityDescriptorW", GetLastError());
  BOOL present = FALSE, defaulted = FALSE;
  PACL dacl = nullptr;
  GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
  HANDLE h = open_object(path, WRITE_DAC);
  if (h == INVALID_HANDLE_VALUE) return failed(L"CreateFileW", GetLastError());
  DWORD rc = SetSecurityInfo(h, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | UNPROTECTED_DACL_SECURITY_INFORMATION,
                             nullptr, nullptr, dacl, nullptr);
  CloseHandle(h);
  LocalFree(sd);
  return rc == ERROR_SUCCESS ? 0 : failed(L"SetSecurityInfo(dacl)", rc);
}

int make_dir(const wchar_t* path, const wchar_t* sddl) {
  PSECURITY_DESCRIPTOR sd = parse(sddl);
  if (!sd) return failed(L"ConvertStringSecurityDescriptorToSecurityDescriptorW", GetLastError());
  SECURITY_ATTRIBUTES sa{sizeof sa, sd, FALSE};
  BOOL ok = CreateDirectoryW(path, &sa);
  DWORD error = GetLastError();
  LocalFree(sd);
  return ok ? 0 : failed(L"CreateDirectoryW", error);
}

}  // namespace

int wmain(int argc, wchar_t** argv) {
  std::wstring verb = argc > 1 ? argv[1] : L"";
  if (verb == L"get" && argc == 3) return get(argv[2]);
  if (verb == L"set-owner" && argc == 4) return set_owner(argv[2], argv[3]);
  if (verb == L"set-dacl" && argc == 4) return set_dacl(argv[2], argv[3]);
  if (verb == L"mkdir" && argc == 4) return make_dir(argv[2], argv[3]);
  fwprintf(stderr, L"usage: sdtool get PATH | set-owner PATH SID | set-dacl PATH SDDL | mkdir PATH SDDL\n");
  return 2;
}
