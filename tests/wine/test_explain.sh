# shellcheck shell=bash
# wufix.exe explain and the global CLI contract, end to end under Wine.

test_version() {
  run_wufix --version
  assert_exit 0
  assert_match "$RUN_OUT" '^wufix [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(\+dirty)?|unknown), built ([0-9]{4}-[0-9]{2}-[0-9]{2}|unknown), (signed|unsigned)\)$'
}

test_explain_every_pasted_form() {
  local form
  for form in 0x80070002 80070002 0X80070002 -2147024894 2147942402 2; do
    run_wufix --json explain "$form"
    assert_exit 0
    assert_json 0.hresult 0x80070002 "$RUN_OUT"
    assert_json 0.name ERROR_FILE_NOT_FOUND "$RUN_OUT"
    assert_json 0.input "$form" "$RUN_OUT"
  done
}

test_explain_json_keys_and_fixes() {
  run_wufix explain 0x80070002 0x800F081F 1058 --json
  assert_exit 0
  assert_json 0.facility WIN32 "$RUN_OUT"
  assert_json 0.code 2 "$RUN_OUT"
  assert_json 0.fix "wufix repair --only reset" "$RUN_OUT"
  assert_json 1.name CBS_E_SOURCE_MISSING "$RUN_OUT"
  assert_contains "$(json_get 1.fix "$RUN_OUT")" "wufix repair --only dism --source"
  assert_json 2.hresult 0x80070422 "$RUN_OUT"
  assert_json 2.fix "wufix repair --only services" "$RUN_OUT"
  local key
  for key in input hresult name facility code description cause fix; do
    json_get "0.$key" "$RUN_OUT" >/dev/null || fail "explain --json lacks key $key"
  done
}

test_explain_text_matches_native_build() {
  run_wufix explain 0x80240017 0x800f0922
  assert_exit 0
  local native
  native=$("$WUFIX_ROOT/build/native/wufix" explain 0x80240017 0x800f0922)
  assert_eq "$RUN_OUT" "$native"
  assert_contains "$RUN_OUT" WU_E_NOT_APPLICABLE
}

test_explain_unknown_code_is_decoded_not_named() {
  run_wufix --json explain 0x8024FFFE
  assert_exit 0
  assert_json 0.name null "$RUN_OUT"
  assert_json 0.facility WINDOWSUPDATE "$RUN_OUT"
}

test_explain_malformed_input_is_one_line_exit_2() {
  local bad
  for bad in 0xZZZ KB5034441 0x1800700020 99999999999 ""; do
    run_wufix explain 0x80070002 "$bad"
    assert_exit 2
    assert_eq "$RUN_OUT" ""
    assert_eq "$(printf '%s\n' "$RUN_ERR" | wc -l)" 1 "one line for '$bad'"
    assert_contains "$RUN_ERR" "wufix: error:"
  done
}

test_unknown_command_and_option_exit_2() {
  run_wufix frobnicate
  assert_exit 2
  run_wufix explain 2 --frobnicate
  assert_exit 2
}
