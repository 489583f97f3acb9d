#include "core/catalog/file_select.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/checks/checks.h"

namespace wufix::catalog {
namespace {

// Words of a file name split at '-', '_' and '.': "windows10.0-kb5044277-x64_ab12.msu".
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!word.empty()) words.push_back(ascii_lower(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(ascii_lower(word));
  return words;
}

Arch arch_word(std::string_view w) {
  if (w == "x64" || w == "amd64") return Arch::X64;
  if (w == "arm64") return Arch::Arm64;
  if (w == "x86") return Arch::X86;
  return Arch::Unknown;
}

// The KB number in the name, 0 when none.
uint32_t file_kb(std::string_view name) {
  for (const std::string& w : name_words(name)) {
    if (w.size() < 8 || w.rfind("kb", 0) != 0) continue;
    uint32_t n = 0;
    auto [end, ec] = std::from_chars(w.data() + 2, w.data() + w.size(), n);
    if (ec == std::errc() && end == w.data() + w.size()) return n;
  }
  return 0;
}

bool is_stack_update(std::string_view name) {
  auto words = name_words(name);
  return std::find(words.begin(), words.end(), "ssu") != words.end();
}

// Earlier first: the servicing stack, then lower KB numbers; files naming no KB keep their place after.
bool installs_before(const CatalogFile& a, const CatalogFile& b) {
  bool sa = is_stack_update(a.file_name), sb = is_stack_update(b.file_name);
  if (sa != sb) return sa;
  uint32_t ka = file_kb(a.file_name), kb = file_kb(b.file_name);
  if ((ka == 0) != (kb == 0)) return ka != 0;
  return ka < kb;
}

}  // namespace

Arch arch_of_file(const CatalogFile& file) {
  Arch named = Arch::Unknown;  // from the file name
  for (const std::string& w : name_words(file.file_name)) {
    Arch a = arch_word(w);
    if (a == Arch::Unknown) continue;
    if (named != Arch::Unknown && named != a) return Arch::Unknown;
    named = a;
  }
  std::string field = ascii_lower(file.architectures);
  Arch given = field.find(',') == std::string::npos ? arch_word(field) : Arch::Unknown;
  // The field and the name disagreeing (dialogs with AMD64 on an arm64 file exist): no
  // evidence to drop the file on; the row's title already chose the architecture.
  if (given != Arch::Unknown && named != Arch::Unknown && given != named) return Arch::Unknown;
  return given != Arch::Unknown ? given : named;
}

std::optional<std::string> normalize_language(std::string_view tag) {
  std::string t = ascii_lower(tag);
  if (t.size() < 2 || t.size() > 16) return std::nullopt;
  bool dash_ok = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '-') {
      if (i == 0 || i + 1 == t.size() || !dash_ok) return std::nullopt;
      dash_ok = false;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      dash_ok = true;
    } else {
      return std::nullopt;
    }
  }
  return t;
}

bool language_matches(std::string_view languages, std::string_view wanted) {
  std::string w = ascii_lower(wanted);
  std::string primary = w.substr(0, w.find('-'));
  std::string list = ascii_lower(languages);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = std::min(list.find(',', start), list.size());
    std::string tag = list.substr(start, comma - start);
    tag.erase(0, tag.find_first_not_of(' '));
    tag.erase(tag.find_last_not_of(' ') + 1);
    if (!tag.empty() && (tag == w || (tag.find('-') == std::string::npos && tag == primary))) return true;
    start = comma + 1;
  }
  return false;
}

std::optional<std::string> language_of_langid(uint16_t langid) {
  // The languages Windows ships a UI in (Microsoft's "Available language packs for Windows").
  static const std::pair<uint16_t, const char*> kLanguages[] = {
      {0x0401, "ar-sa"}, {0x0402, "bg-bg"}, {0x0404, "zh-tw"}, {0x0405, "cs-cz"}, {0x0406, "da-dk"},
      {0x0407, "de-de"}, {0x0408, "el-gr"}, {0x0409, "en-us"}, {0x040b, "fi-fi"}, {0x040c, "fr-fr"},
      {0x040d, "he-il"}, {0x040e, "hu-hu"}, {0x0410, "it-it"}, {0x0411, "ja-jp"}, {0x0412, "ko-kr"},
      {0x0413, "nl-nl"}, {0x0414, "nb-no"}, {0x0415, "pl-pl"}, {0x0416, "pt-br"}, {0x0418, "ro-ro"},
      {0x0419, "ru-ru"}, {0x041a, "hr-hr"}, {0x041b, "sk-sk"}, {0x041d, "sv-se"}, {0x041e, "th-th"},
      {0x041f, "tr-tr"}, {0x0422, "uk-ua"}, {0x0424, "sl-si"}, {0x0425, "et-ee"}, {0x0426, "lv-lv"},
      {0x0427, "lt-lt"}, {0x0804, "zh-cn"}, {0x0809, "en-gb"}, {0x080a, "es-mx"}, {0x0816, "pt-pt"},
      {0x081a, "sr-latn-rs"}, {0x0c0a, "es-es"}, {0x0c0c, "fr-ca"}};
  for (auto [id, tag] : kLanguages)
    if (id == langid) return std::string(tag);
  return std::nullopt;
}

Result<FileChoice> choose_files(const std::vector<CatalogFile>& files, Arch arch, const LanguageChoice& languages) {
  FileChoice choice;
  size_t other_arch = 0;
  for (const CatalogFile& f : files) {
    Arch a = arch_of_file(f);
    if (a != Arch::Unknown && arch != Arch::Unknown && a != arch) {
      choice.skipped.push_back({f.file_name, fmt::format("for {}; this PC is {}", to_string(a), to_string(arch))});
      ++other_arch;
      continue;
    }
    bool neutral = f.languages.empty();
    bool wanted = languages.all || neutral ||
                  std::any_of(languages.wanted.begin(), languages.wanted.end(),
                              [&](const std::string& w) { return language_matches(f.languages, w); });
    if (!wanted) {
      choice.skipped.push_back({f.file_name, "for language " + f.languages + "; not this PC's language"});
      continue;
    }
    choice.files.push_back(f);
  }
  if (choice.files.empty()) {
    std::string why = other_arch == files.size()
                          ? fmt::format("none of its {} file(s) is for {}", files.size(), to_string(arch))
                          : fmt::format("none of its {} file(s) is for {} in {} (pass --lang xx-yy or --all-languages)",
                                        files.size(), to_string(arch),
                                        languages.wanted.empty() ? std::string("a language this PC has")
                                                                 : languages.wanted.front());
    return Error{0, "the update has no file for this PC: " + why, ""};
  }
  // Insertion sort: stable, and a handful of files (std::stable_sort's merge machinery cost
  // the exe's size budget more than this loop).
  std::vector<CatalogFile>& v = choice.files;
  for (size_t i = 1; i < v.size(); ++i)
    for (size_t j = i; j > 0 && installs_before(v[j], v[j - 1]); --j) std::swap(v[j], v[j - 1]);
  return choice;
}

}  // namespace wufix::catalog
