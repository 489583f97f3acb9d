# shellcheck shell=bash
# wufix.exe repair / undo / history under Wine: real SCM, real renames, real journal.

SD='C:\windows\SoftwareDistribution'
CR2='C:\windows\system32\catroot2'
JOURNALS='C:\ProgramData\wufix\runs'

# A prefix diagnose finds healthy (stand-ins for CryptSvc and W32Time), with update folders
# holding files the way a used PC's do.
make_used_pc() {
  make_healthy
  win_mkdir "$SD\\DataStore\\Logs" "$SD\\Download\\3f2a" "$CR2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}"
  win_write "$SD\\DataStore\\DataStore.edb" "ESE database $RANDOM"
  win_write "$SD\\Download\\3f2a\\windows10.0-kb5044284-x64.cab" "payload $RANDOM"
  win_write "$CR2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\catdb" "catalog $RANDOM"
  win_write "$CR2\\edb.log" "log $RANDOM"
}

# The states and start types of the services reset touches, one line.
service_snapshot() {
  local s
  for s in wuauserv BITS CryptSvc msiserver; do printf '%s=%s/%s ' "$s" "$(svc_state $s)" "$(svc_start_type $s)"; done
}

run_id_of() { json_get run_id "${1-$RUN_OUT}"; }
step_field() { json_get "steps.$1.$2"; }

# kill_wufix: SIGKILL the wufix.exe of this prefix only (other tests run in parallel).
kill_wufix() {
  local pid
  for pid in $(pgrep -f 'wufix\.exe'); do
    # wufix.exe itself (its first argument), not exitcode.exe that runs it and waits
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1 | grep -qiE '^[^ ]*wufix\.exe( |$)' || continue
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX" && kill -9 "$pid"
  done
  return 0
}

test_disabled_service_is_repaired_by_the_default_plan() {
  make_used_pc
  svc_config wuauserv disabled
  run_wufix repair --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 id)" services "diagnose's finding chose the services step only"
  assert_eq "$(step_field 0 status)" done
  assert_eq "$(svc_start_type wuauserv)" 3 "wuauserv back on Manual"
  run_wufix diagnose --json
  assert_exit 0
}

test_reset_then_undo_restores_folders_byte_identical() {
  make_used_pc
  local sd_before cr_before services_before
  sd_before=$(tree_digest "$SD") cr_before=$(tree_digest "$CR2") services_before=$(service_snapshot)
  run_wufix repair --only reset --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 status)" done
  assert_eq "$(tree_digest "$SD.old")" "$sd_before" "SoftwareDistribution renamed aside, intact"
  assert_eq "$(tree_digest "$CR2.old")" "$cr_before" "catroot2 renamed aside, intact"
  assert_eq "$(svc_state wuauserv)" running
  assert_eq "$(svc_state CryptSvc)" running
  assert_eq "$(svc_state BITS)" running
  local id; id=$(run_id_of)
  assert_file_exists "$(unixpath "$JOURNALS\\$id.jsonl")"

  run_wufix undo --yes
  assert_exit 0
  assert_contains "$RUN_OUT" "Run $id undone."
  assert_eq "$(tree_digest "$SD")" "$sd_before" "undo: SoftwareDistribution byte-identical"
  assert_eq "$(tree_digest "$CR2")" "$cr_before" "undo: catroot2 byte-identical"
  assert_file_absent "$(unixpath "$SD.old")"
  assert_eq "$(service_snapshot)" "$services_before" "undo: services as before the run"
  run_wufix history --json
  assert_eq "$(python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]; print(r["undone"], r["result"])' <<<"$RUN_OUT")" "True done"
}

test_existing_old_folders_are_kept_untouched() {
  make_used_pc
  win_mkdir "$SD.old" "$CR2.old"
  win_write "$SD.old\\from-last-year.txt" "an earlier manual reset"
  local old_before; old_before=$(tree_digest "$SD.old")
  run_wufix repair --only reset --yes --json
  assert_exit 0
  local id; id=$(run_id_of)
  assert_eq "$(tree_digest "$SD.old")" "$old_before" ".old untouched"
  assert_file_exists "$(unixpath "$SD.wufix-$id")/DataStore/DataStore.edb"
  assert_file_exists "$(unixpath "$CR2.wufix-$id")/edb.log"
}

test_locked_folder_fails_the_reset_and_restores_everything() {
  make_used_pc
  local sd_before services_before
  sd_before=$(tree_digest "$SD") services_before=$(service_snapshot)
  hold_dir "$CR2" 120
  run_wufix repair --only reset --yes --json
  release_dir
  assert_exit 1
  assert_eq "$(step_field 0 status)" rolled-back
  assert_match "$(json_get steps.0.error.code)" '^(5|32)$' "in use: access denied or sharing violation"
  assert_eq "$(tree_digest "$SD")" "$sd_before" "SoftwareDistribution renamed back"
  assert_file_absent "$(unixpath "$SD.old")"
  assert_file_absent "$(unixpath "$CR2.old")"
  assert_eq "$(service_snapshot)" "$services_before" "services as before"
}

test_service_hanging_on_stop_times_out_cleanly() {
  make_used_pc
  install_service BITS demand --hang-on-stop --running
  local sd_before; sd_before=$(tree_digest "$SD")
  run_wufix repair --only reset --yes --json --service-timeout 3
  assert_exit 1
  assert_eq "$(json_get steps.0.error.code)" 1053
  assert_contains "$(json_get steps.0.error.message)" "BITS (stop-pending)"
  assert_eq "$(tree_digest "$SD")" "$sd_before" "nothing renamed"
  assert_eq "$(svc_state CryptSvc)" running "the others restored"
  assert_eq "$(svc_state wuauserv)" stopped "wuauserv was stopped before: stays so"
}

# Killed while waiting for a slow service to stop: the journal has intents, no end.
kill_during_reset() {
  install_service wuauserv demand --stop-delay 4000 --running
  run_wufix repair --only reset --yes --json &
  local bg=$! i
  for ((i = 0; i < 100; i++)); do
    [[ -n $(ls "$(unixpath "$JOURNALS")" 2>/dev/null) ]] && grep -q '"kind":"stop-service"' "$(unixpath "$JOURNALS")"/*.jsonl 2>/dev/null && break
    sleep 0.1
  done
  sleep 0.5
  kill_wufix
  wait "$bg" 2>/dev/null || true
  # The stop wufix asked for goes on without it: let it finish, as it would on a real PC.
  for ((i = 0; i < 100; i++)); do [[ $(svc_state wuauserv) == stopped ]] && break; sleep 0.1; done
  run_wufix repair --only services --yes
  assert_exit 4 "an interrupted run blocks a new one"
  assert_contains "$RUN_ERR" "wufix repair --resume"
}

test_killed_run_is_finished_by_resume() {
  make_used_pc
  local sd_before; sd_before=$(tree_digest "$SD")
  kill_during_reset
  run_wufix repair --resume --yes --json
  assert_exit 0
  assert_eq "$(json_get resumed)" true
  assert_eq "$(tree_digest "$SD.old")" "$sd_before"
  assert_eq "$(svc_state wuauserv)" running
  assert_eq "$(svc_state CryptSvc)" running
  run_wufix repair --only services --yes
  assert_exit 0 "nothing pending any more"
}

test_killed_run_is_reverted_by_undo() {
  make_used_pc
  local sd_before; sd_before=$(tree_digest "$SD")
  kill_during_reset
  run_wufix undo --yes
  assert_exit 0
  assert_eq "$(tree_digest "$SD")" "$sd_before"
  assert_eq "$(svc_state wuauserv)" running "wuauserv was running before the run"
  assert_eq "$(svc_state CryptSvc)" running
}

test_dry_run_changes_nothing() {
  make_used_pc
  svc_config wuauserv disabled
  local sd_before cr_before services_before
  sd_before=$(tree_digest "$SD") cr_before=$(tree_digest "$CR2") services_before=$(service_snapshot)
  run_wufix repair --all --dry-run --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "set wuauserv start type disabled -> manual"
  assert_contains "$RUN_OUT" "rename C:\\windows\\SoftwareDistribution -> C:\\windows\\SoftwareDistribution.old"
  assert_contains "$RUN_OUT" 'sfc.exe" /scannow'
  assert_contains "$RUN_OUT" "Dry run: nothing was changed"
  assert_eq "$(tree_digest "$SD")" "$sd_before"
  assert_eq "$(tree_digest "$CR2")" "$cr_before"
  assert_eq "$(service_snapshot)" "$services_before"
  assert_file_absent "$(unixpath "$JOURNALS")"
}

test_without_yes_and_terminal_it_refuses() {
  make_used_pc
  run_wufix repair --only reset
  assert_exit 2
  assert_contains "$RUN_ERR" "--yes"
  assert_file_absent "$(unixpath "$SD.old")"
}

test_dism_and_sfc_run_in_that_order_with_their_results() {
  make_used_pc
  set_scenario dism "repairable step_ms=0"
  set_scenario sfc "repaired step_ms=0"
  run_wufix repair --only sfc,dism --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 id) $(step_field 1 id)" "dism sfc"
  assert_eq "$(step_field 0 result)" repaired
  assert_eq "$(step_field 1 result)" repaired
  assert_contains "$(double_calls sfc)" "/scannow"
}

test_clock_step_enables_time_service_resyncs_and_checks() {
  make_used_pc
  svc_config W32Time disabled
  svc_stop W32Time
  start_sntp --offset 600 --fixed-by "$WINEPREFIX/drive_c/wufix-doubles/w32tm.calls"
  run_wufix repair --only clock --yes --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 0
  assert_eq "$(step_field 0 result)" synchronized
  assert_eq "$(svc_start_type W32Time)" 3 "enabled on Manual"
  assert_eq "$(svc_state W32Time)" running
  assert_contains "$(double_calls w32tm)" "/resync"
}

test_clock_still_wrong_after_resync_fails_and_restores_the_service() {
  make_used_pc
  svc_config W32Time disabled
  svc_stop W32Time
  start_sntp --offset 600
  run_wufix repair --only clock --yes --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 1
  assert_eq "$(step_field 0 status)" rolled-back
  assert_eq "$(step_field 0 result)" still-skewed
  assert_eq "$(svc_start_type W32Time)" 4 "disabled again, as it was"
  assert_eq "$(svc_state W32Time)" stopped
}
