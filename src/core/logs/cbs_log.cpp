// The CBS.log parser. Most lines of a CBS log are routine; each line costs a
// header split and a few prefix tests, and only the lines that can carry a failure are parsed.
#include "core/logs/cbs_log.h"

#include <cctype>
#include <map>

#include "core/logs/log_parser.h"
#include "core/logs/markers.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

constexpr size_t kMaxSessionCodes = 64;
constexpr size_t kExcerptBytes = 600;

std::string_view after(std::string_view s, std::string_view marker) {
  size_t at = s.find(marker);
  return at == std::string_view::npos ? std::string_view() : s.substr(at + marker.size());
}

}  // namespace

std::string package_kb(std::string_view text) {
  std::string kb = find_kb(text);
  return kb.empty() ? kb : "KB" + kb;
}

Cause cause_at(const CbsLine& l, std::string_view raw, uint64_t number, const std::string& source,
               const char* kind, uint32_t code) {
  Cause c;
  c.kind = kind;
  c.code = code;
  c.source_log = source;
  c.line = number;
  c.time = iso_local_time(l.stamp).value_or("");
  c.excerpt = clean_text(raw, kExcerptBytes);
  return c;
}

namespace {

// ---- CBS.log ---------------------------------------------------------------------------------

class CbsParser : public LogParser {
 public:
  CbsParser(std::string source, CauseCollector& out) : source_(std::move(source)), out_(out) {}

  bool line(std::string_view raw, uint64_t number) override {
    if (!header_shape(raw)) return false;
    if (routine(raw)) return true;
    auto l = split_cbs_line(raw);
    if (!l) return false;
    std::string_view m = l->message;
    if (l->component == "CSI") return csi(*l, raw, number), true;
    // The first letter rules out most routine lines before any comparison.
    char first = m.empty() ? '\0' : m.front();
    if ((first == 'E' && starts_with(m, "Exec: Processing ")) ||
        (first == 'S' && starts_with(m, "Session: ")))
      session_marker(*l, raw, number);
    else if (first == 'S' && starts_with(m, "Store corruption, manifest missing for package: "))
      manifest_missing(*l, raw, number);
    else if ((first == '(' && starts_with(m, "(p)")) ||
             (first == 'C' && starts_with(m, "CSI Payload Corrupt")))
      payload_corrupt(*l, raw, number, m);
    else if (first == 'S' && starts_with(m, "Setting original failure status"))
      marked_line(*l, raw, number);
    else if (first == 'T' && starts_with(m, "Total Repaired Corruption:"))
      store_repaired(*l, number, m);
    else if (failure_bracket(m)) {
      // Two entries a paste joined: the failure belongs to the second.
      size_t second = joined_entry(raw, 21);
      if (second != std::string_view::npos) return line(raw.substr(second), number);
      hresult_line(*l, raw, number);
    }
    return true;
  }

 private:
  // "Exec: Processing started ... Package: X" opens a session; "Session: N initialized" too;
  // "Exec: Processing complete ... [HRESULT = failure]" closes a failed one.
  void session_marker(const CbsLine& l, std::string_view raw, uint64_t number) {
    std::string_view m = l.message;
    if (!starts_with(m, "Exec: Processing started") && !starts_with(m, "Session: ") &&
        !starts_with(m, "Exec: Processing complete"))
      return;  // "Exec: Processing ..." of another kind
    if (starts_with(m, "Exec: Processing complete")) {
      if (m.find("[HRESULT = 0x00000000") != std::string_view::npos) installed(l, number);
      hresult_line(l, raw, number);
      session_codes_.clear();
      in_session_ = false;
      return;
    }
    if (starts_with(m, "Session: ") && !starts_session(m)) {
      if (failure_bracket(m)) hresult_line(l, raw, number);
      return;
    }
    session_codes_.clear();
    reported_.clear();
    in_session_ = true;
    seen_session_ = true;
    std::string_view package = package_in_message(m);
    if (!package.empty()) package_.assign(package.substr(0, kFieldBytes));  // cleaned when used
  }

  // The separators of "2024-05-14 10:14:02, ": what tells a log line from a continuation.
  static bool header_shape(std::string_view s) {
    return s.size() > 21 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' &&
           s[16] == ':' && s[19] == ',' && s[0] >= '0' && s[0] <= '9';
  }

  // A line in Windows' standard padding whose message cannot matter, decided from fixed
  // columns (the message at 50, after a CSI sequence number at 59) without splitting it.
  bool routine(std::string_view s) const {
    if (s.size() <= 60 || s[42] != ' ' || s[43] == ' ' || s[49] != ' ' || s[50] == ' ')
      return false;
    std::string_view m = s.substr(50);
    if (s[43] == 'C' && s[44] == 'S' && s[45] == 'I' && s[46] == ' ') {
      // "0000012a " or "00000001@2026/5/12:09:58:02.120 "
      size_t end = m[8] == ' ' ? 8 : m[8] == '@' ? m.find(' ', 9) : std::string_view::npos;
      if (end == std::string_view::npos || end + 1 >= m.size()) return false;
      m.remove_prefix(end + 1);
    }
    switch (m.front()) {
      case 'E': if (starts_with(m, "Exec: Processing ")) return false; break;
      case 'S':
        if (starts_with(m, "Session: ")) return !starts_session(m) && !failure_bracket(m);
        if (starts_with(m, "Store corruption") || starts_with(m, "Setting original failure status"))
          return false;
        break;
      case 'C': if (starts_with(m, "CSI Payload Corrupt")) return false; break;
      case 'H': if (starts_with(m, "Hashes for file member")) return false; break;
      case '(': if (starts_with(m, "(p)")) return false; break;
      case '[': if (starts_with(m, "[SR] ")) return false; break;
      case 'T': if (starts_with(m, "Total Repaired Corruption:")) return false; break;
      default: break;
    }
    if (m.back() != ']' || !failure_bracket(m)) return true;
    if (s[21] != 'E' && benign_failure(m)) return true;  // every healthy session logs these
    // A failure code matters inside a session, at Error level, or where a chain fails; in an
    // excerpt without sessions, an Info "Failed ..." line may be all there is.
    bool skip = !in_session_ && s[21] != 'E' && !starts_with(m, "Failed to execute execution chain");
    return skip && (seen_session_ || !starts_with(m, "Failed") || benign_failure(m));
  }

  // "Session: 31098765_1234567890 initialized by client ...".
  static bool starts_session(std::string_view m) {
    return starts_with(m.substr(std::min(m.size(), token_end(m, 9))), " initialized");
  }

  // Most bracketed codes are "[HRESULT = 0x00000000 - S_OK]": a look at the last bracket
  // tells them from failures without parsing.
  static bool failure_bracket(std::string_view m) {
    if (m.empty() || m.back() != ']') return false;
    size_t open = m.size() - 1;
    while (open > 0 && m[open] != '[') --open;
    std::string_view b = m.substr(open);
    return starts_with(b, "[HRESULT = 0x") && b.size() > 13 && b[13] != '0';
  }

  void hresult_line(const CbsLine& l, std::string_view raw, uint64_t number) {
    auto code = find_bracket_hresult(l.message);
    if (!code) return;
    bool session_failed = starts_with(l.message, "Exec: Processing complete") ||
                          starts_with(l.message, "Failed to execute execution chain") ||
                          starts_with(l.message, "Session: ");
    bool error = l.level == "Error";
    // An excerpt cut around a failure (no session seen) is read as one session.
    bool tracking = in_session_ || !seen_session_;
    bool first_in_session = tracking && session_codes_.size() < kMaxSessionCodes &&
                            !session_codes_.count(code->code);
    if (!seen_session_ && !error && starts_with(l.message, "Failed") && !benign_failure(l.message))
      keep_fallback(l, raw, number, *code);
    // A repeated code inside a session, or a routine failure outside one, says nothing new.
    if (!session_failed && !first_in_session && !error) return;
    Cause c = cause_at(l, raw, number, source_, cause_kind::kServicingError, code->code);
    c.name = clean_text(code->name, kFieldBytes);
    std::string_view package = package_in_message(l.message);
    c.component = clean_text(package.empty() ? std::string_view(package_) : package, kFieldBytes);
    c.file = file_in_message(l.message);
    c.kb = package_kb(c.component);
    if (c.kb.empty()) c.kb = package_kb(l.message);
    if (first_in_session) session_codes_.emplace(code->code, c);
    if (session_failed) {
      if (reported_.count(code->code) || reported_.size() >= kMaxSessionCodes) return;
      reported_[code->code] = true;
      // The root is where the session's final code first appeared, not where it surfaced.
      Cause origin = origin_of(c);
      origin.kind = cause_kind::kFailedSession;
      report(std::move(origin));
      return;
    }
    // In an excerpt the Error line that gives up is rarely the one that names what is missing.
    if (error) report(seen_session_ ? std::move(c) : origin_of(c));
  }

  // The first line of the session with c's code, with what c adds to it.
  Cause origin_of(const Cause& c) const {
    auto first = session_codes_.find(c.code);
    Cause origin = first != session_codes_.end() ? first->second : c;
    if (origin.component.empty()) origin.component = c.component;
    if (origin.file.empty()) origin.file = c.file;
    if (origin.kb.empty()) origin.kb = package_kb(origin.component);
    if (origin.kb.empty()) origin.kb = c.kb;
    return origin;
  }

  void keep_fallback(const CbsLine& l, std::string_view raw, uint64_t number, const CodeMention& code) {
    fallback_ = cause_at(l, raw, number, source_, cause_kind::kServicingError, code.code);
    fallback_->name = clean_text(code.name, kFieldBytes);
    fallback_->kb = package_kb(l.message);
    fallback_->file = file_in_message(l.message);
  }

  // A failure code outside the bracket form: "Setting original failure status: 0x80073712",
  // a CSI Error line "(F) NTSTATUS_FROM_WIN32(ERROR_...) ... [gle=0x80070002]".
  void marked_line(const CbsLine& l, std::string_view raw, uint64_t number) {
    auto mark = find_code_mark(l.message);
    if (!mark) return;
    Cause c = cause_at(l, raw, number, source_, cause_kind::kServicingError, mark->code);
    c.name = clean_text(mark->name, kFieldBytes);
    c.file = file_in_message(l.message);
    c.component = clean_text(package_, kFieldBytes);
    c.kb = package_kb(package_);
    report(std::move(c));
  }

  // "Total Repaired Corruption:  1" in the summary of a DISM RestoreHealth (or SFC) repair.
  void store_repaired(const CbsLine& l, uint64_t number, std::string_view m) {
    std::string_view count = trim(m.substr(m.find(':') + 1));
    if (count.empty() || count == "0" || count.front() < '0' || count.front() > '9') return;
    out_.resolve({"store", source_, number, iso_local_time(l.stamp).value_or(""),
                  source_ + ":" + std::to_string(number) + " (component store repaired)"});
  }

  // "[SR] Repairing corrupted file \??\C:\Windows\System32\kernel32.dll from store": sfc put a
  // good copy in place, so the hash mismatch it found on that file before is over.
  void file_repaired(const CbsLine& l, uint64_t number, std::string_view m) {
    std::string_view path = m.substr(std::string_view("[SR] Repairing corrupted file ").size());
    path = path.substr(0, path.rfind(" from store"));
    std::string file = clean_text(path.substr(path.find_last_of("\\/") + 1), kFieldBytes);
    if (file.empty()) return;
    out_.resolve({file_scope(file), source_, number, iso_local_time(l.stamp).value_or(""),
                  source_ + ":" + std::to_string(number) + " (sfc repaired " + file + ")"});
  }

  // A session that completed with S_OK installed its package: earlier failures of its KB are over.
  void installed(const CbsLine& l, uint64_t number) {
    std::string kb = package_kb(package_);
    if (kb.empty()) return;
    out_.resolve({"kb:" + kb, source_, number, iso_local_time(l.stamp).value_or(""),
                  source_ + ":" + std::to_string(number) + " (" + kb + " installed)"});
  }

  void manifest_missing(const CbsLine& l, std::string_view raw, uint64_t number) {
    Cause c = cause_at(l, raw, number, source_, cause_kind::kStoreCorruption, kCbsStoreCorruptionCode);
    c.component = clean_text(trim(after(l.message, "package: ")), kFieldBytes);
    c.kb = package_kb(c.component);
    report(std::move(c));
  }

  // "CSI Payload Corrupt  amd64_...\kernel32.dll", also in the CheckSUR summary as
  // "(p)  CSI Payload Corrupt  (n)  amd64_...\kernel32.dll"; "(fix)" there means repaired.
  void payload_corrupt(const CbsLine& l, std::string_view raw, uint64_t number,
                       std::string_view m) {
    if (m.find("CSI Payload Corrupt") == std::string_view::npos) return;  // other (p) problems
    std::string_view rest = trim(after(m, "CSI Payload Corrupt"));
    if (starts_with(rest, "(fix)")) return;
    if (starts_with(rest, "(")) rest = trim(rest.substr(std::min(rest.size(), rest.find(')') + 1)));
    Cause c = cause_at(l, raw, number, source_, cause_kind::kStoreCorruption, kCbsStoreCorruptionCode);
    size_t slash = rest.rfind('\\');
    c.component = clean_text(rest.substr(0, slash == std::string_view::npos ? 0 : slash), kFieldBytes);
    c.file = clean_text(slash == std::string_view::npos ? rest : rest.substr(slash + 1), kFieldBytes);
    report(std::move(c));
  }

  void csi(const CbsLine& l, std::string_view raw, uint64_t number) {
    std::string_view m = l.message;
    if (starts_with(m, "Hashes for file member ") && m.find("do not match") != std::string_view::npos) {
      Cause c = cause_at(l, raw, number, source_, cause_kind::kStoreCorruption, kCbsStoreCorruptionCode);
      c.file = file_in_message(m);
      report(std::move(c));
    } else if (starts_with(m, "[SR] Cannot repair member file ")) {
      Cause c = cause_at(l, raw, number, source_, cause_kind::kSfcCannotRepair, kSxsStoreCorruptCode);
      c.file = file_in_message(m);
      std::string_view of = after(m, "\" of ");
      c.component = clean_text(of.substr(0, of.find(',')), kFieldBytes);
      report(std::move(c));
    } else if (starts_with(m, "[SR] Repairing corrupted file ")) {
      file_repaired(l, number, m);
    } else if (starts_with(m, "CSI Payload Corrupt")) {
      payload_corrupt(l, raw, number, m);
    } else if (starts_with(m, "Failed to find file")) {  // a payload missing from the store
      Cause c = cause_at(l, raw, number, source_, cause_kind::kStoreCorruption, kCbsStoreCorruptionCode);
      csi_component_file(m, c.component, c.file);
      report(std::move(c));
    } else if (l.level == "Error") {
      marked_line(l, raw, number);
    }
  }

  // An excerpt's only failure may sit on an Info line: reported when nothing else was.
  void finish() override {
    if (!reported_any_ && fallback_) out_.add(std::move(*fallback_));
    fallback_.reset();
  }

  void report(Cause c) {
    reported_any_ = true;
    out_.add(std::move(c));
  }

  // Failures every healthy servicing session logs.
  static bool benign_failure(std::string_view m) {
    return starts_with(m, "Failed to query DisableWerReporting") ||
           starts_with(m, "Failed to get next element");
  }

  std::string source_;
  CauseCollector& out_;
  bool seen_session_ = false;  // a whole log, not an excerpt cut around a failure
  bool reported_any_ = false;
  std::optional<Cause> fallback_;
  std::string package_;  // the package of the current session, raw bytes (clean_text on use)
  bool in_session_ = false;
  std::map<uint32_t, Cause> session_codes_;  // first line of each failure code in the session
  std::map<uint32_t, bool> reported_;        // session codes already reported
};

// CSI lines carry a sequence number, sometimes with a timestamp: "0000012a " or
// "00000001@2024/5/14:10:12:33.123 ".
void strip_csi_sequence(CbsLine& l) {
  std::string_view& m = l.message;
  if (l.component == "CSI" && m.size() >= 9 && is_hex_digits(m.substr(0, 8)) &&
      (m[8] == ' ' || m[8] == '@'))
    m = m.substr(skip_blanks(m, token_end(m, 8)));
}

}  // namespace

std::optional<CbsLine> split_cbs_line(std::string_view s) {
  if (s.size() < 21 || s[19] != ',' || !is_local_time(s)) return std::nullopt;
  CbsLine l;
  l.stamp = s.substr(0, 19);
  // Windows pads the level to 22 columns and the component to 7: the message starts at 50.
  if (s.size() > 50 && s[21] != ' ' && s[42] == ' ' && s[43] != ' ' && s[49] == ' ' &&
      s[50] != ' ') {
    l.level = s.substr(21, token_end(s, 21) - 21);
    l.component = s.substr(43, token_end(s, 43) - 43);
    if (43 + l.component.size() <= 49 && 21 + l.level.size() <= 42) {
      l.message = s.substr(50);
      strip_csi_sequence(l);
      return l;
    }
  }
  size_t p = skip_blanks(s, 20);
  size_t end = token_end(s, p);
  l.level = s.substr(p, end - p);
  p = skip_blanks(s, end);
  end = token_end(s, p);
  l.component = s.substr(p, end - p);
  if (starts_with(l.component, "[0x") && l.component.back() == ']') {
    // setupact.log's message id in the level's column: "Error       [0x0808fe] MIG    Plugin ..."
    p = skip_blanks(s, end);
    end = token_end(s, p);
    l.component = s.substr(p, end - p);
  }
  if (l.level.empty() || l.component.empty()) return std::nullopt;
  l.message = s.substr(skip_blanks(s, end));
  strip_csi_sequence(l);
  return l;
}

std::string file_in_message(std::string_view m) {
  if (size_t l = m.find("[l:"); l != std::string_view::npos) {
    // [l:12]"kernel32.dll" (CBS) or [l:10]'DWrite.dll' (sfcdetails pastes)
    size_t open = m.find_first_of("\"'", l);
    size_t close = open == std::string_view::npos ? open : m.find(m[open], open + 1);
    if (close != std::string_view::npos) return clean_text(m.substr(open + 1, close - open - 1), 300);
  }
  size_t at = m.find("\\\\?\\");
  if (at == std::string_view::npos) at = m.find("\\??\\");
  if (at == std::string_view::npos) at = m.find("\\SystemRoot\\");
  if (at == std::string_view::npos) {
    for (size_t c = m.find(":\\"); c != std::string_view::npos; c = m.find(":\\", c + 2)) {
      if (c > 0 && std::isalpha(static_cast<unsigned char>(m[c - 1])) &&
          (c == 1 || !std::isalnum(static_cast<unsigned char>(m[c - 2])))) {
        at = c - 1;
        break;
      }
    }
  }
  if (at == std::string_view::npos) return {};
  size_t end = at;
  while (end < m.size() && m[end] != ' ' && m[end] != '\t' && m[end] != '[' && m[end] != ',' &&
         m[end] != '"' && m[end] != ']')
    ++end;
  std::string_view path = m.substr(at, end - at);
  while (!path.empty() && (path.back() == '.' || path.back() == ':')) path.remove_suffix(1);
  return clean_text(path, 300);
}

// "x86_microsoft-windows-directwrite_31bf3856ad364e35_10.0.19041.1_none_0a1b\DWrite.dll":
// the CSI component and its file.
bool csi_component_file(std::string_view m, std::string& component, std::string& file) {
  for (std::string_view arch : {"x86_", "amd64_", "wow64_", "arm64_", "msil_"}) {
    size_t at = m.find(arch);
    if (at == std::string_view::npos || (at > 0 && m[at - 1] != ' ' && m[at - 1] != '\t' &&
                                         m[at - 1] != ':' && m[at - 1] != '"'))
      continue;
    size_t end = at;
    while (end < m.size() && m[end] != ' ' && m[end] != '\t' && m[end] != '"' && m[end] != ']' &&
           m[end] != ',')
      ++end;
    std::string_view id = m.substr(at, end - at);
    size_t slash = id.find('\\');
    component = clean_text(id.substr(0, slash), 300);
    if (slash != std::string_view::npos) file = clean_text(id.substr(slash + 1), 300);
    return true;
  }
  return false;
}

namespace {

bool ends_identity(char c) {
  return c == ' ' || c == ',' || c == '\t' || c == ']' || c == '[' || c == '\'' || c == '"';
}

// The identity around Microsoft's key token: "Microsoft-Windows-Foundation-Package~31bf3856ad364e35~amd64~~10.0.1".
std::string_view identity_around_token(std::string_view m) {
  size_t at = m.find("~31bf3856ad364e35~");
  if (at == std::string_view::npos) return {};
  size_t start = at;
  while (start > 0 && !ends_identity(m[start - 1]) && m[start - 1] != ':' && m[start - 1] != '\\' &&
         m[start - 1] != '(')
    --start;
  size_t end = at + 1;
  while (end < m.size() && !ends_identity(m[end])) ++end;
  return m.substr(start, end - start);
}

}  // namespace

std::string_view package_in_message(std::string_view m) {
  size_t at = m.find("Package_");
  while (at != std::string_view::npos && at > 0 && std::isalnum(static_cast<unsigned char>(m[at - 1])))
    at = m.find("Package_", at + 1);
  std::string_view around = identity_around_token(m);
  if (!around.empty() && (at == std::string_view::npos || around.data() < m.data() + at)) {
    at = static_cast<size_t>(around.data() - m.data());
  } else if (at == std::string_view::npos) {
    return {};
  }
  size_t end = at;
  while (end < m.size() && !ends_identity(m[end])) ++end;
  std::string_view id = m.substr(at, end - at);
  while (!id.empty() && id.back() == '.') id.remove_suffix(1);
  return id;
}

std::unique_ptr<LogParser> make_cbs_parser(std::string source, CauseCollector& out) {
  return std::make_unique<CbsParser>(std::move(source), out);
}


}  // namespace wufix
