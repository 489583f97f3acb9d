#pragma once
#include <string>
#include <vector>

#include "core/seam.h"

namespace wufix {

// Parses argv (UTF-8, without the program name), runs the chosen command, returns the exit code.
// `image_signed`: the entry point found an Authenticode signature on its own executable.
int run_cli(const std::vector<std::string>& args, System& sys, bool image_signed = false);

}  // namespace wufix
