# shellcheck shell=bash
# wufix.exe logs under Wine: with no FILE it reads the prefix's own C:\Windows logs (planted
# here in the real formats), with FILEs the given ones; exit codes 0/1/2 and the JSON contract.

FIXTURES=$WINE_TESTS_DIR/../fixtures/logs

# cause_field N KEY [JSON]: a key of the N-th cause (0-based).
cause_field() { json_get "causes.$1.$2" "${3-$RUN_OUT}"; }

# The fixtures, with the CBS and DISM lines dated today (diagnose looks at the last 90 days).
plant_logs() {
  local today; today=$(date +%Y-%m-%d)
  sed "s/^2026-05-12/$today/" "$FIXTURES/CBS.log" | win_write 'C:\windows\Logs\CBS\CBS.log'
  sed "s/^2026-05-12/$today/" "$FIXTURES/dism.log" | win_write 'C:\windows\Logs\DISM\dism.log'
  win_write 'C:\windows\SoftwareDistribution\ReportingEvents.log' <"$FIXTURES/ReportingEvents.log"
}

test_fresh_prefix_has_no_failed_update() {
  run_wufix logs --json
  assert_exit 0
  assert_eq "$(json_get causes)" "[]"
  run_wufix logs --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "No failure found"
}

test_planted_logs_give_one_ranked_cause_with_kb_file_and_fix() {
  plant_logs
  run_wufix logs --json
  assert_exit 1
  assert_eq "$(cause_field 0 kb)" KB5037771
  assert_eq "$(cause_field 0 code)" 0x800F081F
  assert_eq "$(cause_field 0 kind)" failed-servicing-session
  assert_eq "$(cause_field 0 line)" 16
  assert_eq "$(cause_field 0 fix)" "wufix repair --only dism --source PATH"
  assert_contains "$(cause_field 0 source_log)" 'Logs\CBS\CBS.log'
  assert_contains "$(cause_field 0 file)" 'Windows11.0-KB5037771-x64.cab'
  assert_contains "$(cause_field 0 also_in)" 'ReportingEvents.log:5'
  assert_contains "$(cause_field 0 also_in)" 'dism.log:11'
  assert_eq "$(cause_field 1 kb)" KB2267602 "the Defender download failure is the second cause"
  assert_eq "$(json_get counts.bad_lines)" 1
  run_wufix logs --no-color
  assert_exit 1
  assert_contains "$RUN_OUT" "KB5037771 0x800F081F CBS_E_SOURCE_MISSING"
  assert_contains "$RUN_OUT" "fix: wufix repair --only dism --source PATH"
}

test_diagnose_reports_the_log_root_cause() {
  plant_logs
  run_wufix diagnose --json
  assert_contains "$RUN_OUT" '"log-root-cause"'
}

test_given_files_and_unreadable_ones() {
  win_write 'C:\posted\WindowsUpdate.log' <"$FIXTURES/WindowsUpdate.log"
  run_wufix logs --json 'C:\posted\WindowsUpdate.log'
  assert_exit 1
  assert_eq "$(cause_field 0 code)" 0x800F0922
  run_wufix logs 'C:\posted\missing.log'
  assert_exit 2
  assert_contains "$RUN_ERR" "wufix: error:"
  assert_contains "$RUN_ERR" 'missing.log'
}

# A forum paste piped in: no header, no timestamps; the cause with its KB, read from stdin.
test_pasted_excerpt_from_stdin() {
  RUN_STDIN=$FIXTURES/paste_cbs_no_timestamp.log run_wufix logs --json -
  assert_exit 1
  assert_eq "$(cause_field 0 kind)" component-store-corruption
  assert_eq "$(cause_field 0 kb)" KB5036892
  assert_eq "$(cause_field 0 code)" 0x800F0831
  assert_eq "$(cause_field 0 source_log)" stdin
  assert_eq "$(json_get logs.0.format)" cbs
  RUN_STDIN=$FIXTURES/paste_no_marker.log run_wufix logs -
  assert_exit 0
  assert_contains "$RUN_OUT" "No failure found in these logs (3 lines read)"
}

# Pasted shapes as files: quoted with masked times, joined and wrapped entries, event text.
test_pasted_shapes_as_files() {
  local f
  for f in paste_cbs_masked_quoted paste_joined_wrapped paste_event_text CheckSUR; do
    win_write "C:\\posted\\$f.log" <"$FIXTURES/$f.log"
  done
  run_wufix logs --json 'C:\posted\paste_cbs_masked_quoted.log'
  assert_exit 1
  assert_eq "$(cause_field 0 code)" 0x800F081F
  assert_eq "$(cause_field 0 time)" "20xx-xx-06Txx:51:19"
  run_wufix logs --json 'C:\posted\paste_joined_wrapped.log'
  assert_eq "$(cause_field 0 code)" 0x80070005
  assert_eq "$(cause_field 0 kb)" KB5036980
  run_wufix logs --json 'C:\posted\paste_event_text.log'
  assert_eq "$(cause_field 0 kind)" update-install-failed
  assert_eq "$(cause_field 0 kb)" KB5037771
  run_wufix logs --no-color 'C:\posted\CheckSUR.log'
  assert_exit 1
  assert_contains "$RUN_OUT" "KB2992611 0x800F0900"
}

# A failed feature update: wufix logs without FILE reads $WINDOWS.~BT\Sources\Panther.
test_panther_log_of_a_driver_rollback() {
  win_write 'C:\$WINDOWS.~BT\Sources\Panther\setupact.log' <"$FIXTURES/setupact_driver_rollback.log"
  run_wufix logs --json
  assert_exit 1
  assert_eq "$(cause_field 0 kind)" feature-update-failed
  assert_eq "$(cause_field 0 failure_class)" driver-rollback
  assert_eq "$(cause_field 0 extend_code)" 0x30018
  assert_eq "$(cause_field 0 file)" rtwlane.sys
  assert_eq "$(cause_field 0 fix)" "wufix explain 0xC1900101-0x30018"
  run_wufix explain 0xC1900101-0x30018 --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "SP_EXECUTION_OP_SYSPREP"
}

# After a repair, the corruption DISM just repaired is no longer a cause (make demo's case).
test_superseded_failure_not_reported_after_repair() {
  set_scenario dism "repairable step_ms=0"
  run_wufix repair --only dism --yes --no-color
  [[ $RUN_EXIT == 0 || $RUN_EXIT == 3010 ]] || fail "repair exit $RUN_EXIT: $RUN_OUT $RUN_ERR"
  run_wufix logs --json
  assert_exit 0
  assert_eq "$(json_get causes)" "[]"
  assert_contains "$(json_get superseded)" "component store repaired"
  run_wufix diagnose --json
  local ids; ids=$(python3 -c 'import json,sys; print([f["id"] for f in json.load(sys.stdin)["findings"]])' <<<"$RUN_OUT")
  assert_not_contains "$ids" "log-root-cause"
}

# Under a zone 14 hours east of UTC: the journal's times are UTC, and CBS.log's (local time)
# are compared in local time. A failure stamped 7 hours "ahead" of UTC happened 7 hours before
# the repair that follows it, so the repair supersedes it (read as UTC, it would not).
test_a_repair_supersedes_a_failure_logged_in_local_time_far_from_utc() {
  wine_in_zone WUFIX-14
  local logged; logged=$(date -u -d '+7 hours' '+%Y-%m-%d %H:%M:%S')
  printf '%s, Info                  CBS    (p)\tCSI Payload Corrupt\t\tamd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.22621.3593_none_0123456789abcdef\\kernel32.dll\r\n' \
    "$logged" | win_write 'C:\windows\Logs\CBS\CBS.log'
  run_wufix logs --json
  assert_exit 1
  assert_eq "$(cause_field 0 time)" "${logged/ /T}"
  local before; before=$(date -u +%s)
  run_wufix repair --only dism --yes --json
  [[ $RUN_EXIT == 0 || $RUN_EXIT == 3010 ]] || fail "repair exit $RUN_EXIT: $RUN_OUT $RUN_ERR"
  local header stamp started
  header=$(head -n 1 "$(unixpath "C:\\ProgramData\\wufix\\runs\\$(json_get run_id).jsonl")")
  stamp=$(json_get started "$header")
  started=$(date -u -d "$stamp" +%s) || fail "no time in the journal's header: $header"
  ((started >= before - 5 && started <= $(date -u +%s) + 5)) ||
    fail "the journal's start $stamp is not the UTC time (now $(date -u +%FT%TZ))"
  run_wufix logs --json
  assert_exit 0
  assert_eq "$(json_get causes)" "[]"
  assert_contains "$(json_get superseded)" "wufix repair run"
}

# sfc's hash mismatch on a file it then repaired from the store is no cause either (make demo's
# repair --all: dism, then sfc "Repairing corrupted file ...\kernel32.dll from store").
test_file_sfc_repaired_not_reported_after_repair() {
  set_scenario dism "repairable step_ms=0"
  set_scenario sfc "repaired step_ms=0"
  run_wufix repair --only dism,sfc --yes --no-color
  [[ $RUN_EXIT == 0 || $RUN_EXIT == 3010 ]] || fail "repair exit $RUN_EXIT: $RUN_OUT $RUN_ERR"
  run_wufix logs --json
  assert_exit 0
  assert_eq "$(json_get causes)" "[]"
  assert_contains "$(json_get superseded)" "sfc repaired kernel32.dll"
}
