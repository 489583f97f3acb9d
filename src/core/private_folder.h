// %ProgramData%\wufix and everything below it are wufix's private folders: a standard user may
// create files in C:\ProgramData, so nothing there is trusted unless it is provably ours. A folder
// is ours when it is no link, its owner is SYSTEM, Administrators or the elevated user running
// wufix, and its DACL lets nobody else in.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <string_view>

#include "core/seam.h"

namespace wufix {

inline constexpr const char* kSystemSid = "S-1-5-18";
inline constexpr const char* kAdministratorsSid = "S-1-5-32-544";
inline constexpr const char* kUsersSid = "S-1-5-32-545";  // BUILTIN\Users: may read the health folder

// The DACLs of the folders wufix creates (SDDL; owner Administrators, protected, inherited by
// everything below): private, SYSTEM and Administrators full control and nobody else; readable
// (the health results, `wufix status` without elevation), the same plus Users' read entry (FR:
// list, read data, attributes and security).
inline constexpr std::string_view kPrivateFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
inline constexpr std::string_view kReadableFolderSddl =
    "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FR;;;BU)";
static_assert(kReadableFolderSddl.starts_with(kPrivateFolderSddl));

std::string data_dir(const Platform& platform);  // ...\ProgramData\wufix

// SYSTEM, Administrators, and the user running wufix when it is elevated: Windows makes that
// user the owner of what an elevated admin creates under the "Object creator" owner policy (and
// Wine reports every file so). A standard user can make none of them the owner of a file.
Result<std::vector<std::string>> trusted_sids(const Platform& platform);

// Why a file or folder is not wufix's own (nullopt: it is): a link, or another owner.
std::optional<std::string> untrusted_owner(const FileSecurity& security,
                                           const std::vector<std::string>& trusted);

// Creates %ProgramData%\wufix and each folder of `sub` below it ("runs", "downloads\ID")
// private. An existing folder that is a link or owned by someone else is an Error naming it; one
// with a weaker DACL is made private (its trusted owner says an elevated process made it: wufix
// before the folders were private).
Status ensure_private_folder(Files& files, const Platform& platform, std::string_view sub);

// The same check for readers, changing nothing: false when the folder does not exist; a weak
// DACL is accepted (each file in it is checked on its own).
Result<bool> check_private_folder(const Files& files, const Platform& platform,
                                  std::string_view sub);

}  // namespace wufix
