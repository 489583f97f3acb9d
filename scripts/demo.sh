#!/usr/bin/env bash
# make demo: a throw-away Wine "PC" broken the way real PCs break, then wufix.exe at work.
# Uses the end-to-end harness (tests/wine/lib.sh) for the prefix, the doubles and the services.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/wine/lib.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() {  # show ARGS...: runs wufix.exe ARGS and prints what a user would see, with its exit code
  printf '\n$ wufix %s\n' "$*"
  run_wufix "$@"
  printf '%s\n' "$RUN_OUT"
  [[ -z $RUN_ERR ]] || printf '%s\n' "$RUN_ERR" >&2
  printf '(exit code %s)\n' "$RUN_EXIT"
}

trap wine_prefix_down EXIT
step "A fresh Windows 10 prefix under Wine, with the services Wine lacks stood in"
wine_prefix_up >/dev/null 2>&1
install_service CryptSvc auto --running
install_service W32Time demand --running
reg_set 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' Type REG_SZ NTP
echo "- a Windows Update Agent that offers updates (Wine's own is a stub): wuapi-double.dll"
install_wua_double
set_scenario wua \
  "update id=6d2a1f3e-1b7c-4e55-9a0f-2f1c3b4d5e01 rev=201 kb=5044273 class=security size=689963008 reboot=1 install_reboot=1 title=2024-10 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5044273)" \
  "update id=6d2a1f3e-1b7c-4e55-9a0f-2f1c3b4d5e02 rev=1 kb= class=driver size=1048576 reboot=2 title=Intel Corporation - Display - 31.0.101.2128" \
  "update id=6d2a1f3e-1b7c-4e55-9a0f-2f1c3b4d5e03 rev=200 kb=2267602 class=definition size=83886080 title=Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.311.0)"
show diagnose --no-color

step "Breaking it the way real PCs break"
echo "- Windows Update service disabled (a 'tuning' tool did it)"
svc_config wuauserv disabled
echo "- an update that failed with 0x80070002 (ReportingEvents.log)"
win_mkdir 'C:\windows\SoftwareDistribution\Download'
when=$(date -u '+%Y-%m-%d %H:%M:%S:000+0000')
log=$(unixpath 'C:\windows\SoftwareDistribution')/ReportingEvents.log
printf '\xff\xfe' >"$log"
printf '{11111111-2222-3333-4444-555555555555}\t%s\t1\t182 [AGENT_INSTALLING_FAILED]\t101\t{A1B2C3D4-0000-0000-0000-000000000001}\t200\t80070002\tUpdateOrchestrator\tFailure\tContent Install\tInstallation Failure: Windows failed to install the following update with error 0x80070002: 2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5099999).\tWK95uV225Ue0wrVj.2.3\r\n' "$when" |
  iconv -f UTF-8 -t UTF-16LE >>"$log"
echo "- a pending reboot nobody did"
wine_run reg add 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending' /f >/dev/null
echo "- the leftovers of an earlier manual reset (SoftwareDistribution.old)"
win_write 'C:\windows\SoftwareDistribution.old\Download\stale.cab' "stale payload"
echo "- a corrupted-looking update cache (a damaged DataStore, half-downloaded payloads)"
head -c 65536 /dev/urandom >"$(unixpath 'C:\windows\SoftwareDistribution')/DataStore.edb.tmp"
win_mkdir 'C:\windows\SoftwareDistribution\DataStore' 'C:\windows\system32\catroot2'
mv "$(unixpath 'C:\windows\SoftwareDistribution')/DataStore.edb.tmp" \
  "$(unixpath 'C:\windows\SoftwareDistribution\DataStore')/DataStore.edb"
win_write 'C:\windows\SoftwareDistribution\Download\windows10.0-kb5099999-x64.cab.partial' "half a payload"
win_write 'C:\windows\system32\catroot2\edb.log' "catalog database log"
sd_digest=$(tree_digest 'C:\windows\SoftwareDistribution')
echo "- a clock 10 minutes slow, as the time server sees it (until w32tm /resync runs)"
python3 tests/wine/sntp_server.py --offset 600 --lifetime 300 \
  --fixed-by "$WINEPREFIX/drive_c/wufix-doubles/w32tm.calls" >"$WINE_TEST_TMP/sntp.port" &
for _ in $(seq 50); do [[ -s $WINE_TEST_TMP/sntp.port ]] && break; sleep 0.1; done
port=$(head -n 1 "$WINE_TEST_TMP/sntp.port")

step "wufix diagnose: what is wrong, with evidence and the exact fix"
show diagnose --no-color --ntp-server "127.0.0.1:$port"

step "wufix explain: what the failed update's code means"
show explain 0x80070002 --no-color

step "The same diagnosis for scripts and fleet tools (--json, first lines)"
run_wufix diagnose --json --ntp-server "127.0.0.1:$port"
printf '%s\n' "$RUN_OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"os": d["os"], "findings": [f["id"] for f in d["findings"]], "fix_steps": d["fix_steps"]}, indent=2))'
printf '(exit code %s)\n' "$RUN_EXIT"

step "wufix repair --all --dry-run: the exact plan, nothing changed"
show repair --all --dry-run --no-color --ntp-server "127.0.0.1:$port"

step "wufix repair --all --yes: clock, services, reset, DISM, sfc (journaled, undoable)"
set_scenario dism "repairable step_ms=5"
set_scenario sfc "repaired step_ms=5"
show repair --all --yes --no-color --ntp-server "127.0.0.1:$port"

step "wufix diagnose again: what is left (a restart is still pending: only a restart clears it)"
show diagnose --no-color --ntp-server "127.0.0.1:$port"

step "The last step of the how-to: check for updates again, and install them (not the driver)"
show updates --no-color
show updates install --exclude-drivers --yes --no-color

step "wufix history, then wufix undo: everything put back"
show history --no-color
show undo --yes --no-color
if [[ $(tree_digest 'C:\windows\SoftwareDistribution') == "$sd_digest" ]]; then
  echo "SoftwareDistribution after undo: byte-identical to before the repair (every file's SHA-256)"
else
  echo "SoftwareDistribution after undo: DIFFERENT from before the repair" >&2
  exit 1
fi
echo "wuauserv start type after undo: $(svc_start_type wuauserv) (4 = disabled, as it was)"
