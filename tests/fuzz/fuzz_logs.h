// What every log fuzzer does: stream the input, split into reads of fuzzer-chosen sizes,
// through the parser that the file name selects; rank the causes and write them as JSON
// (which throws, and so crashes the run, on invalid UTF-8). Any crash, leak, UB or timeout
// is a bug: a log must never take wufix down.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "core/logs/analyze.h"

namespace wufix::fuzz {

// The first byte sets the read size (1..256 bytes, 0 = everything at once).
class SplitStream : public InputStream {
 public:
  SplitStream(const uint8_t* data, size_t size) {
    if (size > 0) {
      step_ = data[0] == 0 ? SIZE_MAX : data[0];
      data_ = reinterpret_cast<const char*>(data + 1);
      size_ = size - 1;
    }
  }
  Result<size_t> read(std::span<char> buf) override {
    size_t n = std::min({buf.size(), step_, size_ - pos_});
    std::memcpy(buf.data(), data_ + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  const char* data_ = "";
  size_t size_ = 0, pos_ = 0, step_ = SIZE_MAX;
};

inline int run(const uint8_t* data, size_t size, const std::string& file_name) {
  SplitStream in(data, size);
  CauseCollector causes;
  auto summary = analyze_stream(in, file_name, causes);
  if (!summary || summary->bad_lines > summary->lines) __builtin_trap();
  LogAnalysis a;
  a.logs.push_back(*summary);
  a.causes = causes.ranked();
  std::string json = to_json(a).dump();
  if (json.empty()) __builtin_trap();
  return 0;
}

}  // namespace wufix::fuzz
