// wufix report: one Markdown (or --json) document to post on a forum, written to a file that
// it names. Nothing is uploaded; names of people and the PC are redacted unless --no-redact.
#include <cctype>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "cli/machine_fields.h"
#include "core/checks/reg_values.h"
#include "core/private_folder.h"
#include "core/repair/journal.h"
#include "core/report.h"
#include "core/time_text.h"

namespace wufix {
namespace {

// "wufix-report-20260529-101500.md": a new name each second, so no earlier report is touched.
// The last five runs from the journals, newest first; unreadable journals say nothing here
// (`wufix history` reports them).
std::vector<RunSummary> last_runs(const System& sys) {
  std::vector<RunSummary> runs;
  auto logs = read_all_journals(*sys.files, *sys.platform);
  if (!logs) return runs;
  for (auto it = logs->runs.rbegin(); it != logs->runs.rend() && runs.size() < 5; ++it)
    if (!it->refused) runs.push_back({it->run_id, it->started, it->plan, run_result(*it), it->undone()});
  return runs;
}

std::string default_out(std::chrono::system_clock::time_point now, bool json) {
  std::string iso = iso_utc(now);  // 2026-05-29T10:15:00Z
  std::string stamp = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "-" +
                      iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2);
  return "wufix-report-" + stamp + (json ? ".json" : ".md");
}

// A registry string, or "" when absent or unreadable (redaction is best effort: a name not
// found here is still caught by the patterns).
std::string reg_text(const Registry& reg, std::string_view key, std::string_view name) {
  auto v = reg.read(Hive::LocalMachine, key, name);
  return v && *v ? regval::as_text(**v).value_or("") : "";
}

bool is_shared_profile(std::string_view folder) {
  std::string f(folder);
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return f == "public" || f == "default" || f == "default user" || f == "all users" || f == "desktop.ini" ||
         f.empty() || f[0] == '.';
}

// The names to redact: the environment, the WSUS and NTP servers, and every profile folder
// (the logged-on user when an over-the-shoulder admin ran wufix, whose USERNAME is not hers).
Redactor redactor_for(const System& sys) {
  const Console& console = *sys.console;
  RedactionNames names;
  for (const char* name : {"USERNAME", "USER", "LOGNAME"})
    if (auto v = console.env(name)) names.users.push_back(*v);
  for (const char* name : {"COMPUTERNAME", "USERDOMAIN", "HOSTNAME"})
    if (auto v = console.env(name)) names.computers.push_back(*v);
  if (auto v = console.env("USERDNSDOMAIN")) names.dns_domains.push_back(*v);
  if (sys.registry) {
    constexpr const char* kWsus = "SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
    for (const char* value : {"WUServer", "WUStatusServer"})
      for (auto& n : server_names(reg_text(*sys.registry, kWsus, value))) names.servers.push_back(n);
    for (auto& n : server_names(reg_text(*sys.registry, "SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters",
                                         "NtpServer")))
      names.servers.push_back(n);
    std::string profiles = reg_text(*sys.registry, "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList",
                                    "ProfilesDirectory");  // %SystemDrive%\Users, or D:\Profiles
    if (profiles.rfind("%SystemDrive%", 0) == 0) profiles.replace(0, 13, console.env("SystemDrive").value_or("C:"));
    if (auto folders = profiles.empty() ? Result<std::vector<std::string>>(std::vector<std::string>())
                                        : sys.files->list(profiles))
      for (auto& n : *folders)
        if (!is_shared_profile(n)) names.users.push_back(n);
  }
  return Redactor(std::move(names));
}

// Writes the whole report durably to a file created here (CREATE_NEW, so nothing that appears
// meanwhile is opened): an existing file is never appended to or replaced.
Status write_new_file(Files& files, const std::string& path, std::string_view text) {
  auto out = files.create_new(path);
  if (!out && (out.error().code == 80 || out.error().code == 183))
    return Error{80, "the report file already exists; choose another --out", path};
  if (!out) return out.error();
  if (auto w = (*out)->write(text); !w) return w;
  return (*out)->flush();
}

class ReportCommand : public Command {
 public:
  std::string name() const override { return "report"; }
  std::string summary() const override {
    return "Write a forum-ready report (OS, findings, root causes, last runs) to a file";
  }
  bool needs_windows() const override { return true; }
  void define(CLI::App& sub) override {
    sub.add_option("--out", out_, "File to write (default: wufix-report-DATE-TIME.md in the current folder)");
    sub.add_flag("--no-redact", no_redact_, "Keep user names, the computer name and profile paths");
  }
  int run(Context& ctx) override {
    ReportInput in;
    in.generated = ctx.sys.clock->now();
    in.diagnosis = run_diagnose(ctx.sys, DiagnoseOptions{});
    in.logs = analyze_machine_logs(ctx.sys);
    in.runs = last_runs(ctx.sys);
    Redactor redactor = redactor_for(ctx.sys);
    const Redactor* redact = no_redact_ ? nullptr : &redactor;
    std::string text;
    if (ctx.global.json) {
      nlohmann::json j = report_json(in, redact);
      add_machine_fields(j, *ctx.sys.console, redact != nullptr, in.generated);
      text = json_text(j);
    } else {
      text = report_markdown(in, redact);
    }
    auto path = report_path(ctx, in.generated);
    if (!path) {
      ctx.out.error_line(path.error().message());
      return exit_code::kUsage;
    }
    if (auto written = write_new_file(*ctx.sys.files, *path, text); !written) {
      ctx.out.error_line(written.error().message());
      return exit_code::kUsage;
    }
    if (ctx.global.json) {
      ctx.out.out(json_text(nlohmann::json({{"out", *path}, {"redacted", redact != nullptr}})));
    } else {
      ctx.out.out(fmt::format("Report written to {} ({}). Nothing was uploaded: read it, then post it.\n",
                              *path, redact ? "names and profile paths redacted" : "not redacted"));
    }
    return exit_code::kOk;
  }

 private:
  // --out, else a new name in the current folder; under --fleet (SYSTEM's current folder is
  // System32) in %ProgramData%\wufix\reports, created private (or refused) like every folder
  // under %ProgramData%\wufix.
  Result<std::string> report_path(Context& ctx, std::chrono::system_clock::time_point now) const {
    std::string name = default_out(now, ctx.global.json);
    if (!out_.empty()) return out_;
    if (!ctx.global.fleet) return name;
    if (Status ready = ensure_private_folder(*ctx.sys.files, *ctx.sys.platform, "reports"); !ready)
      return ready.error();
    return data_dir(*ctx.sys.platform) + "\\reports\\" + name;
  }

  std::string out_;
  bool no_redact_ = false;
};

}  // namespace

std::unique_ptr<Command> make_report_command() { return std::make_unique<ReportCommand>(); }

}  // namespace wufix
