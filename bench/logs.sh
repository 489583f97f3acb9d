#!/usr/bin/env bash
# Benchmark of `wufix logs`: a generated ~1 GB CBS.log, read by build/native/wufix logs --json
# and counted by `rg -c 'HRESULT = 0x8'`; prints both times, throughputs, their ratio and
# wufix's peak RSS. Targets (issue #6): wufix at least half of ripgrep's throughput, < 32 MB.
# Usage: bench/logs.sh [SIZE_MB]   (default 1024; the file is kept in $BENCH_DIR or /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
dir=${BENCH_DIR:-/tmp/wufix-bench-logs}
log="$dir/CBS.log"
wufix=build/native/wufix

if ! command -v rg >/dev/null; then
  echo "installing ripgrep"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q ripgrep >/dev/null
fi
[[ -x $wufix ]] || { cmake --preset native >/dev/null && cmake --build build/native --target wufix; }
mkdir -p "$dir"
if [[ ! -f $log || $(( $(stat -c %s "$log") / 1048576 )) -lt $(( size_mb * 95 / 100 )) ]]; then
  echo "generating $size_mb MB CBS log in $log"
  python3 bench/logs_gen.py "$log" "$size_mb"
fi
bytes=$(stat -c %s "$log")
cat "$log" >/dev/null  # both runs read from the page cache

# Wall time and peak RSS of one command, measured by the parent (no GNU time needed).
measure() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
wall = time.monotonic() - start
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall:.3f} {rss_kb} {p.returncode} {len(p.stdout)}")
PY
}

best() {  # best of 3: the machine is shared
  local best_wall=999999 best_rss=0 out
  for _ in 1 2 3; do
    out=$(measure "$@")
    read -r wall rss rc _ <<<"$out"
    if python3 -c "import sys; sys.exit(0 if $wall < $best_wall else 1)"; then best_wall=$wall; best_rss=$rss; fi
  done
  echo "$best_wall $best_rss $rc"
}

read -r w_time w_rss w_rc <<<"$(best "$wufix" logs --json "$log")"
read -r r_time r_rss r_rc <<<"$(best rg -c 'HRESULT = 0x8' "$log")"
python3 - "$bytes" "$w_time" "$w_rss" "$w_rc" "$r_time" "$r_rc" "$("$wufix" logs --json "$log" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["causes"]))')" <<'PY'
import sys
size, wt, wrss, wrc, rt, rrc, causes = sys.argv[1:]
size, wt, rt = int(size), float(wt), float(rt)
mb = size / 1e6
print(f"file:    {mb:,.0f} MB CBS.log")
print(f"wufix:   {wt:.2f} s  {mb / wt:,.0f} MB/s  peak RSS {int(wrss) / 1024:.1f} MB  exit {wrc}, {causes} causes")
print(f"ripgrep: {rt:.2f} s  {mb / rt:,.0f} MB/s  (rg -c 'HRESULT = 0x8', exit {rrc})")
print(f"ratio:   wufix throughput = {rt / wt:.2f} x ripgrep's (target >= 0.5); RSS target < 32 MB")
PY
