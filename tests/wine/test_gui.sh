# shellcheck shell=bash
# wufix-gui.exe under Xvfb + Wine, driven by the keyboard only and read back by OCR; the state
# of the PC is checked through the SCM, not through the window's word. Screenshots of every
# page: build/test-results/gui/.
# shellcheck source=gui_lib.sh
source "$WINE_TESTS_DIR/gui_lib.sh"

# A PC broken the way the issue names: Windows Update disabled, a restart pending. Stand-ins
# for what Wine lacks (CryptSvc, W32Time) so that those are the only problems.
make_broken_pc() {
  make_healthy
  svc_config wuauserv disabled
  wine_run reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending' /f >/dev/null
}

# with_gui / with_gui_display: the wizard (or only the X server), taken down at the test's end.
with_gui_display() {
  local previous; previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  # shellcheck disable=SC2064  # the earlier EXIT trap is kept, expanded now
  trap "gui_down; $previous" EXIT
  gui_display_up
}
with_gui() {
  with_gui_display
  gui_up
}

test_gui_repairs_the_disabled_service_and_undoes_it() {
  make_broken_pc
  with_gui
  assert_eq "$(xdotool getwindowname "$GUI_WIN")" "wufix - Windows Update repair" "window title"
  gui_wait_for 1-welcome 'Fix Windows Update'
  assert_contains "$GUI_TEXT" "Checking changes nothing"

  gui_key Return
  gui_wait_for 2-findings 'wuauserv' 90
  assert_contains "$GUI_TEXT" "disabled"
  assert_contains "$GUI_TEXT" "restart is pending"
  assert_eq "$(svc_start_type wuauserv)" 4 "checking changed nothing"

  gui_key Return
  # The rows are painted after the page's heading: wait for the row, not the heading (under load
  # the OCR once caught the page before its list).
  gui_wait_for 3-plan 'update services back on'
  assert_contains "$GUI_TEXT" "to repair"
  # Ticked as diagnose recommends: services only (the pending restart has no repair step).
  gui_key alt+p  # Show the exact plan
  gui_wait_for 3-plan-shown 'start type disabled -> manual' 30

  gui_key alt+n  # Next (Enter would press the focused plan button again): repairs, then the result
  gui_shot 4-repairing
  gui_wait_for 5-result 'Result' 90
  gui_wait_for 5-result 'fixed' 30
  assert_contains "$GUI_TEXT" "needs a restart"
  assert_contains "$GUI_TEXT" "Restart now"
  assert_contains "$GUI_TEXT" "Undo these changes"
  assert_eq "$(svc_start_type wuauserv)" 3 "the repair set wuauserv back to Manual"

  gui_key alt+u
  gui_wait_for 6-undone 'start type manual -> disabled' 60
  assert_contains "$GUI_TEXT" "changes were undone"
  assert_eq "$(svc_start_type wuauserv)" 4 "undo disabled wuauserv again"

  gui_key Return  # Finish
  local i
  for ((i = 0; i < 100; i++)); do kill -0 "$GUI_PID" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$GUI_PID" 2>/dev/null && fail "Finish did not close wufix-gui.exe"
  return 0
}

# Cancel while reset waits for a slow wuauserv to stop: reset finishes (services started
# again, folders renamed aside whole), sfc never begins, the journal is closed, and the result
# page says what was done.
test_gui_cancel_during_a_slow_repair_leaves_nothing_half_done() {
  make_healthy
  install_service wuauserv demand --stop-delay 6000 --running
  win_write 'C:\windows\SoftwareDistribution\Download\3f2a\payload.cab' "payload $RANDOM"
  local sd_before; sd_before=$(tree_digest 'C:\windows\SoftwareDistribution')
  with_gui
  gui_wait_for cancel-1-welcome 'Fix Windows Update'
  gui_key Return
  gui_wait_for cancel-2-findings 'No problems found' 90
  gui_key Return
  gui_wait_for cancel-3-plan 'Choose .{1,6} to repair'
  # Nothing is recommended on a healthy PC: tick reset (row 5) and sfc (row 7) by hand.
  gui_key Down Down Down Down space Down Down space
  gui_wait_for cancel-3-plan-ticked 'Check and repair system files' 10
  gui_key alt+n
  local journals i
  journals=$(unixpath 'C:\ProgramData\wufix\runs')
  for ((i = 0; i < 150; i++)); do
    grep -qs '"kind":"stop-service"' "$journals"/*.jsonl && break
    sleep 0.1
  done
  gui_key Escape  # Cancel while wuauserv takes its 6 s to stop
  gui_wait_for cancel-4-stopping 'Stopping after the current repair' 10
  # The repairing page lists "cancelled before it began" too: wait for the result page's words.
  gui_wait_for cancel-5-result 'Stopped\. Finished before stopping' 90
  assert_contains "$GUI_TEXT" "Stopped. Finished before stopping: Reset"
  assert_contains "$GUI_TEXT" "cancelled before it began"
  assert_contains "$GUI_TEXT" "Check and repair system files"
  assert_eq "$(double_calls sfc)" "" "sfc never began"
  assert_eq "$(svc_state wuauserv)" running "reset finished: wuauserv started again"
  local journal; journal=$(ls "$journals"/*.jsonl)
  python3 - "$journal" <<'PY' || fail "journal: $(cat "$journal")"
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
steps = {r["step"]: r["status"] for r in records if r.get("type") == "step"}
assert steps == {"reset": "done", "sfc": "skipped"}, steps
assert records[-1]["type"] == "end", "the journal was not closed"
PY
  assert_eq "$(tree_digest 'C:\windows\SoftwareDistribution.old')" "$sd_before" \
    "reset finished: SoftwareDistribution renamed aside whole"
}

# wufix.exe with no arguments from a shell (it shares the console): the help as before, never
# the Explorer message box that would wait for a click.
test_wufix_without_arguments_from_a_shell_prints_the_help() {
  run_wufix
  assert_exit 2
  assert_contains "$RUN_OUT$RUN_ERR" "diagnose"
}

# Double-clicked in Explorer (`start` gives it a console of its own): one paragraph of what
# wufix is and the offer to open the wizard.
test_wufix_started_alone_on_its_console_offers_the_wizard() {
  with_gui_display
  "$WINE" start "$(winpath "$(realpath "$WUFIX_EXE")")" </dev/null >/dev/null 2>&1 &
  GUI_WIN=
  local i
  for ((i = 0; i < 150; i++)); do
    GUI_WIN=$(xdotool search --onlyvisible --name "^$GUI_TITLE\$" 2>/dev/null | head -n 1) || true
    [[ -n $GUI_WIN ]] && break
    sleep 0.2
  done
  [[ -n $GUI_WIN ]] || fail "no message box titled '$GUI_TITLE'"
  # Waits for the paragraph itself: a screenshot may catch the box half painted.
  gui_wait_for explorer-start 'finds out why Windows Update' 20
  assert_contains "$GUI_TEXT" "Open wufix-gui.exe now?"
}

# ---- the result page's buttons, the progress bar, the details pane, access keys ----------------

# A Windows 11 24H2 PC whose cumulative update KB5044284 failed (ReportingEvents.log), with a
# restart pending; its Documents a folder of the prefix (the template links it to $HOME).
make_failed_update_pc() {
  make_healthy
  wine_run reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending' /f >/dev/null
  reg_set 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' CurrentBuild REG_SZ 26100
  reg_set 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' DisplayVersion REG_SZ 24H2
  local sd; sd=$(unixpath 'C:\windows\SoftwareDistribution')
  mkdir -p "$sd"
  local when; when=$(date -u '+%Y-%m-%d %H:%M:%S:000+0000')
  { printf '\xff\xfe'
    printf '{11111111-2222-3333-4444-555555555555}\t%s\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t{A1B2C3D4-0000-0000-0000-000000000001}\t200\t80070002\tUpdateOrchestrator\tFailure\tContent Install\tInstallation Failure: Windows failed to install the following update with error 0x80070002: 2024-10 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5044284).\tWK95uV225Ue0wrVj.2.3\r\n' "$when" |
      iconv -f UTF-8 -t UTF-16LE; } >"$sd/ReportingEvents.log"
  local docs; docs=$(find "$WINEPREFIX/drive_c/users" -maxdepth 2 -name Documents -type l | grep -v Public | head -n 1)
  if [[ -n $docs ]]; then rm "$docs"; mkdir "$docs"; fi
}

# plan_tick_only ROW...: ticks exactly these rows of the plan (0 clock ... 5 dism, 6 sfc) with
# Down and Space from the first row, reading the ticks through winquery.
plan_tick_only() {
  gui_controls
  local checked keys=() row want
  checked=$(gui_control 1005 | sed -E 's/.*checked=([0-9,]*).*/\1/')
  for row in 0 1 2 3 4 5 6; do
    want=0; [[ " $* " == *" $row "* ]] && want=1
    if [[ $want == 1 && ",$checked," != *",$row,"* ]] || [[ $want == 0 && ",$checked," == *",$row,"* ]]; then keys+=(space); fi
    ((row < 6)) && keys+=(Down)
  done
  gui_key "${keys[@]}"
  gui_controls
  assert_contains "$(gui_control 1005)" "checked=$(IFS=,; echo "$*") " "the plan's ticks"
}

# Keyboard and screen-reader view of the pages before the result: the manifest, DPI awareness,
# access keys, the details pane, the plan's pre-ticks, the progress bar following sfc.
test_gui_pages_read_by_controls_details_pane_access_keys_and_progress() {
  # asInvoker (the exe asks for elevation itself: core/gui/start.h), PerMonitorV2, controls v6.
  local manifest; manifest=$(LC_ALL=C strings "$WUFIX_GUI_EXE" | grep -E 'requestedExecutionLevel|dpiAware|Common-Controls')
  assert_contains "$manifest" 'level="asInvoker"'
  assert_contains "$manifest" '>PerMonitorV2</dpiAwareness>'
  assert_contains "$manifest" '>true/pm</dpiAware>'
  assert_contains "$manifest" 'Microsoft.Windows.Common-Controls'
  make_failed_update_pc
  set_scenario sfc "repaired step_ms=600"
  with_gui
  gui_wait_for pages-1-welcome 'Fix Windows Update'
  gui_controls
  # Per-monitor aware at run time (Wine 8 reports PerMonitorV2 as per-monitor; unaware without
  # the manifest's dpiAwareness).
  assert_match "$GUI_CONTROLS" 'window #32770 dpi=permonitor(v2)?' "the wizard runs per-monitor DPI-aware"
  gui_assert_access_keys
  gui_key alt+n
  gui_wait_for pages-2-findings 'KB5044284' 90

  # The details pane: Tab from the findings list reaches it, and it reads the evidence.
  gui_controls
  assert_eq "$(gui_focused)" 1005 "the findings list has the focus"
  gui_assert_access_keys
  gui_key Tab
  gui_controls
  assert_eq "$(gui_focused)" 1007 "Tab moves from the findings to their details"
  assert_contains "$(gui_control 1006)" "&Details:" "the details pane's label (its accessible name, Alt+D)"
  gui_key shift+Tab alt+d
  gui_controls
  assert_eq "$(gui_focused)" 1007 "Alt+D moves to the details"
  assert_match "$(gui_control 1007)" 'KB5044284|0x80070002|restart' "the details read the evidence"
  gui_shot pages-2-details

  gui_key alt+n
  gui_wait_for pages-3-plan 'Choose .{1,6} to repair'
  gui_controls
  assert_match "$(gui_control 1005)" 'checked=([0-9]+,)*4[, ]' "reset pre-ticked for the failed update, as diagnose recommends"
  gui_assert_access_keys
  plan_tick_only 6  # sfc only: its progress is the one to watch
  gui_key alt+n

  # The repairing page's progress bar follows sfc's percentages (0..1000 in tenths).
  local seen=() i bar
  for ((i = 0; i < 60; i++)); do
    gui_controls
    bar=$(gui_control 1004)
    [[ $bar =~ ([0-9]+)/1000$ ]] && ((BASH_REMATCH[1] > 0 && BASH_REMATCH[1] < 1000)) && seen+=("${BASH_REMATCH[1]}")
    ((${#seen[@]} >= 2)) && break
    sleep 0.5
  done
  gui_shot pages-4-repairing
  ((${#seen[@]} >= 2)) || fail "no progress between 0 and 100 % on the repairing page; last: $bar"
  ((seen[-1] > seen[0])) || fail "the progress bar did not advance: ${seen[*]}"

  gui_wait_for pages-5-result 'Result' 120
  gui_controls
  assert_contains "$(gui_control 1007)" "Check and repair system files (sfc, slow): done (repaired)"
}

# The result page of a PC whose KB5044284 failed: Save a report, Download and install (the local
# catalog), Restart now only on click (a shutdown.exe double).
test_gui_result_page_saves_a_report_installs_the_failed_kb_and_restarts_only_on_click() {
  make_failed_update_pc
  start_catalog --lifetime 300
  set_scenario dism "healthy add=3010"
  wine_run reg add 'HKCU\Software\Wine\DllOverrides' /v shutdown.exe /d native /f >/dev/null
  with_gui_display
  gui_up --catalog-url "$CATALOG_URL" --allow-unsigned
  gui_wait_for buttons-1-welcome 'Fix Windows Update'
  gui_key alt+n
  gui_wait_for buttons-2-findings 'KB5044284' 90
  gui_key alt+n
  gui_wait_for buttons-3-plan 'Choose .{1,6} to repair'
  plan_tick_only 1  # policy only: a quick run to reach the result page
  gui_key alt+n
  gui_wait_for buttons-5-result 'Res[uvl][il]t|problems are still present' 120
  gui_controls
  assert_contains "$(gui_control 1009)" "&Restart now"
  assert_contains "$(gui_control 1011)" "&Save a report for a helper"
  assert_contains "$(gui_control 1012)" "Download and &install KB5044284"
  assert_eq "$(double_calls shutdown)" "" "nothing restarts before Restart now is clicked"
  gui_assert_access_keys
  # Tab goes round every button of the page and the wizard's Finish.
  local focused=() 
  for ((i = 0; i < 5; i++)); do gui_key Tab; gui_controls; focused+=("$(gui_focused)"); done
  for id in 1009 1011 1012; do
    [[ " ${focused[*]} " == *" $id "* ]] || fail "Tab never reached control $id: ${focused[*]}"
  done

  # Download and install KB5044284: wufix.exe install against the local catalog, DISM adds the
  # verified files; its 3010 is said in plain words.
  _log "result page: download and install"
  # Pressed again until the install began (a key can be lost while a page repaints under load).
  for ((i = 0; i < 3; i++)); do
    gui_key alt+i; sleep 2; gui_controls
    [[ $(gui_control 1007) == *"installing KB5044284"* || $(gui_control 1007) == *"was installed"* ]] && break
  done
  for ((i = 0; i < 120; i++)); do
    gui_controls
    [[ $(gui_control 1007) == *"was installed"* || $(gui_control 1007) == *"was not installed"* ]] && break
    sleep 1
  done
  gui_shot buttons-6-installed
  assert_contains "$(gui_control 1007)" "KB5044284 was installed. Restart Windows to finish."
  assert_contains "$(double_calls dism)" "/Online /Add-Package /PackagePath:"
  assert_contains "$(cat "$CATALOG_LOG")" "windows11.0-kb5044284-x64_lcu.msu"
  assert_eq "$(double_calls shutdown)" "" "installing restarts nothing"

  # Restart now asks first (No is the default); No restarts nothing, Yes runs shutdown.exe /r.
  _log "result page: restart now"
  gui_open_box alt+r
  gui_box_key n
  gui_wait_box_closed
  assert_eq "$(double_calls shutdown)" "" "No restarts nothing"
  gui_open_box alt+r
  gui_box_key y
  gui_wait_box_closed
  for ((i = 0; i < 40; i++)); do [[ -n $(double_calls shutdown) ]] && break; sleep 0.5; done
  assert_contains "$(double_calls shutdown)" "/r /t 0 /d p:2:17" "Yes restarts, planned (hotfix)"

  # Save a report, last: the redacted report in Documents, then Explorer on it (its window, on
  # top with no window manager here, takes the keys sent afterwards).
  _log "result page: save a report"
  gui_key alt+s
  local report= computer
  for ((i = 0; i < 120; i++)); do
    report=$(find "$WINEPREFIX/drive_c/users" -path '*/Documents/wufix-report-*.md' 2>/dev/null | head -n 1)
    [[ -n $report ]] && grep -qs 'KB5044284' "$report" && break
    sleep 0.5
  done
  [[ -n $report ]] || fail "no wufix-report-*.md in Documents"
  assert_contains "$(cat "$report")" "are redacted"
  computer=$(wine_run cmd.exe /c echo %COMPUTERNAME% | tr -d '\r')
  assert_not_contains "$(cat "$report")" "$computer" "the computer name is redacted"
  local explorer=
  for ((i = 0; i < 40; i++)); do
    explorer=$(pgrep -af 'explorer' | grep -F "$(basename "$report")" || true)
    [[ -n $explorer ]] && break
    sleep 0.5
  done
  [[ -n $explorer ]] || fail "Explorer was not started on the report: $(pgrep -af explorer)"
  assert_contains "$explorer" "/select,"

  for ((i = 0; i < 20; i++)); do gui_controls; [[ $(gui_control 1007) == *"report was saved"* ]] && break; sleep 0.5; done
  assert_contains "$(gui_control 1007)" "The report was saved."
}
