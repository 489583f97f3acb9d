// wufix logs [FILE...|-]: the root causes of failed updates, from CBS.log, dism.log,
// ReportingEvents.log, WindowsUpdate.log, setupact/setuperr.log, or any excerpt of them
// ("-" reads a paste from standard input). Needs only files, so the Linux build reads logs a
// user posted; without FILEs it reads this PC's own logs (Windows only).
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/logs_text.h"
#include "core/logs/analyze.h"

namespace wufix {
namespace {

// Standard input as a stream of lines (the console reads it line by line; a paste is text).
class ConsoleInput : public InputStream {
 public:
  explicit ConsoleInput(Console& console) : console_(console) {}
  Result<size_t> read(std::span<char> buf) override {
    while (pos_ == pending_.size()) {
      auto line = console_.read_line();
      if (!line) return size_t{0};
      pending_ = std::move(*line) + "\n";
      pos_ = 0;
    }
    size_t n = std::min(buf.size(), pending_.size() - pos_);
    std::memcpy(buf.data(), pending_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  Console& console_;
  std::string pending_;
  size_t pos_ = 0;
};

class LogsCommand : public Command {
 public:
  std::string name() const override { return "logs"; }
  std::string summary() const override {
    return "Find the root cause of failed updates in CBS, DISM, Windows Update and setup logs";
  }
  void define(CLI::App& sub) override {
    sub.add_option("files", files_,
                   "Log files to read (CBS.log, CbsPersist_*.log, dism.log, ReportingEvents.log, "
                   "WindowsUpdate.log, setupact.log, setuperr.log, or any excerpt of them; - "
                   "reads standard input); default: this PC's own logs");
    sub.add_option("--top", top_, "How many causes the text output shows")
        ->check(CLI::PositiveNumber)
        ->default_str("5");
  }
  int run(Context& ctx) override {
    if (sys_files_missing(ctx)) return exit_code::kUsage;
    ConsoleInput in(*ctx.sys.console);
    auto analysis = files_.empty() ? analyze_machine_logs(ctx.sys)
                                   : analyze_files(*ctx.sys.files, files_, &in);
    if (!analysis) {
      ctx.out.error_line(analysis.error().message());
      return exit_code::kUsage;
    }
    ctx.out.out(ctx.global.json ? json_text(to_json(*analysis))
                                : render_logs_text(*analysis, ctx.out, top_));
    return analysis->causes.empty() ? exit_code::kOk : exit_code::kFindings;
  }

 private:
  // Files are all `logs` needs; this PC's logs need Windows too.
  bool sys_files_missing(Context& ctx) const {
    if (ctx.sys.files == nullptr) {
      ctx.out.error_line("'wufix logs' cannot read files in this build");
      return true;
    }
    if (files_.empty() && !ctx.sys.has_windows()) {
      ctx.out.error_line(
          "'wufix logs' without FILE reads this PC's Windows logs; here, name the files: "
          "wufix logs CBS.log dism.log ...");
      return true;
    }
    return false;
  }

  std::vector<std::string> files_;
  size_t top_ = 5;
};

}  // namespace

std::unique_ptr<Command> make_logs_command() { return std::make_unique<LogsCommand>(); }

}  // namespace wufix
