#include "core/checks/reg_values.h"

#include <charconv>
#include <string_view>

#include <fmt/format.h>

#include "core/text.h"

namespace wufix::regval {
namespace {

// Registry strings may keep their terminating NUL(s) or stray blanks around them.
std::string_view trim_nuls_and_blanks(std::string_view s) {
  auto blank = [](char c) { return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<uint64_t> parse_number(std::string_view s) {
  s = trim_nuls_and_blanks(s);
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    base = 16;
  }
  if (s.empty()) return std::nullopt;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

std::optional<std::string> as_text(const RegValue& v) {
  switch (v.type) {
    case RegValue::Type::String:
    case RegValue::Type::ExpandString:
      return std::string(trim_nuls_and_blanks(v.text));
    case RegValue::Type::MultiString:
      for (const std::string& s : v.strings) {
        if (!trim_nuls_and_blanks(s).empty()) return std::string(trim_nuls_and_blanks(s));
      }
      return std::string();
    case RegValue::Type::Dword:
    case RegValue::Type::Qword:
      return std::to_string(v.number);
    default:
      return std::nullopt;
  }
}

std::optional<uint64_t> as_number(const RegValue& v) {
  switch (v.type) {
    case RegValue::Type::Dword:
    case RegValue::Type::Qword:
      return v.number;
    case RegValue::Type::String:
    case RegValue::Type::ExpandString:
      return parse_number(v.text);
    case RegValue::Type::Binary:
    case RegValue::Type::Other: {
      if (v.bytes.empty() || v.bytes.size() > 8) return std::nullopt;
      uint64_t n = 0;
      for (size_t i = v.bytes.size(); i-- > 0;) n = (n << 8) | v.bytes[i];
      return n;
    }
    default:
      return std::nullopt;
  }
}

bool is_set(const RegValue& v) {
  switch (v.type) {
    case RegValue::Type::Dword:
    case RegValue::Type::Qword:
      return v.number != 0;
    case RegValue::Type::String:
    case RegValue::Type::ExpandString:
      return !trim_nuls_and_blanks(v.text).empty();
    case RegValue::Type::MultiString:
      for (const std::string& s : v.strings) {
        if (!trim_nuls_and_blanks(s).empty()) return true;
      }
      return false;
    default:
      for (uint8_t b : v.bytes) {
        if (b != 0) return true;
      }
      return false;
  }
}

nlohmann::json to_json(const RegValue& v) {
  switch (v.type) {
    case RegValue::Type::String:
    case RegValue::Type::ExpandString:
      return std::string(trim_nuls_and_blanks(v.text));
    case RegValue::Type::MultiString:
      return v.strings;
    case RegValue::Type::Dword:
    case RegValue::Type::Qword:
      return v.number;
    default: {
      std::string hex;
      for (uint8_t b : v.bytes) hex += fmt::format("{:02x}", b);
      return hex;
    }
  }
}

namespace {

// UTF-16LE text from byte `pos` up to a NUL unit or the end (an odd last byte is dropped, as
// RegQueryValueExW's callers do); pos ends after the NUL.
std::string utf16_text(const std::vector<uint8_t>& b, size_t& pos) {
  size_t end = pos;
  while (end + 1 < b.size() && (b[end] | b[end + 1]) != 0) end += 2;
  std::string out;
  auto emit = [&](char32_t c) { append_utf8(out, c); };
  Utf16leDecoder decoder;
  decoder.feed({reinterpret_cast<const char*>(b.data()) + pos, end - pos}, emit);
  decoder.finish(emit);
  pos = end + 2;
  return out;
}

}  // namespace

RegValue from_raw(const RawRegValue& raw) {
  RegValue v;
  size_t pos = 0;
  if (raw.type == 1 || raw.type == 2) {
    v.type = raw.type == 1 ? RegValue::Type::String : RegValue::Type::ExpandString;
    v.text = utf16_text(raw.bytes, pos);
  } else if (raw.type == 7) {
    v.type = RegValue::Type::MultiString;
    // Empty strings inside the list are data (PendingFileRenameOperations' "delete" targets);
    // only the trailing ones are the list's terminator.
    while (pos + 1 < raw.bytes.size()) v.strings.push_back(utf16_text(raw.bytes, pos));
    while (!v.strings.empty() && v.strings.back().empty()) v.strings.pop_back();
  } else if ((raw.type == 4 && raw.bytes.size() == 4) || (raw.type == 11 && raw.bytes.size() == 8)) {
    v.type = raw.type == 4 ? RegValue::Type::Dword : RegValue::Type::Qword;
    for (size_t i = 0; i < raw.bytes.size(); ++i)
      v.number |= static_cast<uint64_t>(raw.bytes[i]) << (8 * i);
  } else {
    v.type = raw.type == 3 ? RegValue::Type::Binary : RegValue::Type::Other;
    v.bytes = raw.bytes;
  }
  return v;
}

}  // namespace wufix::regval
