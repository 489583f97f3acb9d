// --ntp-server HOST[:PORT], shared by diagnose and repair: parsed once, as CLI11 reads it, so a
// bad server is a usage error (exit 2) before anything runs.
#pragma once
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "core/sntp.h"

namespace wufix {

inline CLI::Option* add_ntp_server_option(CLI::App& sub, std::string& host, uint16_t& port,
                                          const std::string& help) {
  return sub.add_option_function<std::string>(
      "--ntp-server",
      [&host, &port](const std::string& text) {
        auto server = parse_ntp_server(text);
        if (!server) throw CLI::ValidationError("--ntp-server", server.error().message());
        host = server->first;
        port = server->second;
      },
      help);
}

}  // namespace wufix
