// wufix explain CODE...: what an error code means, why Windows Update hits it, what fixes it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "core/exit_codes.h"
#include "core/explain.h"
#include "core/hresult.h"

namespace wufix {
namespace {

std::string anatomy(const DecodedHresult& d) {
  std::string facility = d.facility_name.empty() ? "unknown" : d.facility_name;
  std::string line = fmt::format("{} \u00b7 facility {} ({}) \u00b7 code {}",
                                 d.failure ? "failure" : "success", facility, d.facility, d.code);
  if (d.win32) line += fmt::format(" \u00b7 Win32 error {}", *d.win32);
  return line;
}

std::string explain_text(const Explanation& e, const Output& out) {
  const CodeInfo* info = e.info;
  std::string name = info && !info->name.empty() ? info->name : "(no name known)";
  std::string text = fmt::format("{}  {}\n", out.paint(Tone::Bold, format_hresult(e.decoded.hresult)),
                                 out.paint(info && !info->name.empty() ? Tone::Bold : Tone::Dim, name));
  if (e.input != format_hresult(e.decoded.hresult)) text += fmt::format("  input:  {}\n", e.input);
  text += fmt::format("  {}\n", anatomy(e.decoded));
  if (info) {
    text += fmt::format("  means:  {}\n", info->description);
    if (!info->cause.empty()) text += fmt::format("  cause:  {}\n", info->cause);
    if (!info->fix.empty()) text += fmt::format("  fix:    {}\n", out.paint(Tone::Good, info->fix));
  }
  if (e.extend) {
    text += fmt::format("  extend: {}: failed in the {}", format_extend_code(e.extend->code), e.extend->phase);
    text += e.extend->operation.empty() ? "\n" : fmt::format(", during {}\n", e.extend->operation);
  }
  return text;
}

class ExplainCommand : public Command {
 public:
  std::string name() const override { return "explain"; }
  std::string summary() const override {
    return "Explain Windows Update error codes (0x80070002, -2147024894, 5, ...)";
  }
  void define(CLI::App& sub) override {
    sub.add_option("codes", codes_, "Codes as pasted: hex, negative or unsigned decimal, Win32")
        ->required();
    sub.footer(
        "Winsock reset (not done by wufix: it needs a restart and is rarely the cause). Do it "
        "by hand only when every program fails to connect, not just Windows Update (network "
        "codes 0x80072EE2, 0x80072EFD, 0x80072F8F, 0x8024402C in browsers too), after "
        "`wufix repair --only network` and after uninstalling VPN/firewall software that "
        "installed a network filter: in an elevated prompt run `netsh winsock reset`, then "
        "restart Windows.");
  }
  int run(Context& ctx) override {
    Result<std::vector<Explanation>> explained = explain_codes(codes_);
    if (!explained) {
      ctx.out.error_line(explained.error().message());
      return exit_code::kUsage;
    }
    if (ctx.global.json) {
      nlohmann::json list = nlohmann::json::array();
      for (const Explanation& e : *explained) list.push_back(explanation_json(e));
      ctx.out.out(json_text(list));
      return exit_code::kOk;
    }
    std::string text;
    for (const Explanation& e : *explained) {
      if (!text.empty()) text += "\n";
      text += explain_text(e, ctx.out);
    }
    ctx.out.out(text);
    return exit_code::kOk;
  }

 private:
  std::vector<std::string> codes_;
};

}  // namespace

std::unique_ptr<Command> make_explain_command() { return std::make_unique<ExplainCommand>(); }

}  // namespace wufix
