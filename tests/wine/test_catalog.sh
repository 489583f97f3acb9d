# shellcheck shell=bash
# wufix.exe catalog search/download and install under Wine, against tests/catalog_server.py on
# loopback (--catalog-url): fixture pages, generated packages with real SHA-1/SHA-256 digests.
# Wine cannot verify Microsoft signatures of made-up packages, so the tests that install pass
# --allow-unsigned; one test checks that without it an unsigned file is rejected.

KB=KB5044284
ID_24H2_X64=3e8a7c51-0a4b-4f8e-9c1d-2b6f5e4d3c21
ID_23H2_ARM64=0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b
CHECKPOINT=windows11.0-kb5043080-x64_checkpoint.msu
LCU=windows11.0-kb5044284-x64_lcu.msu
ARM=windows11.0-kb5044284-arm64.msu
DOWNLOADS='C:\ProgramData\wufix\downloads'

# sha256_hex WINPATH: the SHA-256 of the bytes on disk, as wufix prints digests (hex)
sha256_hex() { sha256sum "$(unixpath "$1")" | cut -c1-64; }

test_search_picks_the_row_for_24h2_x64_and_for_23h2_arm64() {
  start_catalog
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --json
  assert_exit 0
  assert_json match "$ID_24H2_X64"
  assert_json target.version 24H2
  assert_json updates.2.mismatch "a Dynamic Update: for Windows setup media, not for an installed PC"
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-23H2 --arch arm64 --json
  assert_exit 0
  assert_json match "$ID_23H2_ARM64"
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win10-22H2 --arch x64 --no-color
  assert_exit 1
  assert_contains "$RUN_OUT" "No update fits: no row is for Windows 10 22H2 x64"
}

test_search_auto_reads_this_pcs_version_and_architecture() {
  start_catalog
  reg_set 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' CurrentBuild REG_SZ 26100
  reg_set 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' DisplayVersion REG_SZ 24H2
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --json
  assert_exit 0
  assert_json target.product "Windows 11"
  assert_json target.arch x64
  assert_json match "$ID_24H2_X64"
}

test_search_follows_the_catalogs_paging() {
  start_catalog
  run_wufix catalog search KB5046613 --catalog-url "$CATALOG_URL" --os win10-22H2 --arch arm64 --json
  assert_exit 0
  assert_json pages 2
  assert_json match 2222bbbb-0000-4000-8000-000000000003
  assert_contains "$(cat "$CATALOG_LOG")" "POST /Search.aspx?q=KB5046613"
}

test_download_fetches_and_verifies_both_files_of_a_checkpoint_chain() {
  start_catalog --size "$LCU=1500000"
  run_wufix catalog download "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 \
    --out 'C:\dl' --allow-unsigned --json
  assert_exit 0
  assert_json ok true
  assert_json files.0.name "$CHECKPOINT"
  assert_json files.1.name "$LCU"
  assert_json files.1.status verified
  assert_json files.1.bytes 1500000
  assert_json files.1.digest_algorithm sha256
  # BCrypt's digest of the bytes on disk is the one the catalog announced
  assert_eq "$(sha256_hex "C:\\dl\\$LCU")" "$(json_get files.1.digest)"
  assert_eq "$(sha256_hex "C:\\dl\\$CHECKPOINT")" "$(json_get files.0.digest)"
}

test_download_resumes_after_the_server_drops_the_connection() {
  start_catalog --size "$LCU=3000000" --drop-once "$LCU=1000000"
  run_wufix catalog download "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 \
    --out 'C:\dl' --allow-unsigned --json
  assert_exit 0
  assert_json files.1.status verified
  assert_json files.1.resumes 1
  assert_contains "$(cat "$CATALOG_LOG")" "$LCU range=bytes=1000000-"
  assert_eq "$(sha256_hex "C:\\dl\\$LCU")" "$(json_get files.1.digest)"
}

test_digest_mismatch_is_rejected_and_nothing_is_installed() {
  start_catalog --corrupt "$LCU"
  run_wufix install "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --allow-unsigned --json
  assert_exit 1
  assert_json outcome rejected
  assert_json download.files.1.status rejected
  assert_contains "$(json_get download.files.1.error)" "sha256 digest mismatch"
  assert_file_exists "$(unixpath "$DOWNLOADS\\$ID_24H2_X64\\$LCU.rejected")"
  assert_file_absent "$(unixpath "$DOWNLOADS\\$ID_24H2_X64\\$LCU")"
  assert_eq "$(double_calls dism)$(double_calls wusa)" ""
}

test_unsigned_file_is_rejected_without_allow_unsigned() {
  start_catalog
  run_wufix catalog download "$KB" --catalog-url "$CATALOG_URL" --os win11-23H2 --arch arm64 --out 'C:\dl' --json
  assert_exit 1
  assert_json files.0.status rejected
  assert_contains "$(json_get files.0.error)" "not Microsoft's"
  assert_file_exists "$(unixpath "C:\\dl\\$ARM.rejected")"
}

test_redirect_to_another_host_is_refused() {
  start_catalog --redirect "$ARM=http://example.invalid/$ARM"
  run_wufix catalog download "$KB" --catalog-url "$CATALOG_URL" --os win11-23H2 --arch arm64 \
    --out 'C:\dl' --allow-unsigned --json
  assert_exit 1
  assert_contains "$(json_get files.0.error)" "refusing to connect outside --catalog-url"
  assert_not_contains "$(cat "$CATALOG_LOG")" "example.invalid"
}

test_catalog_url_must_be_loopback() {
  run_wufix catalog search "$KB" --catalog-url http://192.0.2.1:80
  assert_exit 2
  assert_contains "$RUN_ERR" "loopback address only"
  run_wufix catalog download "$KB" --allow-unsigned
  assert_exit 2
}

# install_kb SCENARIO_DOUBLE SCENARIO OS ARCH EXPECTED_EXIT EXPECTED_OUTCOME
install_kb() {
  set_scenario "$1" "$2"
  run_wufix install "$KB" --catalog-url "$CATALOG_URL" --os "$3" --arch "$4" --allow-unsigned --json
  assert_exit "$5"
  assert_json outcome "$6"
}

test_install_of_one_msu_runs_wusa_and_maps_its_exit_codes() {
  start_catalog
  install_kb wusa ok win11-23H2 arm64 0 installed
  install_kb wusa reboot win11-23H2 arm64 3010 restart-required
  install_kb wusa installed win11-23H2 arm64 0 already-installed
  install_kb wusa not-applicable win11-23H2 arm64 1 not-applicable
  assert_json install.name WU_E_NOT_APPLICABLE
  assert_json download.files.0.reused true
  local calls; calls=$(double_calls wusa)
  assert_eq "$(wc -l <<<"$calls")" 4
  assert_contains "$(head -n 1 <<<"$calls")" "$DOWNLOADS\\$ID_23H2_ARM64\\$ARM /quiet /norestart"
  assert_eq "$(double_calls dism)" ""
}

test_install_of_a_checkpoint_chain_runs_dism_on_each_verified_file() {
  start_catalog
  install_kb dism "healthy add=0" win11-24H2 x64 0 installed
  install_kb dism "healthy add=3010" win11-24H2 x64 3010 restart-required
  install_kb dism "healthy add=not-applicable" win11-24H2 x64 1 not-applicable
  assert_json install.name CBS_E_NOT_APPLICABLE
  assert_contains "$(double_calls dism | head -n 1)" "/Online /Add-Package /PackagePath:$DOWNLOADS\\$ID_24H2_X64\\$CHECKPOINT /PackagePath:$DOWNLOADS\\$ID_24H2_X64\\$LCU /Quiet /NoRestart"
  assert_eq "$(double_calls wusa)" ""
}

test_install_of_a_local_msu_checks_its_name_digest() {
  local dir='C:\pkgs' file
  win_mkdir "$dir"
  printf 'package bytes' >"$(unixpath "$dir")/good.msu"
  file="windows10.0-kb5000001-x64_$(printf 'package bytes' | sha1sum | cut -c1-40).msu"
  printf 'package bytes' >"$(unixpath "$dir")/$file"
  printf 'tampered bytes' >"$(unixpath "$dir")/windows10.0-kb5000002-x64_$(printf 'package bytes' | sha1sum | cut -c1-40).msu"
  run_wufix install "$dir\\$file" --catalog-url http://127.0.0.1:9 --allow-unsigned --json
  assert_exit 0
  assert_json packages.0.digest_algorithm sha1
  assert_json install.tool wusa
  run_wufix install "$dir" --catalog-url http://127.0.0.1:9 --allow-unsigned --json
  assert_exit 1
  assert_json outcome rejected
  assert_eq "$(wc -l <<<"$(double_calls wusa)")" 1
}

# ---- issue #11: hostile catalog pages, --catalog-url spellings, DLL planting ----------------

ARM_NAME="fileName = '$ARM'"
ARM_URL="url = '@BASE@/d/"

# refused_dialog REPLACEMENT WANTED_IN_ERROR: the 23H2 arm64 dialog with one hostile change;
# the download must be refused (exit 1) naming the file's URL, with nothing written.
refused_dialog() {
  start_catalog --dialog-replace "$1"
  run_wufix catalog download "$KB" --catalog-url "$CATALOG_URL" --os win11-23H2 --arch arm64 \
    --out 'C:\dl' --allow-unsigned --no-color
  assert_exit 1
  assert_contains "$RUN_ERR" "refusing a file of the catalog's download list"
  assert_contains "$RUN_ERR" "$2"
  assert_not_contains "$RUN_ERR" $'\e' "an escape character reached the terminal"
  assert_file_absent 'C:\dl' "the refused download wrote something"
  assert_not_contains "$(cat "$CATALOG_LOG")" "GET /d/" "a refused file was fetched"
}

test_download_dialog_with_a_dos_device_name_is_refused() {
  refused_dialog "$ARM_NAME=>fileName = 'CON'" "/d/msdownload/"
  refused_dialog "$ARM_NAME=>fileName = 'nul.x.msu'" "/d/msdownload/"
}

test_download_dialog_with_a_trailing_dot_or_control_character_is_refused() {
  refused_dialog "$ARM_NAME=>fileName = 'a.msu.'" "/d/msdownload/"
  refused_dialog "$ARM_NAME=>fileName = 'a\\x1b[2Jb.msu'" 'a\x1B[2Jb.msu'
}

test_download_dialog_urls_that_winhttp_would_read_otherwise_are_refused() {
  refused_dialog "$ARM_URL=>url = 'http://127.0.0.1\\x00.evil.example/d/" 'http://127.0.0.1\x00.evil.example/d/'
  refused_dialog "$ARM_URL=>url = 'http://evil.example%2f.127.0.0.1/d/" 'http://evil.example%2f.127.0.0.1/d/'
  refused_dialog "$ARM_URL=>url = 'http://evil.example\\\\\\\\127.0.0.1/d/" 'http://evil.example\127.0.0.1/d/'
  refused_dialog "$ARM_URL=>url = 'http://127.0.0.1/d/\\x07" 'http://127.0.0.1/d/\x07'
}

test_catalog_titles_reach_the_terminal_without_control_characters() {
  start_catalog --search-replace "2024-10 Cumulative Update for Windows 11=>2024-10 \\x1b]0;pwned\\x07\\x9b31mCumulative Update for Windows 11"
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --all
  assert_exit 0
  assert_contains "$RUN_OUT" "]0;pwned31mCumulative Update for Windows 11"
  assert_not_contains "$RUN_OUT" $'\e'
  assert_not_contains "$RUN_OUT" $'\a'
  assert_not_contains "$RUN_OUT" $'\xc2\x9b'
}

test_catalog_url_takes_no_other_loopback_spelling() {
  start_catalog
  local port=${CATALOG_URL##*:} host
  # Windows' inet_addr: 0127.0.0.1 is octal (87.0.0.1); 127.1, 2130706433 and 0x7f.0.0.1 are
  # 127.0.0.1 spelled so a string compare misses them.
  for host in 0127.0.0.1 127.1 2130706433 0x7f.0.0.1 127.0.0.1. 127.0.0.2 '[::ffff:127.0.0.1]'; do
    run_wufix catalog search "$KB" --catalog-url "http://$host:$port" --os win11-24H2 --arch x64
    assert_exit 2
    assert_contains "$RUN_ERR" "loopback address only"
  done
  assert_eq "$(cat "$CATALOG_LOG")" "" "a refused --catalog-url was contacted"
}

test_planted_winhttp_dll_beside_wufix_is_not_loaded() {
  ensure_doubles || fail "no doubles"
  local plant='C:\plant' dir
  dir=$(unixpath "$plant")
  mkdir -p "$dir"
  cp "$WUFIX_EXE" "$dir/wufix.exe"
  cp "$WINE_DOUBLES_BIN/loadlibrary.exe" "$dir/loadlibrary.exe"
  cp "$WINE_DOUBLES_BIN/planted/winhttp.dll" "$dir/winhttp.dll"
  start_catalog
  # Wine prefers its builtin DLLs; this override makes it load a native one where Windows would.
  local overrides="$WINEDLLOVERRIDES;winhttp=n,b"
  # control: a program without the protection loads the plant, so the marker proves a load
  WINEDLLOVERRIDES=$overrides run_win "$dir/loadlibrary.exe" winhttp.dll
  assert_exit 0
  assert_file_exists "$plant\\winhttp.dll.loaded" "the control program did not load the planted DLL"
  rm -f "$dir/winhttp.dll.loaded"
  WINEDLLOVERRIDES=$overrides run_win "$dir/wufix.exe" catalog search "$KB" --catalog-url "$CATALOG_URL" \
    --os win11-24H2 --arch x64 --json
  assert_exit 0
  assert_json match "$ID_24H2_X64"
  assert_file_absent "$plant\\winhttp.dll.loaded" "wufix.exe loaded the planted winhttp.dll"
}

# ---- issue #17: every layout the real catalog serves, every Windows a user runs -------------

ID_OLD_SHA1=6c2b5a9e-1f3d-4c8b-9e7a-0d4f3b2a1c90
ID_LANGUAGES=8a1f0c3e-5b7d-4e2a-9c6f-4d3e2b1a0f98
ID_1809_X64=a1b2c3d4-0001-4a00-8000-000000000277
ID_2019_LCU=a1b2c3d4-0003-4a00-8000-000000000277
ID_2022=b2c3d4e5-0001-4b00-8000-000000000281
NLS='HKLM\SYSTEM\CurrentControlSet\Control\Nls\Language'
CURRENT='HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

json_len() { json_get "$1" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }

test_older_dialog_http_url_and_sha1_only_is_fetched_over_the_same_path_and_verified() {
  start_catalog
  run_wufix catalog download "$ID_OLD_SHA1" --catalog-url "$CATALOG_URL" --arch x64 --out 'C:\dl' \
    --allow-unsigned --json
  assert_exit 0
  assert_json files.0.name windows10.0-kb4534273-x64.msu
  assert_json files.0.digest_algorithm sha1
  assert_json files.0.status verified
  # the dialog's http://download.windowsupdate.com/c/... path, served by the test origin
  assert_contains "$(cat "$CATALOG_LOG")" "GET /c/msdownload/update/software/secu/2020/01/windows10.0-kb4534273-x64.msu"
  assert_eq "$(sha1sum "$(unixpath 'C:\dl\windows10.0-kb4534273-x64.msu')" | cut -c1-40)" "$(json_get files.0.digest)"
}

test_language_dialog_downloads_the_pcs_language_and_the_neutral_file() {
  start_catalog
  reg_set "$NLS" InstallLanguage REG_SZ 0407
  run_wufix catalog download "$ID_LANGUAGES" --catalog-url "$CATALOG_URL" --arch x64 --out 'C:\de' \
    --allow-unsigned --json
  assert_exit 0
  assert_eq "$(json_len files)" 2
  assert_json files.0.name windows10.0-kb4049065-x64-neutral.cab
  assert_json files.1.name windows10.0-kb4049065-x64-de-de.cab
  assert_eq "$(json_len skipped)" 38
  assert_eq "$(grep -c 'GET /d/msdownload/' "$CATALOG_LOG")" 2
  run_wufix catalog download "$ID_LANGUAGES" --catalog-url "$CATALOG_URL" --arch x64 --out 'C:\fr' \
    --lang fr-FR --allow-unsigned --json
  assert_exit 0
  assert_json files.1.name windows10.0-kb4049065-x64-fr-fr.cab
  run_wufix catalog download "$ID_LANGUAGES" --catalog-url "$CATALOG_URL" --arch arm64 --out 'C:\arm' \
    --allow-unsigned --json
  assert_exit 1
  assert_contains "$RUN_ERR" "none of its 40 file(s) is for arm64"
  run_wufix catalog download "$ID_LANGUAGES" --catalog-url "$CATALOG_URL" --lang 'de_DE' --allow-unsigned
  assert_exit 2
}

test_search_with_server_ltsc_and_office_rows_picks_the_right_one_or_says_why() {
  start_catalog
  run_wufix catalog search KB5044277 --catalog-url "$CATALOG_URL" --os ltsc2019 --arch x64 --json
  assert_exit 0
  assert_json match "$ID_1809_X64"
  assert_json target.label "Windows 10 LTSC 2019 (1809) x64"
  assert_json updates.2.mismatch "for Windows Server 2019; this PC is Windows 10"
  assert_json updates.5.mismatch "not an update for Windows 10, 11 or Server (Office 2013)"
  run_wufix catalog search KB5044277 --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --no-color
  assert_exit 1
  assert_contains "$RUN_OUT" "No update fits: no row is for Windows 11 24H2 x64"
  assert_contains "$RUN_OUT" "not for this PC: for Windows 10; this PC is Windows 11"
  assert_contains "$RUN_OUT" "not for this PC: not an update for Windows 10, 11 or Server (Office 2013)"
}

test_server_2022_is_chosen_by_name_and_from_this_pcs_registry() {
  start_catalog
  run_wufix catalog search KB5044281 --catalog-url "$CATALOG_URL" --os server2022 --arch x64 --json
  assert_exit 0
  assert_json match "$ID_2022"
  assert_json updates.1.mismatch "for Windows Server, version 23H2; this PC is Windows Server 2022"
  reg_set "$CURRENT" CurrentBuild REG_SZ 20348
  reg_set "$CURRENT" InstallationType REG_SZ Server
  reg_set "$CURRENT" ProductName REG_SZ "Windows Server 2022 Datacenter"
  run_wufix catalog search KB5044281 --catalog-url "$CATALOG_URL" --json
  assert_exit 0
  assert_json target.label "Windows Server 2022 x64"
  assert_json match "$ID_2022"
}

test_ssu_and_lcu_pair_is_installed_stack_first() {
  start_catalog
  set_scenario dism "healthy add=0"
  run_wufix install KB5044277 --catalog-url "$CATALOG_URL" --os server2019 --arch x64 --allow-unsigned --json
  assert_exit 0
  assert_json install.tool dism
  assert_json download.files.0.name windows10.0-kb5044277-x64-ssu.msu
  assert_json download.files.1.name windows10.0-kb5044277-x64.msu
  assert_contains "$(double_calls dism | head -n 1)" "/PackagePath:$DOWNLOADS\\$ID_2019_LCU\\windows10.0-kb5044277-x64-ssu.msu /PackagePath:$DOWNLOADS\\$ID_2019_LCU\\windows10.0-kb5044277-x64.msu"
  assert_contains "$(cat "$CATALOG_LOG")" "GET /filestreamingservice/files/"
}

test_cab_packages_install_with_dism_add_package() {
  start_catalog
  set_scenario dism "healthy add=3010"
  run_wufix install "$ID_LANGUAGES" --catalog-url "$CATALOG_URL" --arch x64 --lang de-de --allow-unsigned --json
  assert_exit 3010
  assert_json install.tool dism
  assert_contains "$(double_calls dism | head -n 1)" "/Online /Add-Package /PackagePath:$DOWNLOADS\\$ID_LANGUAGES\\windows10.0-kb4049065-x64-neutral.cab /PackagePath:$DOWNLOADS\\$ID_LANGUAGES\\windows10.0-kb4049065-x64-de-de.cab /Quiet /NoRestart"
  assert_eq "$(double_calls wusa)" ""
}

test_search_reports_the_update_that_supersedes_the_chosen_one() {
  start_catalog
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --json
  assert_exit 0
  assert_json superseded_by.0.update_id d4c3b2a1-9f8e-4d7c-8b6a-5f4e3d2c1b0a
  assert_contains "$(json_get superseded_by.0.title)" "(KB5046617)"
  assert_contains "$(cat "$CATALOG_LOG")" "GET /ScopedViewInline.aspx?updateid=$ID_24H2_X64"
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-23H2 --arch arm64 --json
  assert_exit 0
  assert_json superseded_by '[]'
  run_wufix catalog search "$KB" --catalog-url "$CATALOG_URL" --os win11-24H2 --arch x64 --no-color
  assert_contains "$RUN_OUT" "A newer update replaces this one:"
}
