# shellcheck shell=bash
# wufix.exe updates (scan, install, hide/unhide + undo) and repair's proof scan under Wine, with
# wuapi-double.dll standing in for the Windows Update Agent (Wine's own is a stub: E_NOTIMPL).

LCU=11111111-aaaa-4bbb-8ccc-000000000001
DRIVER=11111111-aaaa-4bbb-8ccc-000000000002
DEFENDER=11111111-aaaa-4bbb-8ccc-000000000003
PREVIEW=11111111-aaaa-4bbb-8ccc-000000000004

# What a Windows 10 22H2 PC a month behind is offered: the cumulative update (needs a restart),
# a vendor driver, a Defender definition update, an optional preview, and the update the user
# hid last month. Titles as Windows Update shows them.
pending_updates() {
  set_scenario wua \
    "# imitates a 22H2 PC a month behind, as IUpdateSearcher returns it" \
    "update id=$LCU rev=201 kb=5044273 class=security size=689963008 reboot=1 install_reboot=1 title=2024-10 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5044273)" \
    "update id=$DRIVER rev=1 kb= class=driver size=1048576 reboot=2 title=Intel Corporation - Display - 31.0.101.2128" \
    "update id=$DEFENDER rev=200 kb=2267602 class=definition size=83886080 title=Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.311.0) - Current Channel (Broad)" \
    "update id=$PREVIEW rev=1 kb=5045594 class=update size=700000000 reboot=1 browse_only=1 title=2024-10 Cumulative Update Preview for Windows 10 Version 22H2 for x64-based Systems (KB5045594)" \
    "update id=11111111-aaaa-4bbb-8ccc-000000000005 rev=1 kb=5043131 class=update size=90000 hidden=1 title=2024-09 .NET Framework 3.5 and 4.8.1 Cumulative Update for Windows 10 Version 22H2 for x64 (KB5043131)"
}

wua_state() { tr -d '\r' <"$WINEPREFIX/drive_c/wufix-doubles/wua.scenario"; }
wua_calls() { double_calls wua; }
updates_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(str(u[sys.argv[1]]) for u in d["updates"]))' "$1" <<<"$RUN_OUT"; }

test_scan_lists_the_scenario_updates() {
  install_wua_double
  pending_updates
  run_wufix updates --json
  assert_exit 0
  assert_json schema 1
  assert_json service windows-update
  assert_json error null
  assert_eq "$(updates_field kb)" "KB5044273 None KB2267602 KB5045594" "pending, hidden one left out"
  assert_eq "$(updates_field classification)" "security driver definition preview"
  assert_eq "$(updates_field reboot)" "always can-request never always"
  assert_eq "$(python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["updates"][0]))' <<<"$RUN_OUT")" \
    "['browse_only', 'categories', 'classification', 'downloaded', 'hidden', 'id', 'kb', 'kbs', 'reboot', 'revision', 'size_bytes', 'title']"
  assert_json updates.0.id "$LCU"
  assert_json updates.0.revision 201
  assert_json updates.0.size_bytes 689963008
  assert_json updates.3.browse_only true
  assert_contains "$(wua_calls)" "search IsInstalled=0 and IsHidden=0"

  run_wufix updates scan --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "Windows Update: 4 updates pending"
  assert_match "$RUN_OUT" "KB5044273 +security +2024-10 Cumulative Update for Windows 10"
  assert_contains "$RUN_OUT" "658.0 MB, restart: always"

  run_wufix updates scan --hidden --json
  assert_exit 0
  assert_eq "$(updates_field kb)" "KB5043131"
  assert_json updates.0.hidden true
}

test_install_excluding_drivers_installs_the_rest_and_exits_3010() {
  install_wua_double
  pending_updates
  run_wufix updates install --exclude-drivers --yes --json
  assert_exit 3010
  assert_eq "$(updates_field status)" "installed installed" "LCU and Defender; the preview is optional"
  assert_json reboot_required true
  assert_json updates.0.reboot_required true
  assert_json left_out.0.reason "driver (--exclude-drivers)"
  assert_json left_out.1.reason "optional: name it, or use --all"
  assert_contains "$(wua_calls)" "download $LCU $DEFENDER"
  assert_contains "$(wua_calls)" "install $LCU $DEFENDER"
  assert_not_contains "$(wua_calls)" "$DRIVER"
  assert_match "$(wua_state)" "id=$LCU .*downloaded=1 .*installed=1"

  run_wufix updates --json  # installed updates are no longer offered
  assert_eq "$(updates_field kb)" "None KB5045594"
}

test_a_failed_download_is_not_installed_and_is_explained() {
  install_wua_double
  set_scenario wua \
    "update id=$LCU rev=201 kb=5044273 class=security size=1000 download_hresult=0x80246007 title=2024-10 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5044273)" \
    "update id=$DEFENDER rev=200 kb=2267602 class=definition size=1000 title=Security Intelligence Update for Microsoft Defender Antivirus - KB2267602"
  run_wufix updates install --yes --no-color
  assert_exit 1
  assert_contains "$RUN_OUT" "KB5044273 2024-10 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5044273): download-failed"
  assert_contains "$RUN_OUT" "0x80246007 WU_E_DM_NOTDOWNLOADED"
  assert_contains "$RUN_OUT" "fix: wufix repair --only reset"
  assert_contains "$RUN_OUT" "KB2267602"
  assert_contains "$(wua_calls)" "install $DEFENDER"
  assert_not_contains "$(wua_calls)" "install $LCU"
}

test_hide_then_undo_unhides() {
  install_wua_double
  pending_updates
  run_wufix updates hide KB5044273 --json
  assert_exit 0
  assert_json actions.0.kind set-update-hidden
  assert_json actions.0.update_id "$LCU"
  local id; id=$(json_get run_id)
  assert_match "$(wua_state)" "id=$LCU .*hidden=1"
  run_wufix updates --json
  assert_eq "$(updates_field kb)" "None KB2267602 KB5045594" "a hidden update is not pending"

  run_wufix history --json
  assert_json runs.0.run_id "$id"
  assert_json runs.0.plan '["hide"]'

  run_wufix undo --yes --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "unhide update 2024-10 Cumulative Update for Windows 10"
  assert_contains "$RUN_OUT" "Run $id undone."
  assert_match "$(wua_state)" "id=$LCU .*hidden=0"
  assert_eq "$(wua_calls | grep -c '^hide ')" 2 "hidden once, unhidden once"
}

test_a_failing_search_exits_1_with_the_code_explained() {
  install_wua_double
  set_scenario wua "search_hresult=0x8024402C"
  run_wufix updates --json
  assert_exit 1
  assert_json error.hresult 0x8024402C
  assert_json error.name WU_E_PT_WINHTTP_NAME_NOT_RESOLVED
  assert_json error.fix "wufix repair --only reset"
  assert_eq "$(wc -l <<<"$RUN_ERR")" 1 "one line on stderr"
  run_wufix updates --no-color
  assert_exit 1
  assert_contains "$RUN_OUT" "The search of Windows Update failed."
  assert_contains "$RUN_OUT" "0x8024402C WU_E_PT_WINHTTP_NAME_NOT_RESOLVED: the host name of the update server"
  assert_contains "$RUN_OUT" "fix: wufix repair --only reset"
}

test_repair_reset_ends_with_the_proof_scan() {
  install_wua_double
  install_service CryptSvc auto --running
  pending_updates
  run_wufix repair --only reset --yes --json
  assert_exit 0
  assert_json scan.status ok
  assert_json scan.updates 4
  assert_json scan.hresult null
  run_wufix undo --yes
  assert_exit 0

  run_wufix repair --only reset --yes --no-color
  assert_exit 0
  assert_contains "$RUN_OUT" "Windows Update can search again: 4 updates available"
  run_wufix undo --yes

  set_scenario wua "search_hresult=0x80072EFD"
  run_wufix repair --only reset --yes --json
  assert_exit 1
  assert_json steps.0.status done
  assert_json scan.status failed
  assert_json scan.hresult 0x80072EFD
  assert_json scan.failure.name ERROR_WINHTTP_CANNOT_CONNECT
  run_wufix undo --yes

  run_wufix repair --only reset --yes --no-scan --json
  assert_exit 0
  assert_json scan.status skipped
  assert_json scan.reason --no-scan
}

test_without_the_double_wines_stub_is_reported_and_the_proof_skipped() {
  install_service CryptSvc auto --running
  run_wufix updates --json
  assert_exit 1
  assert_json error.hresult 0x80004001
  assert_eq "$(wc -l <<<"$RUN_ERR")" 1 "one line on stderr"
  assert_contains "$RUN_ERR" "wufix: error: the update search failed"
  run_wufix repair --only reset --yes --json
  assert_exit 0
  assert_json scan.status skipped
  assert_json scan.hresult 0x80004001
  assert_contains "$(json_get scan.reason)" "not available here"
}
