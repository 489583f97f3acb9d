// The dism.log parser: CBS.log's line layout; per DISM session, the last error is the
// operation that failed, and a /RestoreHealth session without errors resolves store causes.
#include "core/logs/cbs_log.h"
#include "core/logs/log_parser.h"
#include "core/logs/markers.h"
#include "core/logs/text.h"

namespace wufix {
namespace {

// "DISM Package Manager: PID=1234 TID=5678 Failed to restore the image health. - CPackage...
// (hr:0x800f081f)" → component "DISM Package Manager", operation "Failed to restore ...".
void split_dism_message(std::string_view m, std::string_view& component, std::string_view& op) {
  size_t pid = m.find(" PID=");
  component = pid == std::string_view::npos ? std::string_view() : trim(m.substr(0, pid));
  if (!component.empty() && component.back() == ':') component.remove_suffix(1);
  std::string_view rest = m;
  if (size_t tid = m.find("TID="); tid != std::string_view::npos)
    rest = m.substr(skip_blanks(m, token_end(m, tid)));
  op = trim(rest.substr(0, rest.find(" - ")));
}

class DismParser : public LogParser {
 public:
  DismParser(std::string source, CauseCollector& out) : source_(std::move(source)), out_(out) {}

  bool line(std::string_view raw, uint64_t number) override {
    auto l = split_cbs_line(raw);
    if (!l) return false;
    if (l->message.find("<----- Starting Dism.exe session") != std::string_view::npos ||
        l->message.find("<----- Ending Dism.exe session") != std::string_view::npos) {
      if (restore_ && !failed_) {
        out_.resolve({"store", source_, number, iso_local_time(l->stamp).value_or(""),
                      source_ + ":" + std::to_string(number) + " (DISM RestoreHealth succeeded)"});
      }
      restore_ = failed_ = false;
      finish();
      return true;
    }
    if (l->message.find("Executing command line:") != std::string_view::npos)
      restore_ = contains_word(l->message, "/restorehealth");
    if (l->level != "Error") return true;
    failed_ = true;
    std::optional<uint32_t> code = find_hr_code(l->message);
    if (!code) {
      if (auto bracket = find_bracket_hresult(l->message)) code = bracket->code;
    }
    if (!code) return true;
    // The session's last error is the operation that failed; earlier ones led up to it.
    Cause c = cause_at(*l, raw, number, source_, cause_kind::kDismOperation, *code);
    std::string_view component, op;
    split_dism_message(l->message, component, op);
    c.component = clean_text(component, kFieldBytes);
    c.operation = clean_text(op, kFieldBytes);
    c.file = file_in_message(l->message);
    c.kb = package_kb(l->message);
    if (last_ && last_->code == *code) c.occurrences += last_->occurrences;
    last_ = std::move(c);
    return true;
  }

  void finish() override {
    if (last_) out_.add(std::move(*last_));
    last_.reset();
  }

 private:
  std::string source_;
  CauseCollector& out_;
  std::optional<Cause> last_;
  bool restore_ = false;  // this session runs /RestoreHealth
  bool failed_ = false;   // and logged an error
};

}  // namespace

std::unique_ptr<LogParser> make_dism_parser(std::string source, CauseCollector& out) {
  return std::make_unique<DismParser>(std::move(source), out);
}

}  // namespace wufix
