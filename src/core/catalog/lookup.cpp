#include "core/catalog/lookup.h"

#include <cctype>

#include "core/json_schema.h"

namespace wufix::catalog {

const CatalogRow* Lookup::chosen() const {
  return selection.chosen ? &search.rows[*selection.chosen] : nullptr;
}

Result<Lookup> look_up(CatalogClient& client, std::string_view kb, const Target& target) {
  Lookup lookup;
  lookup.kb = std::string(kb);
  lookup.target = target;
  auto found = client.search(kb);
  if (!found) return found.error();
  lookup.search = std::move(*found);
  lookup.selection = select_row(lookup.search.rows, target, kb);
  if (lookup.search.rows.empty()) lookup.selection.reason = "the Update Catalog has no update " + lookup.kb;
  return lookup;
}

Result<UpdateFiles> files_of(CatalogClient& client, const std::string& update_id) {
  std::string id = update_id;
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto all = client.files({id});
  if (!all) return all.error();
  for (UpdateFiles& u : *all) {
    std::string got = u.update_id;
    for (char& c : got) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (got == id) return std::move(u);
  }
  return Error{kCatalogNotFound, "the catalog's download list does not include update " + id,
               client.policy().catalog_base() + "/DownloadDialog.aspx"};
}

nlohmann::json to_json(const Target& t) {
  return {{"product", t.product},
          {"version", t.version},
          {"edition", t.edition.empty() ? nlohmann::json() : nlohmann::json(t.edition)},
          {"label", t.label()},
          {"arch", to_string(t.arch)}};
}

nlohmann::json to_json(const CatalogRow& r) {
  return {{"update_id", r.update_id},
          {"title", r.title},
          {"products", r.products},
          {"classification", r.classification},
          {"last_updated", r.last_updated},
          {"version", r.version},
          {"size", r.size_text},
          {"size_bytes", r.size_bytes ? nlohmann::json(*r.size_bytes) : nlohmann::json()}};
}

nlohmann::json to_json(const Lookup& l) {
  nlohmann::json updates = nlohmann::json::array();
  for (size_t i = 0; i < l.search.rows.size(); ++i) {
    nlohmann::json row = to_json(l.search.rows[i]);
    const RowVerdict& v = l.selection.verdicts[i];
    row["match"] = l.selection.chosen == i;
    row["prerequisite"] = l.selection.chosen && l.selection.prerequisite == i;
    row["mismatch"] = v.fits ? nlohmann::json() : nlohmann::json(v.reason);
    updates.push_back(row);
  }
  const CatalogRow* c = l.chosen();
  return {{"schema", kJsonSchema},
          {"query", l.kb},
          {"url", l.search.url},
          {"pages", l.search.pages},
          {"target", to_json(l.target)},
          {"match", c ? nlohmann::json(c->update_id) : nlohmann::json()},
          {"prerequisite", c && l.selection.prerequisite ? nlohmann::json(l.search.rows[*l.selection.prerequisite].update_id)
                                                         : nlohmann::json()},
          {"reason", c ? nlohmann::json() : nlohmann::json(l.selection.reason)},
          {"updates", updates}};
}

}  // namespace wufix::catalog
