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

with_gui() {
  local previous; previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  # shellcheck disable=SC2064  # the earlier EXIT trap is kept, expanded now
  trap "gui_down; $previous" EXIT
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
  gui_wait_for 3-plan 'Choose what to repair'
  assert_contains "$GUI_TEXT" "update services back on"

  gui_key Return  # repairs, then shows the result by itself
  gui_shot 4-repairing
  gui_wait_for 5-result 'Result' 90
  gui_wait_for 5-result 'fixed' 30
  assert_contains "$GUI_TEXT" "needs a restart"
  assert_contains "$GUI_TEXT" "Restart now"
  assert_contains "$GUI_TEXT" "Undo these changes"
  assert_eq "$(svc_start_type wuauserv)" 3 "the repair set wuauserv back to Manual"

  gui_key alt+u
  gui_wait_for 6-undone 'changes were undone' 60
  assert_contains "$GUI_TEXT" "disabled"
  assert_eq "$(svc_start_type wuauserv)" 4 "undo disabled wuauserv again"

  gui_key Return  # Finish
  local i
  for ((i = 0; i < 50; i++)); do kill -0 "$GUI_PID" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$GUI_PID" 2>/dev/null && fail "Finish did not close wufix-gui.exe"
  return 0
}
