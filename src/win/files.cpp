#include "win/files.h"
#include "win/log_files.h"

#include <windows.h>

#include <algorithm>
#include <functional>

#include "win/text.h"
#include "win/unique_handle.h"

namespace wufix::win {

// Absolute and \\?\-prefixed. GetFullPathNameW first resolves relative paths, "/", "." and
// "..", because the prefix switches that normalisation off.
std::wstring win_path(std::string_view utf8) {
  std::wstring in = widen(utf8);
  if (in.starts_with(L"\\\\?\\") || in.starts_with(L"\\\\.\\")) return in;
  DWORD n = GetFullPathNameW(in.c_str(), 0, nullptr, nullptr);
  if (n == 0) return in;  // the real call reports what is wrong with it
  std::wstring full(n, L'\0');
  full.resize(GetFullPathNameW(in.c_str(), n, full.data(), nullptr));
  if (full.starts_with(L"\\\\")) return L"\\\\?\\UNC\\" + full.substr(2);
  if (full.size() >= 3 && full[1] == L':') return L"\\\\?\\" + full;
  return full;
}

// Paths in messages as people write them.
std::string shown(std::wstring_view path) {
  if (path.starts_with(L"\\\\?\\UNC\\")) return "\\\\" + narrow(path.substr(8));
  if (path.starts_with(L"\\\\?\\")) return narrow(path.substr(4));
  return narrow(path);
}

namespace {

std::wstring join(const std::wstring& dir, std::wstring_view name) {
  return dir.ends_with(L'\\') ? dir + std::wstring(name) : dir + L'\\' + std::wstring(name);
}

bool is_missing(DWORD error) {
  return error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND ||
         error == ERROR_INVALID_NAME || error == ERROR_BAD_PATHNAME ||
         error == ERROR_INVALID_DRIVE || error == ERROR_BAD_NETPATH || error == ERROR_BAD_NET_NAME;
}

// Calls fn for every entry of dir except "." and "..".
Status for_each_entry(const std::wstring& dir,
                      const std::function<void(const WIN32_FIND_DATAW&)>& fn) {
  WIN32_FIND_DATAW found{};
  UniqueFind find(FindFirstFileExW(join(dir, L"*").c_str(), FindExInfoBasic, &found,
                                   FindExSearchNameMatch, nullptr, FIND_FIRST_EX_LARGE_FETCH));
  if (!find) {
    // A volume root has no "." or "..": empty, it matches nothing at all.
    if (GetLastError() == ERROR_FILE_NOT_FOUND) return ok_status();
    return last_error("FindFirstFileExW failed", shown(dir));
  }
  do {
    std::wstring_view name = found.cFileName;
    if (name != L"." && name != L"..") fn(found);
  } while (FindNextFileW(find.get(), &found));
  if (GetLastError() != ERROR_NO_MORE_FILES) return last_error("FindNextFileW failed", shown(dir));
  return ok_status();
}

class WinInputStream : public InputStream {
 public:
  WinInputStream(UniqueFile file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}
  Result<size_t> read(std::span<char> buf) override {
    DWORD want = static_cast<DWORD>(std::min<size_t>(buf.size(), 1u << 30));
    DWORD got = 0;
    if (!ReadFile(file_.get(), buf.data(), want, &got, nullptr)) {
      return last_error("ReadFile failed", path_);
    }
    return size_t{got};
  }

 private:
  UniqueFile file_;
  std::string path_;
};

class WinOutputStream : public OutputStream {
 public:
  WinOutputStream(UniqueFile file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}
  Status write(std::string_view bytes) override {
    while (!bytes.empty()) {
      DWORD want = static_cast<DWORD>(std::min<size_t>(bytes.size(), 1u << 30));
      DWORD wrote = 0;
      if (!WriteFile(file_.get(), bytes.data(), want, &wrote, nullptr)) {
        return last_error("WriteFile failed", path_);
      }
      bytes.remove_prefix(wrote);
    }
    return ok_status();
  }
  Status flush() override {
    if (!FlushFileBuffers(file_.get())) return last_error("FlushFileBuffers failed", path_);
    return ok_status();
  }

 private:
  UniqueFile file_;
  std::string path_;
};

class WinHeldFile : public HeldFile {
 public:
  explicit WinHeldFile(UniqueFile file) : file_(std::move(file)) {}

 private:
  UniqueFile file_;
};

}  // namespace

// nullopt: nothing there. Files held open exclusively (pagefile.sys, some logs) refuse
// GetFileAttributesExW with a sharing violation; their folder listing still describes them.
Result<std::optional<PathEntry>> stat_path(const std::wstring& path) {
  WIN32_FILE_ATTRIBUTE_DATA data{};
  if (GetFileAttributesExW(path.c_str(), GetFileExInfoStandard, &data)) {
    return std::optional<PathEntry>(
        PathEntry{data.dwFileAttributes, size_of(data.nFileSizeHigh, data.nFileSizeLow)});
  }
  DWORD error = GetLastError();
  if (is_missing(error)) return std::optional<PathEntry>();
  if (error == ERROR_SHARING_VIOLATION || error == ERROR_ACCESS_DENIED) {
    WIN32_FIND_DATAW found{};
    UniqueFind find(
        FindFirstFileExW(path.c_str(), FindExInfoBasic, &found, FindExSearchNameMatch, nullptr, 0));
    if (find) {
      return std::optional<PathEntry>(
          PathEntry{found.dwFileAttributes, size_of(found.nFileSizeHigh, found.nFileSizeLow)});
    }
  }
  return win32_error(error, "GetFileAttributesExW failed", shown(path));
}

Result<bool> WinFiles::exists(std::string_view path) const {
  auto entry = stat_path(win_path(path));
  if (!entry) return entry.error();
  return entry->has_value();
}

Result<bool> WinFiles::is_directory(std::string_view path) const {
  auto entry = stat_path(win_path(path));
  if (!entry) return entry.error();
  return entry->has_value() && ((*entry)->attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

Result<uint64_t> WinFiles::tree_size(std::string_view path) const {
  std::wstring root = win_path(path);
  auto entry = stat_path(root);
  if (!entry) return entry.error();
  if (!entry->has_value()) {
    return win32_error(ERROR_PATH_NOT_FOUND, "no such file or folder", std::string(path));
  }
  if (((*entry)->attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) return (*entry)->size;

  uint64_t total = 0;
  std::vector<std::wstring> pending{root};  // a work list, not recursion: trees can be deep
  while (!pending.empty()) {
    std::wstring dir = std::move(pending.back());
    pending.pop_back();
    Status walked = for_each_entry(dir, [&](const WIN32_FIND_DATAW& found) {
      bool is_dir = (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
      // Junctions and symlinked folders point elsewhere (or back up the tree): not followed.
      if (is_dir && (found.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) == 0) {
        pending.push_back(join(dir, found.cFileName));
      } else if (!is_dir) {
        total += size_of(found.nFileSizeHigh, found.nFileSizeLow);
      }
    });
    // The sum is an estimate of a live tree: subfolders deleted while we walk, or closed to
    // us, are left out instead of failing the whole answer.
    DWORD code = walked ? 0 : walked.error().code;
    if (!walked && (dir == root || (code != ERROR_ACCESS_DENIED && !is_missing(code)))) {
      return walked.error();
    }
  }
  return total;
}

Result<DiskSpace> WinFiles::disk_space(std::string_view path) const {
  // Measured at the volume (or mount point) holding path, so a file or a not-yet-created
  // folder works as well as a drive root.
  std::wstring target = win_path(path);
  std::wstring volume(target.size() + 2, L'\0');
  if (GetVolumePathNameW(target.c_str(), volume.data(), static_cast<DWORD>(volume.size()))) {
    volume.resize(wcslen(volume.c_str()));
  } else {
    volume = target;
  }
  ULARGE_INTEGER available{}, total{};
  if (!GetDiskFreeSpaceExW(volume.c_str(), &available, &total, nullptr)) {
    return last_error("GetDiskFreeSpaceExW failed", std::string(path));
  }
  return DiskSpace{available.QuadPart, total.QuadPart};
}

Result<std::unique_ptr<InputStream>> WinFiles::open_read(std::string_view path) const {
  // Full sharing: CBS.log and friends are being written (and rotated) while we read them.
  UniqueFile file(CreateFileW(win_path(path).c_str(), GENERIC_READ,
                              FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, nullptr));
  if (!file) return last_error("CreateFileW failed", std::string(path));
  return std::unique_ptr<InputStream>(
      std::make_unique<WinInputStream>(std::move(file), std::string(path)));
}

Result<std::vector<std::string>> WinFiles::list(std::string_view dir) const {
  std::wstring folder = win_path(dir);
  auto entry = stat_path(folder);
  if (!entry) return entry.error();
  if (!entry->has_value()) {
    return win32_error(ERROR_PATH_NOT_FOUND, "no such folder", std::string(dir));
  }
  if (((*entry)->attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
    return win32_error(ERROR_DIRECTORY, "not a folder", std::string(dir));
  }
  std::vector<std::string> names;
  Status walked = for_each_entry(
      folder, [&](const WIN32_FIND_DATAW& found) { names.push_back(narrow(found.cFileName)); });
  if (!walked) return walked.error();
  return names;
}

Result<uint64_t> WinFiles::file_size(std::string_view path) const {
  auto entry = stat_path(win_path(path));
  if (!entry) return entry.error();
  if (!entry->has_value()) return win32_error(ERROR_FILE_NOT_FOUND, "no such file", path);
  return (*entry)->size;
}

Status WinFiles::rename(std::string_view from, std::string_view to) {
  // No MOVEFILE_REPLACE_EXISTING: an existing target is an error, never overwritten.
  if (!MoveFileExW(win_path(from).c_str(), win_path(to).c_str(), 0)) {
    return last_error("MoveFileExW failed", std::string(from) + " -> " + std::string(to));
  }
  return ok_status();
}

Status WinFiles::create_directories(std::string_view path) {
  std::wstring full = win_path(path);
  // Create each missing level from the volume root down; existing levels are fine.
  size_t start = full.starts_with(L"\\\\?\\UNC\\") ? 8 : full.starts_with(L"\\\\?\\") ? 7 : 0;
  for (size_t i = full.find(L'\\', start); ; i = full.find(L'\\', i + 1)) {
    std::wstring level = full.substr(0, i);
    if (!CreateDirectoryW(level.c_str(), nullptr) && GetLastError() != ERROR_ALREADY_EXISTS) {
      return last_error("CreateDirectoryW failed", shown(level));
    }
    if (i == std::wstring::npos) break;
  }
  return ok_status();
}

namespace {

Result<std::unique_ptr<OutputStream>> files_open_appending(std::string_view path, DWORD share) {
  UniqueFile file(CreateFileW(win_path(path).c_str(), FILE_APPEND_DATA | SYNCHRONIZE, share,
                              nullptr, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file) return last_error("CreateFileW failed", std::string(path));
  return std::unique_ptr<OutputStream>(
      std::make_unique<WinOutputStream>(std::move(file), std::string(path)));
}

}  // namespace

Result<std::unique_ptr<OutputStream>> WinFiles::open_append(std::string_view path) {
  return files_open_appending(path, FILE_SHARE_READ);
}

Result<std::unique_ptr<OutputStream>> WinLogFiles::open_shared_append(std::string_view path) {
  return files_open_appending(path, FILE_SHARE_READ | FILE_SHARE_WRITE);
}

}  // namespace wufix::win

namespace wufix::win {

Result<std::unique_ptr<OutputStream>> WinFiles::create_new(std::string_view path) {
  UniqueFile file(CreateFileW(win_path(path).c_str(), GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                              CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file) return last_error("CreateFileW(CREATE_NEW) failed", std::string(path));
  return std::unique_ptr<OutputStream>(
      std::make_unique<WinOutputStream>(std::move(file), std::string(path)));
}

Status WinFiles::cut(std::string_view path, uint64_t size) {
  UniqueFile file(CreateFileW(win_path(path).c_str(), GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                              OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!file) return last_error("CreateFileW failed", std::string(path));
  LARGE_INTEGER at{};
  at.QuadPart = static_cast<LONGLONG>(size);
  if (!SetFilePointerEx(file.get(), at, nullptr, FILE_BEGIN) || !SetEndOfFile(file.get()) ||
      !FlushFileBuffers(file.get())) {
    return last_error("cutting the file back failed", std::string(path));
  }
  return ok_status();
}

Result<std::unique_ptr<HeldFile>> WinFiles::hold(std::string_view path) const {
  // Readers only: no writer, no delete, no rename while this handle is open.
  UniqueFile file(CreateFileW(win_path(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr,
                              OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr));
  if (!file) return last_error("CreateFileW (deny write) failed", std::string(path));
  return std::unique_ptr<HeldFile>(std::make_unique<WinHeldFile>(std::move(file)));
}

}  // namespace wufix::win
