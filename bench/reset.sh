#!/usr/bin/env bash
# bench/reset.sh: `wufix repair --only reset` against the how-to's batch file (net stop x4,
# ren x2, net start x4), each on its own fresh prefix set up identically: stand-in services
# that take STOP_MS to stop (real ones take a second or two), used update folders. Checks both
# end in the same state, prints both wall times and the ratio. Wine's net.exe returns before the
# service has stopped (Windows' waits), so the batch uses the svcctl double's stop/start, which
# wait for STOPPED/RUNNING as `net stop`/`net start` do on Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/wine/lib.sh
stop_ms=${STOP_MS:-1500}
SD='C:\windows\SoftwareDistribution'
CR2='C:\windows\system32\catroot2'

setup_pc() {
  wine_prefix_up >/dev/null 2>&1
  local s
  for s in wuauserv CryptSvc BITS msiserver; do install_service "$s" demand --stop-delay "$stop_ms" --running; done
  win_mkdir "$SD\\DataStore" "$CR2"
  win_write "$SD\\DataStore\\DataStore.edb" "database"
  win_write "$CR2\\edb.log" "log"
}

end_state() {
  local s
  for s in wuauserv CryptSvc BITS msiserver; do printf '%s=%s ' "$s" "$(svc_state $s)"; done
  [[ -f $(unixpath "$SD.old")/DataStore/DataStore.edb ]] && printf 'SD.old '
  [[ -f $(unixpath "$CR2.old")/edb.log ]] && printf 'catroot2.old '
  echo
}

seconds_of() {  # seconds_of CMD...: wall time of one run
  local start; start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 </dev/null || true
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'
}

trap wine_prefix_down EXIT
setup_pc
cat >"$WINEPREFIX/drive_c/reset.bat" <<'BAT'
svcctl stop wuauserv --wait 60
svcctl stop cryptSvc --wait 60
svcctl stop bits --wait 60
svcctl stop msiserver --wait 60
ren C:\Windows\SoftwareDistribution SoftwareDistribution.old
ren C:\Windows\System32\catroot2 catroot2.old
svcctl start wuauserv --wait 60
svcctl start cryptSvc --wait 60
svcctl start bits --wait 60
svcctl start msiserver --wait 60
BAT
batch=$(seconds_of "$WINE" cmd /c 'C:\reset.bat')
batch_state=$(end_state)
wine_prefix_down

setup_pc
wufix=$(seconds_of "$WINE" "$(winpath "$(realpath "$WUFIX_EXE")")" repair --only reset --yes)
wufix_state=$(end_state)

echo "stand-in services stop in $stop_ms ms each"
echo "how-to batch (sequential): ${batch} s  -> $batch_state"
echo "wufix repair --only reset: ${wufix} s  -> $wufix_state"
if [[ $batch_state != "$wufix_state" ]]; then
  echo "END STATES DIFFER: the comparison is void" >&2
  exit 1
fi
awk -v a="$batch" -v b="$wufix" 'BEGIN { printf "same end state; wufix is %.1fx the speed of the batch (journal, checks and rollback included)\n", a / b }'
