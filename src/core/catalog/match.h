// Which catalog row fits a PC: product (Windows 10/11), feature version (23H2, 24H2...) and
// architecture, never a Dynamic Update (setup media), a Server or a Hotpatch package; a
// cumulative update before a .NET or other package of the same KB. Every row that does not
// fit says why.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/pages.h"
#include "core/checks/checks.h"

namespace wufix::catalog {

struct Target {
  std::string product;  // "Windows 10" or "Windows 11"
  std::string version;  // "22H2", "24H2", "1903"
  Arch arch = Arch::Unknown;
  bool server = false;  // the PC runs Windows Server (auto only): nothing matches
  std::string label() const;  // "Windows 11 24H2 x64"
};

// --os auto|win10-22H2|win11-24H2... and --arch auto|x64|arm64|x86. `os` is the PC's own
// (needed only for auto; an Error when auto cannot tell the version).
Result<Target> make_target(std::string_view os_option, std::string_view arch_option,
                           const Result<OsInfo>* os, Arch native);
Result<Arch> parse_arch(std::string_view text);

// "KB5044284", "kb5044284" or "5044284" -> "KB5044284"; nullopt for anything else.
std::optional<std::string> normalize_kb(std::string_view text);

struct RowVerdict {
  bool fits = false;       // fits this PC
  std::string reason;      // why not, when it does not
};

struct Selection {
  std::vector<RowVerdict> verdicts;  // one per row, same order
  std::optional<size_t> chosen;      // index of the row for this PC
  std::string reason;                // why none was chosen
};

Selection select_row(const std::vector<CatalogRow>& rows, const Target& target, std::string_view kb);

}  // namespace wufix::catalog
