#include "core/catalog/match.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/os_info.h"

namespace wufix::catalog {
namespace {

struct TitleFacts {
  std::string product;  // "Windows 10", "Windows 11" or empty
  std::string version;  // upper-case, empty when the title names none
  Arch arch = Arch::Unknown;
  std::string kb;
  bool server = false, dynamic = false, dotnet = false, hotpatch = false, cumulative = false;
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// The title's words: runs of letters and digits ("(KB5044284)" -> "KB5044284", "x64-based" -> "x64").
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// "24H2" or "1809"
bool is_feature_version(std::string_view s) {
  if (s.size() == 4 && all_digits(s)) return true;
  return s.size() == 4 && all_digits(s.substr(0, 2)) && (s[2] == 'H' || s[2] == 'h') && all_digits(s.substr(3));
}

TitleFacts read_title(const std::string& title) {
  TitleFacts f;
  std::vector<std::string> words = words_of(title);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string next = i + 1 < words.size() ? words[i + 1] : "";
    if (f.product.empty() && w == "Windows" && (next == "10" || next == "11")) f.product = "Windows " + next;
    if (f.version.empty() && (w == "Version" || w == "version") && is_feature_version(next)) f.version = upper(next);
    if (f.arch == Arch::Unknown) f.arch = parse_arch(w).value_or(Arch::Unknown);
    if (f.kb.empty() && w.size() >= 8 && w.size() <= 10 && w.rfind("KB", 0) == 0 && all_digits(w.substr(2))) f.kb = w;
  }
  f.server = contains(title, "Server") || contains(title, "server operating system");
  f.dynamic = contains(title, "Dynamic");
  f.dotnet = contains(title, ".NET");
  f.hotpatch = contains(title, "Hotpatch");
  f.cumulative = contains(title, "Cumulative Update") && !f.dotnet;
  return f;
}

// The first reason the row does not fit, or empty.
std::string mismatch(const TitleFacts& f, const Target& t, std::string_view kb) {
  if (!kb.empty() && f.kb != kb) return f.kb.empty() ? "names no KB" : "a different update (" + f.kb + ")";
  if (f.dynamic) return "a Dynamic Update: for Windows setup media, not for an installed PC";
  if (t.server) return "this PC runs Windows Server; wufix matches Windows 10 and 11 client updates only";
  if (f.server) return "for Windows Server";
  if (f.product.empty()) return "not an update for Windows 10 or 11";
  if (f.product != t.product) return fmt::format("for {}; this PC is {}", f.product, t.product);
  if (f.version.empty()) return "the title names no Windows version";
  if (f.version != t.version) {
    return fmt::format("for version {}; this PC is {}", f.version, t.version);
  }
  if (f.arch == Arch::Unknown) return "the title names no architecture";
  if (f.arch != t.arch) return fmt::format("for {}; this PC is {}", to_string(f.arch), to_string(t.arch));
  if (f.hotpatch) return "a Hotpatch: only for PCs enrolled in hotpatching";
  return {};
}

// Lower is better: the cumulative update, then other packages, then .NET.
int rank(const TitleFacts& f) { return f.cumulative ? 0 : f.dotnet ? 2 : 1; }

std::optional<std::string> version_of_build(uint32_t build) {
  static const std::pair<uint32_t, const char*> kVersions[] = {
      {17763, "1809"}, {18362, "1903"}, {18363, "1909"}, {19041, "2004"}, {19042, "20H2"},
      {19043, "21H1"}, {19044, "21H2"}, {19045, "22H2"}, {22000, "21H2"}, {22621, "22H2"},
      {22631, "23H2"}, {26100, "24H2"}, {26200, "25H2"}};
  for (auto [b, v] : kVersions)
    if (b == build) return v;
  return std::nullopt;
}

Result<Target> auto_os(const Result<OsInfo>* os) {
  if (!os || !*os) {
    Error e = os ? os->error() : Error{0, "the Windows version is unknown", ""};
    e.what = "cannot tell this PC's Windows version (pass --os): " + e.what;
    return e;
  }
  const OsInfo& info = **os;
  auto build = build_number(info.build);
  if (!build) return Error{0, "cannot tell this PC's Windows build (pass --os)", info.build};
  Target t;
  t.product = *build >= 22000 ? "Windows 11" : "Windows 10";
  t.server = info.is_server();
  t.version = upper(info.display_version);
  if (t.version.empty()) t.version = version_of_build(*build).value_or("");
  if (t.version.empty()) {
    return Error{0, "cannot tell this PC's Windows version from build " + info.build + " (pass --os)", ""};
  }
  return t;
}

}  // namespace

std::string Target::label() const {
  return fmt::format("{} {} {}", server ? "Windows Server" : product, version, to_string(arch));
}

Result<Arch> parse_arch(std::string_view text) {
  std::string a = upper(std::string(text));
  if (a == "X64" || a == "AMD64") return Arch::X64;
  if (a == "ARM64") return Arch::Arm64;
  if (a == "X86") return Arch::X86;
  return Error{0, "unknown architecture (use auto, x64, arm64 or x86)", std::string(text)};
}

Result<Target> make_target(std::string_view os_option, std::string_view arch_option,
                           const Result<OsInfo>* os, Arch native) {
  Target t;
  if (os_option.empty() || os_option == "auto") {
    auto found = auto_os(os);
    if (!found) return found.error();
    t = *found;
  } else {
    std::string text = upper(std::string(os_option));  // "WIN11-24H2"
    bool well_formed = text.size() == 10 && text.rfind("WIN", 0) == 0 &&
                       (text.substr(3, 2) == "10" || text.substr(3, 2) == "11") && text[5] == '-' &&
                       is_feature_version(text.substr(6));
    if (!well_formed) {
      return Error{0, "unknown --os (use auto or winNN-VERSION: win10-22H2, win11-23H2, win11-24H2)",
                   std::string(os_option)};
    }
    t.product = "Windows " + text.substr(3, 2);
    t.version = text.substr(6);
  }
  if (arch_option.empty() || arch_option == "auto") {
    if (native == Arch::Unknown) return Error{0, "cannot tell this PC's architecture (pass --arch)", ""};
    t.arch = native;
  } else {
    auto arch = parse_arch(arch_option);
    if (!arch) return arch.error();
    t.arch = *arch;
  }
  return t;
}

std::optional<std::string> normalize_kb(std::string_view text) {
  std::string s = upper(std::string(text));
  if (s.rfind("KB", 0) == 0) s.erase(0, 2);
  if (s.size() < 6 || s.size() > 8) return std::nullopt;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return "KB" + s;
}

Selection select_row(const std::vector<CatalogRow>& rows, const Target& target, std::string_view kb) {
  Selection s;
  std::vector<TitleFacts> facts;
  for (const CatalogRow& row : rows) {
    facts.push_back(read_title(row.title));
    std::string why = mismatch(facts.back(), target, kb);
    s.verdicts.push_back({why.empty(), why});
  }
  int best = 3;
  for (size_t i = 0; i < rows.size(); ++i)
    if (s.verdicts[i].fits) best = std::min(best, rank(facts[i]));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (s.verdicts[i].fits && rank(facts[i]) > best) {
      s.verdicts[i] = {false, best == 0 ? "the cumulative update of this KB fits this PC and comes first"
                                        : "another package of this KB fits this PC and comes first"};
    }
  }
  std::vector<size_t> fitting;
  for (size_t i = 0; i < rows.size(); ++i)
    if (s.verdicts[i].fits) fitting.push_back(i);
  if (fitting.empty()) {
    s.reason = rows.empty() ? "the catalog has no update for this query"
                            : "no row is for " + target.label();
    return s;
  }
  // Two rows for the same PC: the newest wins; an exact tie is not guessed.
  std::sort(fitting.begin(), fitting.end(),
            [&](size_t a, size_t b) { return rows[a].last_updated > rows[b].last_updated; });
  if (fitting.size() > 1 && rows[fitting[0]].last_updated == rows[fitting[1]].last_updated) {
    for (size_t i : fitting) s.verdicts[i] = {false, "several rows fit equally well"};
    s.reason = "several rows fit " + target.label() + " equally well; pick one by its update id";
    return s;
  }
  s.chosen = fitting[0];
  for (size_t i = 1; i < fitting.size(); ++i) {
    s.verdicts[fitting[i]] = {false, "an older row for the same PC (" + rows[fitting[i]].last_updated + ")"};
  }
  return s;
}

}  // namespace wufix::catalog
