// The names service start types and states carry in evidence and JSON (contracts).
#pragma once
#include "core/seam.h"

namespace wufix {

const char* to_string(StartType t);     // "automatic", "manual", "disabled", ...
const char* to_string(ServiceState s);  // "running", "stopped", "stop-pending", ...

// The inverses, for journals read back; Unknown for any other text.
StartType start_type_from_string(std::string_view text);
ServiceState service_state_from_string(std::string_view text);

}  // namespace wufix
