#include "core/findings.h"

namespace wufix {

namespace {
CheckResult make(std::string id, CheckStatus status, std::string reason = {}) {
  CheckResult r;
  r.id = std::move(id);
  r.status = status;
  r.reason = std::move(reason);
  return r;
}
}  // namespace

CheckResult check_ok(std::string id) { return make(std::move(id), CheckStatus::Ok); }

CheckResult check_skipped(std::string id, std::string reason) {
  return make(std::move(id), CheckStatus::Skipped, std::move(reason));
}

CheckResult check_error(std::string id, Error error) {
  CheckResult r = make(std::move(id), CheckStatus::Error, error.message());
  r.error = std::move(error);
  return r;
}

CheckResult check_with(std::string id, std::vector<Finding> findings) {
  CheckResult r = make(std::move(id), findings.empty() ? CheckStatus::Ok : CheckStatus::Finding);
  r.findings = std::move(findings);
  return r;
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

const char* to_string(CheckStatus s) {
  switch (s) {
    case CheckStatus::Ok: return "ok";
    case CheckStatus::Finding: return "finding";
    case CheckStatus::Skipped: return "skipped";
    case CheckStatus::Error: return "error";
  }
  return "error";
}

bool is_problem(Severity s) { return s != Severity::Info; }

nlohmann::json to_json(const Finding& f) {
  return {{"id", f.id},
          {"severity", to_string(f.severity)},
          {"summary", f.summary},
          {"evidence", f.evidence},
          {"fix", f.fix ? nlohmann::json(*f.fix) : nlohmann::json(nullptr)},
          {"advice", f.advice.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.advice)}};
}

nlohmann::json to_json(const CheckResult& c) {
  nlohmann::json j = {{"id", c.id},
                      {"status", to_string(c.status)},
                      {"reason", c.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.reason)}};
  if (c.error) j["error"] = {{"code", c.error->code}, {"message", c.error->message()}};
  return j;
}

}  // namespace wufix
