// Which catalog row fits a PC: product (Windows 10/11, Windows Server), feature version (23H2,
// 24H2...; LTSB/LTSC by the version they are built on) and architecture, never a Dynamic Update
// (setup media) or a Hotpatch package; a cumulative update before a .NET or other package of
// the same KB, and a servicing stack update of the same KB installed before it. Every row that
// does not fit says why.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/pages.h"
#include "core/checks/checks.h"

namespace wufix::catalog {

struct Target {
  std::string product;  // "Windows 10", "Windows 11" or "Windows Server"
  std::string version;  // "22H2", "24H2", "1809"; for Server its key: "2016", "2019", "21H2" (2022), "24H2" (2025)
  std::string edition;  // "LTSC 2019", "LTSB 2016" or empty
  Arch arch = Arch::Unknown;
  bool server() const { return product == "Windows Server"; }
  std::string label() const;  // "Windows 11 24H2 x64", "Windows Server 2022 x64", "Windows 10 LTSC 2019 (1809) x64"
};

// --os auto|win10-22H2|win11-24H2|server2016..server2025|ltsb2016|ltsc2019|ltsc2021|ltsc2024
// and --arch auto|x64|arm64|x86. `os` is the PC's own (needed only for auto; an Error when auto
// cannot tell the version). A build in the table (versions.h) is that release; a build wufix
// does not know takes the PC's DisplayVersion (a newer Windows 11 or Server names itself
// there); without one it is an Error asking for --os.
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
  // A servicing stack update of the same KB for this PC: installed before the chosen row.
  std::optional<size_t> prerequisite;
  std::string reason;                // why none was chosen
};

Selection select_row(const std::vector<CatalogRow>& rows, const Target& target, std::string_view kb);

}  // namespace wufix::catalog
