// ReportingEvents.log lines as Windows writes them (formats.md (e) and (m)): 13 TAB-separated
// fields, UTF-16LE on disk. Defaults describe a failed cumulative update install.
#pragma once
#include <chrono>
#include <string>

namespace wufix::testing_logs {

using sys_time = std::chrono::system_clock::time_point;

struct Line {
  std::string guid = "{6F1D2A3B-5C4D-4E5F-8A9B-0C1D2E3F4A5B}";
  std::string timestamp = "2026-05-20 10:15:01:123+0200";
  std::string flag = "1";
  std::string event = "182 [AGENT_INSTALLING_FAILED]";
  std::string category = "101";
  std::string update_id = "{A1B2C3D4-1111-2222-3333-444455556666}";
  std::string revision = "200";
  std::string hresult = "80070002";
  std::string client = "UpdateOrchestrator";
  std::string result = "Failure";
  std::string operation = "Content Install";
  std::string message =
      "Installation Failure: Windows failed to install the following update with error "
      "0x80070002: 2026-05 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems "
      "(KB5037771).";
  std::string correlation = "WK95uV225Ue0wrVj.2.3.1.2.3.1.1.0.0.3.0";

  std::string text() const {
    std::string out;
    for (const std::string* f : {&guid, &timestamp, &flag, &event, &category, &update_id,
                                 &revision, &hresult, &client, &result, &operation, &message,
                                 &correlation}) {
      if (!out.empty()) out += '\t';
      out += *f;
    }
    return out;
  }

  // The same update installed successfully.
  Line& succeeded(std::string when) {
    timestamp = std::move(when);
    event = "183 [AGENT_INSTALLING_SUCCEEDED]";
    hresult = "0";
    result = "Success";
    message = "Installation Successful: Windows successfully installed the following update: ";
    message += title_of_failure();  // appended, not operator+: GCC 12 -Wrestrict false positive
    return *this;
  }

  std::string title_of_failure() const {
    return "2026-05 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems "
           "(KB5037771)";
  }
};

inline std::string failed_install_line() { return Line().text(); }

inline std::string succeeded_install_line() {
  return Line().succeeded("2026-05-21 09:00:00:000+0200").text();
}

// UTF-8 text → UTF-16LE bytes (with surrogate pairs), optionally behind the FF FE BOM.
inline std::string utf16le(const std::string& utf8, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE") : std::string();
  auto unit = [&](char32_t u) {
    out += static_cast<char>(u & 0xFF);
    out += static_cast<char>(u >> 8);
  };
  for (size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

}  // namespace wufix::testing_logs
