#include "core/error_codes.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/hresult.h"
#include "core/text.h"

namespace wufix {
namespace {

constexpr std::string_view kHeader = "code\tname\tdescription\tcause\tfix";
constexpr size_t kFields = 5;

Error table_error(size_t line, std::string_view problem) {
  return Error{0, "malformed error code table", fmt::format("line {}: {}", line, problem)};
}

// Splits on '\t'; nullopt unless there are exactly kFields fields.
std::optional<std::array<std::string_view, kFields>> split_fields(std::string_view line) {
  std::array<std::string_view, kFields> fields;
  size_t start = 0;
  for (size_t i = 0; i < kFields; ++i) {
    const size_t tab = line.find('\t', start);
    const bool last = i + 1 == kFields;
    if (last != (tab == std::string_view::npos)) return std::nullopt;
    fields[i] = line.substr(start, last ? std::string_view::npos : tab - start);
    start = tab + 1;
  }
  return fields;
}

// "0x" followed by exactly 8 upper-case hex digits: the one spelling the table uses.
std::optional<uint32_t> parse_table_code(std::string_view s) {
  if (s.size() != 10 || s.substr(0, 2) != "0x") return std::nullopt;
  uint32_t value = 0;
  for (char c : s.substr(2)) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    value = value << 4 | digit;
  }
  return value;
}

Result<CodeInfo> parse_code_row(std::string_view line, size_t line_no) {
  const auto fields = split_fields(line);
  if (!fields) {
    const auto tabs = std::count(line.begin(), line.end(), '\t');
    return table_error(line_no, fmt::format("expected 5 TAB-separated fields, found {}", tabs + 1));
  }
  const auto code = parse_table_code((*fields)[0]);
  if (!code) {
    return table_error(line_no, fmt::format("bad code '{}' (expected 0xXXXXXXXX, upper-case hex)",
                                            (*fields)[0]));
  }
  if ((*fields)[2].empty()) return table_error(line_no, "empty description");
  return CodeInfo{*code, std::string((*fields)[1]), std::string((*fields)[2]),
                  std::string((*fields)[3]), std::string((*fields)[4])};
}

std::vector<CodeInfo> load_embedded_table() {
  auto table = parse_code_table(kErrorCodesTsv);
  // Unreachable in a tested build (see the header); an empty table degrades to "unknown code".
  return table ? std::move(*table) : std::vector<CodeInfo>{};
}

}  // namespace

Result<std::vector<CodeInfo>> parse_code_table(std::string_view tsv) {
  size_t pos = 0;
  if (next_line(tsv, pos) != kHeader) {
    return table_error(1, "expected the header 'code<TAB>name<TAB>description<TAB>cause<TAB>fix'");
  }
  std::vector<CodeInfo> rows;
  std::map<uint32_t, size_t> line_of_code;  // to name both lines of a duplicate
  for (size_t line_no = 2; pos < tsv.size(); ++line_no) {
    auto row = parse_code_row(next_line(tsv, pos), line_no);
    if (!row) return row.error();
    const auto [it, inserted] = line_of_code.emplace(row->code, line_no);
    if (!inserted) {
      return table_error(line_no, fmt::format("duplicate code {} (first on line {})",
                                              format_hresult(row->code), it->second));
    }
    rows.push_back(std::move(*row));
  }
  std::sort(rows.begin(), rows.end(),
            [](const CodeInfo& a, const CodeInfo& b) { return a.code < b.code; });
  return rows;
}

const std::vector<CodeInfo>& all_codes() {
  static const std::vector<CodeInfo> table = load_embedded_table();
  return table;
}

const CodeInfo* find_code(uint32_t hresult) {
  const auto& table = all_codes();
  const auto it = std::lower_bound(table.begin(), table.end(), hresult,
                                   [](const CodeInfo& row, uint32_t code) { return row.code < code; });
  return it != table.end() && it->code == hresult ? &*it : nullptr;
}

}  // namespace wufix
