# shellcheck shell=bash
# wufix-gui.exe under Xvfb + Wine, driven by the keyboard only and read back by OCR; the state
# of the PC is checked through the SCM, not through the window's word. Screenshots of every
# page: build/test-results/gui/.
# shellcheck source=gui_lib.sh
source "$WINE_TESTS_DIR/gui_lib.sh"

# A PC broken the way the issue names: Windows Update disabled, a restart pending. Stand-ins
# for what Wine lacks (CryptSvc, W32Time) so that those are the only problems.
make_broken_pc() {
  install_service CryptSvc auto --running
  install_service W32Time demand --running
  reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' Type REG_SZ NTP
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
  gui_wait_for 3-plan 'Choose .{1,6} to repair'
  assert_contains "$GUI_TEXT" "update services back on"
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
  install_service CryptSvc auto --running
  install_service W32Time demand --running
  reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' Type REG_SZ NTP
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
