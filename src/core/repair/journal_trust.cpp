#include "core/repair/journal_trust.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/catalog/pages.h"
#include "core/checks/update_policy.h"
#include "core/repair/repair.h"

namespace wufix {
namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view s) { return ascii_lower(s) == ascii_lower(value); });
}

// The services repair stops, starts or reconfigures (reset, services, clock), and AppIDSvc,
// which depends on CryptSvc and so is stopped and started with it.
bool managed_service(std::string_view name) {
  return one_of(name, {"wuauserv", "BITS", "CryptSvc", "msiserver", "UsoSvc", "DoSvc",
                       "WaaSMedicSvc", "W32Time", "AppIDSvc"});
}

bool all_digits_or_hex(std::string_view s, bool hex) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (hex && c >= 'a' && c <= 'f');
  });
}

// "<base>.old", "<base>.wufix-<run>", "<base>.wufix-undo-<run>", each maybe "-N" (unused_name).
bool is_aside_suffix(std::string_view suffix, std::string_view run_id) {
  for (std::string_view tag : {".wufix-undo-", ".wufix-"}) {
    std::string stem = std::string(tag) + std::string(run_id);
    if (suffix.substr(0, stem.size()) != stem) continue;
    std::string_view rest = suffix.substr(stem.size());
    if (rest.empty()) return true;
    return rest.size() >= 2 && rest.size() <= 4 && rest[0] == '-' &&
           all_digits_or_hex(rest.substr(1), false);
  }
  return suffix == ".old";
}

// The BITS queue files reset renames: %ALLUSERSPROFILE%\Microsoft\Network\Downloader\qmgr*.dat.
bool is_bits_queue(std::string_view path, const TrustContext& ctx) {
  std::string dir = ascii_lower(ctx.program_data_dir + "\\Microsoft\\Network\\Downloader\\");
  std::string p = ascii_lower(path);
  if (p.substr(0, dir.size()) != dir) return false;
  std::string name = p.substr(dir.size());
  if (name.size() < 8 || name.substr(0, 4) != "qmgr" || !name.ends_with(".dat")) return false;
  std::string_view middle = std::string_view(name).substr(4, name.size() - 8);
  return std::all_of(middle.begin(), middle.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// A folder or file repair renames aside: `base` when it is one, else "".
std::string owned_base(std::string_view path, const TrustContext& ctx) {
  for (const std::string& base :
       {ctx.windows_dir + "\\SoftwareDistribution", ctx.windows_dir + "\\System32\\catroot2"})
    if (ascii_lower(path) == ascii_lower(base)) return base;
  return is_bits_queue(path, ctx) ? std::string(path) : "";
}

std::optional<std::string> check_rename(const Action& a, const TrustContext& ctx) {
  std::string from_base = owned_base(a.from, ctx), to_base = owned_base(a.to, ctx);
  const std::string& base = !from_base.empty() ? from_base : to_base;
  const std::string& other = !from_base.empty() ? a.to : a.from;
  if (base.empty()) return "renames nothing repair owns";
  if (ascii_lower(other).substr(0, base.size()) != ascii_lower(base) ||
      !is_aside_suffix(ascii_lower(other).substr(base.size()), ctx.run_id))
    return fmt::format("{} is not an aside name of {} for run {}", other, base, ctx.run_id);
  return std::nullopt;
}

std::optional<std::string> check_service(const Action& a, const TrustContext&) {
  if (!managed_service(a.service)) return fmt::format("{} is not a service repair manages", a.service);
  if (a.kind == Action::Kind::SetStartType && a.new_start != StartType::Automatic &&
      a.new_start != StartType::Manual && a.new_start != StartType::Disabled)
    return "a start type repair never sets";
  return std::nullopt;
}

bool allowed_dism_args(const std::vector<std::string>& args) {
  if (args.size() < 4 || args[0] != "/Online" || args[1] != "/English" || args[2] != "/Cleanup-Image")
    return false;
  if (args.size() == 4) return one_of(args[3], {"/CheckHealth", "/ScanHealth", "/RestoreHealth"});
  // The source is history here: resume and undo never run a program from a journal.
  return args.size() == 6 && args[3] == "/RestoreHealth" && args[4].starts_with("/Source:") &&
         args[4].size() > 8 && args[5] == "/LimitAccess";
}

std::optional<std::string> check_program(const Action& a, const TrustContext& ctx) {
  const std::string system32 = ctx.windows_dir + "\\System32\\";
  auto is = [&](std::string_view exe) { return ascii_lower(a.program) == ascii_lower(system32 + std::string(exe)); };
  bool ok = (is("sfc.exe") && a.args == std::vector<std::string>{"/scannow"}) ||
            (is("w32tm.exe") && (a.args == std::vector<std::string>{"/resync"} ||
                                 a.args == std::vector<std::string>{"/register"})) ||
            (is("Dism.exe") && allowed_dism_args(a.args));
  if (!ok) return "not a program and arguments repair runs";
  return std::nullopt;
}

// The policy step removes values of the update-policy table; undo writes them back as found.
std::optional<std::string> check_reg_value(const Action& a, const TrustContext&) {
  const auto& value = a.kind == Action::Kind::SetRegValue ? a.new_value : a.old_value;
  if (!value) return "names no registry value";
  if (a.kind == Action::Kind::SetRegValue && a.old_value && !same_name(a.old_value->name, value->name))
    return "its old and new values have different names";
  if (!is_policy_value(a.key, value->name))
    return fmt::format("HKLM\\{}\\{} is not an update policy value repair removes", a.key,
                       value->name);
  return std::nullopt;
}

// The network step only ever sets the WinHTTP proxy to direct; undo writes back what was found.
std::optional<std::string> check_proxy(const Action& a, const TrustContext&) {
  if (!(a.new_proxy == ProxyConfig{})) return "sets a proxy; repair only sets direct access";
  if (a.old_proxy.access_type != 1 && a.old_proxy.access_type != 3)
    return "an access type WinHTTP's default proxy does not have";
  return std::nullopt;
}

// The clock step registers W32Time with w32tm /register; undo unregisters it.
std::optional<std::string> check_register(const Action& a, const TrustContext& ctx) {
  if (!same_name(a.service, "W32Time") ||
      !same_name(a.program, ctx.windows_dir + "\\System32\\w32tm.exe") ||
      a.args != std::vector<std::string>{"/register"} ||
      a.undo_args != std::vector<std::string>{"/unregister"})
    return "not the W32Time registration repair runs";
  return std::nullopt;
}

// `wufix updates hide/unhide` sets IUpdate::IsHidden of one update; undo sets it back. The
// action names the update and the flag, nothing else (the title is only shown, never acted on).
std::optional<std::string> check_update_hidden(const Action& a, const TrustContext&) {
  // A WUA UpdateID: 8-4-4-4-12 hex digits, no braces.
  if (!catalog::is_update_id(a.update_id)) return fmt::format("'{}' is not a Windows Update id", a.update_id);
  bool other_fields = !a.service.empty() || !a.from.empty() || !a.to.empty() ||
                      !a.program.empty() || !a.args.empty() || !a.undo_args.empty() ||
                      !a.key.empty() || a.old_value || a.new_value ||
                      !(a.old_proxy == ProxyConfig{}) || !(a.new_proxy == ProxyConfig{});
  if (other_fields) return "carries fields an update's hidden flag never has";
  return std::nullopt;
}

struct TrustRule {
  Action::Kind kind;
  std::optional<std::string> (*check)(const Action&, const TrustContext&);
};

constexpr std::array<TrustRule, 10> kTrustRules{{
    {Action::Kind::Rename, check_rename},
    {Action::Kind::SetStartType, check_service},
    {Action::Kind::StopService, check_service},
    {Action::Kind::StartService, check_service},
    {Action::Kind::RunProgram, check_program},
    {Action::Kind::SetRegValue, check_reg_value},
    {Action::Kind::DeleteRegValue, check_reg_value},
    {Action::Kind::SetProxy, check_proxy},
    {Action::Kind::RegisterService, check_register},
    {Action::Kind::SetUpdateHidden, check_update_hidden},
}};

// A run of `wufix updates hide` or `unhide`: its plan is that one word, its changes are hidden
// flags only. A repair run never changes one.
bool is_hide_run(const RunLog& log) {
  return log.plan.size() == 1 && (log.plan[0] == "hide" || log.plan[0] == "unhide");
}

}  // namespace

std::optional<std::string> untrusted_action(const Action& action, const TrustContext& ctx) {
  for (const TrustRule& rule : kTrustRules)
    if (rule.kind == action.kind) return rule.check(action, ctx);
  return "a kind of change repair does not make";
}

std::optional<std::string> untrusted_entry(const RunLog& log, const TrustContext& ctx) {
  const auto& steps = step_order();
  const bool hide_run = is_hide_run(log);
  for (const auto& id : log.plan)
    if (!hide_run && std::find(steps.begin(), steps.end(), id) == steps.end())
      return fmt::format("plan step '{}': not a wufix repair step", id);
  for (const LoggedAction& entry : log.actions) {
    auto why = untrusted_action(entry.action, ctx);
    if (!why && hide_run != (entry.action.kind == Action::Kind::SetUpdateHidden))
      why = hide_run ? "a hide/unhide run changes hidden flags only"
                     : "a repair run never hides or unhides an update";
    if (why) return fmt::format("entry {} ({}): {}", entry.seq, entry.action.describe(), *why);
  }
  return std::nullopt;
}

}  // namespace wufix
