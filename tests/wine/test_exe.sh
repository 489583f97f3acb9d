# shellcheck shell=bash
# The shipped file itself: one static x86-64 exe under 3 MB (issue #16) that imports only DLLs
# that come with Windows, with a version resource and a manifest.

_objdump() { x86_64-w64-mingw32-objdump "$@" "$WUFIX_EXE"; }

test_exe_is_static_small_and_x64() {
  local size; size=$(stat -c %s "$WUFIX_EXE")
  # 3,883,520 bytes before CLI11 moved to wufix_cli and fmt was compiled once; 2,975,232 after;
  # 3,018,240 with the catalog layouts of #17. The budget is 3 MB as Windows counts it (Explorer
  # shows 3 MB for 3 MiB): 3,145,728 bytes.
  ((size < 3145728)) || fail "wufix.exe is $size bytes, over the 3 MB budget (3,145,728)"
  assert_contains "$(_objdump -f)" "file format pei-x86-64"
  local dlls dll
  dlls=$(_objdump -p | sed -nE 's/.*DLL Name: (.*)$/\1/p' | tr 'A-Z' 'a-z')
  for dll in $dlls; do
    case $dll in
      kernel32.dll | advapi32.dll | msvcrt.dll | ole32.dll | oleaut32.dll | shell32.dll | \
        ws2_32.dll | winhttp.dll | bcrypt.dll | wintrust.dll | crypt32.dll | user32.dll) ;;
      *) fail "wufix.exe imports $dll, which does not ship with Windows" ;;
    esac
  done
}

test_exe_has_version_resource_and_manifest() {
  local strings; strings=$(LC_ALL=C strings -e l "$WUFIX_EXE")
  assert_contains "$strings" "FileDescription"
  assert_contains "$strings" "OriginalFilename"
  assert_contains "$strings" "wufix.exe"
  local manifest; manifest=$(LC_ALL=C strings "$WUFIX_EXE" | grep -E 'requestedExecutionLevel|longPathAware|activeCodePage')
  assert_contains "$manifest" 'level="asInvoker"'
  assert_contains "$manifest" "longPathAware"
  assert_contains "$manifest" "UTF-8"
}

test_non_ascii_arguments_and_log_file() {
  # A log path with non-ASCII characters: argv arrives as UTF-16 and must reach the file system intact.
  run_wufix explain 5 --log 'C:\wufix-tést\ausgabe-ü.log'
  assert_exit 2  # the folder does not exist: a clear one-line error, not a crash
  assert_contains "$RUN_ERR" "ausgabe-ü.log"
  win_mkdir 'C:\wufix-tést'
  run_wufix explain 5 --log 'C:\wufix-tést\ausgabe-ü.log'
  assert_exit 0
  assert_contains "$(read_text 'C:\wufix-tést\ausgabe-ü.log')" "ERROR_ACCESS_DENIED"
}

# A scheduled run and a manual one (or a tail -f, or Notepad) with the same --log: the file is
# opened for appending with FILE_SHARE_READ | FILE_SHARE_WRITE, so the second run neither fails
# nor waits, and both runs' lines are in it, whole.
test_two_runs_share_one_log_file() {
  local log='C:\shared.log' go=$WINE_TEST_TMP/go first_out=$WINE_TEST_TMP/first.out
  local line='2026-12-02 03:00:00, Error CBS Failed to process single phase execution. [HRESULT = 0x800f0922]'
  # The first run reads stdin until $go exists: it holds the log open meanwhile.
  { for ((i = 0; i < 600; i++)); do [[ -e $go ]] && break; sleep 0.1; done; echo "$line"; } |
    timeout 120 "$WINE" "$(realpath "$WUFIX_EXE")" logs - --log "$log" >"$first_out" 2>&1 &
  local first=$! i
  for ((i = 0; i < 300; i++)); do
    [[ -e $(unixpath "$log") ]] && break
    sleep 0.1
  done
  assert_file_exists "$log" "the first run opened its --log"
  [[ -e $go ]] && fail "the first run ended early: $(cat "$first_out")"
  run_wufix explain 5 --log "$log"
  touch "$go"
  wait "$first" || true
  assert_exit 0
  assert_not_contains "$RUN_ERR" "cannot open the log file"
  local text; text=$(read_text "$log")
  assert_contains "$text" "ERROR_ACCESS_DENIED" "the second run's lines"
  assert_contains "$text" "0x800F0922" "the first run's lines, after the second's"
  assert_match "$(head -n 1 <<<"$text")" '^[0-9T:-]+Z (out|err) ' "whole stamped lines"
}

test_version_line_matches_the_version_resource() {
  run_wufix --version
  assert_exit 0
  assert_eq "$(stat -c %s "$RUN_ERR_FILE")" 0
  # wufix 0.1.0 (commit 4a14da5c0d1e, built 2026-12-02, unsigned)
  [[ $RUN_OUT =~ ^wufix\ ([0-9.]+)\ \(commit\ ([0-9a-f]{12}(\+dirty)?),\ built\ ([0-9-]{10}),\ unsigned\)$ ]] ||
    fail "unexpected --version: $RUN_OUT"
  local version=${BASH_REMATCH[1]} commit=${BASH_REMATCH[2]} built=${BASH_REMATCH[4]}
  local strings; strings=$(LC_ALL=C strings -e l "$WUFIX_EXE")
  assert_eq "$(grep -A1 -x ProductVersion <<<"$strings" | tail -n 1)" "$version+$commit"
  assert_eq "$(grep -A1 -x FileVersion <<<"$strings" | tail -n 1)" "$version"
  assert_contains "$strings" "commit $commit, built $built"
}
