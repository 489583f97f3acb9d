# shellcheck shell=bash
# tests/wine/assert.sh — assertion helpers for the Wine tests (sourced by lib.sh). Each one
# prints what differs and where the test called it, then ends the test with exit 1.

# fail MESSAGE: prints where the test called into the harness, then ends the test (exit 1).
fail() {
  local i where=
  for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
    if [[ ${BASH_SOURCE[i]##*/} != lib.sh && ${BASH_SOURCE[i]##*/} != assert.sh ]]; then
      where="${BASH_SOURCE[i]##*/}:${BASH_LINENO[i - 1]} (${FUNCNAME[i]})"
      break
    fi
  done
  printf 'ASSERTION FAILED at %s\n  %s\n' "${where:-?}" "$*" >&2
  exit 1
}

assert_eq() { [[ $1 == "$2" ]] || fail "${3:-values differ}"$'\n'"  expected: $(_show "$2")"$'\n'"  actual:   $(_show "$1")"; }
assert_ne() { [[ $1 != "$2" ]] || fail "${3:-values should differ}: both are $(_show "$1")"; }
assert_contains() { [[ $1 == *"$2"* ]] || fail "${3:-text lacks expected part}"$'\n'"  wanted: $(_show "$2")"$'\n'"  in:     $(_show "$1")"; }
assert_not_contains() { [[ $1 != *"$2"* ]] || fail "${3:-text has unexpected part}"$'\n'"  unwanted: $(_show "$2")"$'\n'"  in:       $(_show "$1")"; }
assert_match() { [[ $1 =~ $2 ]] || fail "${3:-text does not match}"$'\n'"  regex: $2"$'\n'"  text:  $(_show "$1")"; }
assert_file_exists() { [[ -e $(unixpath "$1") ]] || fail "${2:-missing file} $1"; }
assert_file_absent() { [[ ! -e $(unixpath "$1") ]] || fail "${2:-file should not exist} $1"; }
_show() {
  local s=$1
  ((${#s} > 3000)) && s="${s:0:3000}...(${#1} chars in all)"
  if [[ $s == *$'\n'* ]]; then printf '\n%s' "$(sed 's/^/    | /' <<<"$s")"; else printf "'%s'" "$s"; fi
}

# assert_exit EXPECTED: RUN_EXIT equals EXPECTED (decimal, 0x-hex, or negative int32).
assert_exit() {
  local want=$1 want_u
  if [[ $want =~ ^-[0-9]+$ ]]; then want_u=$((want + 4294967296)); else want_u=$((want)); fi
  [[ $RUN_EXIT == "$want_u" ]] && return 0
  fail "exit code: expected $(printf '0x%08x' "$want_u") ($want_u), got ${RUN_EXIT_HEX:-$RUN_EXIT} ($RUN_EXIT)"$'\n'"  stdout: $(_show "$RUN_OUT")"$'\n'"  stderr: $(_show "$RUN_ERR")"
}

# json_get KEY [JSON]: prints the value at a dotted path (a.b.0.c; '' = whole document) of JSON
# (default RUN_OUT): strings raw, everything else as JSON. Status 1 when absent or not JSON.
json_get() {
  python3 -c '
import json, sys
key = sys.argv[1]
try:
    cur = json.loads(sys.stdin.read())
except ValueError as e:
    sys.exit("not JSON: %s" % e)
for part in [p for p in key.split(".") if p]:
    try:
        cur = cur[int(part)] if isinstance(cur, list) else cur[part]
    except (KeyError, IndexError, ValueError, TypeError):
        sys.exit("no key %r (stopped at %r)" % (key, part))
print(cur if isinstance(cur, str) else json.dumps(cur, sort_keys=True))
' "$1" <<<"${2-${RUN_OUT:-}}"
}

# assert_json KEY EXPECTED [JSON]: EXPECTED is the raw string, or JSON text for other types
# (42, true, null, ["a"]).
assert_json() {
  local got
  local doc=${3-${RUN_OUT:-}}
  got=$(json_get "$1" "$doc" 2>&1) || fail "JSON key $1: $got"$'\n'"  document: $(_show "$doc")"
  [[ $got == "$2" ]] || fail "JSON key $1"$'\n'"  expected: $(_show "$2")"$'\n'"  actual:   $(_show "$got")"
}
