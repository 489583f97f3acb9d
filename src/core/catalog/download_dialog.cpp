// DownloadDialog.aspx: an inline script assigns one property per line,
//   downloadInformation[0].updateID ='GUID';
//   downloadInformation[0].files[0].url = 'https://...msu';   (also fileName, digest, sha256 ...)
// Both eras are read: older dialogs give http://download.windowsupdate.com URLs, a base64
// SHA-1 `digest` only, often no fileName (the URL's last segment is the name) and empty
// architectures/languages; current ones add sha256 and the catalog.s./catalog.sf. hosts.
#include <cctype>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/catalog/pages.h"
#include "core/catalog/url.h"
#include "core/safe_text.h"

namespace wufix::catalog {
namespace {

Error list_not_understood(std::string_view url, std::string_view why) {
  return not_understood(url, why, "catalog's download list");
}

constexpr std::string_view kArray = "downloadInformation[";

struct Assignment {
  size_t update = 0;
  std::optional<size_t> file;
  std::string key;
  std::optional<std::string> value;  // nullopt for "= new Object();" and the like
  size_t end = 0;                    // where the assignment ends in the page
};

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool eat(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  void spaces() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  std::optional<size_t> index() {  // "12]"
    size_t n = 0;
    auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), n);
    if (ec != std::errc() || end == s.data() + i) return std::nullopt;
    i = static_cast<size_t>(end - s.data());
    if (!eat("]")) return std::nullopt;
    return n;
  }
  std::string word() {
    std::string w;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) w += s[i++];
    return w;
  }
  // A quoted JavaScript string with its escapes undone; nullopt when not closed on the line.
  std::optional<std::string> quoted() {
    char quote = s[i++];
    std::string out;
    for (; i < s.size() && s[i] != '\n'; ++i) {
      if (s[i] == quote) {
        ++i;
        return out;
      }
      if (s[i] == '\\' && i + 1 < s.size()) {
        char e = s[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += s[i];
      }
    }
    return std::nullopt;
  }
};

// Parses the assignment that starts at `at` (just after "downloadInformation[").
Result<std::optional<Assignment>> parse_assignment(std::string_view html, size_t at, std::string_view url) {
  Cursor c{html, at};
  Assignment a;
  auto update = c.index();
  if (!update) return std::optional<Assignment>();  // "downloadInformation[i]" in other script
  a.update = *update;
  if (c.eat(".files[")) {
    auto file = c.index();
    if (!file) return std::optional<Assignment>();
    a.file = *file;
  }
  if (!c.eat(".")) return std::optional<Assignment>();
  a.key = c.word();
  c.spaces();
  if (!c.eat("=")) return std::optional<Assignment>();
  c.spaces();
  if (c.i < html.size() && (html[c.i] == '\'' || html[c.i] == '"')) {
    a.value = c.quoted();
    if (!a.value) return list_not_understood(url, fmt::format("the value of {} is cut short", a.key));
  }
  a.end = c.i;
  return std::optional<Assignment>(std::move(a));
}

Result<std::vector<uint8_t>> digest(const std::string& base64, size_t size, std::string_view name,
                                    std::string_view url) {
  if (base64.empty()) return std::vector<uint8_t>();
  auto bytes = decode_base64(base64);
  if (!bytes || bytes->size() != size) {
    return list_not_understood(url, fmt::format("a {} digest is not {} bytes of base64", name, size));
  }
  return *bytes;
}

Result<CatalogFile> make_file(const std::map<std::string, std::string>& props, std::string_view url) {
  auto get = [&](const char* key) {
    auto it = props.find(key);
    return it == props.end() ? std::string() : it->second;
  };
  CatalogFile f;
  f.url = get("url");
  if (f.url.empty()) return list_not_understood(url, "a file has no url");
  if (auto parsed = parse_url(f.url); !parsed) {
    return Error{0, "refusing a file of the catalog's download list: not a plain http(s) URL", parsed.error().context};
  }
  f.file_name = get("fileName");
  if (f.file_name.empty()) f.file_name = f.url.substr(f.url.find_last_of('/') + 1);
  if (!is_catalog_file_name(f.file_name)) {
    return Error{0, fmt::format("refusing a file of the catalog's download list: its name \"{}\" is not a plain "
                                "*.msu or *.cab name", escape_controls(f.file_name)),
                 escape_controls(f.url)};
  }
  auto sha1 = digest(get("digest"), 20, "SHA-1", url);
  if (!sha1) return sha1.error();
  auto sha256 = digest(get("sha256"), 32, "SHA-256", url);
  if (!sha256) return sha256.error();
  f.sha1 = std::move(*sha1);
  f.sha256 = std::move(*sha256);
  f.architectures = get("architectures");
  f.languages = get("languages");
  return f;
}

bool is_dos_device(std::string_view base) {
  auto upper = [](std::string_view s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
  };
  std::string b = upper(base);
  if (b == "CON" || b == "PRN" || b == "AUX" || b == "NUL") return true;
  return b.size() == 4 && (b.rfind("COM", 0) == 0 || b.rfind("LPT", 0) == 0) &&
         std::isdigit(static_cast<unsigned char>(b[3]));
}

bool iends_with(std::string_view s, std::string_view tail) {
  if (s.size() < tail.size()) return false;
  for (size_t i = 0; i < tail.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - tail.size() + i])) != tail[i]) return false;
  return true;
}

}  // namespace

bool is_catalog_file_name(std::string_view name) {
  constexpr size_t kMaxName = 200;
  if (name.empty() || name.size() > kMaxName) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  if (!iends_with(name, ".msu") && !iends_with(name, ".cab")) return false;
  if (name.find("..") != std::string_view::npos) return false;
  return !is_dos_device(name.substr(0, name.find('.')));
}

std::string download_dialog_body(const std::vector<std::string>& update_ids) {
  std::string json = "[";
  for (const std::string& id : update_ids) {
    if (json.size() > 1) json += ",";
    json += fmt::format(R"({{"size":0,"languages":"","uidInfo":"{0}","updateID":"{0}"}})", id);
  }
  json += "]";
  std::string body = "updateIDs=";
  for (unsigned char c : json) {
    body += std::isalnum(c) || c == '-' ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return body;
}

Result<std::vector<UpdateFiles>> parse_download_dialog(std::string_view html, std::string_view url) {
  if (!is_complete_page(html)) return list_not_understood(url, "the page is cut short");
  std::map<size_t, std::map<std::string, std::string>> updates;
  std::map<size_t, std::map<size_t, std::map<std::string, std::string>>> files;
  // Each search starts after the last assignment read, so text inside a value is not read
  // again (a value full of "downloadInformation[" would make this quadratic).
  for (size_t at = html.find(kArray); at != std::string_view::npos; at = html.find(kArray, at + 1)) {
    auto a = parse_assignment(html, at + kArray.size(), url);
    if (!a) return a.error();
    if (!*a) continue;
    Assignment& as = **a;
    at = as.end - 1;
    if (!as.value) continue;
    if (as.file) files[as.update][*as.file][as.key] = *as.value;
    else updates[as.update][as.key] = *as.value;
  }
  if (updates.empty()) return list_not_understood(url, "no downloadInformation in the page");

  std::vector<UpdateFiles> out;
  size_t expected = 0;
  for (auto& [index, props] : updates) {
    if (index != expected++) return list_not_understood(url, "the update list has a gap");
    UpdateFiles u;
    u.update_id = props["updateID"];
    u.title = props["enTitle"];
    if (!is_update_id(u.update_id)) return list_not_understood(url, "an update has no valid updateID");
    size_t next_file = 0;
    for (auto& [file_index, file_props] : files[index]) {
      if (file_index != next_file++) return list_not_understood(url, "the file list has a gap");
      auto f = make_file(file_props, url);
      if (!f) return f.error();
      u.files.push_back(std::move(*f));
    }
    if (u.files.empty()) return list_not_understood(url, "update " + u.update_id + " lists no files");
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace wufix::catalog
