#include "core/logs/reporting_events.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <vector>

#include "core/logs/log_parser.h"
#include "core/logs/text.h"
#include "core/time_text.h"

namespace wufix {
namespace {

using std::chrono::system_clock;

// ---- fields ----------------------------------------------------------------------------------

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(trim(line.substr(start, tab - start)));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

bool is_hex(std::string_view s, size_t min_digits, size_t max_digits) {
  return s.size() >= min_digits && s.size() <= max_digits &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// "{A1B2C3D4-0000-...}" → "a1b2c3d4-0000-..."; nullopt when it is not a braced GUID.
std::optional<std::string> braced_guid(std::string_view s) {
  if (s.size() != 38 || s.front() != '{' || s.back() != '}') return std::nullopt;
  std::string id;
  for (size_t i = 1; i < 37; ++i) {
    char c = s[i];
    bool dash = i == 9 || i == 14 || i == 19 || i == 24;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return id;
}

// Reads `digits` decimal digits at s[pos] and moves past them.
std::optional<int> number_at(std::string_view s, size_t& pos, size_t digits) {
  if (pos + digits > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = 0; i < digits; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  pos += digits;
  return v;
}

bool expect(std::string_view s, size_t& pos, std::string_view any_of) {
  if (pos >= s.size() || any_of.find(s[pos]) == std::string_view::npos) return false;
  ++pos;
  return true;
}

// "2024-05-14 10:15:01:123+0200" (local time and its UTC offset) → UTC. A missing offset is
// read as UTC; a wrong calendar date or field is no timestamp at all.
std::optional<system_clock::time_point> parse_timestamp(std::string_view s) {
  size_t p = 0;
  auto y = number_at(s, p, 4);
  if (!y || !expect(s, p, "-")) return std::nullopt;
  auto mo = number_at(s, p, 2);
  if (!mo || !expect(s, p, "-")) return std::nullopt;
  auto d = number_at(s, p, 2);
  if (!d || !expect(s, p, " T")) return std::nullopt;
  auto h = number_at(s, p, 2);
  if (!h || !expect(s, p, ":")) return std::nullopt;
  auto mi = number_at(s, p, 2);
  if (!mi || !expect(s, p, ":")) return std::nullopt;
  auto sec = number_at(s, p, 2);
  if (!sec) return std::nullopt;
  std::optional<int> ms = 0;
  if (expect(s, p, ":.") && !(ms = number_at(s, p, 3))) return std::nullopt;
  int offset_minutes = 0;
  if (p < s.size()) {
    int sign = s[p] == '-' ? -1 : 1;
    if (!expect(s, p, "+-")) return std::nullopt;
    auto oh = number_at(s, p, 2), om = number_at(s, p, 2);
    if (!oh || !om || *oh > 14 || *om > 59 || p != s.size()) return std::nullopt;
    offset_minutes = sign * (*oh * 60 + *om);
  }
  std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(*mo),
                                   std::chrono::day(*d)};
  // Years outside system_clock's range (about 1678-2262 with nanoseconds) would overflow.
  if (!date.ok() || *y < 1970 || *y > 2200 || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  using namespace std::chrono;
  auto local = sys_days(date) + hours(*h) + minutes(*mi) + seconds(*sec) + milliseconds(*ms);
  return time_point_cast<system_clock::duration>(local - minutes(offset_minutes));
}

// "182 [AGENT_INSTALLING_FAILED]" → 182 and the name.
void parse_event_id(std::string_view s, ReportingEvent& ev) {
  std::from_chars(s.data(), s.data() + s.size(), ev.event_id);
  size_t open = s.find('['), close = s.rfind(']');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    ev.event_name = std::string(s.substr(open + 1, close - open - 1));
}

// The update title inside the message, e.g. after "...with error 0x80070002: " or
// "...the following update: ", without the closing period.
std::string title_from_text(std::string_view text) {
  constexpr std::string_view kFollowing = "following update";
  size_t colon = std::string_view::npos;
  if (size_t e = text.find("error 0x"); e != std::string_view::npos) colon = text.find(": ", e);
  else if (size_t u = text.find(kFollowing); u != std::string_view::npos)
    colon = text.find(": ", u);
  if (colon == std::string_view::npos) colon = text.find(": ");
  std::string_view title = colon == std::string_view::npos ? text : text.substr(colon + 2);
  title = trim(title);
  if (!title.empty() && title.back() == '.') title.remove_suffix(1);
  return std::string(trim(title));
}

// "0x80070002" anywhere in the message; 0 when there is none.
uint32_t hresult_from_text(std::string_view text) {
  for (size_t at = text.find("0x"); at != std::string_view::npos; at = text.find("0x", at + 2)) {
    std::string_view digits = text.substr(at + 2, 8);
    if (is_hex(digits, 8, 8)) return hex_value(digits);
  }
  return 0;
}

// The HRESULT sits two fields before Success/Failure (field 8 of 13); when the layout differs
// the first 8-digit hex field is taken. 0 when there is none.
uint32_t find_hresult(const std::vector<std::string_view>& f, size_t result_at) {
  if (result_at >= 4 && is_hex(f[result_at - 2], 1, 8)) return hex_value(f[result_at - 2]);
  for (size_t i = 2; i < result_at; ++i)
    if (is_hex(f[i], 8, 8)) return hex_value(f[i]);
  return 0;
}

}  // namespace

std::optional<ReportingEvent> parse_reporting_event(std::string_view line) {
  auto f = split_tabs(line);
  if (f.size() < 4) return std::nullopt;
  ReportingEvent ev;
  auto time = parse_timestamp(f[1]);
  if (!time) return std::nullopt;
  ev.time = *time;
  // Fields past the timestamp are placed by content, anchored on the Success/Failure field.
  auto result = std::find_if(f.begin() + 2, f.end(),
                             [](std::string_view s) { return s == "Success" || s == "Failure"; });
  if (result == f.end()) return std::nullopt;
  size_t r = static_cast<size_t>(result - f.begin());
  ev.success = *result == "Success";
  parse_event_id(f[3], ev);
  for (size_t i = 2; i < r && ev.update_id.empty(); ++i)
    ev.update_id = braced_guid(f[i]).value_or("");
  if (r + 1 < f.size()) ev.operation = std::string(f[r + 1]);
  if (r + 2 < f.size()) ev.text = std::string(f[r + 2]);
  if (r - 1 >= 4 && !braced_guid(f[r - 1]) && !is_hex(f[r - 1], 1, 8))
    ev.client = std::string(f[r - 1]);
  ev.hresult = find_hresult(f, r);
  // A failure must carry its code; older layouts have it only in the message.
  if (!ev.success && ev.hresult == 0) ev.hresult = hresult_from_text(ev.text);
  ev.title = title_from_text(ev.text);
  ev.kb = find_kb(ev.title);
  if (ev.kb.empty()) ev.kb = find_kb(ev.text);
  return ev;
}

Result<ReportingEventsCounts> read_reporting_events(
    InputStream& in, const std::function<void(const ReportingEvent&)>& on_event) {
  ReportingEventsCounts counts;
  auto read = read_lines(in, [&](std::string_view line, uint64_t, bool overlong) {
    ++counts.lines;
    auto ev = overlong ? std::nullopt : parse_reporting_event(clean_text(line, kMaxLineBytes));
    if (ev) on_event(*ev);
    else ++counts.bad_lines;
  });
  if (!read) return read.error();
  return counts;
}

}  // namespace wufix

// ---- as a root-cause parser ------------------------------------------------------------------

namespace wufix {
namespace {

constexpr size_t kMaxUpdates = 4096;
constexpr size_t kMaxKeyBytes = 200;

// Failed downloads and installs whose latest outcome per update is still a failure.
class ReportingEventsParser : public LogParser {
 public:
  ReportingEventsParser(std::string source, CauseCollector& out)
      : source_(std::move(source)), out_(out) {}

  bool line(std::string_view raw, uint64_t number) override {
    std::string text = clean_text(raw, kMaxLineBytes);
    auto ev = parse_reporting_event(text);
    if (!ev) return false;
    const char* kind = ev->operation.find("Install") != std::string::npos &&
                               ev->operation.find("Uninstall") == std::string::npos
                           ? cause_kind::kUpdateInstall
                       : ev->operation.find("Download") != std::string::npos
                           ? cause_kind::kUpdateDownload
                           : nullptr;
    if (kind == nullptr) return true;
    // One update: its KB when it has one (a re-released package has a new id), else its id.
    // Titles are capped: a hostile log of long distinct titles must not grow memory.
    std::string key = std::string(kind) + '|' +
                      (!ev->kb.empty()        ? ev->kb
                       : !ev->update_id.empty() ? ev->update_id
                                                : ev->title.substr(0, kMaxKeyBytes));
    if (ev->success) {
      open_.erase(key);
      if (kind == cause_kind::kUpdateInstall && !ev->kb.empty())
        out_.resolve({"kb:KB" + ev->kb, source_, number, iso_utc(ev->time),
                      source_ + ":" + std::to_string(number) + " (KB" + ev->kb + " installed)"});
      return true;
    }
    auto it = open_.find(key);
    if (it == open_.end() && open_.size() >= kMaxUpdates) return true;
    int attempts = it == open_.end() ? 1 : it->second.attempts + 1;
    Cause c;
    c.kind = kind;
    c.kb = ev->kb.empty() ? "" : "KB" + ev->kb;
    c.code = ev->hresult;
    c.source_log = source_;
    c.line = number;
    c.time = iso_utc(ev->time);
    c.component = clean_text(ev->title, 300);
    c.operation = clean_text(ev->operation, 100);
    c.excerpt = clean_text(text, 600);
    c.attempts = attempts;
    open_[key] = std::move(c);
    return true;
  }

  void finish() override {
    for (auto& [key, c] : open_)
      if (c.code != 0) out_.add(std::move(c));
    open_.clear();
  }

 private:
  std::string source_;
  CauseCollector& out_;
  std::map<std::string, Cause> open_;
};

}  // namespace

std::unique_ptr<LogParser> make_reporting_events_parser(std::string source, CauseCollector& out) {
  return std::make_unique<ReportingEventsParser>(std::move(source), out);
}

}  // namespace wufix
