// The names service start types and states carry in evidence and JSON (contracts).
#pragma once
#include "core/seam.h"

namespace wufix {

const char* to_string(StartType t);     // "automatic", "manual", "disabled", ...
const char* to_string(ServiceState s);  // "running", "stopped", "stop-pending", ...

}  // namespace wufix
