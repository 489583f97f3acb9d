#pragma once
#include "core/seam.h"

namespace wufix::win {

// A size Win32 hands out as two DWORDs (nFileSizeHigh, nFileSizeLow).
inline uint64_t size_of(uint32_t high, uint32_t low) { return (uint64_t{high} << 32) | low; }

// Absolute and \\?\-prefixed, so paths past MAX_PATH work (relative paths, "/", "." and ".."
// resolved first: the prefix switches that normalisation off).
std::wstring win_path(std::string_view utf8);
// A path in messages as people write it (without the \\?\ prefix).
std::string shown(std::wstring_view path);

// What a path names: its attributes (FILE_ATTRIBUTE_*) and size.
struct PathEntry {
  uint32_t attributes = 0;
  uint64_t size = 0;
};
// nullopt: nothing there.
Result<std::optional<PathEntry>> stat_path(const std::wstring& path);

// The file system through Win32, with \\?\ paths so deep WinSxS / SoftwareDistribution trees
// work past MAX_PATH.
class WinFiles : public Files {
 public:
  Result<bool> exists(std::string_view path) const override;
  Result<bool> is_directory(std::string_view path) const override;
  Result<uint64_t> tree_size(std::string_view path) const override;
  Result<DiskSpace> disk_space(std::string_view path) const override;
  Result<std::unique_ptr<InputStream>> open_read(std::string_view path) const override;
  Result<std::vector<std::string>> list(std::string_view dir) const override;
  Result<uint64_t> file_size(std::string_view path) const override;
  Status rename(std::string_view from, std::string_view to) override;
  Status create_directories(std::string_view path) override;
  Result<std::unique_ptr<OutputStream>> open_append(std::string_view path) override;
  Result<std::optional<FileSecurity>> security(std::string_view path) const override;
  Status make_private_directory(std::string_view path, bool existing) override;
  Result<std::unique_ptr<OutputStream>> create_new(std::string_view path) override;
  Status cut(std::string_view path, uint64_t size) override;
  Result<std::unique_ptr<HeldFile>> hold(std::string_view path) const override;
};

}  // namespace wufix::win
