// Which of an update's files this PC installs, and in what order. A dialog may list files for
// several architectures (older dialogs leave `architectures` empty: the file name says it,
// "-x64_", "-arm64-") and one file per language (a language-specific update: 40 .cab files
// and a neutral one); the PC takes the files of its architecture in its UI language plus the
// language-neutral ones. Order: a servicing stack update first, then by KB number (a 24H2
// checkpoint cumulative update before the update that needs it), then the catalog's order.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/pages.h"
#include "core/result.h"
#include "core/seam.h"

namespace wufix::catalog {

struct LanguageChoice {
  bool all = false;                 // --all-languages
  std::vector<std::string> wanted;  // lower-case tags, "de-de"; empty: neutral files only
};

struct SkippedFile {
  std::string file_name;
  std::string reason;
};

struct FileChoice {
  std::vector<CatalogFile> files;  // in the order to install them
  std::vector<SkippedFile> skipped;
};

// An Error when no file is left, saying which filter emptied the list.
Result<FileChoice> choose_files(const std::vector<CatalogFile>& files, Arch arch, const LanguageChoice& languages);

// From `architectures` ("AMD64", "ARM64", "X86") or the file name's words; Unknown when
// neither says, the name names several, or the two disagree.
Arch arch_of_file(const CatalogFile& file);
// `languages` is a comma list of tags ("de-de", "de", "pt-br,pt-pt"); a tag without region
// matches every region of its language, a tag with one matches exactly.
bool language_matches(std::string_view languages, std::string_view wanted);
// "--lang de-DE" -> "de-de"; nullopt for anything that is not letters-dash-letters.
std::optional<std::string> normalize_language(std::string_view tag);
// A Windows LANGID (the registry's InstallLanguage "0407") as a tag, "de-de"; nullopt when unknown.
std::optional<std::string> language_of_langid(uint16_t langid);

}  // namespace wufix::catalog
