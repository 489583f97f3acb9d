// OS capabilities only `wufix schedule` and the scheduled health check need, beside seam.h
// (which 40 files include: a new capability gets its own header). Passed in `Upkeep`.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace wufix {

// Task Scheduler 2.0 (ITaskService), tasks in the root folder. The task is registered from
// its XML, so what runs, when and as whom is one value the unit tests can read.
class TaskScheduler {
 public:
  virtual ~TaskScheduler() = default;
  // Creates the task or replaces one of the same name; the XML's principal says who it runs as.
  virtual Status register_task(std::string_view name, std::string_view xml) = 0;
  // The registered task's XML as Task Scheduler keeps it; nullopt when no such task exists.
  virtual Result<std::optional<std::string>> task_xml(std::string_view name) const = 0;
  // Removes the task; a task that does not exist is success.
  virtual Status delete_task(std::string_view name) = 0;
};

enum class EventType { Information, Warning, Error };

// The Application event log (ReportEvent), where admins' monitoring looks.
class EventLog {
 public:
  virtual ~EventLog() = default;
  virtual Status report(std::string_view source, EventType type, uint32_t event_id,
                        std::string_view message) = 0;
  // Registers `source` in the Application log with the exe whose message table has the
  // events' text, so Event Viewer shows it (HKLM\SYSTEM\CurrentControlSet\Services\EventLog
  // \Application\<source>: EventMessageFile, TypesSupported 7); replaces an earlier one.
  virtual Status register_source(std::string_view source, std::string_view message_file) = 0;
  // Removes that registration; none there is success.
  virtual Status unregister_source(std::string_view source) = 0;
};

// Lets every user read a folder wufix keeps private otherwise (the health results, so that
// `wufix status` needs no elevation): SYSTEM and Administrators full control, an inheritable
// read-only entry for BUILTIN\Users, nobody else. Creates the folder so when it is missing
// (its parent must exist): one DACL from the start, never a moment without the Users entry.
// It applies kReadableFolderSddl (core/private_folder.h).

class FolderSharing {
 public:
  virtual ~FolderSharing() = default;
  virtual Status let_users_read(std::string_view folder) = 0;
};

}  // namespace wufix
