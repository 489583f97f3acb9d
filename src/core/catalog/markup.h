// Small, strict helpers for the catalog's HTML and inline script: enough to read the known
// layout, never a general HTML parser. Anything unexpected is reported, not guessed around.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wufix::catalog {

// &amp; &lt; &gt; &quot; &#39; &#NN; &#xNN; &nbsp; decoded; unknown entities kept as written.
std::string decode_entities(std::string_view text);
// Tags removed, entities decoded, runs of whitespace collapsed to one space, trimmed.
std::string inner_text(std::string_view html);
// The position of the '<' of the element whose id attribute is exactly `id`, or npos.
size_t find_element(std::string_view html, std::string_view id);
// The value of attribute `name` in the tag starting at `tag_start`, entities decoded.
std::optional<std::string> attribute(std::string_view html, size_t tag_start, std::string_view name);
// From the '<' of an element to its matching close tag (same name, nesting counted):
// the content between the tags; nullopt when the close tag is missing (a truncated page).
std::optional<std::string_view> element_content(std::string_view html, size_t tag_start);
// Standard base64 (with padding); nullopt on any other character.
std::optional<std::vector<uint8_t>> decode_base64(std::string_view text);
std::string to_hex(const std::vector<uint8_t>& bytes);
std::optional<std::vector<uint8_t>> from_hex(std::string_view hex);

}  // namespace wufix::catalog
