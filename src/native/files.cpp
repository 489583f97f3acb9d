#include "native/files.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace wufix::native {
namespace {

namespace fs = std::filesystem;

// errno → the Win32 code the core already knows; others keep their text in `what`.
uint32_t win32_code(int err) {
  switch (err) {
    case ENOENT: return 2;     // ERROR_FILE_NOT_FOUND
    case ENOTDIR: return 3;    // ERROR_PATH_NOT_FOUND
    case EACCES:
    case EPERM: return 5;      // ERROR_ACCESS_DENIED
    case EBUSY: return 32;     // ERROR_SHARING_VIOLATION
    case ENOSPC: return 112;   // ERROR_DISK_FULL
    case EEXIST: return 183;   // ERROR_ALREADY_EXISTS
    default: return 0;
  }
}

Error error_of(int err, std::string_view what, std::string_view path) {
  return Error{win32_code(err), std::string(what) + ": " + std::strerror(err), std::string(path)};
}

Error error_of(const std::error_code& ec, std::string_view what, std::string_view path) {
  return error_of(ec.value(), what, path);
}

class FdInput : public InputStream {
 public:
  FdInput(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FdInput() override { ::close(fd_); }
  FdInput(const FdInput&) = delete;
  FdInput& operator=(const FdInput&) = delete;

  Result<size_t> read(std::span<char> buf) override {
    for (;;) {
      ssize_t n = ::read(fd_, buf.data(), buf.size());
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return error_of(errno, "read failed", path_);
    }
  }

 private:
  int fd_;
  std::string path_;
};

class FdOutput : public OutputStream {
 public:
  FdOutput(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FdOutput() override { ::close(fd_); }
  FdOutput(const FdOutput&) = delete;
  FdOutput& operator=(const FdOutput&) = delete;

  Status write(std::string_view bytes) override {
    while (!bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return error_of(errno, "write failed", path_);
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return ok_status();
  }
  Status flush() override {
    if (::fsync(fd_) != 0) return error_of(errno, "fsync failed", path_);
    return ok_status();
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace

Result<bool> PosixFiles::exists(std::string_view path) const {
  std::error_code ec;
  bool there = fs::exists(fs::path(path), ec);
  if (ec && ec.value() != ENOENT && ec.value() != ENOTDIR) return error_of(ec, "stat failed", path);
  return there;
}

Result<bool> PosixFiles::is_directory(std::string_view path) const {
  std::error_code ec;
  bool dir = fs::is_directory(fs::path(path), ec);
  if (ec && ec.value() != ENOENT && ec.value() != ENOTDIR) return error_of(ec, "stat failed", path);
  return dir;
}

Result<uint64_t> PosixFiles::tree_size(std::string_view path) const {
  std::error_code ec;
  uint64_t total = 0;
  fs::recursive_directory_iterator it(fs::path(path), ec), end;
  if (ec) return error_of(ec, "cannot list folder", path);
  for (; it != end; it.increment(ec)) {
    if (ec) return error_of(ec, "cannot list folder", path);
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) total += it->file_size(size_ec);
  }
  if (ec) return error_of(ec, "cannot list folder", path);
  return total;
}

Result<DiskSpace> PosixFiles::disk_space(std::string_view path) const {
  std::error_code ec;
  fs::space_info info = fs::space(fs::path(path), ec);
  if (ec) return error_of(ec, "statvfs failed", path);
  return DiskSpace{info.available, info.capacity};
}

Result<std::unique_ptr<InputStream>> PosixFiles::open_read(std::string_view path) const {
  std::string p(path);
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return error_of(errno, "cannot open file", path);
  std::error_code ec;
  if (fs::is_directory(fs::path(p), ec)) {
    ::close(fd);
    return error_of(EISDIR, "cannot open file", path);
  }
  return std::unique_ptr<InputStream>(std::make_unique<FdInput>(fd, std::move(p)));
}

Result<std::vector<std::string>> PosixFiles::list(std::string_view dir) const {
  std::error_code ec;
  std::vector<std::string> names;
  fs::directory_iterator it(fs::path(dir), ec), end;
  if (ec) return error_of(ec, "cannot list folder", dir);
  for (; it != end; it.increment(ec)) {
    if (ec) return error_of(ec, "cannot list folder", dir);
    names.push_back(it->path().filename().string());
  }
  return names;
}

Result<uint64_t> PosixFiles::file_size(std::string_view path) const {
  std::error_code ec;
  uint64_t size = fs::file_size(fs::path(path), ec);
  if (ec) return error_of(ec, "cannot read file size", path);
  return size;
}

Status PosixFiles::rename(std::string_view from, std::string_view to) {
  std::string f(from), t(to);
  if (::renameat2(AT_FDCWD, f.c_str(), AT_FDCWD, t.c_str(), RENAME_NOREPLACE) != 0)
    return error_of(errno, "rename failed", f + " -> " + t);
  return ok_status();
}

Status PosixFiles::create_directories(std::string_view path) {
  std::error_code ec;
  fs::create_directories(fs::path(path), ec);
  if (ec) return error_of(ec, "cannot create folder", path);
  return ok_status();
}

Result<std::unique_ptr<OutputStream>> PosixFiles::open_append(std::string_view path) {
  std::string p(path);
  int fd = ::open(p.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return error_of(errno, "cannot open file for appending", path);
  return std::unique_ptr<OutputStream>(std::make_unique<FdOutput>(fd, std::move(p)));
}

Result<std::optional<FileSecurity>> PosixFiles::security(std::string_view path) const {
  return Error{50, "Windows file security is not available on this system", std::string(path)};
}

Status PosixFiles::make_private_directory(std::string_view path, bool) {
  return Error{50, "private Windows folders are not available on this system", std::string(path)};
}

Result<std::unique_ptr<OutputStream>> PosixFiles::create_new(std::string_view path) {
  std::string p(path);
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return error_of(errno, "cannot create a new file", path);
  return std::unique_ptr<OutputStream>(std::make_unique<FdOutput>(fd, std::move(p)));
}

Status PosixFiles::cut(std::string_view path, uint64_t size) {
  std::string p(path);
  if (::truncate(p.c_str(), static_cast<off_t>(size)) != 0)
    return error_of(errno, "cannot cut the file back", path);
  return ok_status();
}

Result<std::unique_ptr<HeldFile>> PosixFiles::hold(std::string_view path) const {
  return Error{50, "holding a file against writers is not available on this system",
               std::string(path)};
}

}  // namespace wufix::native
