// ScopedViewInline.aspx?updateid=GUID: an update's details page. wufix reads one thing from
// it: "This update has been replaced by the following updates" (<div id="supersededbyInfo">),
// a link per newer update or the text "n/a".
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace wufix::catalog {

struct Replacement {
  std::string update_id;  // lower-case GUID
  std::string title;
};

// The updates that replace this one (empty: none, "n/a"). A page without the element, or a
// link that is not a details link of a GUID, is not understood.
Result<std::vector<Replacement>> parse_superseded_by(std::string_view html, std::string_view url);

}  // namespace wufix::catalog
