#!/usr/bin/env bash
# bench/download.sh [MB]: wufix.exe (under Wine) downloading a MB-sized package (default 1024)
# from tests/catalog_server.py on loopback, next to curl fetching the same URL; then the digest
# verification pass alone (a second run finds the file and only verifies it) next to sha256sum.
# Prints MB/s of each and the ratios (wufix / reference; 1.0 = as fast).
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

seconds() { local s; s=$(date +%s.%N); "$@" </dev/null >/dev/null 2>"$WINE_TEST_TMP/err" || { cat "$WINE_TEST_TMP/err" >&2; return 1; }; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

curl_s=$(seconds curl -sf -o "$WINE_TEST_TMP/curl.msu" "$file_url")
download=("$WINE" "$exe" catalog download KB5044284 --catalog-url "$url" --os win11-24H2 --arch x64
          --out 'C:\bench' --allow-unsigned)
empty_s=$(seconds "$WINE" cmd /c exit 0)                 # starting any Wine process
first_s=$(seconds "${download[@]}")                      # download + SHA-256 pass
second_s=$(seconds "${download[@]}")                     # SHA-256 pass of the file already there
[[ $(stat -c %s "$(unixpath 'C:\bench')/$lcu") == "$bytes" ]] || { echo "wufix did not download the file" >&2; exit 1; }
verify_s=$(awk -v a="$second_s" -v e="$empty_s" 'BEGIN { printf "%.3f", a - e }')
fetch_s=$(awk -v a="$first_s" -v b="$second_s" 'BEGIN { printf "%.3f", a - b }')
sha_s=$(seconds sha256sum "$WINE_TEST_TMP/curl.msu")
rm -f "$WINE_TEST_TMP/curl.msu"

echo "file: $mb MB over loopback HTTP"
echo "download: wufix $(rate "$fetch_s") MB/s ($fetch_s s), curl $(rate "$curl_s") MB/s ($curl_s s), ratio $(awk -v a="$curl_s" -v b="$fetch_s" 'BEGIN { printf "%.2f", a / b }')"
echo "verify:   wufix SHA-256 $(rate "$verify_s") MB/s ($verify_s s), sha256sum $(rate "$sha_s") MB/s ($sha_s s), ratio $(awk -v a="$sha_s" -v b="$verify_s" 'BEGIN { printf "%.2f", a / b }')"
