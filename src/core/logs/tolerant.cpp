#include "core/logs/tolerant.h"

#include "core/logs/cbs_log.h"
#include "core/logs/markers.h"
#include "core/logs/setup_log.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

constexpr uint64_t kKbReach = 20;  // lines a KB named before a failure still belongs to it

struct Loose {
  std::string_view stamp, level, component, message;
  bool agent = false;  // WindowsUpdate.log's "PID TID Component" columns
};

std::string_view token(std::string_view s, size_t& p) {
  while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
  size_t start = p;
  while (p < s.size() && s[p] != ' ' && s[p] != '\t') ++p;
  return s.substr(start, p - start);
}

bool is_level(std::string_view t) {
  for (std::string_view l : {"Info", "Error", "Warning", "Warn", "Perf", "Fatal", "Debug", "Trace"})
    if (t == l) return true;
  return false;
}

bool is_word(std::string_view t) {
  if (t.empty() || t.size() > 16) return false;
  for (char c : t)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

// Whatever header the line still has: time, level, message id, component.
Loose split_loose(std::string_view s) {
  Loose l;
  size_t p = 0;
  if (stamp_at(s, 0)) {
    l.stamp = s.substr(0, 19);
    p = 19;
    if (p < s.size() && (s[p] == '.' || s[p] == ':'))
      while (++p < s.size() && s[p] >= '0' && s[p] <= '9') {}
    if (p < s.size() && s[p] == ',') ++p;
  }
  size_t after_stamp = p;
  std::string_view t = token(s, p);
  if (is_level(t)) {
    l.level = t;
    size_t q = p;
    t = token(s, q);
    if (starts_with(t, "[0x") && t.back() == ']') p = q, t = token(s, q);  // setup's message id
    if (is_word(t)) l.component = t, p = q;
  } else if (!l.stamp.empty() && is_hex_digits(t)) {
    size_t q = p;
    std::string_view tid = token(s, q);
    std::string_view comp = token(s, q);
    if (is_hex_digits(tid) && is_word(comp)) l.component = comp, l.agent = true, p = q;
    else p = after_stamp;
  } else {
    p = after_stamp;
  }
  while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
  l.message = s.substr(p);
  if (l.component == "CSI" && l.message.size() > 9 && is_hex_digits(l.message.substr(0, 8)) &&
      (l.message[8] == ' ' || l.message[8] == '@')) {
    size_t q = 8;
    token(l.message, q);
    l.message = l.message.substr(std::min(l.message.size(), q + 1));
  }
  return l;
}

// Failure text wufix knows to be noise of healthy servicing.
bool benign(std::string_view m, uint32_t code) {
  return is_benign_setup_code(code) || contains_word(m, "disablewerreporting") ||
         contains_word(m, "failed to get next element") || contains_word(m, "(fix)");
}

// CheckSUR's "(f) CBS MUM Corrupt 0x00000000 servicing\Packages\..." is a finding whatever its
// code ("(fix)" lines are repairs it made).
bool checksur_finding(std::string_view m) {
  return starts_with(m, "(f) ") || starts_with(m, "(f)\t");
}

// CheckSUR's subject after the code: a path ("servicing\Packages\X.mum", "winsxs\Manifests\...")
// or a file then its component ("wuaueng.dll amd64_microsoft-windows-..._none_ad1d...").
void checksur_subject(std::string_view m, std::string& component, std::string& file) {
  size_t p = 0;
  std::string_view t;
  do t = token(m, p);
  while (!t.empty() && !(starts_with(t, "0x") && t.size() == 10));
  std::string_view first = token(m, p), second = token(m, p);
  file = clean_text(first, kFieldBytes);
  if (first.find('\\') == std::string_view::npos && second.find("_31bf3856ad364e35_") != std::string_view::npos)
    component = clean_text(second, kFieldBytes);
}

struct Kind {
  const char* kind;
  uint32_t default_code;  // when the line names none (text markers)
};

// What the line tells, from its words and its layout's hints.
Kind kind_of(std::string_view m, const Loose& l, LogFormat hint, bool has_extend) {
  using namespace cause_kind;
  if (contains_word(m, "cannot repair member file")) return {kSfcCannotRepair, kSxsStoreCorruptCode};
  if ((contains_word(m, "hashes for file member") && contains_word(m, "do not match")) ||
      contains_word(m, "payload corrupt") || contains_word(m, "store corruption") ||
      contains_word(m, "failed to find file") || contains_word(m, "mum corrupt") ||
      contains_word(m, "manifest corrupt") || contains_word(m, "catalog corrupt") ||
      contains_word(m, "cbs_e_store_corruption") || contains_word(m, "component_store_corrupt") ||
      checksur_finding(m))
    return {kStoreCorruption, kCbsStoreCorruptionCode};
  if (contains_word(m, "installation failure") || contains_word(m, "failed to install"))
    return {kUpdateInstall, 0};
  if (contains_word(m, "download failure") || contains_word(m, "failed to download"))
    return {kUpdateDownload, 0};
  if (contains_word(m, "exec: processing complete") || contains_word(m, "execution chain"))
    return {kFailedSession, 0};
  if (hint == LogFormat::Setup || has_extend) return {kFeatureUpdate, 0};
  if (hint == LogFormat::Dism || starts_with(m, "Error: 0x")) return {kDismOperation, 0};
  if (contains_word(m, "fatal")) return {kAgentFatal, 0};
  if (hint == LogFormat::WindowsUpdate) return {kAgentError, 0};
  if (l.level == "Error" || hint == LogFormat::Cbs) return {kServicingError, 0};
  return {kPastedError, 0};
}

LogFormat hint_of(const Loose& l, std::string_view m, uint32_t code) {
  std::string_view c = l.component;
  if (c == "CBS" || c == "CSI" || c == "SR" || c == "DPX" || checksur_finding(m) ||
      starts_with(m, "(p)"))
    return LogFormat::Cbs;
  if (c == "DISM" || contains_word(m, "dism")) return LogFormat::Dism;
  if (is_setup_component(c) || (code & 0xFFFF0000u) == 0xC1900000u) return LogFormat::Setup;
  if (l.agent || contains_word(m, "resultmapped") || contains_word(m, "hr=") ||
      contains_word(m, "hr ="))
    return LogFormat::WindowsUpdate;
  if (contains_word(m, "installation failure") || contains_word(m, "installation successful") ||
      contains_word(m, "download failure"))
    return LogFormat::ReportingEvents;
  return LogFormat::Excerpt;
}

bool has_text_marker(std::string_view m) {
  return checksur_finding(m) || contains_word(m, "cannot repair member file") || contains_word(m, "payload corrupt") ||
         (contains_word(m, "hashes for file member") && contains_word(m, "do not match")) ||
         contains_word(m, "failed to find file") || contains_word(m, "store corruption");
}

}  // namespace

bool TolerantParser::line(std::string_view text, uint64_t number) {
  bool found = false;
  // Entries a paste joined into one line are read one by one.
  while (!text.empty()) {
    size_t next = joined_entry(text);
    found = entry(trim(text.substr(0, next)), number) || found;
    if (next == std::string_view::npos) break;
    text.remove_prefix(next);
  }
  return found;
}

bool TolerantParser::entry(std::string_view text, uint64_t number) {
  Loose l = split_loose(text);
  std::string_view m = l.message;
  std::string kb = find_kb(text);
  if (!kb.empty()) kb_ = "KB" + kb, kb_line_ = number;
  auto mark = find_code_mark(m);
  bool text_marker = has_text_marker(m);
  if ((!mark && !text_marker) || benign(m, mark ? mark->code : 0)) {
    if (!l.component.empty()) hint(hint_of(l, m, 0));
    return false;
  }
  LogFormat hinted = hint_of(l, m, mark ? mark->code : 0);
  hint(hinted);
  markers_ = true;
  Kind k = kind_of(m, l, hinted, mark && mark->extend != 0);
  Cause c;
  c.kind = k.kind;
  c.code = mark ? mark->code : k.default_code;
  // A store corruption line's [gle=...] is how the file access failed, not what is wrong;
  // CheckSUR's "(f) ... Corrupt 0x800F0900" code is the finding itself.
  if (k.default_code != 0 && k.kind != std::string_view(cause_kind::kSfcCannotRepair) &&
      !checksur_finding(m) && text_marker)
    c.code = k.default_code;
  if (mark) c.name = clean_text(mark->name, kFieldBytes);
  c.source_log = source_;
  c.line = number;
  if (!l.stamp.empty()) {
    std::string stamp = clean_text(l.stamp, 19);
    stamp[4] = stamp[7] = '-';
    stamp[10] = 'T';
    c.time = stamp;  // masked digits stay masked ("20xx-xx-06Txx:51:15")
  }
  c.excerpt = clean_text(text, 600);
  c.file = file_in_message(m);
  std::string csi_file;
  if (std::string_view package = package_in_message(m); !package.empty())
    c.component = clean_text(package, kFieldBytes);
  else if (!csi_component_file(m, c.component, csi_file))
    c.component = clean_text(l.component, 100);
  if (c.file.empty()) c.file = csi_file;
  if (checksur_finding(m)) {
    std::string component;
    checksur_subject(m, component, c.file);
    if (!component.empty()) c.component = std::move(component);
  }
  if (!kb.empty()) c.kb = "KB" + kb;
  else if (!kb_.empty() && number - kb_line_ <= kKbReach) c.kb = kb_;
  if (c.kind == std::string(cause_kind::kFeatureUpdate)) {
    c.extend_code = mark ? mark->extend : 0;
    c.failure_class = setup_failure_class(c.code);
  }
  if (c.kind == std::string(cause_kind::kDismOperation) || c.kind == std::string(cause_kind::kPastedError))
    c.operation = clean_text(trim(m.substr(0, mark ? mark->at : m.size())), kFieldBytes);
  if (c.kind == std::string(cause_kind::kUpdateInstall) && mark) {
    // "...with error 0x80070002: 2026-11 Cumulative Update ... (KB5099999)."
    std::string_view title = m.substr(std::min(m.size(), mark->at + 10));
    if (starts_with(title, ": ")) title.remove_prefix(2);
    while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.remove_suffix(1);
    c.component = clean_text(title, kFieldBytes);
  }
  if (c.code == 0) return false;  // an install failure without its code says too little
  out_.add(std::move(c));
  return true;
}

LogFormat TolerantParser::guess() const {
  size_t best = 0;
  for (size_t f = 1; f < hints_.size(); ++f)
    if (hints_[f] > hints_[best] && f != static_cast<size_t>(LogFormat::Excerpt)) best = f;
  if (best != 0 && hints_[best] > 0) return static_cast<LogFormat>(best);
  return markers_ ? LogFormat::Excerpt : LogFormat::Unknown;
}

}  // namespace wufix
