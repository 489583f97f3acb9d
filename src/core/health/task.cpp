#include "core/health/task.h"

#include <array>

#include <fmt/format.h>

#include "core/ascii.h"
#include "core/private_folder.h"

namespace wufix {

namespace {

// The copy's bytes from the running exe (held against writers while read).
Status copy_file(Files& files, const std::string& from, const std::string& to) {
  auto held = files.hold(from);
  if (!held) return held.error();
  auto in = files.open_read(from);
  if (!in) return in.error();
  auto out = files.create_new(to);
  if (!out) return out.error();
  std::array<char, 64 * 1024> buf;
  for (;;) {
    auto n = (*in)->read(buf);
    if (!n) return n.error();
    if (*n == 0) break;
    if (Status w = (*out)->write(std::string_view(buf.data(), *n)); !w) return w;
  }
  return (*out)->flush();
}

// "wufix.exe.old", then "wufix.exe.old2", ...: wufix renames, never deletes.
Result<std::string> free_aside_name(const Files& files, const std::string& path) {
  for (int n = 1; n <= 100; ++n) {
    std::string aside = path + ".old" + (n == 1 ? "" : std::to_string(n));
    auto there = files.exists(aside);
    if (!there) return there.error();
    if (!*there) return aside;
  }
  return Error{183, "no free name to rename the older copy to", path};
}

}  // namespace

std::string task_program_path(const Platform& platform) {
  return data_dir(platform) + "\\bin\\wufix.exe";
}

Result<std::string> install_task_program(Files& files, const Platform& platform,
                                         std::string_view running_exe) {
  const std::string target = task_program_path(platform);
  if (ascii_lower(running_exe) == ascii_lower(target)) return target;  // enabled from the copy
  if (Status ready = ensure_private_folder(files, platform, "bin"); !ready) return ready.error();
  auto there = files.exists(target);
  if (!there) return there.error();
  if (*there) {
    auto aside = free_aside_name(files, target);
    if (!aside) return aside.error();
    if (Status moved = files.rename(target, *aside); !moved) return moved.error();
  }
  if (Status copied = copy_file(files, std::string(running_exe), target); !copied)
    return copied.error();
  return target;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// StartBoundary is a Sunday; without a time zone suffix it is the PC's local time.
// StartWhenAvailable runs a missed weekly check at the next chance. S-1-5-18 is SYSTEM in
// every language; HighestAvailable gives it its full token.
std::string health_task_xml(std::string_view program_path) {
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>wufix</Author>
    <Description>Checks what Windows Update needs (wufix diagnose) weekly and after boot; keeps the last 10 results in %ProgramData%\wufix\health and writes an Application event (source wufix) when a problem appears or clears.</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2026-01-04T03:00:00</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByWeek>
        <DaysOfWeek><Sunday /></DaysOfWeek>
        <WeeksInterval>1</WeeksInterval>
      </ScheduleByWeek>
    </CalendarTrigger>
    <BootTrigger>
      <Enabled>true</Enabled>
      <Delay>PT10M</Delay>
    </BootTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>"{}"</Command>
      <Arguments>{}</Arguments>
    </Exec>
  </Actions>
</Task>
)",
      xml_escape(program_path), kHealthTaskArguments);
}

}  // namespace wufix
