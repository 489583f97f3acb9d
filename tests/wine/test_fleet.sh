# shellcheck shell=bash
# wufix.exe --fleet under Wine: what Intune Remediations, ConfigMgr and Ansible keep. One line
# on stdout (<= 2,048 characters, ASCII JSON), nothing on stderr, the exit codes as without it.

# assert_fleet_line EXIT: the run's exit code, an empty stderr (bytes), exactly one line of
# ASCII JSON within Intune's 2,048 characters whose exit_code is EXIT. Sets FLEET (the line).
assert_fleet_line() {
  assert_exit "$1"
  assert_eq "$(stat -c %s "$RUN_ERR_FILE")" 0 "nothing on stderr: $(cat "$RUN_ERR_FILE")"
  local bytes lines; bytes=$(stat -c %s "$RUN_OUT_FILE") lines=$(tr -cd '\n' <"$RUN_OUT_FILE" | wc -c)
  assert_eq "$lines" 1 "exactly one line: $(cat "$RUN_OUT_FILE")"
  ((bytes <= 2049)) || fail "the line is $bytes bytes, over 2,048 characters"
  LC_ALL=C grep -q '[^ -~]' <(tr -d '\n' <"$RUN_OUT_FILE") && fail "non-ASCII or control bytes in the line"
  FLEET=$(cat "$RUN_OUT_FILE")
  assert_json exit_code "$1" "$FLEET"
}

fleet_list() {  # fleet_list KEY: the JSON list at KEY, one item a line
  python3 -c 'import json,sys; [print(x if isinstance(x, str) else json.dumps(x)) for x in json.loads(sys.argv[1])[sys.argv[2]]]' "$FLEET" "$1"
}

test_fleet_diagnose_repair_diagnose() {
  make_healthy
  svc_config wuauserv disabled
  run_wufix diagnose --fleet
  assert_fleet_line 1
  assert_json command diagnose "$FLEET"
  assert_json result findings "$FLEET"
  assert_contains "$(fleet_list findings)" service-disabled
  assert_eq "$(fleet_list fix_steps)" services
  assert_json error null "$FLEET"

  run_wufix --fleet repair --yes
  assert_fleet_line 0
  assert_json steps.0.id services "$FLEET"
  assert_json steps.0.status "done" "$FLEET"
  assert_json reboot_required false "$FLEET"
  assert_eq "$(svc_start_type wuauserv)" 3 "wuauserv back on Manual"

  run_wufix diagnose --fleet
  assert_fleet_line 0
  assert_eq "$(fleet_list fix_steps)" ""
}

test_fleet_errors_go_into_the_line() {
  run_wufix diagnose --fleet --frobnicate
  assert_fleet_line 2
  assert_contains "$(json_get error "$FLEET")" frobnicate
  run_wufix --fleet
  assert_fleet_line 2
  run_wufix --fleet repair --all
  assert_fleet_line 2
  assert_contains "$(json_get error "$FLEET")" "--yes"
  assert_file_absent 'C:\ProgramData\wufix\runs' "refused before anything was journaled"
  run_wufix explain 0xZZZ --fleet
  assert_fleet_line 2
  assert_contains "$(json_get error "$FLEET")" 0xZZZ
  run_wufix logs 'C:\no\such\CBS.log' --fleet
  assert_fleet_line 2
  # an argument in another script: argv is UTF-16, the line stays ASCII (\u escapes)
  run_wufix logs 'C:\Users\Jürgen\CBS.log' --fleet
  assert_fleet_line 2
  assert_contains "$(json_get error "$FLEET")" "Jürgen"
}

test_fleet_report_goes_to_programdata_as_system_would() {
  make_healthy
  run_wufix report --json --fleet
  assert_fleet_line 0
  local out; out=$(json_get out "$FLEET")
  assert_match "$out" '^C:\\ProgramData\\wufix\\reports\\wufix-report-[0-9]{8}-[0-9]{6}\.json$'
  local report; report=$(read_text "$out")
  assert_json computer '<computer>' "$report"
  assert_json wufix_version "$(json_get wufix "$FLEET")" "$report"
  assert_match "$(json_get generated_at "$report")" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$'
  assert_ne "$(json_get os "$report")" null
  assert_not_contains "$report" "$(wine_run cmd.exe /c echo %COMPUTERNAME% | tr -d '\r')"
}

test_fleet_diagnose_json_carries_machine_fields() {
  local name; name=$(wine_run cmd.exe /c echo %COMPUTERNAME% | tr -d '\r')
  run_wufix diagnose --json
  assert_json computer '<computer>'
  assert_json wufix_version "$(json_get version)"
  assert_match "$(json_get generated_at)" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$'
  run_wufix diagnose --json --no-redact
  assert_json computer "$name"
}

test_fleet_version_and_the_exe_never_restarts() {
  run_wufix --version --fleet
  assert_fleet_line 0
  assert_json signed false "$FLEET"
  assert_match "$(json_get commit "$FLEET")" '^[0-9a-f]{12}(\+dirty)?$'
  # wufix never restarts a PC: it imports none of the APIs that could
  local imports; imports=$(x86_64-w64-mingw32-objdump -p "$WUFIX_EXE")
  local api
  for api in ExitWindowsEx InitiateSystemShutdown InitiateShutdown NtShutdownSystem; do
    assert_not_contains "$imports" "$api"
  done
}
