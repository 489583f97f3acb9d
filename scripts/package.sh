#!/usr/bin/env bash
# make package: build/dist/wufix-<version>-x64.zip and .msi, SHA256SUMS, from the built exe.
# The zip is reproducible: same inputs and SOURCE_DATE_EPOCH (default: the commit's time)
# give the same bytes (sorted names, fixed times in UTC, no extra attributes). The MSI is made
# by wixl (msitools 0.101), which stamps the build time and a random revision UUID into the
# summary information: its bytes differ per build; its files do not (tests/wine/test_package.sh).
# Env: WUFIX_EXE (default build/windows/wufix.exe), DIST (default build/dist).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exe=${WUFIX_EXE:-$root/build/windows/wufix.exe}
dist=${DIST:-$root/build/dist}
version=$(sed -nE 's/^project\(wufix VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
: "${SOURCE_DATE_EPOCH:=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}"
export SOURCE_DATE_EPOCH TZ=UTC
[[ -f $exe ]] || { echo "package.sh: no $exe (make build-windows)" >&2; exit 2; }

stage=$dist/stage
rm -rf "$stage" && mkdir -p "$stage"
cp "$exe" "$stage/wufix.exe"
cp "$root/README.md" "$root/LICENSE" "$stage/"
{
  echo "wufix.exe contains code from these projects, under their licenses:"
  for pkg in libcli11-dev:CLI11 libfmt-dev:fmt nlohmann-json3-dev:nlohmann-json; do
    printf '\n==== %s ====\n\n' "${pkg#*:}"
    cat "/usr/share/doc/${pkg%%:*}/copyright"
  done
} >"$stage/THIRD-PARTY-NOTICES.txt"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

zip=$dist/wufix-$version-x64.zip msi=$dist/wufix-$version-x64.msi
rm -f "$zip" "$msi"
(cd "$stage" && LC_ALL=C find . -type f -printf '%P\n' | LC_ALL=C sort | zip -q -X -D "$zip" -@)

# Fixed product code per version (a new version is a new product; the upgrade code is fixed).
guid() { sha256sum <<<"wufix-$1-$version" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\U\1-\2-\3-\4-\5/'; }
sed "s|\$(var.Stage)/||" "$root/packaging/wufix.wxs" >"$stage/wufix.wxs"
(
  cd "$stage"
  wixl -a x64 -D Version="$version" -D ProductCode="$(guid product)" \
    -D PackageCode="$(guid package)" -o "$msi" wufix.wxs 2>&1 | { grep -v '^$' >&2 || true; }
)
rm "$stage/wufix.wxs"
[[ -s $msi ]] || { echo "package.sh: wixl made no MSI" >&2; exit 1; }

(cd "$dist" && sha256sum "$(basename "$zip")" "$(basename "$msi")" >SHA256SUMS)
cat "$dist/SHA256SUMS"
