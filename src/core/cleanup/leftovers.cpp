#include "core/cleanup/leftovers.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/ascii.h"
#include "core/repair/journal.h"

namespace wufix {
namespace {

// qmgr0.dat, qmgr1.dat, qmgr.db-less names: what reset's BITS queue rename takes.
bool is_queue_file(std::string_view base) {
  if (base.size() < 8 || base.substr(0, 4) != "qmgr" || !base.ends_with(".dat")) return false;
  std::string_view middle = base.substr(4, base.size() - 8);
  return std::all_of(middle.begin(), middle.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool known_base(std::string_view base) {
  return base == "softwaredistribution" || base == "catroot2" || is_queue_file(base);
}

// "<run-id>" or "<run-id>-N" (unused_name's counter).
std::optional<std::string> run_id_with_counter(std::string_view rest) {
  if (rest.size() < 20 || !valid_run_id(rest.substr(0, 20))) return std::nullopt;
  std::string_view counter = rest.substr(20);
  if (!counter.empty()) {
    if (counter.size() < 2 || counter.size() > 4 || counter[0] != '-') return std::nullopt;
    if (!std::all_of(counter.begin() + 1, counter.end(),
                     [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
  }
  return std::string(rest.substr(0, 20));
}

}  // namespace

std::optional<AsideName> parse_aside_name(std::string_view entry) {
  std::string name = ascii_lower(entry);
  if (name.ends_with(".old")) {
    std::string base = name.substr(0, name.size() - 4);
    if (!known_base(base)) return std::nullopt;
    return AsideName{base, AsideName::Tag::Old, ""};
  }
  struct TagText {
    const char* text;
    AsideName::Tag tag;
  };
  for (TagText t : {TagText{".wufix-undo-", AsideName::Tag::WufixUndo},
                    TagText{".wufix-", AsideName::Tag::Wufix}}) {
    size_t at = name.rfind(t.text);
    if (at == std::string::npos) continue;
    std::string base = name.substr(0, at);
    auto run = run_id_with_counter(std::string_view(name).substr(at + strlen(t.text)));
    if (!run || !known_base(base)) return std::nullopt;
    return AsideName{base, t.tag, *run};
  }
  return std::nullopt;
}

Result<std::vector<Leftover>> find_leftovers(const System& sys) {
  const std::string windows = sys.platform->windows_dir();
  struct Place {
    std::string dir;
    bool required;
    bool (*fits)(std::string_view base);
  };
  const Place places[] = {
      {windows, true, [](std::string_view b) { return b == "softwaredistribution"; }},
      {windows + "\\System32", true, [](std::string_view b) { return b == "catroot2"; }},
      {sys.platform->program_data_dir() + "\\Microsoft\\Network\\Downloader", false,
       [](std::string_view b) { return is_queue_file(b); }},
  };
  std::vector<Leftover> found;
  for (const Place& place : places) {
    auto entries = sys.files->list(place.dir);
    if (!entries) {
      if (place.required) return entries.error();
      continue;
    }
    std::sort(entries->begin(), entries->end());
    for (const std::string& entry : *entries) {
      auto name = parse_aside_name(entry);
      if (!name || !place.fits(name->base)) continue;
      Leftover item{place.dir + "\\" + entry, *name, std::nullopt, ""};
      if (auto bytes = sys.files->tree_size(item.path)) item.bytes = *bytes;
      else item.size_error = bytes.error().message();
      found.push_back(std::move(item));
    }
  }
  return found;
}

}  // namespace wufix
