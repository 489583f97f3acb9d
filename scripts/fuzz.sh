#!/usr/bin/env bash
# Fuzzes the log parsers: one libFuzzer harness per format in tests/fuzz/ (cbs, dism,
# reporting_events, windows_update, setup, sniff for files named nothing known, and excerpt
# for the tolerant reader alone), the two catalog page parsers (catalog_search: Search.aspx,
# catalog_dialog: DownloadDialog.aspx) and the run journal (journal: parse, trust check, JSON),
# built with Debian's clang with ASan and UBSan, seeded with tests/fixtures/logs,
# tests/fixtures/catalog, tests/fixtures/journals and tests/fuzz/corpus/HARNESS (the kept
# corpus: inputs that grew coverage, small files only). On demand, not in CI.
# Usage: scripts/fuzz.sh [SECONDS_EACH] [HARNESS...]   (CPU seconds, default 600; all; two at a time)
# Prints per harness: executions, CPU seconds, coverage (edges), crashes (artifacts in
# build/fuzz/artifacts/HARNESS/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(cbs dism reporting_events windows_update setup sniff excerpt catalog_search catalog_dialog journal)
out=build/fuzz

need=()
command -v clang++ >/dev/null || need+=(clang)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-dev)
dpkg-query -W nlohmann-json3-dev libfmt-dev >/dev/null 2>&1 || need+=(nlohmann-json3-dev libfmt-dev)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
fi

mkdir -p "$out/obj"
# The embedded code table, as CMake's configure_file writes it (only when it changed, so that
# its object is not compiled again on every run).
python3 - <<'PY'
import os
src = open("src/core/error_codes_data.cpp.in").read()
text = src.replace("@WUFIX_ERROR_CODES_TSV@", open("data/error_codes.tsv").read())
path = "build/fuzz/error_codes_data.cpp"
if not os.path.exists(path) or open(path).read() != text:
    open(path + ".new", "w").write(text)
    os.replace(path + ".new", path)
PY
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -Isrc -Itests/fuzz -DWUFIX_VERSION='"fuzz"' -DFMT_HEADER_ONLY)
# The whole core, in an archive: each harness links the objects it reaches.
mapfile -t sources < <(find src/core -name '*.cpp' | sort)
sources+=("$out/error_codes_data.cpp")
# An object is stale when it, or a file its .d names (clang -MMD), is older than a source.
stale_object() {
  local o=$1 s=$2 dep
  [[ -f $o && -f $o.d && ! $s -nt $o ]] || return 0
  for dep in $(sed -e 's/\\$//' -e 's/^[^:]*://' "$o.d"); do [[ $dep -nt $o ]] && return 0; done
  return 1
}
objects=() stale=()
for s in "${sources[@]}"; do
  o="$out/obj/$(tr / _ <<<"${s%.cpp}").o"
  stale_object "$o" "$s" && stale+=("$o.d" "$o" "$s")  # clang++ ... -MMD -MF DEP -c -o OBJ SRC
  objects+=("$o")
done
if ((${#stale[@]})); then
  echo "compiling $((${#stale[@]} / 3)) files"
  # xargs appends DEP OBJ SRC after the flags.
  printf '%s\0' "${stale[@]}" | xargs -0 -n 3 -P "$(nproc)" bash -c \
    'exec nice -n 10 clang++ "${@:1:$#-3}" -MMD -MF "${@: -3:1}" -c -o "${@: -2:1}" "${@: -1}"' compile \
    "${flags[@]/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,}"
fi
rm -f "$out/core.a" && ar rcs "$out/core.a" "${objects[@]}"

seed() {  # corpus: the kept corpus and the fixtures, whole and read in 7-byte pieces (first byte = read size)
  local h=$1 dir=$out/corpus/$1 pattern
  mkdir -p "$dir"
  [[ -d tests/fuzz/corpus/$h ]] && cp -n tests/fuzz/corpus/"$h"/* "$dir"/ 2>/dev/null
  if [[ $h == journal ]]; then
    for f in tests/fixtures/journals/*.jsonl; do
      { printf '\0'; cat "$f"; } >"$dir/seed-whole-$(basename "$f")"
      { printf '\7'; cat "$f"; } >"$dir/seed-split-$(basename "$f")"
    done
    return
  fi
  if [[ $h == catalog_* ]]; then  # whole pages; @BASE@ as the catalog server fills it in
    mkdir -p "$dir"
    local kind=search; [[ $h == catalog_dialog ]] && kind=download
    for f in tests/fixtures/catalog/"$kind"_*.html tests/fixtures/catalog/catalog_busy.html; do
      sed 's|@BASE@|https://catalog.s.download.windowsupdate.com|g' "$f" >"$dir/seed-$(basename "$f")"
    done
    return
  fi
  case $h in
    cbs) pattern='CBS.log|CbsPersist|cbs_|sfc_|junk|paste_cbs|paste_info|paste_joined' ;;
    setup) pattern='setupact|setuperr' ;;
    dism) pattern='dism' ;;
    reporting_events) pattern='ReportingEvents' ;;
    windows_update) pattern='WindowsUpdate' ;;
    *) pattern='.' ;;
  esac
  mkdir -p "$dir"
  for f in tests/fixtures/logs/*.log; do
    [[ $(basename "$f") =~ $pattern ]] || continue
    { printf '\0'; cat "$f"; } >"$dir/seed-whole-$(basename "$f")"
    { printf '\7'; cat "$f"; } >"$dir/seed-split-$(basename "$f")"
  done
}

run_one() {
  local h=$1
  mkdir -p "$out/artifacts/$h" && touch "$out/$h.start"  # crashes of this run: newer than it
  # -timeout is wall time: 60 s, so that a harness starved by other work (nice 19) is no hang.
  local max_len=65536; [[ $h == catalog_* ]] && max_len=262144
  /usr/bin/time -f 'cpu_seconds %U %S' -o "$out/$h.time" \
    nice -n 19 "$out/fuzz_$h" -max_total_time=$((seconds * 4)) -max_len="$max_len" -timeout=60 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$h/" "$out/corpus/$h" >"$out/$h.log" 2>&1 &
  local timer=$! pid="" ticks=$(getconf CLK_TCK)
  # The budget is CPU time, whatever else the machine does: SIGINT (libFuzzer then prints its
  # final stats) once the harness has used SECONDS_EACH of CPU.
  while kill -0 "$timer" 2>/dev/null; do
    sleep 5
    [[ -n $pid ]] || pid=$(pgrep -P "$timer" -f "fuzz_$h" | head -1) || continue
    local used
    used=$(awk -v t="$ticks" '{ print int(($14 + $15) / t) }' "/proc/$pid/stat" 2>/dev/null) || continue
    ((used >= seconds)) && kill -INT "$pid" 2>/dev/null
  done
  wait "$timer" || true
}

for h in "${harnesses[@]}"; do
  echo "linking fuzz_$h"
  nice -n 10 clang++ "${flags[@]}" "tests/fuzz/fuzz_$h.cpp" "$out/core.a" -o "$out/fuzz_$h"
  seed "$h"
done

echo "fuzzing ${harnesses[*]} for $seconds CPU s each, two at a time"
for ((i = 0; i < ${#harnesses[@]}; i += 2)); do
  run_one "${harnesses[i]}" &
  ((i + 1 < ${#harnesses[@]})) && run_one "${harnesses[i + 1]}" &
  wait
done

# Keep what grew coverage, small inputs only (libFuzzer's set-cover merge: the fewest inputs that
# keep the coverage of the kept corpus and this run's together).
for h in "${harnesses[@]}"; do
  mkdir -p "tests/fuzz/corpus/$h"
  "$out/fuzz_$h" -set_cover_merge=1 -max_len=4096 "tests/fuzz/corpus/$h" "$out/corpus/$h" >"$out/$h.merge.log" 2>&1 ||
    echo "merging the corpus of $h failed (see $out/$h.merge.log)"
done

status=0
for h in "${harnesses[@]}"; do
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$h.log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(find "$out/artifacts/$h" -type f -newer "$out/$h.start" | wc -l)
  corpus=$(find "$out/corpus/$h" -type f | wc -l)
  cpu=$(awk '/^cpu_seconds/ { printf "%.0f", $2 + $3 }' "$out/$h.time" 2>/dev/null || echo "?")
  edges=$(grep -oE '(DONE|pulse|REDUCE|NEW) +cov: [0-9]+' "$out/$h.log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
  kept=$(find "tests/fuzz/corpus/$h" -type f | wc -l)
  printf '%-17s %12s executions  %6s CPU s  cov %5s edges  %d crashes  corpus %d, kept %d  (%s)\n' \
    "$h" "$execs" "$cpu" "$edges" "$crashes" "$corpus" "$kept" "$out/$h.log"
  ((crashes == 0)) || status=1
done
exit $status
