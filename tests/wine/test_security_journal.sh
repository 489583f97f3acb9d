# shellcheck shell=bash
# Issue #11: nothing a standard user can plant in %ProgramData%\wufix steers an elevated wufix.
# Under Wine every process is elevated and every file has the same owner (Wine keeps no security
# descriptors here), so "planted" files are written by the test itself; refusing another owner
# is covered by the unit tests (tests/unit/private_folder_test.cpp).

SD='C:\windows\SoftwareDistribution'
CR2='C:\windows\system32\catroot2'
WUFIX_DIR='C:\ProgramData\wufix'
JOURNALS='C:\ProgramData\wufix\runs'

make_cache_folders() {
  win_mkdir "$SD\\DataStore" "$CR2"
  win_write "$SD\\DataStore\\DataStore.edb" "ESE database $RANDOM"
  win_write "$CR2\\edb.log" "log $RANDOM"
}

# private_dir PATH: PATH (under C:\ProgramData\wufix) and its parents as wufix makes them. Wine 8
# keeps no security descriptor: it derives a folder's DACL from the unix mode, and 0700 reads
# back as wufix's private one (SYSTEM and the owner only). Files planted in such a folder stand
# for a PC where they came before the fix, or were copied in by an administrator.
private_dir() {
  win_mkdir "$1"
  local p=$1
  while [[ ${#p} -ge ${#WUFIX_DIR} ]]; do
    chmod 0700 "$(unixpath "$p")"
    p=${p%\\*}
  done
}

# plant NAME BODY: a journal file written straight into the runs folder.
plant() { private_dir "$JOURNALS"; win_write "$JOURNALS\\$1" "$2"; }

header() {
  local options=${3:-}
  [[ -n $options ]] || options='{}'
  printf '{"type":"run","run_id":"%s","started":"2099-01-01T00:00:00Z","plan":[%s],"options":%s}\n' "$1" "$2" "$options"
}
intent() { printf '{"type":"intent","seq":%s,"group":"reset","action":%s}\n{"type":"outcome","seq":%s,"ok":true}\n' "$1" "$2" "$1"; }

reset_run() {
  run_wufix repair --only reset --yes --json
  assert_exit 0
  REAL_ID=$(json_get run_id)
}

test_planted_journal_renaming_a_victim_onto_program_files_is_refused() {
  win_mkdir 'C:\users\Public\victim'
  win_write 'C:\users\Public\victim\payload.dll' "planted $RANDOM"
  local before; before=$(tree_digest 'C:\users\Public\victim')
  plant 20990101-000000-aaaa.jsonl "$(header 20990101-000000-aaaa '"reset"')
$(intent 1 '{"kind":"rename","from":"C:\\users\\Public\\victim","to":"C:\\Program Files\\Common Files\\victim"}')
{\"type\":\"end\",\"result\":\"done\"}"
  run_wufix undo --yes
  assert_exit 1
  assert_contains "$RUN_ERR" "refusing to undo run 20990101-000000-aaaa"
  assert_contains "$RUN_ERR" "20990101-000000-aaaa.jsonl"
  assert_contains "$RUN_ERR" "entry 1 (rename C:\\users\\Public\\victim -> C:\\Program Files\\Common Files\\victim)"
  assert_eq "$(tree_digest 'C:\users\Public\victim')" "$before" "nothing moved"
  assert_file_absent "$(unixpath 'C:\Program Files\Common Files\victim')"
}

test_planted_journals_are_skipped_and_the_real_run_stays_undoable() {
  local sd_before; make_cache_folders; sd_before=$(tree_digest "$SD")
  reset_run
  plant 20990101-000000-bbbb.jsonl "$(header 20990101-000000-bbbb '"reset"')
$(intent 1 '{"kind":"stop-service","service":"eventlog","old_state":"running","old_start_type":"automatic"}')
{\"type\":\"end\",\"result\":\"done\"}"
  plant 20990101-000000-cccc.jsonl "$(header '..\\..\\Windows\\x' '"reset"')"
  plant 'evil..jsonl' "$(header 20990101-000000-dddd '"reset"')"
  plant 20990101-000000-eeee.jsonl $'garbage\n{"type":"run"\nmore garbage\n'
  run_wufix history --json
  assert_exit 0
  assert_json runs.0.run_id "$REAL_ID"
  assert_contains "$(json_get runs.1.refused)" "eventlog is not a service repair manages"
  assert_contains "$RUN_OUT" "20990101-000000-cccc.jsonl"
  assert_contains "$RUN_OUT" "evil..jsonl"
  assert_contains "$RUN_OUT" "20990101-000000-eeee.jsonl"
  assert_contains "$RUN_ERR" "wufix: warning: skipped run journal"
  run_wufix repair --only reset --dry-run
  assert_exit 0 "planted journals do not block a new run (no exit 4)"
  run_wufix undo "$REAL_ID" --yes
  assert_exit 0
  assert_eq "$(tree_digest "$SD")" "$sd_before" "the real run undone"
}

test_resume_never_takes_the_dism_source_from_a_journal() {
  set_scenario dism "repairable step_ms=0"
  plant 20990101-000000-ffff.jsonl "$(header 20990101-000000-ffff '"dism"' '{"dism_source":"\\\\evil.example\\share\\install.wim","service_timeout_s":60}')"
  run_wufix repair --resume --yes --json
  assert_exit 0
  assert_contains "$(double_calls dism)" "/RestoreHealth"
  assert_not_contains "$(double_calls dism)" "evil.example"
  assert_contains "$RUN_ERR" "used only when given again"
}

# tear_journal ID: the journal as a crash mid-write leaves it: no end record, half a line.
tear_journal() {
  local f; f=$(unixpath "$JOURNALS\\$1.jsonl")
  grep -v '"type":"end"' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
  printf '{"type":"intent","seq":99,"group":"res' >>"$f"
}

test_a_torn_journal_is_healed_for_history_resume_and_undo() {
  local sd_before; make_cache_folders; sd_before=$(tree_digest "$SD")
  reset_run
  tear_journal "$REAL_ID"
  run_wufix history --json
  assert_exit 0
  assert_json runs.0.result interrupted
  run_wufix repair --resume --yes --json
  assert_exit 0
  run_wufix history --json
  assert_exit 0
  assert_json runs.0.result done
  assert_contains "$(cat "$(unixpath "$JOURNALS\\$REAL_ID.jsonl")")" '"type":"healed"'
  tear_journal "$REAL_ID"
  run_wufix undo "$REAL_ID" --yes
  assert_exit 0
  assert_eq "$(tree_digest "$SD")" "$sd_before"
  run_wufix history --json
  assert_exit 0
  assert_json runs.0.undone true
}

# No entry for anyone but SYSTEM, Administrators and the user running wufix (Wine reports
# wufix's own files as owned by that user): no Everyone (WD), no Users (BU).
assert_private() {
  local sd; sd=$(wine_run sdtool get "$1" | tr -d '\r')
  assert_contains "$sd" "D:(A;OICI;FA;;;SY)"
  assert_not_contains "$sd" ";;;WD)"
  assert_not_contains "$sd" ";;;BU)"
}

test_programdata_wufix_is_private_after_a_repair() {
  make_cache_folders
  reset_run
  assert_private "$WUFIX_DIR"
  assert_private "$JOURNALS"
}

# A folder others may write to is made private, or refused when the DACL does not stick: Wine 8
# derives a folder's DACL from its unix mode and SetSecurityInfo on an existing folder changes
# nothing (and returns success), so here it is the refusal; the made-private path is unit-tested (tests/unit/private_folder_test.cpp).
test_a_weak_wufix_folder_is_never_used_and_a_link_is_refused() {
  mkdir -p "$(unixpath 'C:\ProgramData')/wufix"
  chmod 0777 "$(unixpath "$WUFIX_DIR")"
  make_cache_folders
  local sd_before; sd_before=$(tree_digest "$SD")
  run_wufix repair --only reset --yes
  assert_exit 2
  assert_contains "$RUN_ERR" "refusing C:\\ProgramData\\wufix: others may write there"
  assert_eq "$(tree_digest "$SD")" "$sd_before" "nothing changed"
  assert_eq "$(ls -A "$(unixpath "$WUFIX_DIR")")" "" "nothing written into the weak folder"
  rm -rf "$(unixpath "$WUFIX_DIR")"
  mkdir -p "$(unixpath 'C:\users\Public')/elsewhere"
  ln -s "$(unixpath 'C:\users\Public')/elsewhere" "$(unixpath 'C:\ProgramData')/wufix"
  run_wufix repair --only reset --yes
  assert_exit 2
  assert_contains "$RUN_ERR" "refusing C:\\ProgramData\\wufix: it is a link"
  assert_eq "$(ls -A "$(unixpath 'C:\users\Public')/elsewhere")" "" "nothing written through the link"
}

test_report_out_never_opens_an_existing_name() {
  win_mkdir 'C:\r'
  ln -s "$WINE_TEST_TMP/report-target" "$(unixpath 'C:\r')/report.md"
  run_wufix report --out 'C:\r\report.md'
  assert_exit 2
  assert_contains "$RUN_ERR" "already exists"
  [[ ! -e $WINE_TEST_TMP/report-target ]] || fail "the report was written through the link"
}

# ---- downloads -----------------------------------------------------------------------------

KB=KB5044284
ID_24H2_X64=3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21
LCU=windows11.0-kb5044284-x64_lcu.msu
DOWNLOADS='C:\ProgramData\wufix\downloads'

test_a_planted_partial_and_an_extra_cab_are_never_installed() {
  start_catalog
  local dir="$DOWNLOADS\\$ID_24H2_X64"
  private_dir "$dir"
  win_write 'C:\users\Public\victim.txt' "victim $RANDOM"
  local victim; victim=$(sha256sum "$(unixpath 'C:\users\Public\victim.txt')")
  # A hard link: on Windows it carries the victim's owner (SYSTEM for a system file), so only
  # its link count gives it away. (Wine 8 shows a unix symlink as a plain file.)
  ln "$(unixpath 'C:\users\Public\victim.txt')" "$(unixpath "$dir")/$LCU.partial"
  win_write "$dir\\extra.cab" "planted package"
  set_scenario dism "healthy add=0"
  run_wufix install "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --allow-unsigned --json
  assert_exit 0
  assert_eq "$(sha256sum "$(unixpath 'C:\users\Public\victim.txt')")" "$victim" "nothing written through the planted link"
  assert_file_exists "$(unixpath "$dir")/$LCU.partial.foreign"
  local calls; calls=$(double_calls dism)
  assert_contains "$calls" "/PackagePath:$dir\\$LCU"
  assert_not_contains "$calls" "extra.cab"
  assert_not_contains "$calls" "/PackagePath:$dir "
}

test_install_dir_verifies_cab_files_too() {
  local dir='C:\pkgs' sum
  win_mkdir "$dir"
  sum=$(printf 'package bytes' | sha1sum | cut -c1-40)
  printf 'package bytes' >"$(unixpath "$dir")/windows10.0-kb5000001-x64_$sum.msu"
  printf 'tampered bytes' >"$(unixpath "$dir")/windows10.0-kb5000002-x64_$sum.cab"
  run_wufix install "$dir" --catalog-url http://127.0.0.1:9 --allow-unsigned --json
  assert_exit 1
  assert_json outcome rejected
  assert_eq "$(double_calls wusa)$(double_calls dism)" ""
}
