# shellcheck shell=bash source-path=SCRIPTDIR
# tests/wine/lib.sh — harness for wufix end-to-end tests under Wine. Source it (run.sh does).
# API summary in tests/wine/README.md. Every test gets a throw-away copy of a cached,
# Windows-10 template prefix with its own persistent wineserver and the doubles installed.

WINE_TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WUFIX_ROOT=$(cd "$WINE_TESTS_DIR/../.." && pwd)
: "${WINE_BUILD_DIR:=$WUFIX_ROOT/build/wine}"
: "${WUFIX_EXE:=$WUFIX_ROOT/build/windows/wufix.exe}"
: "${WUFIX_TIMEOUT:=60}"
WINE_TEMPLATE_RECIPE=1  # bump when wine_template's recipe changes

_first_exe() { local p; for p in "$@"; do [[ -x $p ]] && { echo "$p"; return; }; done; }

# Debian's Wine has no preloader: its loader sits at 0x7d000000 and the kernel puts the loader's
# heap (brk) anywhere in the 1 GiB above it. About one start in a few thousand, that heap covers
# 0x7ffe0000, where every Windows process needs KUSER_SHARED_DATA: "wine: failed to map the
# shared user data: c0000018", and the program never starts (the flaky e2e failures). Wine's
# preloader would reserve that range first; without it, the harness runs Wine with address-space
# randomisation off (setarch -R, util-linux; inherited by every process Wine starts), so the
# heap always starts right after the loader, 47 MiB below. _wine_loader_command prints the
# command that does so (the loader alone where the personality call is not allowed).
_wine_loader_command() {
  local loader=$1
  if setarch -R true 2>/dev/null; then echo "setarch -R $loader"; else echo "$loader"; fi
}
# A wrapper script, so that "$WINE" stays one word for every caller.
_wine_wrapper() {
  local loader=$1 dir=$WINE_BUILD_DIR/bin tmp
  [[ -n $loader ]] || return 1
  local body="#!/bin/sh
exec $(_wine_loader_command "$loader") \"\$@\""
  if [[ ! -x $dir/wine || $(<"$dir/wine") != "$body" ]]; then
    mkdir -p "$dir" && tmp=$(mktemp "$dir/.wine.XXXXXX") && printf '%s\n' "$body" >"$tmp" &&
      chmod +x "$tmp" && mv -f "$tmp" "$dir/wine" || return 1
  fi
  echo "$dir/wine"
}
: "${WINE_LOADER_EXE:=$(_first_exe /usr/lib/wine/wine64 "$(command -v wine64)" "$(command -v wine)")}"
: "${WINE:=$(_wine_wrapper "$WINE_LOADER_EXE")}"
: "${WINESERVER:=$(_first_exe /usr/lib/wine/wineserver64 "$(command -v wineserver64)" "$(command -v wineserver)")}"
export WINEARCH=win64 WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY

# Doubles that replace a program Wine ships (loaded natively via DllOverrides in the template).
WINE_DOUBLES=(sfc dism w32tm wusa standin-svc svcctl exitcode holddir proxycfg sdtool)
WINE_REPLACED=(dism wusa)
# wufix-gui's tests (test_gui.sh): shutdown (Wine's own is builtin: the test overrides it), winquery.
WINE_DOUBLES+=(shutdown winquery)
# In-process COM servers, copied in and registered only by the tests that want them.
WINE_DOUBLE_DLLS=(wuapi-double)

_now() { date +%s.%N; }
_since() { awk -v a="$1" -v b="$(_now)" 'BEGIN { printf "%.2f", b - a }'; }
_log() { echo "harness: $*" >&2; }
# shellcheck source=assert.sh
source "$WINE_TESTS_DIR/assert.sh"

# package_into DIR: scripts/package.sh (make package) with DIST=DIR; fails the test if it fails.
package_into() {
  DIST=$1 "$WUFIX_ROOT/scripts/package.sh" >/dev/null 2>"$1.log" || fail "package.sh failed: $(cat "$1.log")"
}
wufix_version() { sed -nE 's/^project\(wufix VERSION ([0-9.]+).*/\1/p' "$WUFIX_ROOT/CMakeLists.txt"; }

# ps_syntax FILE...: parses each PowerShell file with the tree-sitter grammar (tools/ps_syntax.cjs,
# npm packages pinned in tools/npm); prints the ERROR nodes and returns 1 when a file has any.
ps_syntax() {
  local modules; modules=$("$WUFIX_ROOT/scripts/npm_tools.sh") || fail "npm install of tools/npm failed"
  WUFIX_NODE_MODULES=$modules node --liftoff-only "$WUFIX_ROOT/tools/ps_syntax.cjs" "$@"
}

# ---- doubles ------------------------------------------------------------------------------

# Sets WINE_DOUBLES_BIN: build/windows/doubles when it is complete and newer than the sources,
# otherwise a standalone build in build/wine/doubles-build (incremental).
ensure_doubles() {
  [[ -n ${WINE_DOUBLES_BIN:-} ]] && return 0
  local src=$WINE_TESTS_DIR/doubles dir=$WUFIX_ROOT/build/windows/doubles name newest
  newest=$(find "$src" -type f -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  for name in "${WINE_DOUBLES[@]/%/.exe}" "${WINE_DOUBLE_DLLS[@]/%/.dll}"; do
    [[ -f $dir/$name && $dir/$name -nt $newest ]] || { dir=; break; }
  done
  if [[ -z $dir ]]; then
    local b=$WINE_BUILD_DIR/doubles-build
    if [[ ! -f $b/build.ninja ]]; then
      cmake -S "$src" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WUFIX_ROOT/cmake/mingw-w64.cmake" >/dev/null ||
        { _log "configuring the doubles failed"; return 1; }
    fi
    cmake --build "$b" >/dev/null || { _log "building the doubles failed"; return 1; }
    dir=$b/doubles
  fi
  WINE_DOUBLES_BIN=$dir
}

# Copies the doubles into the prefix's C:\windows\system32 and creates C:\wufix-doubles.
install_doubles() {
  ensure_doubles || return 1
  local name sys=$WINEPREFIX/drive_c/windows/system32
  for name in "${WINE_DOUBLES[@]}"; do
    cp --remove-destination "$WINE_DOUBLES_BIN/$name.exe" "$sys/$name.exe"
  done
  mkdir -p "$WINEPREFIX/drive_c/wufix-doubles"
}

# install_wua_double: wuapi-double.dll registered for Microsoft.Update.Session and
# Microsoft.Update.UpdateColl in place of Wine's stub (by CLSID: the InprocServer32 path names
# our DLL, so Wine's builtin wuapi.dll is never loaded for them). Scenario: set_scenario wua ...
WUA_CLSIDS=('{4CB43D7F-7EEE-4906-8698-60DA1C38F2FE}' '{13639463-00DB-4646-803D-528026140D88}')
install_wua_double() {
  ensure_doubles || return 1
  cp --remove-destination "$WINE_DOUBLES_BIN/wuapi-double.dll" "$WINEPREFIX/drive_c/windows/system32/wuapi-double.dll"
  local clsid key
  for clsid in "${WUA_CLSIDS[@]}"; do
    key="HKLM\\Software\\Classes\\CLSID\\$clsid\\InprocServer32"
    wine_run reg add "$key" /ve /d 'C:\windows\system32\wuapi-double.dll' /f >/dev/null 2>&1 ||
      fail "install_wua_double: cannot register $clsid"
    reg_set "$key" ThreadingModel REG_SZ Both
  done
}

# uninstall_double NAME: puts back Wine's own program (dism, wusa) or removes the double.
uninstall_double() {
  local sys=$WINEPREFIX/drive_c/windows/system32 orig
  orig=$(wine_template)/drive_c/windows/system32/$1.exe
  if [[ -f $orig ]]; then cp --remove-destination "$orig" "$sys/$1.exe"; else rm -f "$sys/$1.exe"; fi
}

# set_scenario DOUBLE LINE...: one line per invocation (the last repeats), e.g.
#   set_scenario sfc unrepairable repaired ;  set_scenario dism "source-missing step_ms=0"
set_scenario() {
  local name=$1; shift
  printf '%s\r\n' "$@" >"$WINEPREFIX/drive_c/wufix-doubles/$name.scenario"
}

# double_calls DOUBLE: the command lines the double was run with, one a line.
double_calls() {
  local f=$WINEPREFIX/drive_c/wufix-doubles/$1.calls
  [[ -f $f ]] && tr -d '\r' <"$f"
  return 0
}

# ---- prefixes and wineserver --------------------------------------------------------------

# Prints the template prefix's path, creating it once (cached per Wine version and recipe).
wine_template() {
  local version key dir
  version=$("$WINE" --version 2>/dev/null) || { _log "cannot run $WINE"; return 1; }
  key=$(tr -c 'A-Za-z0-9.~+\n-' '_' <<<"$version")-r$WINE_TEMPLATE_RECIPE
  dir=$WINE_BUILD_DIR/template/$key
  if [[ ! -f $dir/.wufix-template-ok ]]; then
    mkdir -p "$WINE_BUILD_DIR/template"
    (
      flock 9
      [[ -f $dir/.wufix-template-ok ]] && exit 0
      local start tmp; start=$(_now)
      tmp=$(mktemp -d "$WINE_BUILD_DIR/template/.new.XXXXXX")
      export WINEPREFIX=$tmp/prefix
      "$WINE" wineboot -i </dev/null >"$tmp/wineboot.log" 2>&1
      "$WINE" winecfg -v win10 </dev/null >>"$tmp/wineboot.log" 2>&1
      local exe
      for exe in "${WINE_REPLACED[@]}"; do
        "$WINE" reg add 'HKCU\Software\Wine\DllOverrides' /v "$exe.exe" /d native /f </dev/null >/dev/null 2>&1
      done
      "$WINESERVER" -w  # flush the registry to disk
      [[ -f $WINEPREFIX/system.reg ]] || { _log "wineboot failed: $(tail -5 "$tmp/wineboot.log")"; exit 1; }
      rm -rf "$dir" && mv "$WINEPREFIX" "$dir" && rm -rf "$tmp"
      touch "$dir/.wufix-template-ok"
      _log "created template $dir in $(_since "$start") s"
    ) 9>"$WINE_BUILD_DIR/template/.lock" || return 1
  fi
  echo "$dir"
}

# _clone_template SRC DST: hard-links the Wine binaries (PE files and .nls tables, ~690 MB that
# nothing writes) and copies everything else (registry, .ini, hosts, ...): ~0.4 s instead of
# several seconds. Files replaced later must be unlinked first (cp --remove-destination,
# win_write). WINE_PREFIX_COPY=full copies everything.
_clone_template() {
  if [[ ${WINE_PREFIX_COPY:-link} == full ]]; then cp -a "$1" "$2"; return; fi
  cp -al "$1" "$2" &&
    find "$2" -type f ! -iregex '.*\.\(dll\|exe\|sys\|drv\|ocx\|cpl\|acm\|tlb\|ds\|msstyles\|com\|ax\|nls\)' \
      -exec sh -c 'for f; do cp -p "$f" "$f.tmp" && mv -f "$f.tmp" "$f"; done' _ {} +
}

# _boot_prefix: starts $WINEPREFIX's persistent wineserver and boots the prefix. The first
# process boots it (services.exe, winedevice, rpcss ...); those stay and keep the first
# process's stdout/stderr open, so it must not be a pipe somebody waits on. Should Wine fail
# this boot itself (nothing of the test has run yet): one more boot on a fresh server, never a
# retry of a test.
_boot_prefix() {
  "$WINESERVER" -p </dev/null >/dev/null 2>&1 || { _log "wineserver did not start"; return 1; }
  "$WINE" cmd.exe /c exit 0 </dev/null >/dev/null 2>&1 && return 0
  _log "the first Wine process failed; booting the prefix once more"
  "$WINESERVER" -k >/dev/null 2>&1
  "$WINESERVER" -p </dev/null >/dev/null 2>&1 || { _log "wineserver did not start"; return 1; }
  "$WINE" cmd.exe /c exit 0 </dev/null >/dev/null 2>&1 || { _log "the first Wine process failed twice"; return 1; }
}

# wine_prefix_up [WORKDIR]: clones the template to WORKDIR/prefix (default: a new directory
# under build/wine/prefixes), starts its persistent wineserver, boots it, installs the doubles.
# Exports WINEPREFIX; sets WINE_TEST_WORKDIR and WINE_TEST_TMP (a scratch dir outside the prefix).
wine_prefix_up() {
  local template start copied; start=$(_now)
  template=$(wine_template) || return 1
  mkdir -p "$WINE_BUILD_DIR/prefixes"
  WINE_TEST_WORKDIR=${1:-$(mktemp -d "$WINE_BUILD_DIR/prefixes/test.XXXXXX")}
  WINE_TEST_TMP=$WINE_TEST_WORKDIR/tmp
  mkdir -p "$WINE_TEST_TMP"
  _clone_template "$template" "$WINE_TEST_WORKDIR/prefix" || { _log "copying the template failed"; return 1; }
  copied=$(_since "$start")
  export WINEPREFIX=$WINE_TEST_WORKDIR/prefix
  _boot_prefix || return 1
  install_doubles || return 1
  WINE_RUN_SEQ=0
  _log "prefix $WINEPREFIX up in $(_since "$start") s (copy $copied s)"
}

# wine_in_zone TZ: restarts the prefix's wineserver under the POSIX time zone TZ (Wine takes
# the zone when its wineserver starts) and keeps TZ for the rest of the test.
wine_in_zone() {
  export TZ=$1
  "$WINESERVER" -k >/dev/null 2>&1 || true
  "$WINESERVER" -w >/dev/null 2>&1 || true
  _boot_prefix || fail "the prefix did not boot again in zone $TZ"
}

# Kills every process of the prefix and its wineserver, then deletes the work dir
# (kept when WINE_KEEP=1).
wine_prefix_down() {
  [[ -n ${WINE_TEST_WORKDIR:-} && -d $WINE_TEST_WORKDIR ]] || return 0
  WINEPREFIX=$WINE_TEST_WORKDIR/prefix "$WINESERVER" -k >/dev/null 2>&1 || true
  if [[ ${WINE_KEEP:-0} == 1 ]]; then
    _log "kept $WINE_TEST_WORKDIR"
  else
    rm -rf "$WINE_TEST_WORKDIR"
  fi
  WINE_TEST_WORKDIR=
}

# wine_test_main COMMAND...: run.sh's entry point: fresh prefix, run COMMAND (a test function,
# or `source test_x.sh` for a test script without functions) under set -euo pipefail, tear down.
wine_test_main() {
  set -euo pipefail
  # run.sh tears the prefix down itself, after reporting (WINE_TEST_TEARDOWN=runner)
  [[ ${WINE_TEST_TEARDOWN:-self} == self ]] && trap wine_prefix_down EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  wine_prefix_up "${WINE_TEST_WORKDIR:-}"
  "$@"
}

# ---- paths --------------------------------------------------------------------------------

# winpath UNIXPATH -> C:\... inside the prefix's drive_c, Z:\... elsewhere.
winpath() {
  local p c r
  p=$(realpath -m "$1"); c=$(realpath -m "$WINEPREFIX/drive_c")
  if [[ $p == "$c" || $p == "$c"/* ]]; then r="C:${p#"$c"}"; else r="Z:$p"; fi
  r=${r//\//\\}
  [[ $r == ?: ]] && r+='\'
  echo "$r"
}

# unixpath 'C:\Windows\Logs' -> .../drive_c/windows/logs (existing components are matched
# case-insensitively, as Windows would). A path without a drive letter is returned unchanged.
unixpath() {
  local w=$1
  [[ $w =~ ^[A-Za-z]: ]] || { echo "$w"; return; }
  local drive=${w:0:1} cur comp match parts
  cur=$(readlink -f "$WINEPREFIX/dosdevices/${drive,,}:")
  # shellcheck disable=SC2141  # split on backslashes
  IFS='\' read -ra parts <<<"${w:2}"
  for comp in "${parts[@]}"; do
    [[ -z $comp ]] && continue
    if [[ -e $cur/$comp ]]; then cur=${cur%/}/$comp; continue; fi
    match=$(find "$cur" -mindepth 1 -maxdepth 1 -iname "$(sed 's/[][*?\\]/\\&/g' <<<"$comp")" -print -quit 2>/dev/null)
    cur=${match:-${cur%/}/$comp}
  done
  echo "$cur"
}

# win_mkdir WINPATH...: mkdir -p with Windows paths (existing parts matched case-insensitively).
win_mkdir() { local p; for p in "$@"; do mkdir -p "$(unixpath "$p")"; done; }

# win_write WINPATH [TEXT]: writes TEXT (or stdin) to a new file (an existing one is unlinked
# first: it may be hard-linked to the template), creating its folders.
win_write() {
  local f; f=$(unixpath "$1")
  mkdir -p "$(dirname "$f")"
  rm -f "$f"
  if [[ $# -ge 2 ]]; then printf '%s' "$2" >"$f"; else cat >"$f"; fi
}

# read_text PATH (Windows or unix): the file as text; UTF-16LE decoded, CRs removed.
read_text() {
  local f; f=$(unixpath "$1")
  [[ -f $f ]] || { _log "read_text: no file $1"; return 1; }
  if _is_utf16 "$f"; then iconv -f UTF-16LE -t UTF-8 "$f"; else cat "$f"; fi | sed 's/^\xef\xbb\xbf//; s/\r$//; s/\r/\n/g'
}
_is_utf16() { [[ $(head -c 2 "$1" | od -An -tx1 | tr -d ' \n') =~ ^(fffe|..00)$ ]]; }

# tree_digest DIR: "relative/path<TAB>sha256" per file, "dir/<TAB>dir" per directory, sorted;
# equal output = byte-identical tree.
tree_digest() {
  local d; d=$(unixpath "$1")
  [[ -d $d ]] || { _log "tree_digest: no directory $1"; return 1; }
  (
    cd "$d" || exit 1
    find . -mindepth 1 -type d -printf '%P/\tdir\n'
    find . -mindepth 1 -type l -printf '%P\tlink %l\n'
    find . -type f -print0 | xargs -0 -r sha256sum | sed -E 's#^\\?([0-9a-f]{64})  \./(.*)$#\2\t\1#'
  ) | LC_ALL=C sort
}

# ---- running Windows programs -------------------------------------------------------------

# wine_run PROG ARGS...: plain `wine PROG ARGS` (exit code modulo 256, output not captured).
# A start that provably never ran PROG (Wine's loader printed that it could not map the shared
# user data, see _wine_loader_command) is tried again, twice at most, and said on stderr;
# a program that ran and failed never is.
WINE_NEVER_STARTED='wine: failed to map the shared user data'
wine_run() {
  local err rc attempt
  err=$(mktemp "${WINE_TEST_TMP:-${TMPDIR:-/tmp}}/wine_run.XXXXXX") || return 2
  for attempt in 1 2 3; do
    rc=0
    "$WINE" "$@" </dev/null 2>"$err" || rc=$?
    ((rc != 0)) && grep -qF "$WINE_NEVER_STARTED" "$err" || break
    _log "wine_run $1: Wine never started it ($(grep -m1 -F "$WINE_NEVER_STARTED" "$err")), attempt $attempt"
  done
  cat "$err" >&2
  rm -f "$err"
  return "$rc"
}

# run_win [--timeout S] PROG [ARGS...]: runs PROG (Windows name/path, or a unix path) through
# exitcode.exe and sets RUN_EXIT (full 32-bit code, unsigned decimal; "timeout" when killed
# after S seconds, default WUFIX_TIMEOUT), RUN_EXIT_HEX (0x%08x), RUN_OUT / RUN_ERR (text:
# UTF-16 decoded, CRLF and lone CR turned into LF) and RUN_OUT_FILE / RUN_ERR_FILE (raw bytes).
# Standard input is /dev/null, or the file RUN_STDIN names.
# shellcheck disable=SC2034  # the RUN_* results are read by the tests
run_win() {
  local timeout=$WUFIX_TIMEOUT
  if [[ ${1:-} == --timeout ]]; then timeout=$2; shift 2; fi
  [[ -n ${WINE_TEST_TMP:-} ]] || fail "run_win: no test prefix (call wine_prefix_up first)"
  local prog=$1; shift
  [[ $prog == /* ]] && prog=$(winpath "$prog")
  WINE_RUN_SEQ=$((${WINE_RUN_SEQ:-0} + 1))
  local base=$WINE_TEST_TMP/run$WINE_RUN_SEQ
  RUN_OUT_FILE=$base.out RUN_ERR_FILE=$base.err
  local rc attempt
  # A start that never ran exitcode.exe (no code file; see _wine_loader_command for the cause
  # this harness removed) is tried again; a run that began is never.
  for attempt in 1 2 3; do
    rm -f "$base.code"
    rc=0
    timeout -k 5 $((timeout + 30)) "$WINE" exitcode.exe "$(winpath "$base.code")" "$timeout" "$prog" "$@" \
      <"${RUN_STDIN:-/dev/null}" >"$RUN_OUT_FILE" 2>"$RUN_ERR_FILE" || rc=$?
    [[ -e $base.code ]] && break
    echo "run_win $prog: Wine did not start exitcode.exe (exit status $rc, attempt $attempt): $(head -c 300 "$RUN_ERR_FILE")" >&2
  done
  RUN_OUT=$(read_text "$RUN_OUT_FILE") RUN_ERR=$(read_text "$RUN_ERR_FILE")
  if [[ ! -s $base.code || $(tr -d '\r\n' <"$base.code") == started ]]; then
    RUN_EXIT="harness-error" RUN_EXIT_HEX=""
    fail "run_win $prog: exitcode.exe recorded no exit code (its exit status $rc); stderr: $RUN_ERR"
  fi
  RUN_EXIT=$(tr -d '\r\n' <"$base.code")
  RUN_EXIT_HEX=""
  [[ $RUN_EXIT =~ ^[0-9]+$ ]] && RUN_EXIT_HEX=$(printf '0x%08x' "$RUN_EXIT")
  return 0
}

# run_wufix ARGS...: run_win on WUFIX_EXE (default build/windows/wufix.exe) with WUFIX_TIMEOUT.
run_wufix() {
  [[ -f $WUFIX_EXE ]] || fail "no wufix.exe at $WUFIX_EXE (build it: cmake --build --preset windows)"
  run_win --timeout "$WUFIX_TIMEOUT" "$(realpath "$WUFIX_EXE")" "$@"
}

# hold_dir WINPATH SECONDS: holddir.exe in the background holding PATH open without
# FILE_SHARE_DELETE; returns once the handle is open. Sets HOLD_PID; release with release_dir.
hold_dir() {
  local out=$WINE_TEST_TMP/hold.$RANDOM i
  "$WINE" holddir.exe "$1" "$2" </dev/null >"$out" 2>&1 &
  HOLD_PID=$!
  for ((i = 0; i < 300; i++)); do
    grep -q '^held' "$out" 2>/dev/null && return 0
    kill -0 "$HOLD_PID" 2>/dev/null || break
    sleep 0.1
  done
  fail "hold_dir $1: holddir.exe did not take the handle: $(cat "$out")"
}

release_dir() {
  local pid=${1:-$HOLD_PID}
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# ---- registry (live, through reg.exe: the .reg files are written lazily) ------------------

# reg_get KEY VALUE: prints the data ('' = default value); DWORD/QWORD in decimal,
# MULTI_SZ items joined by '\0' as reg.exe prints them. Status 1 when absent.
reg_get() {
  local out line
  if [[ -z $2 ]]; then out=$(wine_run reg query "$1" /ve 2>/dev/null); else out=$(wine_run reg query "$1" /v "$2" 2>/dev/null); fi || return 1
  while IFS= read -r line; do
    line=${line%$'\r'}
    if [[ $line =~ ^\ {4}(.*)\ {4}(REG_[A-Z_0-9]+)(\ {4}(.*))?$ ]]; then
      case ${BASH_REMATCH[2]} in
        REG_DWORD | REG_QWORD) echo $((BASH_REMATCH[4])) ;;
        *) echo "${BASH_REMATCH[4]}" ;;
      esac
      return 0
    fi
  done <<<"$out"
  return 1
}

# reg_set KEY VALUE TYPE DATA (TYPE as reg.exe: REG_SZ, REG_DWORD, REG_MULTI_SZ, ...)
reg_set() {
  local out
  out=$(wine_run reg add "$1" /v "$2" /t "$3" /d "$4" /f 2>&1) || fail "reg_set $*: $out"
}
# reg_del KEY [VALUE]: deletes a value, or the whole key
reg_del() {
  if [[ $# -ge 2 ]]; then wine_run reg delete "$1" /v "$2" /f; else wine_run reg delete "$1" /f; fi >/dev/null 2>&1
}
reg_key_exists() { wine_run reg query "$1" >/dev/null 2>&1; }

# ---- services (through svcctl.exe: Wine's sc.exe has no qc/config) ------------------------

# install_service NAME [START_TYPE] [--hang-on-stop] [--stop-delay MS] [--start-delay MS]
#                 [--fail-start CODE] [--running]
# Installs standin-svc.exe as NAME (replacing an existing service); START_TYPE as svcctl:
# auto|delayed|demand|disabled|0-4 (default demand). --running also starts it.
install_service() {
  local name=$1 start=demand running=0 args=(); shift
  if [[ $# -gt 0 && $1 != --* ]]; then start=$1; shift; fi
  while [[ $# -gt 0 ]]; do
    case $1 in
      --running) running=1 ;;
      --hang-on-stop) args+=("$1") ;;
      *) args+=("$1" "$2"); shift ;;
    esac
    shift
  done
  _svcctl create "$name" --start "$start" "${args[@]}" >/dev/null
  [[ $running == 1 ]] && svc_start "$name"
  return 0
}

_svcctl() {
  local out rc=0
  out=$(wine_run svcctl "$@" 2>&1) || rc=$?
  ((rc == 0)) || fail "svcctl $*: exit status $rc: $out"
  tr -d '\r' <<<"$out"
}

svc_query() { _svcctl query "$1"; }                       # state=running start=2 delayed=0 pid=.. exit=..
svc_state() { svc_query "$1" | sed -nE 's/.*state=([a-z_]+).*/\1/p'; }      # running|stopped|stop_pending|absent|...
svc_start_type() { svc_query "$1" | sed -nE 's/.*start=([0-9-]+).*/\1/p'; } # 2 auto, 3 demand, 4 disabled
svc_delayed() { svc_query "$1" | sed -nE 's/.*delayed=([01]).*/\1/p'; }
svc_start() { _svcctl start "$1" --wait "${2:-10}" >/dev/null; }  # fails the test unless RUNNING within S s
svc_stop() { _svcctl stop "$1" --wait "${2:-10}" >/dev/null; }    # fails the test unless STOPPED within S s
# svc_try_stop NAME [S]: sends STOP, waits up to S s (default 10), prints the state reached; never fails
svc_try_stop() {
  local out
  out=$(wine_run svcctl stop "$1" --wait "${2:-10}" 2>&1) || true
  tr -d '\r' <<<"$out" | sed -nE 's/.*state=([a-z_]+).*/\1/p'
}
svc_config() { _svcctl config "$1" "$2" >/dev/null; }             # set the start type through the SCM
svc_delete() { _svcctl delete "$1" >/dev/null; }
# svc_param NAME HangOnStop|StopDelayMs|StartDelayMs|FailStart VALUE: read by the stand-in when needed
svc_param() { reg_set "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$1\\Parameters" "$2" REG_DWORD "$3"; }
# make_healthy: stand-ins for what Wine lacks and Windows has (a running CryptSvc, a Windows
# Time service set to NTP), so that diagnose finds the prefix healthy but for what a test breaks.
make_healthy() {
  install_service CryptSvc auto --running
  install_service W32Time demand --running
  reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' Type REG_SZ NTP
}

# svc_events [NAME]: the stand-ins' event log, "<date> <time> <name> <event>" a line
svc_events() {
  local f=$WINEPREFIX/drive_c/wufix-doubles/services.log
  [[ -f $f ]] || return 0
  if [[ $# -gt 0 ]]; then tr -d '\r' <"$f" | awk -v n="$1" '$3 == n'; else tr -d '\r' <"$f"; fi
}

# start_local_server NAME SCRIPT ARGS...: a local test server (SNTP, catalog) in the background;
# waits for the port it prints first and sets SERVER_PORT and SERVER_PID. Fails the test when it
# does not start within 5 s.
start_local_server() {
  local name=$1 script=$2 portfile=$WINE_TEST_WORKDIR/$1.port
  shift 2
  rm -f "$portfile"  # the redirection truncates it in the child, after this shell looked
  python3 "$script" "$@" >"$portfile" &
  SERVER_PID=$!
  for _ in $(seq 50); do [[ -s $portfile ]] && break; sleep 0.1; done
  SERVER_PORT=$(head -n 1 "$portfile" 2>/dev/null)
  [[ -n $SERVER_PORT ]] || fail "the $name server did not start"
}
# start_sntp ARGS...: tests/wine/sntp_server.py (ARGS: --offset S, --garbage, ...); sets SNTP_PORT
# and SNTP_PID.
start_sntp() {
  start_local_server sntp "$WINE_TESTS_DIR/sntp_server.py" --lifetime 60 "$@"
  SNTP_PORT=$SERVER_PORT SNTP_PID=$SERVER_PID
}
# start_catalog ARGS...: tests/catalog_server.py (ARGS go to it); sets CATALOG_URL and
# CATALOG_LOG (one line per request).
start_catalog() {
  CATALOG_LOG=$WINE_TEST_WORKDIR/catalog.log
  : >"$CATALOG_LOG"
  start_local_server catalog "$WUFIX_ROOT/tests/catalog_server.py" --lifetime 240 --log "$CATALOG_LOG" "$@"
  CATALOG_URL=http://127.0.0.1:$SERVER_PORT
}
