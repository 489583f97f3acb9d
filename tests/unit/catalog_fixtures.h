// The catalog page fixtures (tests/fixtures/catalog) and their placeholders filled in:
// @BASE@ with a URL, @SHA1:name@ / @SHA256:name@ with base64 digests of the file contents.
#pragma once
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "fakes/fake_http.h"

namespace wufix::testing_catalog {

inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(WUFIX_SOURCE_DIR) + "/tests/fixtures/catalog/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (int k = 18; k >= 0; k -= 6) out += abc[(v >> k) & 63];
  }
  if (bytes.size() - i == 1) {
    uint32_t v = bytes[i] << 16;
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += abc[(v >> 18) & 63];
    out += abc[(v >> 12) & 63];
    out += abc[(v >> 6) & 63];
    out += "=";
  }
  return out;
}

inline void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// The fixture with @BASE@ = base and the digests of `contents` (file name -> bytes).
inline std::string download_page(const std::string& name, const std::string& base,
                                  const std::map<std::string, std::string>& contents) {
  std::string page = fixture(name);
  replace_all(page, "@BASE@", base);
  for (const auto& [file, data] : contents) {
    replace_all(page, "@SHA1:" + file + "@", base64(fakes::fake_digest(data, HashAlgorithm::Sha1)));
    replace_all(page, "@SHA256:" + file + "@", base64(fakes::fake_digest(data, HashAlgorithm::Sha256)));
  }
  return page;
}

}  // namespace wufix::testing_catalog
