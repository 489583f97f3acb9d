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
  Case cases[] = {
      {"entities: '&' without ';'", "<html><body><table id=\"ctl00_catalogBody_updateMatches\"><tr id=\"x\"><td>" +
                                        repeat("&", n) + "</td></tr></table>" + tail, search},
      {"element search: id= in one open tag", "<html><body><div " + repeat("id=\"ctl00_catalogBody_x\" ", n) + tail,
       search},
      {"dialog: assignments inside one value",
       "<html><script>downloadInformation[0].enTitle='" + repeat("downloadInformation[0].a='", n) + "';\n</script>" + tail,
       dialog},
      {"dialog: '[' runs", "<html><script>" + repeat("downloadInformation[", n) + "\n</script>" + tail, dialog},
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
