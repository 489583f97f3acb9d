// Who owns a file or folder and who may use it (read as the object itself, never a link's
// target), and the private folders wufix creates.
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <memory>

#include "core/private_folder.h"
#include "win/files.h"
#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

struct LocalFreeDeleter {
  void operator()(void* p) const { LocalFree(p); }
};
using LocalSecurity = std::unique_ptr<void, LocalFreeDeleter>;

// The object itself, never what a link points to.
UniqueFile open_object(const std::wstring& path, DWORD access) {
  return UniqueFile(CreateFileW(path.c_str(), access,
                                FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                OPEN_EXISTING,
                                FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
}

std::string sid_text(PSID sid) {
  wchar_t* text = nullptr;
  if (!sid || !ConvertSidToStringSidW(sid, &text)) return {};
  std::string out = narrow(text);
  LocalFree(text);
  return out;
}

// SIDs of the allow entries, and of those that grant more than reading; "?" for an allow entry
// of a kind not read here (never trusted).
void read_allow_entries(PACL dacl, FileSecurity& s) {
  constexpr ACCESS_MASK kReading = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE | GENERIC_READ |
                                   GENERIC_EXECUTE | SYNCHRONIZE;
  for (DWORD i = 0; dacl && i < dacl->AceCount; ++i) {
    void* ace = nullptr;
    if (!GetAce(dacl, i, &ace)) continue;
    auto* header = static_cast<ACE_HEADER*>(ace);
    if (header->AceType == ACCESS_ALLOWED_ACE_TYPE) {
      auto* allow = static_cast<ACCESS_ALLOWED_ACE*>(ace);
      std::string sid = sid_text(&allow->SidStart);
      if (allow->Mask & ~kReading) s.writers.push_back(sid);
      s.allowed.push_back(std::move(sid));
    } else if (header->AceType == ACCESS_ALLOWED_COMPOUND_ACE_TYPE ||
               header->AceType == ACCESS_ALLOWED_OBJECT_ACE_TYPE ||
               header->AceType == ACCESS_ALLOWED_CALLBACK_ACE_TYPE ||
               header->AceType == ACCESS_ALLOWED_CALLBACK_OBJECT_ACE_TYPE) {
      s.allowed.push_back("?");
      s.writers.push_back("?");
    }
  }
}

}  // namespace

Result<std::optional<FileSecurity>> WinFiles::security(std::string_view path) const {
  std::wstring full = win_path(path);
  auto entry = stat_path(full);
  if (!entry) return entry.error();
  if (!entry->has_value()) return std::optional<FileSecurity>();
  UniqueFile object = open_object(full, READ_CONTROL);
  if (!object) return last_error("CreateFileW failed", std::string(path));
  PSID owner = nullptr;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR raw = nullptr;
  DWORD rc = GetSecurityInfo(object.get(), SE_FILE_OBJECT,
                             OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &owner,
                             nullptr, &dacl, nullptr, &raw);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "GetSecurityInfo failed", std::string(path));
  LocalSecurity sd(raw);
  FileSecurity s;
  s.owner = sid_text(owner);
  s.directory = ((*entry)->attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  s.reparse_point = ((*entry)->attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
  s.null_dacl = dacl == nullptr;
  read_allow_entries(dacl, s);
  BY_HANDLE_FILE_INFORMATION info{};
  if (!s.directory && GetFileInformationByHandle(object.get(), &info)) s.links = info.nNumberOfLinks;
  return std::optional<FileSecurity>(std::move(s));
}

Status WinFiles::make_private_directory(std::string_view path, bool existing) {
  PSECURITY_DESCRIPTOR raw = nullptr;
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(widen(kPrivateFolderSddl).c_str(),
                                                            SDDL_REVISION_1, &raw, nullptr)) {
    return last_error("ConvertStringSecurityDescriptorToSecurityDescriptorW failed", "private DACL");
  }
  LocalSecurity sd(raw);
  std::wstring full = win_path(path);
  if (!existing) {
    SECURITY_ATTRIBUTES attributes{sizeof attributes, raw, FALSE};
    if (!CreateDirectoryW(full.c_str(), &attributes))
      return last_error("CreateDirectoryW failed", std::string(path));
    return ok_status();
  }
  UniqueFile object = open_object(full, READ_CONTROL | WRITE_DAC | WRITE_OWNER);
  if (!object) return last_error("CreateFileW failed", std::string(path));
  PSID owner = nullptr;
  PACL dacl = nullptr;
  BOOL present = FALSE, defaulted = FALSE;
  GetSecurityDescriptorOwner(raw, &owner, &defaulted);
  GetSecurityDescriptorDacl(raw, &present, &dacl, &defaulted);
  DWORD rc = SetSecurityInfo(object.get(), SE_FILE_OBJECT,
                             OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION |
                                 PROTECTED_DACL_SECURITY_INFORMATION,
                             owner, nullptr, dacl, nullptr);
  if (rc != ERROR_SUCCESS) return win32_error(rc, "SetSecurityInfo failed", std::string(path));
  return ok_status();
}

}  // namespace wufix::win
