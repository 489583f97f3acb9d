// The Files seam on POSIX with std::filesystem: what the Linux build needs to read logs a user
// posted (and write a report). Paths are UTF-8 as given; errors carry Win32-style codes for the
// common cases (2 not found, 3 no folder, 5 denied, 183 exists) so core logic reads them alike.
#pragma once
#include "core/seam.h"

namespace wufix::native {

class PosixFiles : public Files {
 public:
  Result<bool> exists(std::string_view path) const override;
  Result<bool> is_directory(std::string_view path) const override;
  Result<uint64_t> tree_size(std::string_view path) const override;
  Result<DiskSpace> disk_space(std::string_view path) const override;
  Result<std::unique_ptr<InputStream>> open_read(std::string_view path) const override;
  Result<std::vector<std::string>> list(std::string_view dir) const override;
  Result<uint64_t> file_size(std::string_view path) const override;
  // renameat2(RENAME_NOREPLACE): an existing target is never replaced.
  Status rename(std::string_view from, std::string_view to) override;
  Status create_directories(std::string_view path) override;
  // O_APPEND; flush() is fsync().
  Result<std::unique_ptr<OutputStream>> open_append(std::string_view path) override;
  // Windows security has no POSIX counterpart here: an Error (nothing native needs it).
  Result<std::optional<FileSecurity>> security(std::string_view path) const override;
  Status make_private_directory(std::string_view path, bool existing) override;
  // O_CREAT | O_EXCL.
  Result<std::unique_ptr<OutputStream>> create_new(std::string_view path) override;
  Status cut(std::string_view path, uint64_t size) override;
  Result<std::unique_ptr<HeldFile>> hold(std::string_view path) const override;
};

}  // namespace wufix::native
