// The setupact.log / setuperr.log reader: SetupDiag's most common findings, from the lines
// themselves. Setup repeats its final code up the call chain (ExecuteInstallMode,
// ExecuteDownlevelMode, ...); the collector folds those into one cause with its count.
#include "core/logs/setup_log.h"

#include <array>
#include <string>

#include "core/logs/cbs_log.h"
#include "core/logs/log_parser.h"
#include "core/logs/markers.h"
#include "core/logs/text.h"

namespace wufix {

const char* setup_failure_class(uint32_t code) {
  switch (code) {
    case 0xC1900101u: return "driver-rollback";
    case 0xC1900208u:
    case 0xC1900209u: return "incompatible-app";
    case 0xC1900200u:
    case 0xC1900201u:
    case 0xC1900202u: return "minimum-requirements";
    case 0x80070070u:
    case 0xC190020Cu:
    case 0xC190020Eu:
    case 0xC19001DFu: return "disk-space";
    case 0x8007042Bu: return "migration-failed";
    case 0xC1900107u: return "cleanup-pending";
    case 0x800F0922u: return "reserved-partition";
    default: return "setup-error";
  }
}

bool is_benign_setup_code(uint32_t code) {
  return code == 0xC1800104u   // WINDLP_E_OPERATION_COMPLETED: a download step suspended
         || code == 0x800704D3u;  // ERROR_REQUEST_ABORTED: the same suspend chain
}

bool is_setup_component(std::string_view c) {
  static constexpr std::array<std::string_view, 9> kSetup = {
      "MOUPG", "SP", "MIG", "CONX", "SYSPRP", "PANTHR", "SETUPPLAT", "IBS", "SetupHost"};
  for (std::string_view s : kSetup)
    if (c == s) return true;
  return false;
}

namespace {


// "oem42.inf", "xyz.sys" in a line about a driver: the driver a rollback most likely names.
std::string_view driver_in(std::string_view m) {
  if (!contains_word(m, "driver") && !contains_word(m, "crash")) return {};
  for (std::string_view ext : {".sys", ".inf"}) {
    size_t at = m.find(ext);
    if (at == std::string_view::npos || at == 0) continue;
    size_t start = at;
    while (start > 0 && m[start - 1] != ' ' && m[start - 1] != '\\' && m[start - 1] != '"' &&
           m[start - 1] != '\'' && m[start - 1] != ':' && m[start - 1] != '(' && at - start < 100)
      --start;
    if (start < at) return m.substr(start, at + ext.size() - start);
  }
  return {};
}

// The hardware requirement a compatibility line says is missing.
std::string_view requirement_in(std::string_view m) {
  if (!contains_word(m, "fail") && !contains_word(m, "not ") && !contains_word(m, "block") &&
      !contains_word(m, "false"))
    return {};
  if (contains_word(m, "tpm")) return "TPM 2.0";
  if (contains_word(m, "secureboot") || contains_word(m, "secure boot")) return "Secure Boot";
  if (contains_word(m, "processor") || contains_word(m, "cpu")) return "processor";
  if (contains_word(m, "memory") || contains_word(m, "ram ")) return "memory";
  return {};
}

class SetupParser : public LogParser {
 public:
  SetupParser(std::string source, CauseCollector& out) : source_(std::move(source)), out_(out) {}

  bool line(std::string_view raw, uint64_t number) override {
    auto l = split_cbs_line(raw);
    if (!l) return false;
    std::string_view m = l->message;
    if (std::string_view d = driver_in(m); !d.empty()) driver_ = clean_text(d, 100);
    if (std::string_view r = requirement_in(m); !r.empty()) requirement_ = r;
    bool error = l->level == "Error" || l->level == "Fatal";
    // Info lines count only when they state the final result ("Error = 0xC1900101-0x30018").
    if (!error && !contains_word(m, "rollback") && !contains_word(m, "error =")) return true;
    auto mark = find_code_mark(m);
    if (!mark || is_benign_setup_code(mark->code)) return true;
    Cause c;
    c.kind = cause_kind::kFeatureUpdate;
    c.code = mark->code;
    c.name = clean_text(mark->name, kFieldBytes);
    c.extend_code = mark->extend;
    c.failure_class = setup_failure_class(mark->code);
    c.source_log = source_;
    c.line = number;
    c.time = iso_local_time(l->stamp).value_or("");
    c.component = clean_text(l->component, 100);
    c.operation = clean_text(trim(m.substr(0, mark->at)), kFieldBytes);
    c.excerpt = clean_text(raw, 600);
    if (c.failure_class == std::string("driver-rollback")) c.file = driver_;
    if (c.failure_class == std::string("minimum-requirements") && !requirement_.empty())
      c.operation = "minimum requirement not met: " + std::string(requirement_);
    out_.add(std::move(c));
    return true;
  }

 private:
  std::string source_;
  CauseCollector& out_;
  std::string driver_;            // the last driver a line named
  std::string_view requirement_;  // the last requirement found missing (a literal)
};

}  // namespace

std::unique_ptr<LogParser> make_setup_parser(std::string source, CauseCollector& out) {
  return std::make_unique<SetupParser>(std::move(source), out);
}

}  // namespace wufix
