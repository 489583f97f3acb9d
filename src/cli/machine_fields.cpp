#include "cli/machine_fields.h"

#include "core/logs/text.h"
#include "core/time_text.h"

namespace wufix {

nlohmann::json computer_json(const Console& console, bool redact) {
  auto name = console.env("COMPUTERNAME");
  if (!name || name->empty()) return nullptr;
  return redact ? std::string(kRedactedComputer) : *name;
}

void add_machine_fields(nlohmann::json& doc, const Console& console, bool redact,
                        std::chrono::system_clock::time_point generated) {
  doc["computer"] = computer_json(console, redact);
  doc["wufix_version"] = WUFIX_VERSION;
  doc["generated_at"] = iso_utc(generated);
}

}  // namespace wufix
