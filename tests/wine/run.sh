#!/usr/bin/env bash
# tests/wine/run.sh [-j JOBS] [TEST...] — runs the wufix end-to-end tests under Wine.
#   TEST   a test_*.sh file (path, file name or stem) or a test function name (globs allowed);
#          default: every test_* function of every tests/wine/test_*.sh (a file without such
#          functions is one test, run as a script).
#   -j N   run N tests at once (default WINE_TEST_JOBS or 1); each has its own prefix and server.
# Prints "PASS name" / "FAIL name" per test (a failure is followed by its log), then exactly one
# line "N passed, M failed"; exits 1 when a test failed, 2 on bad usage.
# Env: WINE_TEST_TIMEOUT (per test, default 300 s), WINE_KEEP=1 (keep the prefixes),
#      WUFIX_EXE (default build/windows/wufix.exe), WUFIX_TIMEOUT (run_wufix, default 60 s).
# Logs: build/wine/logs/<test>.log, durations in build/wine/logs/timings.tsv.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

jobs=${WINE_TEST_JOBS:-1}
while getopts j: opt; do
  case $opt in
    j) jobs=$OPTARG ;;
    *) echo "usage: $0 [-j JOBS] [TEST...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
timeout_s=${WINE_TEST_TIMEOUT:-300}
logs=$WINE_BUILD_DIR/logs

# Prints "file<TAB>function" for every test (function empty for a script test), in file order.
list_tests() {
  local f fn
  for f in "$HERE"/test_*.sh; do
    [[ -f $f ]] || continue
    local fns
    fns=$(grep -oE '^(function[[:space:]]+)?test_[A-Za-z0-9_]+[[:space:]]*\(\)' "$f" |
      sed -E 's/^function[[:space:]]+//; s/[[:space:]]*\(\)$//')
    if [[ -z $fns ]]; then printf '%s\t\n' "$f"; fi
    for fn in $fns; do printf '%s\t%s\n' "$f" "$fn"; done
  done
}

selected() {  # selected FILE FUNCTION: true when no TEST was given or one matches
  local file=$1 fn=$2 arg base
  base=$(basename "$file")
  [[ ${#filters[@]} -eq 0 ]] && return 0
  for arg in "${filters[@]}"; do
    [[ $arg == "$base" || $arg == "${base%.sh}" || $(realpath -m "$arg") == "$file" ]] && return 0
    # shellcheck disable=SC2053
    [[ -n $fn && $fn == $arg ]] && return 0
  done
  return 1
}

# run_one NAME FILE FUNCTION: runs one test in its own bash and prefix; writes NAME.status.
run_one() {
  local name=$1 file=$2 fn=$3 log=$logs/$1.log start rc=0 work
  start=$(_now)
  work=$(mktemp -d "$WINE_BUILD_DIR/prefixes/$name.XXXXXX")
  local defs=$file cmd=(wine_test_main "$fn")
  [[ -z $fn ]] && defs="" cmd=(wine_test_main source "$file")  # a script runs inside the test
  # shellcheck disable=SC2016  # the inner bash expands $1 $2 $@
  WINE_TEST_WORKDIR=$work WINE_DOUBLES_BIN=$WINE_DOUBLES_BIN WINE_TEST_TEARDOWN=runner \
    timeout -k 10 "$timeout_s" bash -c 'source "$1"; if [[ -n $2 ]]; then source "$2"; fi; shift 2; "$@"' \
    run-one "$HERE/lib.sh" "$defs" "${cmd[@]}" </dev/null >"$log" 2>&1 || rc=$?
  ((rc == 124 || rc == 137)) && echo "run.sh: test timed out after $timeout_s s" >>"$log"
  echo "$rc $(_since "$start")" >"$logs/$name.status"
  # Teardown after the status: the next test starts meanwhile (wineserver -k alone takes ~0.8 s).
  WINEPREFIX=$work/prefix "$WINESERVER" -k >/dev/null 2>&1
  [[ ${WINE_KEEP:-0} == 1 ]] || rm -rf "$work"
}

report() {  # report NAME: prints PASS/FAIL (and the log of a failure); counts it
  local name=$1 rc secs
  read -r rc secs <"$logs/$name.status"
  printf '%s\t%s\t%s\n' "$name" "$rc" "$secs" >>"$logs/timings.tsv"
  if [[ $rc == 0 ]]; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    tail -n 80 "$logs/$name.log" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

filters=("$@")
passed=0 failed=0
mkdir -p "$logs" "$WINE_BUILD_DIR/prefixes"
rm -f "$logs"/*.log "$logs"/*.status "$logs/timings.tsv"

mapfile -t tests < <(list_tests)
names=() files=() fns=()
for t in "${tests[@]}"; do
  IFS=$'\t' read -r file fn <<<"$t"
  selected "$file" "$fn" || continue
  base=$(basename "$file" .sh)
  names+=("${fn:-$base}") files+=("$file") fns+=("$fn")
done
if [[ ${#names[@]} -eq 0 ]]; then
  echo "run.sh: no test matches: ${filters[*]:-(none found in $HERE)}" >&2
  exit 2
fi

setup_start=$(_now)
wine_template >/dev/null &  # first run: create the template while the doubles compile
template_job=$!
doubles_ok=1
ensure_doubles || doubles_ok=0
wait "$template_job"
if ((doubles_ok == 0)) || ! template=$(wine_template); then
  echo "FAIL harness-setup (doubles or template prefix; see messages above)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "wine: $("$WINE" --version), template $template, doubles $WINE_DOUBLES_BIN (setup $(_since "$setup_start") s)"

suite_start=$(_now)
running=()
on_signal() {  # stop the running tests (their own traps tear their prefixes down)
  local p
  for p in $(jobs -p); do pkill -TERM -P "$p" 2>/dev/null; done
  wait
  echo "run.sh: interrupted"
  echo "$passed passed, $((failed + ${#running[@]})) failed"
  exit 130
}
trap on_signal INT TERM
reap() {  # reports finished tests, keeps the others in `running`
  local still=() n
  for n in "${running[@]}"; do
    if [[ -f $logs/$n.status ]]; then report "$n"; else still+=("$n"); fi
  done
  running=("${still[@]}")
}
# A test counts as finished when its status file appears (its teardown may still run).
for i in "${!names[@]}"; do
  while ((${#running[@]} >= jobs)); do
    sleep 0.2
    reap
  done
  run_one "${names[i]}" "${files[i]}" "${fns[i]}" &
  running+=("${names[i]}")
done
while ((${#running[@]} > 0)); do
  sleep 0.2
  reap
done
wait  # the last teardowns

echo "suite time $(_since "$suite_start") s (logs in $logs)"
echo "$passed passed, $failed failed"
((failed == 0))
