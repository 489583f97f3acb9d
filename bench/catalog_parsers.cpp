// bench/catalog_parsers.cpp: crafted hostile catalog pages through the page parsers, one per
// line: the input size, the time, and the peak memory (RSS) of the process so far.
// Built and run by bench/catalog_parsers.sh (which also builds it from an older revision).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "core/catalog/markup.h"
#include "core/catalog/pages.h"

namespace {

std::string repeat(const std::string& piece, size_t bytes) {
  std::string s;
  s.reserve(bytes + piece.size());
  while (s.size() < bytes) s += piece;
  return s;
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace wufix::catalog;
  size_t kb = argc > 1 ? std::stoul(argv[1]) : 8192;
  size_t n = kb << 10;
  const std::string tail = "</body></html>";
  struct Case {
    const char* name;
    std::string page;
    std::function<void(const std::string&)> parse;
  };
  auto search = [](const std::string& p) { (void)parse_search_page(p, "bench"); };
  auto dialog = [](const std::string& p) { (void)parse_download_dialog(p, "bench"); };
  const std::string row = "<tr id=\"3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21_R1\"><td></td><td>";
  const std::string cells = "</td><td>p</td><td>c</td><td>10/8/2024</td><td>n/a</td><td>1 MB</td><td></td></tr>";
  Case cases[] = {
      {"entities: a title of '&' without ';'",
       "<html><body><table id=\"ctl00_catalogBody_updateMatches\">" + row + repeat("&", n) + cells + "</table>" + tail,
       search},
      {"element search: the table id outside tags", "<html><body><p>" +
                                                          repeat(" id=\"ctl00_catalogBody_updateMatches\"", n) + tail,
       search},
      {"dialog: one value full of assignments",
       "<html><script>downloadInformation[0].enTitle=\"" + repeat("downloadInformation[0].a=1 ", n) + "\";\n</script>" +
           tail,
       dialog},
  };
  for (const Case& c : cases) {
    auto start = std::chrono::steady_clock::now();
    c.parse(c.page);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-40s %6zu KB  %8.3f s  peak RSS %ld MB\n", c.name, c.page.size() >> 10, s, peak_rss_mb());
    std::fflush(stdout);
  }
  return 0;
}
