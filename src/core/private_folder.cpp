#include "core/private_folder.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/folder_levels.h"

namespace wufix {
namespace {

bool listed_owner(const std::vector<std::string>& sids, std::string_view sid) {
  return std::find(sids.begin(), sids.end(), sid) != sids.end();
}

enum class State { Missing, Private, Weak };

Result<State> inspect(const Files& files, const std::string& path,
                      const std::vector<std::string>& trusted) {
  auto security = files.security(path);
  if (!security) return security.error();
  if (!*security) return State::Missing;
  const FileSecurity& s = **security;
  if (auto why = untrusted_owner(s, trusted))
    return Error{0, fmt::format("refusing {}: {}; an administrator should check it and rename it "
                                "aside", path, *why), ""};
  if (!s.directory) return Error{267, fmt::format("refusing {}: it is a file, not a folder", path), ""};
  bool weak = s.null_dacl || std::any_of(s.allowed.begin(), s.allowed.end(), [&](auto& sid) {
                return !listed_owner(trusted, sid);
              });
  return weak ? State::Weak : State::Private;
}

}  // namespace

std::string data_dir(const Platform& platform) { return platform.program_data_dir() + "\\wufix"; }

Result<std::vector<std::string>> trusted_sids(const Platform& platform) {
  std::vector<std::string> sids{kSystemSid, kAdministratorsSid};
  auto elevated = platform.is_elevated();
  if (!elevated) return elevated.error();
  if (!*elevated) return sids;
  auto user = platform.user_sid();
  if (!user) return user.error();
  if (!listed_owner(sids, *user)) sids.push_back(*user);
  return sids;
}

std::optional<std::string> untrusted_owner(const FileSecurity& s,
                                           const std::vector<std::string>& trusted) {
  if (s.reparse_point) return "it is a link (reparse point) to somewhere else";
  if (!s.directory && s.links > 1)
    return fmt::format("it is one of {} names of the same file (a hard link)", s.links);
  if (!listed_owner(trusted, s.owner))
    return fmt::format("its owner {} is not Administrators, SYSTEM or the user running wufix",
                       s.owner.empty() ? "(none)" : s.owner);
  return std::nullopt;
}

Status ensure_private_folder(Files& files, const Platform& platform, std::string_view sub) {
  auto trusted = trusted_sids(platform);
  if (!trusted) return trusted.error();
  for (const std::string& path : folder_levels(data_dir(platform), sub)) {
    auto state = inspect(files, path, *trusted);
    if (!state) return state.error();
    if (*state == State::Private) continue;
    Status made = files.make_private_directory(path, *state == State::Weak);
    if (!made && made.error().code == 183) {  // created meanwhile by someone: look again
      auto again = inspect(files, path, *trusted);
      if (!again) return again.error();
      made = *again == State::Private ? ok_status()
                                      : files.make_private_directory(path, *again == State::Weak);
    }
    if (!made) return made;
    // A DACL the file system did not take is no DACL. (Missing: a dry run creates nothing.)
    auto after = inspect(files, path, *trusted);
    if (!after) return after.error();
    if (*after == State::Weak)
      return Error{0, fmt::format("refusing {}: others may write there and it could not be made "
                                  "private; an administrator should rename it aside", path), ""};
  }
  return ok_status();
}

Result<bool> check_private_folder(const Files& files, const Platform& platform,
                                  std::string_view sub) {
  auto trusted = trusted_sids(platform);
  if (!trusted) return trusted.error();
  for (const std::string& path : folder_levels(data_dir(platform), sub)) {
    auto state = inspect(files, path, *trusted);
    if (!state) return state.error();
    if (*state == State::Missing) return false;
  }
  return true;
}

}  // namespace wufix
