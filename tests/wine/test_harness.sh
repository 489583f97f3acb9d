# shellcheck shell=bash
# Self-test of the Wine harness and the doubles (run: tests/wine/run.sh test_harness.sh).
# Every function runs in a fresh prefix with the doubles installed.

test_prefix_reports_windows_10() {
  run_win cmd.exe /c ver
  assert_exit 0
  assert_contains "$RUN_OUT" "Microsoft Windows 10.0."
  local key='HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  assert_eq "$(reg_get "$key" CurrentMajorVersionNumber)" 10
  assert_match "$(reg_get "$key" CurrentBuildNumber)" '^[0-9]{5}$'
  reg_get "$key" UBR >/dev/null && fail "Wine has no UBR; reg_get should report it absent"
  return 0
}

test_registry_roundtrip() {
  local key='HKLM\SOFTWARE\wufix-test'
  reg_set "$key" Name REG_SZ "two words"
  reg_set "$key" Count REG_DWORD 0x10
  assert_eq "$(reg_get "$key" Name)" "two words"
  assert_eq "$(reg_get "$key" Count)" 16
  reg_del "$key" Name
  reg_get "$key" Name >/dev/null && fail "value should be gone"
  reg_key_exists "$key" || fail "key should remain"
  reg_del "$key"
  reg_key_exists "$key" && fail "key should be gone"
  return 0
}

test_standin_service_as_cryptsvc() {
  assert_eq "$(svc_state CryptSvc)" absent "Wine has no CryptSvc"
  install_service CryptSvc auto
  assert_eq "$(svc_state CryptSvc)" stopped
  assert_eq "$(svc_start_type CryptSvc)" 2
  svc_start CryptSvc
  assert_eq "$(svc_state CryptSvc)" running
  svc_stop CryptSvc
  assert_eq "$(svc_state CryptSvc)" stopped
  svc_config CryptSvc disabled
  assert_eq "$(svc_start_type CryptSvc)" 4
  # an SCM change reaches the registry at once (the reverse is not true under Wine)
  assert_eq "$(reg_get 'HKLM\SYSTEM\CurrentControlSet\Services\CryptSvc' Start)" 4
  wine_run svcctl start CryptSvc >/dev/null && fail "a disabled service must not start"
  svc_config CryptSvc delayed
  assert_eq "$(svc_start_type CryptSvc)" 2
  assert_eq "$(svc_delayed CryptSvc)" 1
  assert_eq "$(svc_events CryptSvc | awk '{print $4}' | paste -sd' ')" "start-pending running stop-requested stopped"
}

test_standin_replaces_wine_service() {
  assert_eq "$(svc_start_type wuauserv)" 3
  install_service wuauserv demand --running
  assert_eq "$(svc_state wuauserv)" running
  svc_stop wuauserv
  assert_eq "$(svc_state wuauserv)" stopped
}

test_hang_on_stop_stays_pending() {
  install_service BITS demand --hang-on-stop --running
  assert_eq "$(svc_try_stop BITS 3)" stop_pending
  assert_eq "$(svc_state BITS)" stop_pending
  assert_match "$(svc_query BITS)" 'pid=[1-9]' "the service process must still be alive"
  svc_events BITS | grep -q ' hanging$' || fail "no 'hanging' event: $(svc_events BITS)"
}

test_stop_delay_is_honoured() {
  install_service msiserver demand --stop-delay 2000 --running
  local start=$SECONDS
  svc_stop msiserver 15
  ((SECONDS - start >= 2)) || fail "stopped after $((SECONDS - start)) s, expected >= 2 s"
}

test_sfc_writes_utf16le_when_piped() {
  run_win sfc.exe /scannow
  assert_exit 0
  assert_eq "$(head -c 4 "$RUN_OUT_FILE" | od -An -tx1 | tr -d ' \n')" 0d000a00 "UTF-16LE CR LF first"
  assert_contains "$RUN_OUT" "Beginning system scan.  This process will take some time."
  assert_contains "$RUN_OUT" "Verification 100% complete."
  assert_contains "$RUN_OUT" "Windows Resource Protection did not find any integrity violations."
  assert_contains "$(read_text 'C:\Windows\Logs\CBS\CBS.log')" "[SR] Verify complete"
}

test_sfc_scenarios() {
  set_scenario sfc "unrepairable step_ms=0" "repaired step_ms=0" "reboot-pending" "not-admin"
  run_win sfc.exe /scannow
  assert_exit 1
  assert_contains "$RUN_OUT" "found corrupt files but was unable to fix some of them"
  run_win sfc.exe /scannow
  assert_exit 0
  assert_contains "$RUN_OUT" "found corrupt files and successfully repaired them"
  run_win sfc.exe /scannow
  assert_contains "$RUN_OUT" "There is a system repair pending which requires reboot to complete."
  run_win sfc.exe /scannow
  assert_contains "$RUN_OUT" "You must be an administrator running a console session"
  assert_eq "$(double_calls sfc | wc -l)" 4
  assert_contains "$(read_text 'C:\Windows\Logs\CBS\CBS.log')" "[SR] Cannot repair member file"
  uninstall_double sfc
  run_win sfc.exe /scannow
  assert_eq "$RUN_EXIT" "error 2" "Wine has no sfc.exe of its own"
}

test_dism_full_exit_code_and_source() {
  set_scenario dism "source-missing step_ms=0"
  run_win dism.exe /Online /Cleanup-Image /ScanHealth
  assert_exit 0
  assert_contains "$RUN_OUT" "The component store is repairable."
  run_win dism.exe /Online /Cleanup-Image /RestoreHealth
  assert_exit 0x800f081f
  assert_exit -2146498529
  assert_contains "$RUN_OUT" "Error: 0x800f081f"
  assert_contains "$RUN_OUT" "Deployment Image Servicing and Management tool"
  assert_match "$RUN_OUT" '\[=+84\.9%=* *\]'
  assert_contains "$(read_text 'C:\Windows\Logs\DISM\dism.log')" "(hr:0x800f081f)"
  run_win dism.exe /Online /Cleanup-Image /RestoreHealth '/Source:WIM:D:\sources\install.wim:1' /LimitAccess
  assert_exit 0
  assert_contains "$RUN_OUT" "[==========================100.0%==========================] The restore operation completed successfully."
  run_win dism.exe /Online /Cleanup-Image /CheckHealth
  assert_contains "$RUN_OUT" "No component store corruption detected." "a repaired store reports healthy"
  assert_contains "$(double_calls dism | sed -n 3p)" '/Source:WIM:D:\sources\install.wim:1'
}

test_dism_add_package() {
  local msu='C:\updates\windows10.0-kb5034441-x64.msu'
  win_write "$msu" "not really a package"
  set_scenario dism "healthy add=3010 step_ms=0" "healthy add=not-applicable step_ms=0"
  run_win dism.exe /Online /Add-Package "/PackagePath:$msu" /NoRestart /Quiet
  assert_exit 3010
  run_win dism.exe /Online /Add-Package "/PackagePath:$msu" /NoRestart
  assert_exit 0x800F081E
  assert_contains "$RUN_OUT" "Package_for_KB5034441"
  run_win dism.exe /Online /Add-Package '/PackagePath:C:\nope.cab'
  assert_exit 2
  run_win dism.exe /Online /Bogus
  assert_exit 87
}

test_w32tm_and_wusa() {
  run_win w32tm.exe /resync
  assert_exit 0
  assert_eq "$RUN_OUT" $'Sending resync command to local computer\nThe command completed successfully.'
  set_scenario w32tm no-data
  run_win w32tm.exe /query /status
  assert_contains "$RUN_OUT" "Source: Local CMOS Clock"
  assert_contains "$RUN_OUT" "Leap Indicator: 3(not synchronized)"

  local msu='C:\wufix test\kb5034441.msu'
  win_write "$msu" ""
  set_scenario wusa installed
  run_win wusa.exe "$msu" /quiet /norestart
  assert_exit 0x00240006
  assert_eq "$(double_calls wusa)" 'wusa.exe "C:\wufix test\kb5034441.msu" /quiet /norestart'
}

test_run_win_timeout_kills_the_tree() {
  win_mkdir 'C:\held'
  run_win --timeout 2 cmd.exe /c 'holddir.exe C:\held 120'
  assert_eq "$RUN_EXIT" timeout
  sleep 1
  wine_run cmd /c ren 'C:\held' held2 >/dev/null 2>&1 || fail "the killed child still holds C:\\held"
}

# A Wine that returns without running exitcode.exe (exit 1, nothing written; seen under load)
# is given the start again; the program then runs once and its real code is reported.
test_run_win_retries_a_start_wine_dropped() {
  local real=$WINE calls=$WINE_TEST_TMP/wine-calls
  WINE=$WINE_TEST_TMP/dropping-wine
  printf '#!/bin/bash\necho x >>%q\n[[ $(wc -l <%q) -ge 2 ]] || { echo "wine: dropped" >&2; exit 1; }\nexec %q "$@"\n' \
    "$calls" "$calls" "$real" >"$WINE"
  chmod +x "$WINE"
  run_win cmd.exe /c exit 7
  WINE=$real
  assert_eq "$RUN_EXIT" 7
  assert_eq "$(wc -l <"$calls")" 2 "one dropped start, one run"
}

# A run that began (exitcode.exe wrote "started") but recorded no code is a failure, not retried.
test_run_win_never_retries_a_run_that_started() {
  local real=$WINE calls=$WINE_TEST_TMP/wine-calls2
  WINE=$WINE_TEST_TMP/unfinished-wine
  printf '#!/bin/bash\necho x >>%q\n%q "$@"\nf=$(ls -t %q/run*.code | head -1)\necho started >"$f"\n' \
    "$calls" "$real" "$WINE_TEST_TMP" >"$WINE"
  chmod +x "$WINE"
  local status=0
  (run_win cmd.exe /c exit 0) 2>/dev/null || status=$?
  WINE=$real
  assert_ne "$status" 0 "an unfinished run must fail the test"
  assert_eq "$(wc -l <"$calls")" 1 "started once, never again"
}

# Every Wine process of a test, and every process it starts, runs with address randomisation
# off, so the loader's heap starts right after the loader and never covers 0x7ffe0000.
test_wine_processes_keep_their_heap_below_the_shared_user_data() {
  win_mkdir 'C:\heldheap'
  "$WINE" cmd.exe /c 'holddir.exe C:\heldheap 3' </dev/null >/dev/null 2>&1 &
  local pid="" p i heap
  for i in $(seq 50); do
    for p in $(pgrep -f 'holddir\.exe'); do
      tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | head -n 1 | grep -qi 'holddir\.exe$' || continue
      tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX" && pid=$p
    done
    [[ -n $pid ]] && break
    sleep 0.1
  done
  [[ -n $pid ]] || fail "holddir.exe (started by cmd.exe) never appeared"
  assert_eq "$((0x$(<"/proc/$pid/personality") & 0x40000))" $((0x40000)) "ADDR_NO_RANDOMIZE inherited"
  heap=$(sed -nE 's/^([0-9a-f]+)-.*\[heap\]$/\1/p' "/proc/$pid/maps")
  [[ -n $heap ]] && ((0x$heap < 0x7ffe0000)) || fail "heap at 0x$heap, not below 0x7ffe0000"
  wait
}

# wine_run gives a start that Wine's loader proves never ran one more try; a program that ran
# and failed (any other message) is never run twice.
test_wine_run_retries_only_a_start_that_never_ran() {
  local real=$WINE calls=$WINE_TEST_TMP/wine-calls3 status=0
  WINE=$WINE_TEST_TMP/unmapped-wine
  printf '#!/bin/bash\necho x >>%q\n[[ $(wc -l <%q) -ge 2 ]] || { echo "%s: c0000018" >&2; exit 1; }\nexec %q "$@"\n' \
    "$calls" "$calls" "$WINE_NEVER_STARTED" "$real" >"$WINE"
  chmod +x "$WINE"
  wine_run cmd.exe /c exit 5 2>/dev/null || status=$?
  assert_eq "$status" 5
  assert_eq "$(wc -l <"$calls")" 2 "one start that never ran, one run"
  : >"$calls"
  status=0
  WINE=$real
  WINE=$WINE_TEST_TMP/failing-wine
  printf '#!/bin/bash\necho x >>%q\necho "something failed" >&2\nexit 1\n' "$calls" >"$WINE"
  chmod +x "$WINE"
  wine_run cmd.exe /c exit 0 2>/dev/null || status=$?
  WINE=$real
  assert_eq "$status" 1
  assert_eq "$(wc -l <"$calls")" 1 "a failure that ran is not tried again"
}

test_holddir_blocks_rename() {
  win_mkdir 'C:\Windows\SoftwareDistribution\Download'
  hold_dir 'C:\Windows\SoftwareDistribution' 60
  wine_run cmd /c ren 'C:\Windows\SoftwareDistribution' SoftwareDistribution.old >/dev/null 2>&1 &&
    fail "rename succeeded while the folder was held"
  assert_file_exists 'C:\Windows\SoftwareDistribution'
  release_dir
  wine_run cmd /c ren 'C:\Windows\SoftwareDistribution' SoftwareDistribution.old >/dev/null 2>&1 ||
    fail "rename failed after release"
  assert_file_exists 'C:\Windows\SoftwareDistribution.old\Download'
  assert_file_absent 'C:\Windows\SoftwareDistribution'
}

test_tree_digest_is_stable_and_sensitive() {
  local d=$WINE_TEST_TMP/tree before
  mkdir -p "$d/a/empty" "$d/b"
  printf 'hello' >"$d/a/x.bin"
  printf 'world' >"$d/b/y name.txt"
  before=$(tree_digest "$d")
  assert_eq "$(tree_digest "$d")" "$before" "digest must be stable"
  assert_contains "$before" $'a/empty/\tdir'
  assert_contains "$before" $'b/y name.txt\t'
  printf 'hellp' >"$d/a/x.bin"
  assert_ne "$(tree_digest "$d")" "$before" "one changed byte must change the digest"
  printf 'hello' >"$d/a/x.bin"
  assert_eq "$(tree_digest "$d")" "$before"
  rmdir "$d/a/empty"
  assert_ne "$(tree_digest "$d")" "$before" "a removed empty folder must change the digest"
}

test_paths_and_assertions() {
  assert_eq "$(winpath "$WINEPREFIX/drive_c/windows")" 'C:\windows'
  assert_eq "$(winpath /tmp)" 'Z:\tmp'
  assert_eq "$(unixpath 'C:\Windows\System32\SFC.EXE')" "$WINEPREFIX/drive_c/windows/system32/sfc.exe"
  assert_json a.b.1 x '{"a":{"b":[1,"x"]}}'
  assert_json a.n 42 '{"a":{"n":42}}'
  assert_json ok true '{"ok":true}'
  local out
  out=$( (assert_json a.c 1 '{"a":{}}') 2>&1) && fail "assert_json should fail on a missing key"
  assert_contains "$out" "no key 'a.c'"
  out=$( (assert_eq 1 2) 2>&1) && fail "assert_eq should fail"
  assert_contains "$out" "test_harness.sh"
  run_win cmd.exe /c exit 3010
  assert_exit 3010
  assert_eq "$RUN_EXIT_HEX" 0x00000bc2
}
