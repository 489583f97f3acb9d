#include "cli/command.h"

namespace wufix {

CommandList all_commands() {
  CommandList list;
  list.push_back(make_diagnose_command());
  list.push_back(make_repair_command());
  list.push_back(make_undo_command());
  list.push_back(make_updates_command());
  list.push_back(make_history_command());
  list.push_back(make_cleanup_command());
  list.push_back(make_schedule_command());
  list.push_back(make_status_command());
  list.push_back(make_explain_command());
  list.push_back(make_catalog_command());
  list.push_back(make_install_command());
  list.push_back(make_logs_command());
  list.push_back(make_report_command());
  return list;
}

}  // namespace wufix
