# shellcheck shell=bash
# examples/: every PowerShell file parses (tree-sitter grammar from npm, pinned in tools/npm),
# the Ansible playbook loads, and the wufix command lines the examples use give, under Wine,
# the exit codes and the last line the engines act on.

EXAMPLES=$WUFIX_ROOT/examples

test_examples_powershell_parses_without_errors() {
  local files; mapfile -t files < <(find "$EXAMPLES" -name '*.ps1' | sort)
  ((${#files[@]} >= 6)) || fail "expected the Intune, ConfigMgr and PDQ scripts, found ${#files[@]}"
  local out; out=$(ps_syntax "${files[@]}") || fail "PowerShell syntax errors:"$'\n'"$out"
  # the checker itself catches a broken script (an unclosed block, as a bad merge leaves it)
  sed '0,/{/s//{ (/' "$EXAMPLES/intune/detect.ps1" >"$WINE_TEST_TMP/broken.ps1"
  if ps_syntax "$WINE_TEST_TMP/broken.ps1" >/dev/null; then fail "a broken script parsed"; fi
}

test_examples_intune_scripts_use_sysnative_and_never_stderr() {
  local f
  for f in "$EXAMPLES"/intune/*.ps1; do
    assert_contains "$(cat "$f")" 'Sysnative'
    assert_contains "$(cat "$f")" 'ProgramW6432'
    assert_not_contains "$(cat "$f")" 'Write-Error'
    assert_not_contains "$(cat "$f")" 'Restart-Computer'
  done
}

test_examples_ansible_playbook_loads() {
  /usr/bin/python3 - "$EXAMPLES/ansible/wufix.yml" <<'PY' || fail "the playbook is not what Ansible needs"
import sys, yaml
plays = yaml.safe_load(open(sys.argv[1]))
tasks = plays[0]["tasks"]
by_module = {}
for t in tasks:
    for key in t:
        if key.startswith("ansible."):
            by_module.setdefault(key.rsplit(".", 1)[1], []).append(t)
assert by_module["win_package"], "win_package installs the MSI"
commands = by_module["win_command"]
argvs = [c["ansible.windows.win_command"]["argv"][1:] for c in commands]
assert ["diagnose", "--fleet"] in argvs and ["repair", "--fleet", "--yes"] in argvs, argvs
for c in commands:
    assert "changed_when" in c and "failed_when" in c, c["name"]
repair = commands[1]
assert "3010" in str(repair["failed_when"]), "3010 is not a failure"
assert "from_json" in str(repair["changed_when"]), "changed_when reads the JSON line"
reboot = by_module["win_reboot"][0]
assert "3010" in str(reboot["when"]), "win_reboot on 3010"
PY
}

# The command lines of the examples, each with the example that uses it.
example_uses() {  # example_uses FILE TEXT: the example really runs this command line
  assert_contains "$(cat "$EXAMPLES/$1")" "$2" "$1 does not run: $2"
}

test_examples_command_lines_under_wine() {
  example_uses intune/detect.ps1 'diagnose --fleet'
  example_uses intune/remediate.ps1 'repair --fleet --yes'
  example_uses configmgr/discovery.ps1 'diagnose --fleet'
  example_uses configmgr/remediation.ps1 'repair --fleet --yes'
  example_uses configmgr/run-script.ps1 'report --json --fleet'
  example_uses pdq/wufix-repair.ps1 'repair --fleet --yes'
  make_healthy
  svc_config wuauserv disabled

  # detection: exit 1 with fix_steps -> Intune runs the remediation
  run_wufix diagnose --fleet
  assert_exit 1
  assert_eq "$(stat -c %s "$RUN_ERR_FILE")" 0 "stderr would make it a script error"
  local last; last=$(tail -n 1 <<<"$RUN_OUT")
  assert_json fix_steps.0 services "$last"
  # remediation: exit 0, the step done (Ansible's changed_when)
  run_wufix repair --fleet --yes
  assert_exit 0
  last=$(tail -n 1 <<<"$RUN_OUT")
  assert_json steps.0.status "done" "$last"
  assert_json exit_code 0 "$last"
  # detection after remediation: nothing a repair step fixes -> compliant
  run_wufix diagnose --fleet
  last=$(tail -n 1 <<<"$RUN_OUT")
  assert_json fix_steps '[]' "$last"
  # ConfigMgr run-script's report action
  run_wufix report --json --fleet
  assert_exit 0
  assert_match "$(json_get out "$(tail -n 1 <<<"$RUN_OUT")")" 'ProgramData\\wufix\\reports'
}
