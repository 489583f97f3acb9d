#pragma once
#include "core/seam_tasks.h"

namespace wufix::win {

// Task Scheduler 2.0 through ITaskService (never schtasks strings), root folder.
class WinTaskScheduler : public TaskScheduler {
 public:
  Status register_task(std::string_view name, std::string_view xml) override;
  Result<std::optional<std::string>> task_xml(std::string_view name) const override;
  Status delete_task(std::string_view name) override;
};

// RegisterEventSourceW/ReportEventW on the local Application log.
class WinEventLog : public EventLog {
 public:
  Status report(std::string_view source, EventType type, uint32_t event_id,
                std::string_view message) override;
  Status register_source(std::string_view source, std::string_view message_file) override;
  Status unregister_source(std::string_view source) override;
};

// The folder's DACL: SYSTEM and Administrators full control, Users read, protected.
class WinFolderSharing : public FolderSharing {
 public:
  Status let_users_read(std::string_view folder) override;
};

// The full path of the running wufix.exe.
std::string program_path();

}  // namespace wufix::win
