# shellcheck shell=bash
# wufix.exe repair: the policy and network steps, the grown reset (restarters, BITS queue),
# clock registering W32Time, the run going on past a failed step, the verification, sfc in
# other display languages, and a dry run that is only a plan. Real registry, SCM and WinHTTP.

# shellcheck source=test_repair.sh
source "$WINE_TESTS_DIR/test_repair.sh"  # make_used_pc, step_field, start_sntp, ...

WU='HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
AU="$WU\\AU"
UX='HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings'
QUEUE='C:\ProgramData\Microsoft\Network\Downloader'
WUAUSERV='HKLM\SYSTEM\CurrentControlSet\Services\wuauserv'

# What a former employer's WSUS setup and a "pause updates" tweak tool leave behind.
set_policy_values() {
  reg_set "$WU" WUServer REG_SZ 'http://wsus.corp.example:8530'
  reg_set "$WU" WUStatusServer REG_SZ 'http://wsus.corp.example:8530'
  reg_set "$WU" TargetReleaseVersion REG_DWORD 1
  reg_set "$WU" TargetReleaseVersionInfo REG_SZ 22H2
  reg_set "$WU" ElevateNonAdmins REG_DWORD 1  # not wufix's to touch
  reg_set "$AU" UseWUServer REG_DWORD 1
  reg_set "$AU" NoAutoUpdate REG_DWORD 1
  reg_set "$UX" PauseUpdatesExpiryTime REG_SZ '2077-01-01T00:00:00Z'
  reg_set "$UX" ActiveHoursStart REG_DWORD 8  # not a policy: stays
  reg_set "$WUAUSERV" ObjectName REG_SZ '.\Guest'  # an update blocker's logon account
}

# reg_export KEY: the key as `reg export` writes it, without the header line.
reg_export() {
  local file=$WINE_TEST_TMP/export.$RANDOM.reg
  wine_run reg export "$1" "$(winpath "$file")" /y >/dev/null 2>&1 || fail "reg export $1 failed"
  python3 -c 'import sys; t=open(sys.argv[1],"rb").read(); t=t.decode("utf-16") if t[:2]==b"\xff\xfe" else t.decode(); print("\n".join(t.splitlines()[1:]))' "$file"
}

policy_values_named() {
  python3 -c 'import json,sys; print(" ".join(sorted(f["evidence"]["value"] for f in json.load(sys.stdin)["findings"] if f["id"]=="update-policy")))' <<<"$RUN_OUT"
}

test_policy_values_are_found_removed_verified_and_restored_identically() {
  make_used_pc
  set_policy_values
  local wu_before au_before ux_before svc_before
  wu_before=$(reg_export "$WU") au_before=$(reg_export "$AU") ux_before=$(reg_export "$UX")
  svc_before=$(reg_export "$WUAUSERV")
  run_wufix diagnose --json
  assert_exit 1
  assert_eq "$(policy_values_named)" "NoAutoUpdate ObjectName PauseUpdatesExpiryTime TargetReleaseVersion TargetReleaseVersionInfo UseWUServer WUServer WUStatusServer"

  run_wufix repair --only policy --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 status)" done
  assert_contains "$(json_get verification)" '"status": "fixed"'
  assert_not_contains "$(json_get verification)" 'still-present'
  reg_get "$AU" NoAutoUpdate >/dev/null && fail "NoAutoUpdate still set"
  reg_get "$WU" WUServer >/dev/null && fail "WUServer still set"
  reg_get "$UX" PauseUpdatesExpiryTime >/dev/null && fail "the pause is still set"
  assert_eq "$(reg_get "$WU" ElevateNonAdmins)" 1 "a value outside the table stays"
  assert_eq "$(reg_get "$UX" ActiveHoursStart)" 8
  assert_eq "$(reg_get "$WUAUSERV" ObjectName)" LocalSystem "wuauserv logs on as LocalSystem again"
  run_wufix diagnose --json
  assert_eq "$(policy_values_named)" "" "diagnose is clean of update-policy"
  run_wufix history --json  # the proof is in the journal's end record
  assert_contains "$RUN_OUT" '"status": "fixed"'

  run_wufix undo --yes
  assert_exit 0
  assert_eq "$(reg_export "$WU")" "$wu_before" "undo: WindowsUpdate key identical"
  assert_eq "$(reg_export "$AU")" "$au_before" "undo: AU key identical"
  assert_eq "$(reg_export "$UX")" "$ux_before" "undo: UX\\Settings identical"
  assert_eq "$(reg_export "$WUAUSERV")" "$svc_before" "undo: wuauserv's key identical"
}

test_policy_on_a_domain_managed_pc_is_refused_without_force() {
  make_used_pc
  set_policy_values
  reg_set 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy\State\Machine' \
    Distinguished-Name REG_SZ 'CN=PC01,OU=Clients,DC=corp,DC=example'
  run_wufix diagnose --json
  # One owner per fact: the domain is managed-device's, each value update-policy's.
  local managed
  managed=$(python3 -c 'import json,sys; print(json.dumps([f for f in json.load(sys.stdin)["findings"] if f["id"]=="managed-device"]))' <<<"$RUN_OUT")
  assert_contains "$managed" "Active Directory domain"
  assert_not_contains "$managed" "wsus.corp.example"
  run_wufix repair --only policy --yes --json
  assert_exit 1
  assert_eq "$(step_field 0 status)" failed
  assert_contains "$(json_get steps.0.error.message)" "write the values back"
  assert_eq "$(reg_get "$AU" NoAutoUpdate)" 1 "nothing removed"
  run_wufix repair --only policy --yes --force --json
  assert_exit 0
  reg_get "$AU" NoAutoUpdate >/dev/null && fail "--force removes it"
  return 0
}

test_reset_with_a_usosvc_that_restarts_wuauserv_stays_consistent() {
  make_used_pc
  install_service wuauserv demand  # stopped: UsoSvc's stop starts it (the reset must notice)
  install_service UsoSvc auto --running
  reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\UsoSvc\Parameters' StartOnStop REG_SZ wuauserv
  win_mkdir "$QUEUE"
  win_write "$QUEUE\\qmgr0.dat" "queue $RANDOM"
  win_write "$QUEUE\\qmgr1.dat" "queue $RANDOM"
  local sd_before q0 q1
  sd_before=$(tree_digest "$SD") q0=$(read_text "$(unixpath "$QUEUE\\qmgr0.dat")") q1=$(read_text "$(unixpath "$QUEUE\\qmgr1.dat")")
  run_wufix repair --only reset --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 status)" done
  assert_eq "$(tree_digest "$SD.old")" "$sd_before" "SoftwareDistribution renamed aside intact"
  assert_eq "$(read_text "$(unixpath "$QUEUE\\qmgr0.dat.old")")" "$q0" "BITS queue renamed aside"
  assert_file_absent "$QUEUE\\qmgr1.dat"
  local log; log=$(svc_events)
  assert_contains "$log" "UsoSvc restarted-other"
  # UsoSvc's stop came first, so the wuauserv it restarted was stopped before the renames.
  python3 - "$log" <<'PY' || fail "UsoSvc must stop before wuauserv's last stop: $log"
import sys
lines = sys.argv[1].splitlines()
uso = max(i for i, l in enumerate(lines) if "UsoSvc stop-requested" in l)
wu = max(i for i, l in enumerate(lines) if "wuauserv stop-requested" in l)
sys.exit(0 if uso < wu else 1)
PY
  assert_eq "$(svc_state wuauserv)" running

  run_wufix undo --yes
  assert_exit 0
  assert_eq "$(tree_digest "$SD")" "$sd_before"
  assert_eq "$(read_text "$(unixpath "$QUEUE\\qmgr0.dat")")" "$q0" "undo: queue back"
  assert_eq "$(read_text "$(unixpath "$QUEUE\\qmgr1.dat")")" "$q1"
  assert_file_absent "$QUEUE\\qmgr0.dat.old"
}

test_a_dead_winhttp_proxy_is_found_reset_and_undone() {
  make_used_pc
  wine_run proxycfg set 127.0.0.1:9 '<local>' >/dev/null || fail "proxycfg set failed"
  local before; before=$(wine_run proxycfg show | tr -d '\r')
  assert_eq "$before" "access=3 proxy=127.0.0.1:9 bypass=<local>"
  run_wufix diagnose --json
  assert_contains "$(json_get findings)" '"id": "winhttp-proxy"'
  run_wufix repair --only network --yes --json
  assert_exit 0
  assert_eq "$(step_field 0 result)" reset-to-direct
  assert_eq "$(wine_run proxycfg show | tr -d '\r' | cut -d' ' -f1)" "access=1"
  assert_contains "$(json_get verification)" '"status": "fixed"'
  run_wufix undo --yes
  assert_exit 0
  assert_eq "$(wine_run proxycfg show | tr -d '\r')" "$before" "undo: the proxy as it was"
}

test_clock_registers_a_missing_w32time_and_undo_removes_it() {
  make_used_pc
  svc_try_stop W32Time >/dev/null  # a running service is only marked for deletion
  svc_delete W32Time
  assert_eq "$(svc_state W32Time)" absent
  start_sntp --offset 0
  run_wufix repair --only clock --yes --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 0
  assert_contains "$(json_get steps.0.actions)" '"kind": "register-service"'
  assert_eq "$(svc_state W32Time)" running
  run_wufix undo --yes
  assert_exit 0
  assert_eq "$(svc_state W32Time)" absent "undo: unregistered again"
}

test_a_failing_clock_does_not_stop_the_services_step() {
  make_used_pc
  svc_delete W32Time
  set_scenario w32tm register-fails
  svc_config wuauserv disabled
  run_wufix repair --only clock,services --yes --json
  assert_exit 1
  assert_eq "$(step_field 0 id) $(step_field 0 status)" "clock rolled-back"
  assert_eq "$(step_field 1 id) $(step_field 1 status)" "services done"
  assert_eq "$(svc_start_type wuauserv)" 3 "wuauserv repaired though clock failed"
  run_wufix repair --only clock,services --yes --no-color
  assert_contains "$RUN_OUT" "failed: clock"
}

sfc_in() {
  make_used_pc
  set_scenario sfc "$1 lang=$2 step_ms=0"
  run_wufix repair --only sfc --yes --json
  assert_exit "$3"
  assert_eq "$(step_field 0 result)" "$4" "sfc in $2: $1"
}
test_sfc_verdict_in_german_russian_and_japanese() {
  sfc_in repaired de 0 repaired
  sfc_in unrepairable ru 1 unrepairable
  sfc_in clean ja 0 no-violations
}

test_dry_run_prints_the_plan_and_no_result_words() {
  make_used_pc
  set_policy_values
  svc_config wuauserv disabled
  wine_run proxycfg set 127.0.0.1:9 >/dev/null
  run_wufix repair --all --dry-run --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "remove HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\\NoAutoUpdate (was REG_DWORD 1)"
  assert_contains "$RUN_OUT" "set the WinHTTP proxy to direct (was proxy 127.0.0.1:9)"
  assert_contains "$RUN_OUT" "verify: rerun diagnose update-policy"
  local word
  for word in failed error planned: synchronized repaired still-skewed "still wrong" reset-to-direct removed done; do
    assert_not_contains "$(tr 'A-Z' 'a-z' <<<"$RUN_OUT" | grep -v '^dry run:')" "$word" "a plan has no result words"
  done
  assert_eq "$(reg_get "$AU" NoAutoUpdate)" 1 "nothing changed"
}
