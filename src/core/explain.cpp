#include "core/explain.h"

#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/ascii.h"

namespace wufix {
namespace {

// Empty text is "nothing to say", which JSON consumers test more easily as null.
nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

Result<std::vector<Explanation>> explain_codes(const std::vector<std::string>& inputs) {
  std::vector<Explanation> out;
  out.reserve(inputs.size());
  for (const auto& input : inputs) {
    auto split = split_extend_code(input);
    const auto code = parse_code(split ? split->first : std::string_view(input));
    if (!code) return code.error();
    out.push_back(Explanation{std::string(trim(input)), decode_hresult(*code), find_code(*code), {}});
    if (split) out.back().extend = describe_extend_code(split->second);
  }
  return out;
}

nlohmann::json explanation_json(const Explanation& e) {
  const DecodedHresult& d = e.decoded;
  static const CodeInfo kUnknown{};
  const CodeInfo& info = e.info ? *e.info : kUnknown;
  nlohmann::json j;
  j["input"] = e.input;
  j["hresult"] = format_hresult(d.hresult);
  j["known"] = e.info != nullptr;
  j["name"] = text_or_null(info.name);
  j["facility"] = text_or_null(d.facility_name);
  j["facility_code"] = d.facility;
  j["code"] = d.code;
  j["severity"] = d.failure ? "failure" : "success";
  j["customer"] = d.customer;
  j["ntstatus_mapped"] = d.ntstatus_mapped;
  j["win32"] = d.win32 ? nlohmann::json(*d.win32) : nlohmann::json(nullptr);
  j["description"] = text_or_null(info.description);
  j["cause"] = text_or_null(info.cause);
  j["fix"] = text_or_null(info.fix);
  j["extend_code"] = nullptr;
  if (e.extend)
    j["extend_code"] = {{"code", format_extend_code(e.extend->code)},
                        {"phase", e.extend->phase},
                        {"operation", text_or_null(e.extend->operation)}};
  return j;
}

}  // namespace wufix
