#include "cli/build_info.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace wufix {

// Written at build time by cmake/build_info.cmake (generated/build_info_data.cpp).
extern const char* const kBuildCommit;
extern const char* const kBuildDate;

BuildInfo build_info(bool image_signed) {
  return {WUFIX_VERSION, kBuildCommit, kBuildDate, image_signed};
}

std::string version_line(const BuildInfo& info) {
  return fmt::format("wufix {} (commit {}, built {}, {})", info.version, info.commit, info.date,
                     info.is_signed ? "signed" : "unsigned");
}

nlohmann::json to_json(const BuildInfo& info) {
  return {{"version", info.version}, {"commit", info.commit}, {"built", info.date},
          {"signed", info.is_signed}};
}

}  // namespace wufix
