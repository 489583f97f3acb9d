#!/usr/bin/env bash
# Runs every test: the unit tests of the core, then the Wine end-to-end tests.
# Ends with one line, "N passed, M failed", summing both; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/test-results

unit_json=build/test-results/unit.json
rm -f "$unit_json"
scripts/phase.sh unit build/native/wufix-tests --gtest_brief=1 --gtest_output="json:$unit_json"
unit_rc=$?
read -r unit_passed unit_failed < <(python3 - "$unit_json" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print(0, 1)  # the test binary crashed before writing its report
    sys.exit()
failed = data.get("failures", 0) + data.get("errors", 0)
print(data.get("tests", 0) - failed - data.get("disabled", 0), failed)
PY
)
if [[ $unit_rc -ne 0 && $unit_failed -eq 0 ]]; then unit_failed=1; fi
echo "unit: $unit_passed passed, $unit_failed failed"

e2e_log=build/test-results/e2e.log
scripts/phase.sh e2e tests/wine/run.sh -j "${WINE_TEST_JOBS:-2}" 2>&1 | tee "$e2e_log"
e2e_rc=${PIPESTATUS[0]}
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$e2e_log" | tail -n 1)
e2e_passed=${summary%% passed*}
e2e_failed=${summary#*, }
e2e_failed=${e2e_failed%% failed}
if [[ -z $summary ]]; then e2e_passed=0; e2e_failed=1; fi
if [[ $e2e_rc -ne 0 && $e2e_failed -eq 0 ]]; then e2e_failed=1; fi
echo "e2e: $e2e_passed passed, $e2e_failed failed"

# The phases of this run (make test starts the file with deps and the builds): wall and CPU s.
echo "phase times (s):"
while IFS=$'\t' read -r phase wall cpu; do
  printf '  %-14s %5s wall %6s CPU\n' "$phase" "$wall" "$cpu"
done < <(cat build/test-results/phases.tsv 2>/dev/null)

passed=$((unit_passed + e2e_passed))
failed=$((unit_failed + e2e_failed))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
