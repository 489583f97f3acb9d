# shellcheck shell=bash
# Helpers for wufix-gui.exe under Xvfb + Wine: keys only (xdotool key), screenshots of the
# wizard window, OCR (tesseract) of them. Sourced by test_gui.sh and scripts/demo_gui.sh.
# Facts: with no window manager `xdotool windowactivate` fails; `windowfocus --sync` works.

: "${WUFIX_GUI_EXE:=$WUFIX_ROOT/build/windows/wufix-gui.exe}"
: "${GUI_SHOTS:=$WUFIX_ROOT/build/test-results/gui}"
GUI_TITLE='wufix - Windows Update repair'

# gui_up [ARGS...]: wufix-gui.exe ARGS on a headless X server of its own (gui_display_up, unless
# already up). Sets DISPLAY, XVFB_PID, GUI_PID and GUI_WIN (the wizard's X window).
gui_up() {
  [[ -f $WUFIX_GUI_EXE ]] || fail "no wufix-gui.exe at $WUFIX_GUI_EXE"
  [[ -n ${XVFB_PID:-} ]] || gui_display_up
  local i
  "$WINE" "$(winpath "$(realpath "$WUFIX_GUI_EXE")")" "$@" </dev/null >"$WINE_TEST_TMP/gui.out" 2>&1 &
  GUI_PID=$!
  for ((i = 0; i < 300; i++)); do
    GUI_WIN=$(xdotool search --onlyvisible --name "^$GUI_TITLE\$" 2>/dev/null | head -n 1) || true
    [[ -n $GUI_WIN ]] && return 0
    kill -0 "$GUI_PID" 2>/dev/null || fail "wufix-gui.exe ended before its window showed: $(cat "$WINE_TEST_TMP/gui.out")"
    sleep 0.2
  done
  fail "no window titled '$GUI_TITLE' within 60 s"
}

# gui_display_up: Xvfb on a free display (it picks one); sets DISPLAY and XVFB_PID.
gui_display_up() {
  local fifo=$WINE_TEST_TMP/xvfb.display i tool
  for tool in Xvfb xdotool import convert tesseract; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
  done
  Xvfb -displayfd 1 -screen 0 1024x768x24 -nolisten tcp >"$fifo" 2>"$WINE_TEST_TMP/xvfb.log" &
  XVFB_PID=$!
  for ((i = 0; i < 100; i++)); do [[ -s $fifo ]] && break; sleep 0.1; done
  [[ -s $fifo ]] || fail "Xvfb did not start: $(cat "$WINE_TEST_TMP/xvfb.log")"
  export DISPLAY=:$(head -n 1 "$fifo")
  mkdir -p "$GUI_SHOTS"
}

gui_down() {
  if [[ -n ${GUI_PID:-} ]]; then kill "$GUI_PID" 2>/dev/null || true; fi
  if [[ -n ${XVFB_PID:-} ]]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  GUI_PID= XVFB_PID=
  return 0
}

# gui_key KEY...: the keys, one after the other, to the wizard (focused first).
gui_key() {
  xdotool windowfocus --sync "$GUI_WIN" >/dev/null 2>&1 || fail "gui_key: cannot focus the wizard"
  # A key that closes the window (Finish) ends xdotool with status 1: the asserts that follow
  # judge what the keys did.
  xdotool key --delay 150 "$@" || _log "xdotool key $*: status $? (did the window close?)"
}

# gui_shot NAME: the wizard window to $GUI_SHOTS/NAME.png. Raised first: `import -window` copies
# the screen, and under load another window (the console `wine start` opens) was seen on top.
gui_shot() {
  xdotool windowraise "$GUI_WIN" >/dev/null 2>&1 || true
  import -display "$DISPLAY" -window "$GUI_WIN" "$GUI_SHOTS/$1.png"
}

# gui_ocr NAME: the text of $GUI_SHOTS/NAME.png (trimmed, 300 %, grey, normalised, --psm 6).
gui_ocr() {
  convert "$GUI_SHOTS/$1.png" -trim -resize 300% -colorspace Gray -normalize "$WINE_TEST_TMP/ocr.png" &&
    tesseract "$WINE_TEST_TMP/ocr.png" - --psm 6 2>/dev/null
}

# gui_wait_for NAME REGEX [SECONDS]: screenshots NAME until its OCR text matches REGEX
# (case-insensitive, extended); sets GUI_TEXT. Fails with the last text read.
gui_wait_for() {
  local name=$1 pattern=$2 seconds=${3:-60} end
  end=$((SECONDS + seconds))
  while :; do
    gui_shot "$name" && GUI_TEXT=$(gui_ocr "$name")
    grep -qiE "$pattern" <<<"$GUI_TEXT" && return 0
    ((SECONDS < end)) || fail "page $name: no /$pattern/ within $seconds s; OCR read: $GUI_TEXT"
    sleep 1
  done
}

# gui_controls: the controls of the windows titled $GUI_TITLE as winquery.exe reads them, the
# way a screen reader does (WM_GETTEXT, focus, progress, list rows); sets GUI_CONTROLS, one
# "ID TAB CLASS TAB FLAGS TAB TEXT" a line (flags: v visible, e enabled, f focused).
gui_controls() {
  run_win --timeout 30 winquery.exe "$GUI_TITLE"
  [[ $RUN_EXIT == 0 ]] || fail "winquery: exit $RUN_EXIT: $RUN_OUT$RUN_ERR"
  GUI_CONTROLS=$RUN_OUT
}

# gui_control ID: the first visible control ID's line in GUI_CONTROLS ("" when none).
gui_control() { awk -F'\t' -v id="$1" '$1 == id && $3 ~ /v/ { print; exit }' <<<"$GUI_CONTROLS"; }

# gui_focused: the id of the control with the keyboard focus.
gui_focused() { awk -F'\t' '$3 ~ /f/ { print $1; exit }' <<<"$GUI_CONTROLS"; }

# gui_box_key KEY...: the keys to the message box the wizard shows (the other window with its
# title), focused first; waits for the box up to 20 s.
gui_box_key() {
  local box= i
  for ((i = 0; i < 100; i++)); do
    box=$(xdotool search --onlyvisible --name "^$GUI_TITLE\$" 2>/dev/null | grep -vx "$GUI_WIN" | head -n 1) || true
    [[ -n $box ]] && break
    sleep 0.2
  done
  if [[ -z $box ]]; then
    import -display "$DISPLAY" -window root "$GUI_SHOTS/no-box-screen.png" || true
    gui_controls
    fail "no message box over the wizard; X windows: $(xdotool search --name "$GUI_TITLE" 2>/dev/null | tr '\n' ' '); controls: $GUI_CONTROLS"
  fi
  xdotool windowfocus --sync "$box" >/dev/null 2>&1 || fail "gui_box_key: cannot focus the box"
  xdotool key --delay 150 "$@"
}

# gui_wait_box_closed: until no message box shows over the wizard (up to 20 s), so that the
# next box looked for is a new one, not the one just answered while it is still being unmapped.
gui_wait_box_closed() {
  local i
  for ((i = 0; i < 100; i++)); do
    xdotool search --onlyvisible --name "^$GUI_TITLE\$" 2>/dev/null | grep -qvx "$GUI_WIN" || return 0
    sleep 0.2
  done
  fail "the message box over the wizard did not close"
}

# gui_assert_access_keys: on the page shown, every visible button of the page (ids 1008-1012)
# has an access key, and no two controls of the wizard share one, on any page (the wizard's
# own "< &Back" and "&Next >" included): Wine's dialog manager also matches the access keys of
# the pages not shown. Reads GUI_CONTROLS.
gui_assert_access_keys() {
  local problems
  problems=$(awk -F'\t' '
    /^window / { n++; next }
    n == 1 {
      if ($3 ~ /v/ && $2 == "Button" && $1 >= 1008 && $1 <= 1012 && $4 !~ /&[^&]/) print "no access key: " $4
      if (match($4, /&[^&]/)) { k = tolower(substr($4, RSTART + 1, 1)); if (k in seen) print "&" k " twice: " seen[k] " / " $4; seen[k] = $4 }
    }' <<<"$GUI_CONTROLS")
  [[ -z $problems ]] || fail "access keys: $problems"
}

# gui_open_box KEY: KEY to the wizard until a message box over it shows (3 tries: another
# program's window, Explorer's, may take a key sent while it opens).
gui_open_box() {
  local try i
  for ((try = 0; try < 3; try++)); do
    gui_key "$1"
    for ((i = 0; i < 35; i++)); do
      xdotool search --onlyvisible --name "^$GUI_TITLE\$" 2>/dev/null | grep -qvx "$GUI_WIN" && return 0
      sleep 0.2
    done
  done
  fail "$1 opened no message box over the wizard"
}
