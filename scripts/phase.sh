#!/usr/bin/env bash
# scripts/phase.sh NAME COMMAND...: runs COMMAND and appends "NAME<TAB>wall s<TAB>CPU s" (CPU =
# user + system of everything it ran) to build/test-results/phases.tsv, which tests/run_all.sh
# prints at the end of `make test`. Exits with COMMAND's status.
set -uo pipefail
name=$1; shift
start=$(date +%s.%N)
"$@"
rc=$?
# `times`' second line: user and system time of the finished children, as 1m2.345s 0m0.678s
# (run in this shell: in a pipe or $(...) it would report a subshell's children)
times_file=$(mktemp)
times >"$times_file"
read -r child_user child_sys < <(tail -n 1 "$times_file")
rm -f "$times_file"
seconds() { awk -v t="$1" 'BEGIN { split(t, p, "m"); sub("s", "", p[2]); print p[1] * 60 + p[2] }'; }
out=$(cd "$(dirname "$0")/.." && pwd)/build/test-results
mkdir -p "$out"
awk -v n="$name" -v a="$start" -v b="$(date +%s.%N)" -v u="$(seconds "$child_user")" \
  -v s="$(seconds "$child_sys")" 'BEGIN { printf "%s\t%.0f\t%.0f\n", n, b - a, u + s }' \
  >>"$out/phases.tsv"
exit "$rc"
