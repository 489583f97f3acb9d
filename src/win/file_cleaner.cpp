#include "win/file_cleaner.h"

#include <windows.h>

#include "win/filetime.h"
#include "win/files.h"
#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

// A path as people write it: \\?\C:\x -> C:\x, \\?\UNC\srv\x -> \\srv\x.
std::wstring plain(std::wstring path) {
  if (path.starts_with(L"\\\\?\\UNC\\")) return L"\\\\" + path.substr(8);
  if (path.starts_with(L"\\\\?\\")) return path.substr(4);
  return path;
}

// The path the object behind `h` really has: a folder on the way that is a link (junction,
// symbolic link) shows as its target here.
std::wstring final_path(HANDLE h) {
  std::wstring out(MAX_PATH, L'\0');
  DWORD n = GetFinalPathNameByHandleW(h, out.data(), static_cast<DWORD>(out.size()),
                                      FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  if (n >= out.size()) {  // too small: n is the size needed, with the terminator
    out.resize(n);
    n = GetFinalPathNameByHandleW(h, out.data(), n, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  }
  if (n == 0 || n >= out.size()) return L"";
  out.resize(n);
  return plain(std::move(out));
}

bool same_path(const std::wstring& a, const std::wstring& b) {
  return CompareStringOrdinal(a.data(), static_cast<int>(a.size()), b.data(),
                              static_cast<int>(b.size()), TRUE) == CSTR_EQUAL;
}

// `path` itself, opened without following a link (a link is opened as the link) and proven to
// be `path`: a user who may write somewhere on the way (Delivery Optimization's cache belongs to
// NetworkService) cannot swap a folder for a junction and steer the deletion elsewhere.
Result<UniqueFile> open_itself(const std::wstring& path, DWORD access, DWORD share) {
  UniqueFile h(CreateFileW(path.c_str(), access, share, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!h) return last_error("CreateFileW failed", shown(path));
  std::wstring really = final_path(h.get());
  if (really.empty()) return last_error("GetFinalPathNameByHandleW failed", shown(path));
  if (!same_path(really, plain(path)))
    return Error{ERROR_CANT_ACCESS_FILE, "left alone: a link on the way leads elsewhere",
                 shown(path) + " is " + shown(really)};
  return h;
}

class Remover {
 public:
  RemoveOutcome outcome;

  // A folder is emptied first; a file or a link (to a folder too) is removed itself.
  void remove_entry(const std::wstring& path, DWORD attributes, uint64_t size) {
    const bool dir = (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    const bool link = (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
    if (dir && !link && !empty_folder(path)) return;
    if (remove_itself(path, attributes) && !dir) outcome.freed_bytes += size;
  }

 private:
  // Everything below; a failure is noted and the walk goes on with the rest. The folder is held
  // open meanwhile without delete sharing, so nobody renames or replaces it under the walk.
  bool empty_folder(const std::wstring& dir) {
    auto held = open_itself(dir, FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                            FILE_SHARE_READ | FILE_SHARE_WRITE);
    if (!held) return note(held.error());
    FILE_ATTRIBUTE_TAG_INFO tag{};
    if (!GetFileInformationByHandleEx(held->get(), FileAttributeTagInfo, &tag, sizeof tag))
      return note(last_error("GetFileInformationByHandleEx failed", shown(dir)));
    const DWORD kind = tag.FileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_REPARSE_POINT);
    if (kind != FILE_ATTRIBUTE_DIRECTORY)  // swapped since it was listed
      return note(Error{ERROR_CANT_ACCESS_FILE, "left alone: no longer a plain folder", shown(dir)});
    WIN32_FIND_DATAW found{};
    UniqueFind find(FindFirstFileExW((dir + L"\\*").c_str(), FindExInfoBasic, &found,
                                     FindExSearchNameMatch, nullptr, FIND_FIRST_EX_LARGE_FETCH));
    if (!find) return note(last_error("FindFirstFileExW failed", shown(dir)));
    do {
      std::wstring_view name = found.cFileName;
      if (name == L"." || name == L"..") continue;
      remove_entry(dir + L"\\" + std::wstring(name), found.dwFileAttributes,
                   size_of(found.nFileSizeHigh, found.nFileSizeLow));
    } while (FindNextFileW(find.get(), &found));
    if (GetLastError() != ERROR_NO_MORE_FILES) note(last_error("FindNextFileW failed", shown(dir)));
    return true;
  }

  // Deleted through the handle that proved what it is: no second lookup of the path. Write
  // access to attributes only for a read-only file (TrustedInstaller's files may deny it).
  bool remove_itself(const std::wstring& path, DWORD attributes) {
    const bool read_only = (attributes & FILE_ATTRIBUTE_READONLY) != 0;
    const DWORD access = DELETE | FILE_READ_ATTRIBUTES | (read_only ? FILE_WRITE_ATTRIBUTES : 0);
    auto h = open_itself(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE);
    if (!h) return note(h.error());
    return read_only ? remove_read_only(h->get(), path) : dispose(h->get(), path);
  }

  bool dispose(HANDLE h, const std::wstring& path) {
    FILE_DISPOSITION_INFO dispose{TRUE};
    if (!SetFileInformationByHandle(h, FileDispositionInfo, &dispose, sizeof dispose))
      return note(last_error("SetFileInformationByHandle(FileDispositionInfo) failed", shown(path)));
    return true;
  }

  // Windows 10 1809 and later delete a read-only file as it is. Elsewhere (Wine) the flag is
  // cleared first, read from the file itself, only on a file with no other name (hard links
  // share it), and put back when the delete still fails.
  bool remove_read_only(HANDLE h, const std::wstring& path) {
    FILE_DISPOSITION_INFO_EX ex{FILE_DISPOSITION_FLAG_DELETE |
                                FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE};
    // FileDispositionInfoEx (21): MinGW declares it only for _WIN32_WINNT >= 0x0A000002.
    constexpr auto kDispositionEx = static_cast<FILE_INFO_BY_HANDLE_CLASS>(21);
    if (SetFileInformationByHandle(h, kDispositionEx, &ex, sizeof ex)) return true;
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(h, &info))
      return note(last_error("GetFileInformationByHandle failed", shown(path)));
    if (info.nNumberOfLinks > 1)
      return note(Error{ERROR_ACCESS_DENIED, "left alone: a read-only file with other names",
                        shown(path)});
    constexpr DWORD kSettable = 0x31a7;  // FILE_ATTRIBUTE_VALID_SET_FLAGS (ntifs.h)
    FILE_BASIC_INFO basic{};              // times 0: unchanged
    basic.FileAttributes = info.dwFileAttributes & kSettable & ~FILE_ATTRIBUTE_READONLY;
    if (basic.FileAttributes == 0) basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    if (!SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic))
      return note(last_error("clearing the read-only attribute failed", shown(path)));
    if (dispose(h, path)) return true;
    basic.FileAttributes = info.dwFileAttributes & kSettable;
    SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic);  // as it was
    return false;
  }

  bool note(Error e) {
    if (!outcome.error) outcome.error = std::move(e);
    return false;
  }
};

}  // namespace

Result<std::chrono::system_clock::time_point> WinFileCleaner::last_write_time(
    std::string_view path) const {
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (!GetFileAttributesExW(win_path(path).c_str(), GetFileExInfoStandard, &data))
    return last_error("GetFileAttributesExW failed", path);
  return from_filetime(data.ftLastWriteTime);
}

RemoveOutcome WinFileCleaner::remove_tree(std::string_view path) {
  std::wstring root = win_path(path);
  Remover remover;
  // GetFullPathNameW drops a name's trailing dots and spaces: "Cache\\x." would reach "x".
  if (plain(root) != widen(path)) {
    remover.outcome.error =
        Error{ERROR_INVALID_NAME, "left alone: a name Windows rewrites", std::string(path)};
    return remover.outcome;
  }
  auto entry = stat_path(root);
  if (!entry || !*entry) {
    remover.outcome.error =
        entry ? Error{ERROR_FILE_NOT_FOUND, "no such file or folder", std::string(path)} : entry.error();
    return remover.outcome;
  }
  remover.remove_entry(root, (*entry)->attributes, (*entry)->size);
  return remover.outcome;
}

}  // namespace wufix::win
