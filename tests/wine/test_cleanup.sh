# shellcheck shell=bash
# wufix.exe cleanup under Wine: real leftovers of resets (one from a real, still undoable run),
# real deletion measured against du, the DISM double's component store, and a stand-in
# TrustedInstaller that keeps the Download payloads.

SD='C:\windows\SoftwareDistribution'
CR2='C:\windows\system32\catroot2'
OLD_RUN=20250101-000000-abcd  # an earlier run whose undo left a copy (no journal any more)

# A used PC (stand-ins for the services Wine lacks) with update folders holding files.
make_used_pc() {
  make_healthy
  win_mkdir "$SD\\DataStore\\Logs" "$CR2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}"
  head -c 70001 /dev/urandom | win_write "$SD\\DataStore\\DataStore.edb"
  head -c 3000 /dev/urandom | win_write "$CR2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\catdb"
}

# fill_old WINPATH BYTES: a leftover folder with files, last written on 1 January.
fill_old() {
  win_mkdir "$1\\Download\\a1b2" "$1\\DataStore"
  head -c "$2" /dev/urandom | win_write "$1\\Download\\a1b2\\windows10.0-kb5044284-x64.cab"
  head -c 1234 /dev/urandom | win_write "$1\\DataStore\\DataStore.edb"
  find "$(unixpath "$1")" -exec touch -d '2026-01-01 00:00:00 UTC' {} +
}

# du_bytes WINPATH: what du counts for the files below (apparent sizes, in bytes).
du_bytes() {
  find "$(unixpath "$1")" -type f -print0 | du -cb --files0-from=- | tail -n 1 | cut -f1
}

# installed_now: ReportingEvents.log tells of an update installed successfully a minute from now.
installed_now() {
  local when line log
  when=$(date -u -d '+1 minute' '+%Y-%m-%d %H:%M:%S:000+0000')
  line=$(printf '{11111111-2222-3333-4444-555555555555}\t%s\t1\t183 [AGENT_INSTALLING_SUCCEEDED]\t101\t{A1B2C3D4-0000-0000-0000-000000000001}\t200\t0\tUpdateOrchestrator\tSuccess\tContent Install\tInstallation Successful: Windows successfully installed the following update: 2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5099999).\tWK95uV225Ue0wrVj.2.3' "$when")
  win_mkdir "$SD"
  log=$(unixpath "$SD")/ReportingEvents.log
  [[ -s $log ]] || printf '\xff\xfe' >"$log"
  printf '%s\r\n' "$line" | iconv -f UTF-8 -t UTF-16LE >>"$log"
}

# item FIELD PATH [JSON]: a field of the item of that path.
item() {
  python3 -c 'import json,sys; d=json.load(sys.stdin); print([i for i in d["items"] if i["path"].lower() == sys.argv[2].lower()][0][sys.argv[1]])' \
    "$1" "$2" <<<"${3-$RUN_OUT}"
}

# item_of_kind FIELD KIND [JSON]
item_of_kind() {
  python3 -c 'import json,sys; d=json.load(sys.stdin); print([i for i in d["items"] if i["kind"] == sys.argv[2]][0][sys.argv[1]])' \
    "$1" "$2" <<<"${3-$RUN_OUT}"
}

test_cleanup_frees_leftovers_keeps_an_undoable_runs_until_forget_undo() {
  make_used_pc
  fill_old "$SD.old" 250000                      # a manual reset's copy, long ago
  fill_old "$CR2.wufix-undo-$OLD_RUN" 40000       # an earlier wufix undo's copy
  run_wufix repair --only reset --yes --json      # renames SD -> SD.wufix-<id> (.old exists), catroot2 -> .old
  assert_exit 0
  local id; id=$(json_get run_id)
  assert_file_exists "$SD.wufix-$id"
  assert_file_exists "$CR2.old"
  installed_now
  local old_bytes undo_bytes run_sd_bytes run_cr_bytes
  old_bytes=$(du_bytes "$SD.old") undo_bytes=$(du_bytes "$CR2.wufix-undo-$OLD_RUN")
  run_sd_bytes=$(du_bytes "$SD.wufix-$id") run_cr_bytes=$(du_bytes "$CR2.old")

  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item status "$SD.old")" freed
  assert_eq "$(item freed_bytes "$SD.old")" "$old_bytes" "freed bytes of SoftwareDistribution.old = du"
  assert_eq "$(item freed_bytes "$CR2.wufix-undo-$OLD_RUN")" "$undo_bytes" "freed bytes of the undo copy = du"
  assert_file_absent "$SD.old"
  assert_file_absent "$CR2.wufix-undo-$OLD_RUN"
  assert_eq "$(item status "$SD.wufix-$id")" kept "the undoable run's copy is kept"
  assert_eq "$(item undo_run "$CR2.old")" "$id"
  assert_contains "$(item reason "$CR2.old")" "wufix undo $id"
  assert_eq "$(du_bytes "$SD.wufix-$id")" "$run_sd_bytes" "kept intact"
  local journal; journal=$(ls "$(unixpath 'C:\ProgramData\wufix\cleanup')"/*.jsonl | head -n 1)
  assert_contains "$(cat "$journal")" '"type":"delete"'

  run_wufix cleanup --yes --forget-undo --json
  assert_exit 0
  assert_eq "$(item freed_bytes "$SD.wufix-$id")" "$run_sd_bytes" "--forget-undo frees the run's copy (= du)"
  assert_eq "$(item freed_bytes "$CR2.old")" "$run_cr_bytes"
  assert_file_absent "$SD.wufix-$id"
  assert_file_absent "$CR2.old"
  assert_contains "$(json_get forgotten_undo)" "$id"

  run_wufix undo "$id" --yes
  assert_exit 1
  assert_contains "$RUN_OUT" "can no longer be undone"
  assert_contains "$RUN_OUT" "--forget-undo"
  run_wufix undo "$id" --yes --json
  assert_json status refused
}

test_cleanup_dry_run_changes_nothing() {
  make_used_pc
  fill_old "$SD.old" 50000
  installed_now
  local before  # DISM's analysis writes its own log under C:\windows\Logs, as the real one does
  before=$(tree_digest "$SD.old")$(tree_digest "$SD")$(tree_digest "$CR2")
  run_wufix cleanup --dry-run --json
  assert_exit 0
  assert_json dry_run true
  assert_eq "$(item status "$SD.old")" would-free
  assert_eq "$(item bytes "$SD.old")" "$(du_bytes "$SD.old")"
  assert_json freed_bytes 0
  assert_eq "$(tree_digest "$SD.old")$(tree_digest "$SD")$(tree_digest "$CR2")" "$before" "dry run: the update folders unchanged"
  assert_file_absent 'C:\ProgramData\wufix\cleanup'
  assert_not_contains "$(double_calls dism)" StartComponentCleanup
  run_wufix cleanup --dry-run
  assert_exit 0
  assert_contains "$RUN_OUT" "would free"
  assert_contains "$RUN_OUT" "SoftwareDistribution.old"
}

test_cleanup_keeps_leftovers_until_an_update_installed() {
  make_used_pc
  win_mkdir "$SD.old\\DataStore"
  head -c 999 /dev/urandom | win_write "$SD.old\\DataStore\\DataStore.edb"  # set aside just now
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item status "$SD.old")" kept
  assert_contains "$(item reason "$SD.old")" "no successful update install is on record"
  assert_file_exists "$SD.old\\DataStore\\DataStore.edb"
}

test_cleanup_component_store_through_dism_double() {
  make_used_pc
  run_wufix cleanup --dry-run --json
  assert_exit 0
  assert_eq "$(item_of_kind status component-store)" would-free
  assert_eq "$(item_of_kind bytes component-store)" 2083059139 "DISM's 1.94 GB of backups"
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item_of_kind status component-store)" freed
  # 7.41 GB before, 5.47 GB after, as DISM measures the store
  assert_eq "$(item_of_kind freed_bytes component-store)" $((7956426916 - 5873367777))
  local calls; calls=$(double_calls dism)
  assert_contains "$calls" "/AnalyzeComponentStore"
  assert_contains "$calls" "/StartComponentCleanup"
  assert_not_contains "${calls,,}" "/resetbase" "never /ResetBase"
  run_wufix cleanup --yes --json
  assert_eq "$(item_of_kind status component-store)" kept "DISM recommends no cleanup now"
  run_wufix cleanup --help
  assert_contains "$RUN_OUT" "Never DISM /ResetBase"
}

test_cleanup_keeps_download_payloads_while_trustedinstaller_runs() {
  make_used_pc
  svc_try_stop wuauserv >/dev/null
  win_mkdir "$SD\\Download\\3f2a"
  head -c 123456 /dev/urandom | win_write "$SD\\Download\\3f2a\\windows10.0-kb5044284-x64.cab"
  head -c 789 /dev/urandom | win_write "$SD\\Download\\3f2a\\express.psf"
  install_service TrustedInstaller demand --running
  local before; before=$(tree_digest "$SD\\Download")
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item status "$SD\\Download")" kept
  assert_contains "$(item reason "$SD\\Download")" "TrustedInstaller running"
  assert_eq "$(tree_digest "$SD\\Download")" "$before" "payloads kept while installing"

  svc_stop TrustedInstaller
  wine_run attrib +r "$SD\\Download\\3f2a\\express.psf" >/dev/null  # read-only: deleted all the same
  assert_contains "$(wine_run attrib "$SD\\Download\\3f2a\\express.psf")" "R"
  local bytes; bytes=$(du_bytes "$SD\\Download")
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item status "$SD\\Download")" freed
  assert_eq "$(item freed_bytes "$SD\\Download")" "$bytes" "freed = du"
  assert_file_exists "$SD\\Download"
  assert_eq "$(find "$(unixpath "$SD\\Download")" -mindepth 1 | wc -l)" 0 "Download emptied, kept"
}

# Delivery Optimization's cache (its default folder): kept while a stand-in DoSvc runs, and
# under a DOModifyCacheDrive policy (moved: not looked for); emptied once DoSvc is stopped.
test_delivery_optimization_cache_only_while_dosvc_is_stopped() {
  make_used_pc
  svc_try_stop wuauserv >/dev/null
  local cache='C:\windows\ServiceProfiles\NetworkService\AppData\Local\Microsoft\Windows\DeliveryOptimization\Cache'
  win_mkdir "$cache\\4d5e6f"
  head -c 54321 /dev/urandom | win_write "$cache\\4d5e6f\\content.dat"
  head -c 321 /dev/urandom | win_write "$cache\\4d5e6f\\content.pieces"
  install_service DoSvc demand --running
  local before; before=$(tree_digest "$cache")
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item kind "$cache")" delivery-optimization
  assert_eq "$(item status "$cache")" kept
  assert_contains "$(item reason "$cache")" "DoSvc running"
  assert_eq "$(tree_digest "$cache")" "$before" "the cache is kept while DoSvc runs"

  svc_stop DoSvc
  local policy='HKLM\SOFTWARE\Policies\Microsoft\Windows\DeliveryOptimization'
  reg_set "$policy" DOModifyCacheDrive REG_SZ 'D:'
  run_wufix cleanup --yes --json
  assert_eq "$(item status "$cache")" kept
  assert_contains "$(item reason "$cache")" "DOModifyCacheDrive"
  reg_del "$policy" DOModifyCacheDrive

  local bytes; bytes=$(du_bytes "$cache")
  run_wufix cleanup --dry-run --json
  assert_eq "$(item status "$cache")" would-free
  assert_eq "$(item bytes "$cache")" "$bytes"
  assert_eq "$(tree_digest "$cache")" "$before" "--dry-run changes nothing"
  run_wufix cleanup --yes --json
  assert_exit 0
  assert_eq "$(item status "$cache")" freed
  assert_eq "$(item freed_bytes "$cache")" "$bytes" "freed = du"
  assert_file_exists "$cache"
  assert_eq "$(find "$(unixpath "$cache")" -mindepth 1 | wc -l)" 0 "the cache emptied, its folder kept"
}

test_diagnose_names_cleanup_with_the_bytes() {
  make_used_pc
  fill_old "$SD.old" 4321
  local bytes; bytes=$(du_bytes "$SD.old")
  run_wufix diagnose --json
  python3 -c 'import json,sys; f=[f for f in json.load(sys.stdin)["findings"] if f["id"]=="update-cache-leftovers"][0]; print(f["evidence"]["cleanup_bytes"], f["advice"])' <<<"$RUN_OUT" >"$WINE_TEST_TMP/f"
  assert_contains "$(cat "$WINE_TEST_TMP/f")" "$bytes "
  assert_contains "$(cat "$WINE_TEST_TMP/f")" "wufix cleanup"
}

# Delivery Optimization's cache belongs to NetworkService, which may replace a folder on the way
# with a link: nothing is deleted through it. (Wine 8 makes no junctions; a Unix symbolic link is
# the same trap, shown as a reparse point.) The facts see a link on the cache's way and keep it;
# a link they do not look for (the Download folder, as if swapped in after the plan) is caught
# where the deletion happens: the object's final path is not the path asked for.
test_cleanup_deletes_nothing_through_a_link_in_the_cache_path() {
  make_used_pc
  svc_try_stop wuauserv >/dev/null
  local dofolder='C:\windows\ServiceProfiles\NetworkService\AppData\Local\Microsoft\Windows\DeliveryOptimization'
  local victim='C:\windows\system32\drivers\etc\wufix-victim'
  win_mkdir "$victim\\sub"
  printf 'keep me' | win_write "$victim\\hosts.copy"
  printf 'keep me too' | win_write "$victim\\sub\\inner.dat"
  win_mkdir "$dofolder"
  ln -s "$(unixpath "$victim")" "$(unixpath "$dofolder")/Cache"
  local sd='C:\windows\SoftwareDistribution'
  [[ -e $(unixpath "$sd\\Download") ]] && mv "$(unixpath "$sd\\Download")" "$(unixpath "$sd")/Download.real"
  ln -s "$(unixpath "$victim")" "$(unixpath "$sd")/Download"
  local before; before=$(tree_digest "$victim")
  run_wufix cleanup --yes --json
  assert_eq "$(tree_digest "$victim")" "$before" "nothing deleted through a link"
  assert_file_exists "$victim\\hosts.copy"
  assert_file_exists "$victim\\sub\\inner.dat"
  assert_exit 1
  assert_eq "$(item status "$dofolder\\Cache")" kept
  assert_eq "$(item reason "$dofolder\\Cache")" "$dofolder\\Cache is a link; nothing is deleted through a link"
  assert_eq "$(item status "$sd\\Download")" failed
  assert_contains "$(item error "$sd\\Download")" "a link on the way leads elsewhere"
}
