#pragma once
#include <string>
#include <vector>

#include "core/seam.h"
#include "core/seam_upkeep.h"

namespace wufix {

// Parses argv (UTF-8, without the program name), runs the chosen command, returns the exit code.
// `image_signed`: the entry point found an Authenticode signature on its own executable.
// `upkeep`: the capabilities beside System that cleanup uses (none on Linux).
int run_cli(const std::vector<std::string>& args, System& sys, bool image_signed = false,
            Upkeep upkeep = {});

}  // namespace wufix
