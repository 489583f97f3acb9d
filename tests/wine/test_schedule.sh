# shellcheck shell=bash
# wufix.exe schedule and status under Wine. The task is registered through ITaskService
# (RegisterTask with Task XML) and read back through it (GetTask + get_Xml: `schedule status`).
# Wine 8 keeps the registration, but its ITaskDefinition objects return E_NOTIMPL (trigger
# collection Create, IPrincipal put_LogonType/put_RunLevel) and the XML it stores loses the
# triggers, the principal and the action: the weekly trigger, the boot trigger's 10-minute delay
# and the SYSTEM principal are asserted on the XML wufix registers, with the seam's fake
# (tests/unit/health_test.cpp). Wine's event log is a stub (ReportEventW succeeds and keeps
# nothing): which events are written is checked with the fake too; here only that the run goes on.
# The health folder's DACL (Users read, SYSTEM and Administrators full control) cannot be read
# back here: Wine 8 keeps neither the security a folder is created with (CreateDirectoryW's
# SECURITY_ATTRIBUTES) nor one set later (SetSecurityInfo: error 5); `sdtool get` shows the DACL
# it derives from the unix mode, (A;OICI;FA;;;SY)(A;OICI;FA;;;<user>). The SDDL wufix applies
# is unit-tested (HealthFolderAcl.* in tests/unit/health_test.cpp).

TASK='wufix health check'
TASK_FILE="C:\\windows\\system32\\tasks\\$TASK"  # where Wine's Task Scheduler keeps a task
HEALTH='C:\ProgramData\wufix\health'
EVENT_SOURCE_KEY='HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\wufix'

# Event Viewer finds an event's text in the source's EventMessageFile: wufix.exe carries a
# message table with one message per event id, the text being the one insertion string.
test_the_exe_carries_the_event_messages() {
  local table; table=$(python3 "$WUFIX_ROOT/tests/wine/pe_messages.py" "$WUFIX_EXE") ||
    fail "no message table in $WUFIX_EXE"
  assert_eq "$table" "1000	'%1\n'
1001	'%1\n'
1002	'%1\n'"
}

# result_files / result_count: the result files kept (not their <run-id>.events.json beside).
result_files() { find "$(unixpath "$HEALTH")" -name '*.json' ! -name '*.events.json' | sort; }
result_count() { result_files | wc -l; }

test_schedule_enable_registers_the_task_and_disable_removes_it() {
  run_wufix schedule enable --json
  assert_exit 0
  assert_json task "$TASK"
  assert_json arguments "diagnose --json --health"
  assert_file_exists "$TASK_FILE" "Wine's Task Scheduler has no task file"
  assert_file_exists "$HEALTH" "enable makes the results folder"
  # The event source, with the private copy's message table as the events' text.
  assert_eq "$(reg_get "$EVENT_SOURCE_KEY" EventMessageFile)" "$(json_get command)"
  assert_eq "$(reg_get "$EVENT_SOURCE_KEY" TypesSupported)" 7

  run_wufix schedule status --json
  assert_exit 0
  assert_json task.enabled true  # GetTask found it
  assert_json task.error null

  run_wufix schedule disable
  assert_exit 0
  assert_contains "$RUN_OUT" "Disabled"
  assert_file_absent "$TASK_FILE"
  reg_key_exists "$EVENT_SOURCE_KEY" && fail "disable leaves the event source registered"
  run_wufix schedule status --json
  assert_json task.enabled false
  run_wufix schedule disable  # nothing left to remove is no failure
  assert_exit 0
}

test_scheduled_runs_keep_results_that_status_shows() {
  run_wufix schedule enable --json
  assert_exit 0
  local program args
  program=$(json_get command) args=$(json_get arguments)
  # What the task runs (Wine's Task Scheduler fires no triggers here), twice: a fresh prefix
  # lacks CryptSvc (an error), then a stand-in CryptSvc clears it.
  # shellcheck disable=SC2086  # the task's arguments are words
  run_win "$program" $args
  assert_exit 1
  assert_eq "$(result_count)" 1
  assert_json health.drive 'C:\' "$(cat "$(result_files)")"
  # The events went out after the result was stored (the order is unit-tested), then what
  # became of them beside it.
  local due; due=$(json_get health.events_due "$(cat "$(result_files)")")
  assert_match "$due" '^[1-9][0-9]*$' "the first result's problems are events"
  assert_json events_written "$due" "$(cat "$(unixpath "$HEALTH")"/*.events.json)"
  install_service CryptSvc auto --running
  # shellcheck disable=SC2086
  run_win "$program" $args
  assert_exit 1  # time-service is still there
  assert_not_contains "$RUN_ERR" "event log not written" "the event log (a stub) takes the entries"
  assert_eq "$(result_count)" 2

  run_wufix status
  assert_exit 1
  assert_contains "$RUN_OUT" "Scheduled health check: enabled"
  assert_contains "$RUN_OUT" "time-service"
  assert_contains "$RUN_OUT" "cleared: service-missing"
  assert_match "$RUN_OUT" 'C:\\ [0-9]+\.[0-9] GB free'
  run_wufix status --json
  assert_json schema 1
  assert_json results 2
  assert_json last.cleared.0.id service-missing
  assert_json last.event_error null

  run_wufix schedule status --json
  assert_exit 0
  assert_contains "$(json_get results.0.problems)" service-missing
  assert_json trend.cleared_findings '["service-missing"]'
  local free; free=$(json_get results.1.free_bytes)
  assert_match "$free" '^[0-9]+$' "free space is recorded"
  run_wufix schedule status
  assert_contains "$RUN_OUT" "Last 2 results"
}

test_only_the_last_ten_results_are_kept() {
  run_wufix diagnose --json --health
  assert_exit 1
  local first; first=$(result_files)
  local i
  for i in 01 02 03 04 05 06 07 08 09 10; do  # older results, as earlier weeks left them
    cp "$first" "$(unixpath "$HEALTH")/202501${i}-030000-00aa.json"
  done
  assert_eq "$(result_count)" 11
  run_wufix diagnose --json --health
  assert_eq "$(result_count)" 10
  assert_file_absent "$HEALTH\\20250101-030000-00aa.json" "the oldest goes"
  assert_file_absent "$HEALTH\\20250102-030000-00aa.json"
  assert_file_exists "$HEALTH\\20250103-030000-00aa.json"
  assert_file_exists "$first"
}

# Not elevated cannot be had under Wine (every process runs elevated): exit 3 of enable and
# disable is in the unit tests.
test_health_refuses_a_linked_results_folder() {
  win_mkdir 'C:\users\Public\elsewhere'
  run_wufix schedule enable  # makes %ProgramData%\wufix private first
  assert_exit 0
  rm -rf "$(unixpath "$HEALTH")"
  ln -s "$(unixpath 'C:\users\Public')/elsewhere" "$(unixpath "$HEALTH")"
  run_wufix diagnose --json --health
  assert_exit 1
  assert_contains "$RUN_ERR" "cannot keep the health result: refusing $HEALTH: it is a link"
  assert_eq "$(ls -A "$(unixpath 'C:\users\Public')/elsewhere")" "" "nothing written through the link"
  run_wufix status
  assert_exit 1
  assert_contains "$RUN_ERR" "it is a link"
}
