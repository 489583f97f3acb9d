#!/usr/bin/env bash
# bench/download.sh [MB]: wufix.exe (under Wine) downloading a MB-sized package (default 1024)
# from tests/catalog_server.py on loopback, next to curl fetching the same URL; then the digest
# verification pass alone (a second run finds the file and only verifies it) next to sha256sum.
# Prints MB/s of each and the ratios (wufix / reference; 1.0 = as fast), by wall time and by CPU
# time (user+sys of the process; for wufix also the CPU its wineserver spent meanwhile, which
# does the socket and file bookkeeping of every Wine call), and the load average: the machine
# is shared, so wall ratios move with the load and CPU ratios much less.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/wine/lib.sh
mb=${1:-1024}
bytes=$((mb * 1048576))
lcu=windows11.0-kb5044284-x64_lcu.msu

trap 'kill "${server_pid:-}" 2>/dev/null || true; wine_prefix_down' EXIT
wine_prefix_up >/dev/null 2>&1
python3 tests/catalog_server.py --lifetime 1800 --size "$lcu=$bytes" >"$WINE_TEST_TMP/port" &
server_pid=$!
for _ in $(seq 100); do [[ -s $WINE_TEST_TMP/port ]] && break; sleep 0.1; done
url=http://127.0.0.1:$(head -n 1 "$WINE_TEST_TMP/port")
exe=$(winpath "$(realpath "$WUFIX_EXE")")
file_url=$url/d/msdownload/update/software/secu/2024/10/$lcu

# The prefix's own wineserver (started by wine_prefix_up with our WINEPREFIX).
wineserver_pid() {
  local p
  for p in $(pgrep -x wineserver64 || true) $(pgrep -x wineserver || true); do
    tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX" && { echo "$p"; return; }
  done
}
ticks() { [[ -n $1 ]] && awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# measure NAME CMD...: NAME_wall and NAME_cpu (seconds) of one run
measure() {
  local name=$1 server t0 s0; shift
  server=$(wineserver_pid); s0=$(ticks "$server"); t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$WINE_TEST_TMP/time" "$@" </dev/null >/dev/null 2>"$WINE_TEST_TMP/err" ||
    { cat "$WINE_TEST_TMP/err" >&2; return 1; }
  printf -v "${name}_wall" %s "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')"
  printf -v "${name}_cpu" %s "$(awk -v t="$(( $(ticks "$server") - s0 ))" -v hz="$(getconf CLK_TCK)" \
    '{ printf "%.3f", $(NF - 1) + $NF + t / hz }' "$WINE_TEST_TMP/time")"
}
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

measure curl curl -sf -o "$WINE_TEST_TMP/curl.msu" "$file_url"
download=("$WINE" "$exe" catalog download KB5044284 --catalog-url "$url" --os win11-24H2 --arch x64
          --out 'C:\bench' --allow-unsigned)
measure empty "$WINE" cmd /c exit 0                    # starting any Wine process
measure first "${download[@]}"                         # download + SHA-256 pass
measure second "${download[@]}"                        # SHA-256 pass of the file already there
[[ $(stat -c %s "$(unixpath 'C:\bench')/$lcu") == "$bytes" ]] || { echo "wufix did not download the file" >&2; exit 1; }
cmp -s "$(unixpath 'C:\bench')/$lcu" "$WINE_TEST_TMP/curl.msu" || { echo "wufix's file differs from curl's" >&2; exit 1; }
measure sha sha256sum "$WINE_TEST_TMP/curl.msu"
rm -f "$WINE_TEST_TMP/curl.msu"
verify_wall=$(minus "$second_wall" "$empty_wall") verify_cpu=$(minus "$second_cpu" "$empty_cpu")
fetch_wall=$(minus "$first_wall" "$second_wall") fetch_cpu=$(minus "$first_cpu" "$second_cpu")

echo "file: $mb MB over loopback HTTP"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "download: wufix $(rate "$fetch_wall") MB/s ($fetch_wall s), curl $(rate "$curl_wall") MB/s ($curl_wall s), ratio $(ratio "$curl_wall" "$fetch_wall")"
echo "  by CPU: wufix+wineserver $fetch_cpu s, curl $curl_cpu s, ratio $(ratio "$curl_cpu" "$fetch_cpu")"
echo "verify:   wufix SHA-256 $(rate "$verify_wall") MB/s ($verify_wall s), sha256sum $(rate "$sha_wall") MB/s ($sha_wall s), ratio $(ratio "$sha_wall" "$verify_wall")"
echo "  by CPU: wufix+wineserver $verify_cpu s, sha256sum $sha_cpu s, ratio $(ratio "$sha_cpu" "$verify_cpu")"
