#!/usr/bin/env bash
# bench/diagnose.sh [RUNS]: how long `wufix.exe diagnose` takes under Wine on a healthy prefix
# (SNTP against a local server included), next to the cost of starting any Wine process
# (`wine cmd /c exit`). Prints the median of each and their difference: wufix's own time.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/wine/lib.sh
runs=${1:-10}

trap wine_prefix_down EXIT
wine_prefix_up >/dev/null 2>&1
install_service CryptSvc auto --running
install_service W32Time demand --running
reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' Type REG_SZ NTP
python3 tests/wine/sntp_server.py --lifetime 600 >"$WINE_TEST_TMP/sntp.port" &
for _ in $(seq 50); do [[ -s $WINE_TEST_TMP/sntp.port ]] && break; sleep 0.1; done
port=$(head -n 1 "$WINE_TEST_TMP/sntp.port")
exe=$(winpath "$(realpath "$WUFIX_EXE")")

# The figure only means something if diagnose really ran every check.
checks=$("$WINE" "$exe" diagnose --json --ntp-server "127.0.0.1:$port" </dev/null 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(c["status"] != "skipped" for c in d["checks"]), len(d["checks"]))')
echo "checks run (not skipped) / total: ${checks/ / \/ }"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
time_runs() {  # time_runs CMD...: one wall time per line, in seconds
  local i start
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s.%N)
    "$@" </dev/null >/dev/null 2>&1 || true
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f\n", b - a }'
  done
}

base=$(time_runs "$WINE" cmd /c exit | median)
diag=$(time_runs "$WINE" "$exe" diagnose --json --ntp-server "127.0.0.1:$port" | median)
printf 'wine cmd /c exit:            %6.3f s (median of %d)\n' "$base" "$runs"
printf 'wufix.exe diagnose (SNTP):   %6.3f s (median of %d)\n' "$diag" "$runs"
printf 'diagnose beyond process start: %.3f s (target: total under 2 s)\n' "$(awk -v a="$diag" -v b="$base" 'BEGIN { print a - b }')"
