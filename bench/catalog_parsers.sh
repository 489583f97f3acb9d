#!/usr/bin/env bash
# bench/catalog_parsers.sh [KB] [LIMIT_S] [LIMIT_MB]: hostile catalog pages (KB each, default 8192)
# through the Search.aspx and DownloadDialog.aspx parsers: prints time and peak RSS per page and
# fails when a page takes more than LIMIT_S seconds (default 2) or the process more than
# LIMIT_MB of memory (default 400). A linear parser takes milliseconds per MB; the quadratic
# ones of issue #11 took minutes. BEFORE=REV also runs the parsers of git revision REV on
# BEFORE_KB-sized pages (default 256; 10 minutes at most) for the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
kb=${1:-8192}
limit_s=${2:-2}
limit_mb=${3:-400}
out=build/bench-catalog
mkdir -p "$out"

build() {  # build SRC_ROOT EXE
  local srcs=() f
  for f in markup search_page download_dialog url; do srcs+=("$1/src/core/catalog/$f.cpp"); done
  [[ -f $1/src/core/safe_text.cpp ]] && srcs+=("$1/src/core/safe_text.cpp")
  nice -n 10 g++ -std=c++20 -O2 -DFMT_HEADER_ONLY -I"$1/src" bench/catalog_parsers.cpp "${srcs[@]}" \
    "$1/src/core/result.cpp" -o "$2"
}

if [[ -n ${BEFORE:-} ]]; then
  old=$out/before-src
  rm -rf "$old" && mkdir -p "$old"
  git archive "$BEFORE" src | tar -x -C "$old"
  build "$old" "$out/before"
  echo "== parsers of $BEFORE"
  timeout 600 "$out/before" "${BEFORE_KB:-256}" || echo "(stopped: over 600 s)"
fi

build . "$out/now"
echo "== parsers of this tree"
report=$("$out/now" "$kb")
echo "$report"
awk -v ls="$limit_s" -v lm="$limit_mb" '
  { for (i = 1; i <= NF; i++) { if ($(i) == "s" && $(i - 1) + 0 > ls) bad = bad "\n  too slow: " $0
                                  if ($(i) == "RSS") rss = $(i + 1) } }
  END { if (rss + 0 > lm) bad = bad "\n  peak RSS " rss " MB over " lm " MB"
        if (bad != "") { print "FAIL:" bad; exit 1 } print "ok: every page under " ls " s, peak RSS " rss " MB" }' <<<"$report"
