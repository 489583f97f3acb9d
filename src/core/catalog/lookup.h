// Finding a KB's update for a PC: search every page, judge every row, pick one (or say why
// none). `catalog search`, `catalog download` and `install` all pick through this.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/catalog/client.h"
#include "core/catalog/match.h"

namespace wufix::catalog {

struct Lookup {
  std::string kb;  // "KB5044284"
  Target target;
  SearchResult search;
  Selection selection;
  const CatalogRow* chosen() const;
};

Result<Lookup> look_up(CatalogClient& client, std::string_view kb, const Target& target);

// The files of one update id, from DownloadDialog.aspx.
Result<UpdateFiles> files_of(CatalogClient& client, const std::string& update_id);

nlohmann::json to_json(const Target& target);
nlohmann::json to_json(const CatalogRow& row);
nlohmann::json to_json(const Lookup& lookup);

}  // namespace wufix::catalog
