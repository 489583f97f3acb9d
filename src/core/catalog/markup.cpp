#include "core/catalog/markup.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/text.h"

namespace wufix::catalog {
namespace {

std::optional<uint32_t> numeric_entity(std::string_view body) {  // "#39" or "#x27"
  if (body.size() < 2 || body[0] != '#') return std::nullopt;
  bool hex = body[1] == 'x' || body[1] == 'X';
  std::string_view digits = body.substr(hex ? 2 : 1);
  uint32_t cp = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
  if (ec != std::errc() || end != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF) {
    return std::nullopt;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0xFFFD;  // a lone surrogate is no character
  return cp;
}

// The tag name at html[pos] == '<' (lower-case), without a leading '/'.
std::string tag_name(std::string_view html, size_t pos) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') ++i;
  std::string name;
  while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i])))
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i++])));
  return name;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  // The longest entity decoded is "&#x10FFFF;": looking no further than this keeps a page
  // full of '&' without ';' linear.
  constexpr size_t kMaxEntityBody = 9;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    size_t semi = text[i] == '&' ? text.substr(i + 1, kMaxEntityBody + 1).find(';') : std::string_view::npos;
    if (semi == std::string_view::npos) {
      out += text[i];
      continue;
    }
    std::string_view body = text.substr(i + 1, semi);
    std::optional<uint32_t> cp;
    if (body == "amp") cp = '&';
    else if (body == "lt") cp = '<';
    else if (body == "gt") cp = '>';
    else if (body == "quot") cp = '"';
    else if (body == "apos") cp = '\'';
    else if (body == "nbsp") cp = ' ';
    else cp = numeric_entity(body);
    if (!cp) {
      out += text[i];
      continue;
    }
    append_utf8(out, *cp);
    i += semi + 1;
  }
  return out;
}

std::string inner_text(std::string_view html) {
  std::string raw;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) raw += c;
    if (c == '>') {
      in_tag = false;
      raw += ' ';  // <br> and cell borders separate words
    }
  }
  std::string decoded = decode_entities(raw);
  std::string out;
  for (char c : decoded) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

// Whether html[at] starts id="ID" or id='ID'.
bool id_attribute_at(std::string_view html, size_t at, std::string_view id) {
  if (html.substr(at, 3) != "id=" || at + 4 + id.size() >= html.size()) return false;
  char quote = html[at + 3];
  return (quote == '"' || quote == '\'') && html.substr(at + 4, id.size()) == id &&
         html[at + 4 + id.size()] == quote;
}

}  // namespace

size_t find_element(std::string_view html, std::string_view id) {
  // One pass, remembering the '<' of the tag we are in: linear whatever the page holds.
  size_t open = std::string_view::npos;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      open = i;
    } else if (c == '>') {
      open = std::string_view::npos;
    } else if (c == 'i' && open != std::string_view::npos &&
               std::isspace(static_cast<unsigned char>(html[i - 1])) && id_attribute_at(html, i, id)) {
      return open;  // the attribute follows the tag name or a previous attribute
    }
  }
  return std::string_view::npos;
}

std::optional<std::string> attribute(std::string_view html, size_t tag_start, std::string_view name) {
  size_t end = html.find('>', tag_start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view tag = html.substr(tag_start, end - tag_start);
  for (size_t i = 0; i + name.size() < tag.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(tag[i]))) continue;
    std::string_view candidate = tag.substr(i + 1, name.size());
    size_t eq = i + 1 + name.size();
    if (!ascii_iequal(candidate, name) || eq >= tag.size() || tag[eq] != '=') continue;
    if (eq + 1 >= tag.size()) return std::nullopt;
    char quote = tag[eq + 1];
    if (quote != '"' && quote != '\'') return std::nullopt;
    size_t close = tag.find(quote, eq + 2);
    if (close == std::string_view::npos) return std::nullopt;
    return decode_entities(tag.substr(eq + 2, close - eq - 2));
  }
  return std::nullopt;
}

std::optional<std::string_view> element_content(std::string_view html, size_t tag_start) {
  std::string name = tag_name(html, tag_start);
  size_t open_end = html.find('>', tag_start);
  if (name.empty() || open_end == std::string_view::npos) return std::nullopt;
  int depth = 1;
  for (size_t i = html.find('<', open_end); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (tag_name(html, i) != name) continue;
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    depth += closing ? -1 : 1;
    if (depth == 0) return html.substr(open_end + 1, i - open_end - 1);
  }
  return std::nullopt;
}

std::optional<std::vector<uint8_t>> decode_base64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) return std::nullopt;
  std::vector<uint8_t> out;
  uint32_t acc = 0;
  int bits = 0;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=') {
      if (i + 2 < text.size()) return std::nullopt;  // '=' only in the last two places
      ++padding;
      continue;
    }
    int v = value(text[i]);
    if (v < 0 || padding > 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> bits));
    }
  }
  return out;
}

std::string to_hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  for (uint8_t b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

std::optional<std::vector<uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::vector<uint8_t> out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    uint8_t b = 0;
    auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, b, 16);
    if (ec != std::errc() || end != hex.data() + i + 2) return std::nullopt;
    out.push_back(b);
  }
  return out;
}

}  // namespace wufix::catalog
