// DownloadDialog.aspx: an inline script assigns one property per line,
//   downloadInformation[0].updateID ='GUID';
//   downloadInformation[0].files[0].url = 'https://...msu';   (also fileName, digest, sha256 ...)
#include <cctype>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "core/catalog/markup.h"
#include "core/catalog/pages.h"

namespace wufix::catalog {
namespace {

constexpr std::string_view kArray = "downloadInformation[";

struct Assignment {
  size_t update = 0;
  std::optional<size_t> file;
  std::string key;
  std::optional<std::string> value;  // nullopt for "= new Object();" and the like
};

Error not_understood(std::string_view url, std::string_view why) {
  return Error{0, fmt::format("could not understand the catalog's download list ({}); its layout may have changed", why),
               std::string(url)};
}

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
    if (!a.value) return not_understood(url, fmt::format("the value of {} is cut short", a.key));
  }
  return std::optional<Assignment>(std::move(a));
}

Result<std::vector<uint8_t>> digest(const std::string& base64, size_t size, std::string_view name,
                                    std::string_view url) {
  if (base64.empty()) return std::vector<uint8_t>();
  auto bytes = decode_base64(base64);
  if (!bytes || bytes->size() != size) {
    return not_understood(url, fmt::format("a {} digest is not {} bytes of base64", name, size));
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
  if (f.url.empty()) return not_understood(url, "a file has no url");
  f.file_name = get("fileName");
  if (f.file_name.empty()) f.file_name = f.url.substr(f.url.find_last_of('/') + 1);
  if (f.file_name.empty() || f.file_name.find_first_of("\\/:*?\"<>|") != std::string::npos ||
      f.file_name == "." || f.file_name == "..") {
    return not_understood(url, "a file name is not a plain file name");
  }
  auto sha1 = digest(get("digest"), 20, "SHA-1", url);
  if (!sha1) return sha1.error();
  auto sha256 = digest(get("sha256"), 32, "SHA-256", url);
  if (!sha256) return sha256.error();
  f.sha1 = std::move(*sha1);
  f.sha256 = std::move(*sha256);
  f.architectures = get("architectures");
  return f;
}

}  // namespace

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
  if (!is_complete_page(html)) return not_understood(url, "the page is cut short");
  std::map<size_t, std::map<std::string, std::string>> updates;
  std::map<size_t, std::map<size_t, std::map<std::string, std::string>>> files;
  for (size_t at = html.find(kArray); at != std::string_view::npos; at = html.find(kArray, at + 1)) {
    auto a = parse_assignment(html, at + kArray.size(), url);
    if (!a) return a.error();
    if (!*a || !(*a)->value) continue;
    Assignment& as = **a;
    if (as.file) files[as.update][*as.file][as.key] = *as.value;
    else updates[as.update][as.key] = *as.value;
  }
  if (updates.empty()) return not_understood(url, "no downloadInformation in the page");

  std::vector<UpdateFiles> out;
  size_t expected = 0;
  for (auto& [index, props] : updates) {
    if (index != expected++) return not_understood(url, "the update list has a gap");
    UpdateFiles u;
    u.update_id = props["updateID"];
    u.title = props["enTitle"];
    if (!is_update_id(u.update_id)) return not_understood(url, "an update has no valid updateID");
    size_t next_file = 0;
    for (auto& [file_index, file_props] : files[index]) {
      if (file_index != next_file++) return not_understood(url, "the file list has a gap");
      auto f = make_file(file_props, url);
      if (!f) return f.error();
      u.files.push_back(std::move(*f));
    }
    if (u.files.empty()) return not_understood(url, "update " + u.update_id + " lists no files");
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace wufix::catalog
