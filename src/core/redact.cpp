#include "core/redact.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/ascii.h"

namespace wufix {
namespace {

constexpr const char* kUser = "<user>";

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool word_char(char c) { return ascii_alnum(c) || c == '_'; }
bool is_sep(char c) { return c == '\\' || c == '/'; }

bool equal_at(std::string_view text, size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (fold(text[at + i]) != fold(word[i])) return false;
  return true;
}
// Every whole-word, case-insensitive occurrence of `word` becomes `with`.
std::string replace_word(std::string_view text, std::string_view word, std::string_view with) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool start = i == 0 || !word_char(text[i - 1]);
    size_t end = i + word.size();
    if (start && equal_at(text, i, word) && (end == text.size() || !word_char(text[end]))) {
      out += with;
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Each maximal run of characters `in` that stands alone (no word character right before or
// after it) is offered to `replace`; a trailing '.' (end of a sentence) stays outside the run.
template <class In, class Replace>
std::string map_runs(std::string_view text, In in, Replace replace) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (!in(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && in(text[end])) ++end;
    size_t stop = end;
    while (stop > i && text[stop - 1] == '.') --stop;
    bool alone = (i == 0 || !word_char(text[i - 1])) && (end == text.size() || !word_char(text[end]));
    std::optional<std::string> with = alone && stop > i ? replace(text.substr(i, stop - i)) : std::nullopt;
    out += with ? *with + std::string(text.substr(stop, end - stop)) : std::string(text.substr(i, end - i));
    i = end;
  }
  return out;
}

// The folder after a profile root is a user name: \Users\alice, /home/alice, also written with
// doubled backslashes (JSON-escaped) and under roots other than \Users\.
std::string redact_profiles(std::string_view text) {
  static const std::string_view kRoots[] = {"users", "home", "documents and settings", "profiles", "home$"};
  static const std::string_view kShared[] = {"public", "default", "all users", "default user", "<user>"};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (!is_sep(text[i])) {
      out += text[i++];
      continue;
    }
    size_t root = i;
    while (root < text.size() && is_sep(text[root])) ++root;
    size_t name = std::string_view::npos;
    for (std::string_view r : kRoots) {
      size_t after = root + r.size();
      if (equal_at(text, root, r) && after < text.size() && is_sep(text[after])) {
        name = after;
        break;
      }
    }
    if (name == std::string_view::npos) {
      out += text.substr(i, root - i);
      i = root;
      continue;
    }
    while (name < text.size() && is_sep(text[name])) ++name;
    size_t end = name;
    while (end < text.size() && !is_sep(text[end]) && std::string_view("\"'\n`| ").find(text[end]) == std::string_view::npos)
      ++end;
    std::string_view user = text.substr(name, end - name);
    bool shared = std::any_of(std::begin(kShared), std::end(kShared), [&](std::string_view s) { return ascii_iequal(user, s); });
    out += text.substr(i, name - i);
    out += shared || user.empty() ? std::string(user) : kUser;
    i = end;
  }
  return out;
}

std::string redact_sids(std::string_view text) {  // S-1-5-21-<domain>-<rid>: a machine or domain account
  constexpr std::string_view kAccount = "S-1-5-21-";
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if ((i == 0 || !word_char(text[i - 1])) && equal_at(text, i, kAccount)) {
      size_t end = i + kAccount.size();
      while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-')) ++end;
      out += "S-1-5-21-<sid>";
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::optional<std::string> email(std::string_view run) {
  size_t at = run.find('@');
  if (at == 0 || at == std::string_view::npos || run.find('@', at + 1) != std::string_view::npos) return std::nullopt;
  std::string_view domain = run.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '-') return std::nullopt;
  return "<email>";
}

std::optional<std::string> ipv4(std::string_view run) {
  int parts = 0;
  for (size_t i = 0; i <= run.size(); ++parts) {
    size_t dot = std::min(run.find('.', i), run.size());
    std::string_view part = run.substr(i, dot - i);
    if (part.empty() || part.size() > 3 || std::stoi(std::string(part)) > 255) return std::nullopt;
    i = dot + 1;
  }
  return parts == 4 ? std::optional<std::string>("<ip>") : std::nullopt;
}

std::optional<std::string> ipv6(std::string_view run) {
  size_t colons = std::count(run.begin(), run.end(), ':');
  if (colons < 2 || colons > 7 || (colons < 7 && run.find("::") == std::string_view::npos)) return std::nullopt;
  int groups = 0;
  for (size_t i = 0; i < run.size();) {
    size_t colon = std::min(run.find(':', i), run.size());
    if (colon - i > 4) return std::nullopt;
    groups += colon > i;
    i = colon + 1;
  }
  return groups >= 2 ? std::optional<std::string>("<ip>") : std::nullopt;
}

bool upper_netbios(std::string_view name) {
  static const std::string_view kBuiltIn[] = {"NT", "AUTHORITY", "BUILTIN", "SERVICE", "WINDOWS", "SYSTEM32"};
  if (name.size() < 2 || name.size() > 15) return false;
  for (char c : name)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  return std::none_of(std::begin(kBuiltIn), std::end(kBuiltIn), [&](std::string_view b) { return name == b; });
}

// DOMAIN\user (also DOMAIN\\user, JSON-escaped), where DOMAIN is a known domain or computer or
// looks like a NetBIOS domain, and user is a last path component (not C:\Windows\System32).
std::string redact_accounts(std::string_view text, const std::vector<std::string>& domains) {
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || (i > 0 && text[i - 1] == '\\')) continue;
    size_t start = i;
    while (start > 0 && (ascii_alnum(text[start - 1]) || text[start - 1] == '-')) --start;
    if (start == i || start < copied || (start > 0 && (word_char(text[start - 1]) || is_sep(text[start - 1]) ||
                                                       text[start - 1] == ':' || text[start - 1] == '.')))
      continue;
    size_t name = i;
    while (name < text.size() && text[name] == '\\') ++name;
    size_t end = name;
    while (end < text.size() && (ascii_alnum(text[end]) || std::string_view("._$-").find(text[end]) != std::string_view::npos)) ++end;
    if (end == name || (end < text.size() && is_sep(text[end]))) continue;
    std::string_view domain = text.substr(start, i - start);
    bool known = std::any_of(domains.begin(), domains.end(), [&](const std::string& d) { return ascii_iequal(d, domain); });
    if (!known && !upper_netbios(domain)) continue;
    out += text.substr(copied, start - copied);
    out += "<domain>" + std::string(text.substr(i, name - i)) + kUser;
    copied = end;
    i = end - 1;
  }
  return out + std::string(text.substr(copied));
}

bool host_char(char c) { return ascii_alnum(c) || c == '.' || c == '-'; }

}  // namespace

Redactor::Redactor(std::vector<std::string> user_names, std::vector<std::string> computer_names)
    : Redactor(RedactionNames{std::move(user_names), std::move(computer_names), {}, {}}) {}

Redactor::Redactor(RedactionNames names) {
  // Very short names would blank out ordinary words; a profile path still hides them.
  auto keep = [](std::vector<std::string>& from, std::vector<std::string>& to, size_t min) {
    for (auto& n : from)
      if (n.size() >= min && std::find(to.begin(), to.end(), n) == to.end()) to.push_back(std::move(n));
  };
  keep(names.users, names_.users, 3);
  keep(names.computers, names_.computers, 2);
  keep(names.servers, names_.servers, 3);
  keep(names.dns_domains, names_.dns_domains, 3);
  // The longest first, so "wsus.corp.example.com" goes before "wsus".
  std::sort(names_.servers.begin(), names_.servers.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
}

std::string Redactor::apply(std::string_view text) const {
  std::string out = redact_profiles(text);
  out = redact_sids(out);
  out = map_runs(out, [](char c) { return host_char(c) || c == '@' || c == '_' || c == '+' || c == '%'; }, email);
  for (const std::string& server : names_.servers) out = replace_word(out, server, "<server>");
  out = map_runs(out, host_char, [&](std::string_view run) -> std::optional<std::string> {
    for (const std::string& d : names_.dns_domains) {
      if (ascii_iequal(run, d)) return "<domain>";
      if (run.size() > d.size() + 1 && run[run.size() - d.size() - 1] == '.' && equal_at(run, run.size() - d.size(), d))
        return "<host>";
    }
    return std::nullopt;
  });
  out = map_runs(out, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }, ipv4);
  out = map_runs(out, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':'; }, ipv6);
  out = redact_accounts(out, names_.computers);
  for (const std::string& c : names_.computers) out = replace_word(out, c, "<computer>");
  for (const std::string& u : names_.users) out = replace_word(out, u, kUser);
  return out;
}

void Redactor::apply(nlohmann::json& value) const {
  if (value.is_string()) {
    value = apply(value.get<std::string>());
  } else if (value.is_array() || value.is_object()) {
    for (auto& item : value) apply(item);
  }
}

std::vector<std::string> server_names(std::string_view value) {
  std::vector<std::string> names;
  for (size_t i = 0; i < value.size();) {
    size_t end = std::min(value.find_first_of(" ;", i), value.size());
    std::string_view entry = value.substr(i, end - i);
    i = end + 1;
    if (size_t scheme = entry.find("://"); scheme != std::string_view::npos) entry.remove_prefix(scheme + 3);
    entry = entry.substr(0, entry.find_first_of(",:/"));  // ",0x9" flags, ":8530" port, path
    std::string host;
    for (char c : entry) host += fold(c);
    bool microsoft = host.ends_with(".microsoft.com") || host.ends_with(".windows.com") ||
                     host.ends_with(".windowsupdate.com") || host == "time.windows.com";
    if (host.size() >= 3 && !microsoft) names.push_back(host);
    if (size_t dot = host.find('.'); !microsoft && dot != std::string::npos && dot >= 3) names.push_back(host.substr(0, dot));
  }
  return names;
}

}  // namespace wufix
