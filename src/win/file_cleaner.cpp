#include "win/file_cleaner.h"

#include <windows.h>

#include "win/files.h"
#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {
namespace {

class Remover {
 public:
  RemoveOutcome outcome;

  // A file, or a link to a folder: removed itself. Read-only files lose that flag first.
  void remove_entry(const std::wstring& path, DWORD attributes, uint64_t size) {
    const bool dir = (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    const bool link = (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
    if (dir && !link) return remove_folder(path);
    if (attributes & FILE_ATTRIBUTE_READONLY)
      SetFileAttributesW(path.c_str(), attributes & ~FILE_ATTRIBUTE_READONLY);
    BOOL removed = dir ? RemoveDirectoryW(path.c_str()) : DeleteFileW(path.c_str());
    if (!removed) return note(dir ? "RemoveDirectoryW failed" : "DeleteFileW failed", path);
    if (!dir) outcome.freed_bytes += size;
  }

  // Everything below first; a failure is noted and the walk goes on with the rest.
  void remove_folder(const std::wstring& dir) {
    WIN32_FIND_DATAW found{};
    UniqueFind find(FindFirstFileExW((dir + L"\\*").c_str(), FindExInfoBasic, &found,
                                     FindExSearchNameMatch, nullptr, FIND_FIRST_EX_LARGE_FETCH));
    if (!find) return note("FindFirstFileExW failed", dir);
    do {
      std::wstring_view name = found.cFileName;
      if (name == L"." || name == L"..") continue;
      remove_entry(dir + L"\\" + std::wstring(name), found.dwFileAttributes,
                   size_of(found.nFileSizeHigh, found.nFileSizeLow));
    } while (FindNextFileW(find.get(), &found));
    if (GetLastError() != ERROR_NO_MORE_FILES) note("FindNextFileW failed", dir);
    find.reset();
    if (!RemoveDirectoryW(dir.c_str())) note("RemoveDirectoryW failed", dir);
  }

 private:
  void note(std::string_view what, const std::wstring& path) {
    if (!outcome.error) outcome.error = last_error(what, shown(path));
  }
};

}  // namespace

Result<std::chrono::system_clock::time_point> WinFileCleaner::last_write_time(
    std::string_view path) const {
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (!GetFileAttributesExW(win_path(path).c_str(), GetFileExInfoStandard, &data))
    return last_error("GetFileAttributesExW failed", path);
  // FILETIME: 100 ns units since 1601-01-01; the Unix epoch is 11644473600 s later.
  uint64_t ticks = size_of(data.ftLastWriteTime.dwHighDateTime, data.ftLastWriteTime.dwLowDateTime);
  int64_t since_epoch = static_cast<int64_t>(ticks / 10) - int64_t{11644473600} * 1000000;
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::microseconds(since_epoch)));
}

RemoveOutcome WinFileCleaner::remove_tree(std::string_view path) {
  std::wstring root = win_path(path);
  WIN32_FILE_ATTRIBUTE_DATA data{};
  Remover remover;
  if (!GetFileAttributesExW(root.c_str(), GetFileExInfoStandard, &data)) {
    remover.outcome.error = last_error("GetFileAttributesExW failed", path);
    return remover.outcome;
  }
  remover.remove_entry(root, data.dwFileAttributes, size_of(data.nFileSizeHigh, data.nFileSizeLow));
  return remover.outcome;
}

}  // namespace wufix::win
