# shellcheck shell=bash
# wufix.exe diagnose under Wine: a fresh prefix, then prefixes broken on purpose. Each test
# asserts the exact finding ids of --json and the exit code.

# finding_ids [JSON]: the finding ids, sorted, space-separated.
finding_ids() {
  python3 -c 'import json,sys; print(" ".join(sorted(f["id"] for f in json.load(sys.stdin)["findings"])))' \
    <<<"${1-$RUN_OUT}"
}

# check_status ID [JSON]: the status of one check.
check_status() {
  python3 -c 'import json,sys; print([c["status"] for c in json.load(sys.stdin)["checks"] if c["id"] == sys.argv[1]][0])' \
    "$1" <<<"${2-$RUN_OUT}"
}

# finding_json ID [JSON]: the first finding with that id, as JSON.
finding_json() {
  python3 -c 'import json,sys; print(json.dumps([f for f in json.load(sys.stdin)["findings"] if f["id"] == sys.argv[1]][0]))' \
    "$1" <<<"${2-$RUN_OUT}"
}

test_fresh_prefix_reports_only_what_wine_lacks() {
  run_wufix diagnose --json
  assert_exit 1
  assert_eq "$(finding_ids)" "service-missing time-service"
  assert_json schema 1
  assert_json elevated true
  assert_json os.arch x64
  assert_json os.build 18362
  assert_json os.ubr null
  assert_json os.display_version null
  assert_eq "$(check_status clock)" skipped "offline: the clock check is skipped, not a finding"
  assert_eq "$(check_status update-history)" skipped "WUA is E_NOTIMPL and there is no ReportingEvents.log"
  assert_eq "$(check_status antivirus)" skipped "Wine has no root\\SecurityCenter2"
  assert_eq "$(json_get evidence.service "$(finding_json service-missing)")" CryptSvc
}

test_healthy_prefix_exits_0() {
  make_healthy
  run_wufix diagnose --json
  assert_exit 0
  assert_eq "$(finding_ids)" ""
  run_wufix diagnose --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "[ok] services"
  assert_contains "$RUN_OUT" "No problems found"
}

test_disabled_wuauserv_is_an_error_with_the_services_fix() {
  make_healthy
  svc_config wuauserv disabled
  run_wufix diagnose --json
  assert_exit 1
  assert_eq "$(finding_ids)" "service-disabled"
  local f; f=$(finding_json service-disabled)
  assert_json evidence.service wuauserv "$f"
  assert_json evidence.start_type disabled "$f"
  assert_json severity error "$f"
  assert_json fix services "$f"
  run_wufix diagnose --no-color
  assert_contains "$RUN_OUT" "fix: wufix repair --only services"
}

test_pending_reboot_names_each_indicator() {
  make_healthy
  wine_run reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending' /f >/dev/null
  wine_run reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired' /f >/dev/null
  reg_set 'HKLM\SYSTEM\CurrentControlSet\Control\Session Manager' PendingFileRenameOperations REG_MULTI_SZ 'C:\Windows\Temp\a.tmp\0'
  run_wufix diagnose --json
  assert_exit 1
  assert_eq "$(finding_ids)" "pending-reboot"
  local indicators; indicators=$(json_get evidence.indicators "$(finding_json pending-reboot)")
  assert_contains "$indicators" cbs-reboot-pending
  assert_contains "$indicators" wu-reboot-required
  assert_contains "$indicators" pending-file-rename
}

test_old_folders_are_reported_with_their_size() {
  make_healthy
  win_write 'C:\windows\SoftwareDistribution.old\Download\payload.cab' "0123456789"
  win_write 'C:\windows\system32\catroot2.old\edb.log' "abcd"
  run_wufix diagnose --json
  assert_exit 0  # leftovers are a note, not a problem
  assert_eq "$(finding_ids)" "update-cache-leftovers update-cache-leftovers"
  assert_contains "$RUN_OUT" '"bytes": 10'
  assert_contains "$RUN_OUT" '"bytes": 4'
  assert_contains "$RUN_OUT" 'SoftwareDistribution.old'
}

test_wsus_policy_makes_update_policy_findings_once() {
  make_healthy
  reg_set 'HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' WUServer REG_SZ 'http://wsus.example:8530'
  reg_set 'HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU' UseWUServer REG_DWORD 1
  run_wufix diagnose --json
  assert_exit 1  # UseWUServer sends updates away from Microsoft: blocking
  # One finding per value (update-policy); no domain or MDM here, so no managed-device.
  assert_eq "$(finding_ids)" "update-policy update-policy"
  assert_contains "$RUN_OUT" 'http://wsus.example:8530'
  assert_contains "$RUN_OUT" '"UseWUServer"'
}

test_skewed_clock_against_a_local_sntp_server() {
  make_healthy
  start_sntp --offset 400
  run_wufix diagnose --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 1
  assert_eq "$(finding_ids)" "clock-skew"
  local f; f=$(finding_json clock-skew)
  assert_json severity error "$f"
  assert_json fix clock "$f"
  python3 -c 'import json,sys; o=json.loads(sys.argv[1])["evidence"]["offset_seconds"]; sys.exit(0 if 395 < abs(o) < 405 else "offset %s" % o)' "$f" ||
    fail "offset not about 400 s: $f"
  kill "$SNTP_PID" 2>/dev/null
}

test_accurate_clock_and_garbage_reply() {
  make_healthy
  start_sntp --offset 0
  run_wufix diagnose --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 0
  assert_eq "$(check_status clock)" ok
  kill "$SNTP_PID" 2>/dev/null
  start_sntp --garbage
  run_wufix diagnose --json --ntp-server "127.0.0.1:$SNTP_PORT"
  assert_exit 0
  assert_eq "$(check_status clock)" skipped
  kill "$SNTP_PID" 2>/dev/null
}

test_failed_update_from_reporting_events_log() {
  make_healthy
  local when; when=$(date -u '+%Y-%m-%d %H:%M:%S:000+0000')
  local line
  line=$(printf '{11111111-2222-3333-4444-555555555555}\t%s\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t{A1B2C3D4-0000-0000-0000-000000000001}\t200\t80070002\tUpdateOrchestrator\tFailure\tContent Install\tInstallation Failure: Windows failed to install the following update with error 0x80070002: 2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5099999).\tWK95uV225Ue0wrVj.2.3' "$when")
  printf '\xff\xfe' >"$(unixpath 'C:\windows\SoftwareDistribution')/ReportingEvents.log" 2>/dev/null ||
    { win_mkdir 'C:\windows\SoftwareDistribution'; printf '\xff\xfe' >"$(unixpath 'C:\windows\SoftwareDistribution')/ReportingEvents.log"; }
  printf '%s\r\n' "$line" | iconv -f UTF-8 -t UTF-16LE >>"$(unixpath 'C:\windows\SoftwareDistribution')/ReportingEvents.log"
  run_wufix diagnose --json
  assert_exit 1
  assert_eq "$(finding_ids)" "update-failed"
  local f; f=$(finding_json update-failed)
  assert_json evidence.kb KB5099999 "$f"
  assert_json evidence.hresult 0x80070002 "$f"
  assert_json evidence.source ReportingEvents.log "$f"
  assert_json fix reset "$f"
}

test_bad_options_are_usage_errors() {
  run_wufix diagnose --ntp-server 'host:99999'
  assert_exit 2
  assert_contains "$RUN_ERR" "wufix: error:"
  run_wufix diagnose --min-free-gb -3
  assert_exit 2
}
