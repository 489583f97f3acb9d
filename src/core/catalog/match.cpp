#include "core/catalog/match.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/catalog/versions.h"
#include "core/os_info.h"

namespace wufix::catalog {
namespace {

struct TitleFacts {
  std::string product;  // "Windows 10", "Windows 11", "Windows Server" or empty
  std::string version;  // upper-case feature version or Server key, empty when the title names none
  Arch arch = Arch::Unknown;
  std::string kb;
  bool dynamic = false, dotnet = false, hotpatch = false, cumulative = false, ssu = false;
};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

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

// "Windows Server 2019 ..." and "Microsoft server operating system version 21H2 ..." (2022, 2025).
void read_server(const std::vector<std::string>& words, TitleFacts& f) {
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string& next = words[i + 1];
    if (w == "Server" && next.size() == 4 && all_digits(next) && i > 0 && words[i - 1] == "Windows") {
      f.product = "Windows Server";
      f.version = server_key(next);
      return;
    }
    if ((w == "server" || w == "Server") && next == "operating") {
      f.product = "Windows Server";
      for (size_t j = i + 2; j + 1 < words.size(); ++j)
        if ((words[j] == "version" || words[j] == "Version") && is_feature_version(words[j + 1])) {
          f.version = upper(words[j + 1]);
          break;
        }
      return;
    }
  }
}

TitleFacts read_title(const std::string& title) {
  TitleFacts f;
  std::vector<std::string> words = words_of(title);
  read_server(words, f);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const std::string next = i + 1 < words.size() ? words[i + 1] : "";
    if (f.product.empty() && w == "Windows" && (next == "10" || next == "11")) f.product = "Windows " + next;
    if (f.version.empty() && (w == "Version" || w == "version") && is_feature_version(next)) f.version = upper(next);
    if (f.arch == Arch::Unknown) f.arch = parse_arch(w).value_or(Arch::Unknown);
    if (f.kb.empty() && w.size() >= 8 && w.size() <= 10 && w.rfind("KB", 0) == 0 && all_digits(w.substr(2))) f.kb = w;
  }
  f.dynamic = contains(title, "Dynamic");
  f.dotnet = contains(title, ".NET");
  f.hotpatch = contains(title, "Hotpatch");
  f.ssu = contains(title, "Servicing Stack Update");
  f.cumulative = contains(title, "Cumulative Update") && !f.dotnet;
  return f;
}

std::string product_label(const std::string& product, const std::string& version) {
  return product == "Windows Server" ? server_label(version) : product;
}

// The first reason the row does not fit, or empty. A title naming no architecture fits on
// the other facts; its files' architectures decide later (file_select.h).
std::string mismatch(const TitleFacts& f, const CatalogRow& row, const Target& t, std::string_view kb) {
  if (!kb.empty() && f.kb != kb) return f.kb.empty() ? "names no KB" : "a different update (" + f.kb + ")";
  if (f.dynamic) return "a Dynamic Update: for Windows setup media, not for an installed PC";
  if (f.product.empty()) {
    return fmt::format("not an update for Windows 10, 11 or Server ({})", row.products.empty() ? "no product" : row.products);
  }
  if (f.product != t.product) {
    return fmt::format("for {}; this PC is {}", product_label(f.product, f.version), product_label(t.product, t.version));
  }
  if (f.version.empty()) return "the title names no Windows version";
  if (f.version != t.version) {
    if (t.server()) return fmt::format("for {}; this PC is {}", server_label(f.version), server_label(t.version));
    return fmt::format("for version {}; this PC is {}", f.version, t.version);
  }
  if (f.arch != Arch::Unknown && f.arch != t.arch) {
    return fmt::format("for {}; this PC is {}", to_string(f.arch), to_string(t.arch));
  }
  if (f.hotpatch) return "a Hotpatch: only for PCs enrolled in hotpatching";
  return {};
}

// Lower is better: the cumulative update, then other packages, then .NET; a row naming the
// architecture before one that does not.
int rank(const TitleFacts& f) {
  int kind = f.cumulative ? 0 : f.dotnet ? 2 : 1;
  return kind * 2 + (f.arch == Arch::Unknown ? 1 : 0);
}

Result<Target> unknown_build(const OsInfo& info, uint32_t build, bool server) {
  std::string display = upper(info.display_version);
  if (!is_feature_version(display)) {
    return Error{0, fmt::format("wufix does not know Windows build {} and this PC names no version (DisplayVersion); "
                                "pass --os", build), info.build};
  }
  Target t;
  t.product = server ? "Windows Server" : is_windows11_build(build) ? "Windows 11" : "Windows 10";
  t.version = display;
  return t;
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
  bool server = info.is_server() || contains(info.product, "Server");
  auto known = known_build(*build);
  if (!known || (server ? known->server.empty() : known->client_version.empty())) {
    return unknown_build(info, *build, server);
  }
  Target t;
  if (server) {
    t.product = "Windows Server";
    t.version = server_key(known->server);
    return t;
  }
  t.product = is_windows11_build(*build) ? "Windows 11" : "Windows 10";
  t.version = std::string(known->client_version);
  // EnterpriseS, IoTEnterpriseS: the long-term servicing editions.
  if (!known->ltsc.empty() && info.edition.size() > 1 && info.edition.back() == 'S' &&
      contains(info.edition, "Enterprise")) {
    t.edition = std::string(known->ltsc);
  }
  return t;
}

// --os server2016, ltsc2019 ...: a release by name.
std::optional<Target> named_release(const std::string& text) {  // upper-case
  static const std::pair<const char*, uint32_t> kNamed[] = {
      {"SERVER2016", 14393}, {"SERVER2019", 17763}, {"SERVER2022", 20348}, {"SERVER2025", 26100},
      {"LTSB2015", 10240},   {"LTSB2016", 14393},   {"LTSC2019", 17763},   {"LTSC2021", 19044},
      {"LTSC2024", 26100}};
  for (auto [name, build] : kNamed) {
    if (text != name) continue;
    KnownBuild b = *known_build(build);
    Target t;
    if (text.rfind("SERVER", 0) == 0) {
      t.product = "Windows Server";
      t.version = server_key(b.server);
    } else {
      t.product = is_windows11_build(build) ? "Windows 11" : "Windows 10";
      t.version = std::string(b.client_version);
      t.edition = std::string(b.ltsc);
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace

std::string Target::label() const {
  if (server()) return fmt::format("{} {}", server_label(version), to_string(arch));
  if (!edition.empty()) return fmt::format("{} {} ({}) {}", product, edition, version, to_string(arch));
  return fmt::format("{} {} {}", product, version, to_string(arch));
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
  } else if (auto named = named_release(upper(std::string(os_option)))) {
    t = *named;
  } else {
    std::string text = upper(std::string(os_option));  // "WIN11-24H2"
    bool well_formed = text.size() == 10 && text.rfind("WIN", 0) == 0 &&
                       (text.substr(3, 2) == "10" || text.substr(3, 2) == "11") && text[5] == '-' &&
                       is_feature_version(text.substr(6));
    if (!well_formed) {
      return Error{0, "unknown --os (use auto, winNN-VERSION such as win10-22H2 or win11-24H2, server2016, server2019, "
                   "server2022, server2025, ltsb2016, ltsc2019, ltsc2021 or ltsc2024)",
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
    std::string why = mismatch(facts.back(), row, target, kb);
    s.verdicts.push_back({why.empty(), why});
  }
  // A servicing stack update for this PC is not the update asked for: it goes first.
  std::vector<size_t> stacks;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (s.verdicts[i].fits && facts[i].ssu) {
      stacks.push_back(i);
      s.verdicts[i] = {false, "a servicing stack update: installed before the update for this PC"};
    }
  }
  int best = 100;
  for (size_t i = 0; i < rows.size(); ++i)
    if (s.verdicts[i].fits) best = std::min(best, rank(facts[i]));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (s.verdicts[i].fits && rank(facts[i]) > best) {
      s.verdicts[i] = {false, best / 2 == 0 && rank(facts[i]) / 2 > 0
                                  ? "the cumulative update of this KB fits this PC and comes first"
                                  : "another package of this KB fits this PC and comes first"};
    }
  }
  std::vector<size_t> fitting;
  for (size_t i = 0; i < rows.size(); ++i)
    if (s.verdicts[i].fits) fitting.push_back(i);
  if (fitting.empty() && !stacks.empty()) {  // the KB is the servicing stack update itself
    fitting = stacks;
    for (size_t i : stacks) s.verdicts[i] = {true, ""};
    stacks.clear();
  }
  if (fitting.empty()) {
    s.reason = rows.empty() ? "the catalog has no update for this query"
                            : "no row is for " + target.label();
    return s;
  }
  // Two rows for the same PC: the newest wins; an exact tie is not guessed.
  auto newest_first = [&](size_t a, size_t b) { return rows[a].last_updated > rows[b].last_updated; };
  std::sort(fitting.begin(), fitting.end(), newest_first);
  if (fitting.size() > 1 && rows[fitting[0]].last_updated == rows[fitting[1]].last_updated) {
    for (size_t i : fitting) s.verdicts[i] = {false, "several rows fit equally well"};
    s.reason = "several rows fit " + target.label() + " equally well; pick one by its update id";
    return s;
  }
  s.chosen = fitting[0];
  for (size_t i = 1; i < fitting.size(); ++i) {
    s.verdicts[fitting[i]] = {false, "an older row for the same PC (" + rows[fitting[i]].last_updated + ")"};
  }
  if (!stacks.empty()) {
    std::sort(stacks.begin(), stacks.end(), newest_first);
    s.prerequisite = stacks[0];
  }
  return s;
}

}  // namespace wufix::catalog
