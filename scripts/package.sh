#!/usr/bin/env bash
# make package: build/dist/wufix-<version>-x64.zip and .msi, the SPDX SBOM
# (wufix-<version>-x64.spdx.json), SHA256SUMS, and the store manifests in build/dist/manifests
# (winget, Scoop, Chocolatey; scripts/manifests.py), from the built exe. Reproducible: the same
# inputs and SOURCE_DATE_EPOCH (default: the commit's time) give the same bytes: the zip has
# sorted names, fixed times in UTC and no extra attributes; the MSI's package code is derived
# from its content and its summary times from SOURCE_DATE_EPOCH (scripts/msi_finish.py: wixl
# would stamp a random UUID and the clock's time).
# Env: WUFIX_EXE (default build/windows/wufix.exe), DIST (default build/dist), WUFIX_SIGN_MSI=1
# (sign the MSI with scripts/sign.sh before it is hashed: make sign), WUFIX_HOMEPAGE (manifests).
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
  for pkg in libcli11-dev:CLI11 libfmt-dev:fmt nlohmann-json3-dev:nlohmann-json \
    "mingw-w64-x86-64-dev:MinGW-w64 runtime (CRT, winpthreads)" \
    "g++-mingw-w64-x86-64-posix:GCC runtime (libstdc++, libgcc; GCC Runtime Library Exception)"; do
    printf '\n==== %s ====\n\n' "${pkg#*:}"
    cat "/usr/share/doc/${pkg%%:*}/copyright"
  done
} >"$stage/THIRD-PARTY-NOTICES.txt"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

zip=$dist/wufix-$version-x64.zip msi=$dist/wufix-$version-x64.msi
rm -f "$zip" "$msi"
(cd "$stage" && LC_ALL=C find . -type f -printf '%P\n' | LC_ALL=C sort | zip -q -X -D "$zip" -@)

# Fixed product code per version (a new version is a new product; the upgrade code is fixed);
# the package code names these exact bytes: it changes with any staged file (a rebuilt or signed
# exe) and with the recipe (the .wxs, msi_finish.py).
guid() { sha256sum <<<"$1" | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\U\1-\2-\3-\4-\5/'; }
product_code=$(guid "wufix-product-$version")
package_code=$(guid "wufix-package-$version
$(cd "$stage" && sha256sum -- * | LC_ALL=C sort)
$(cd "$root" && sha256sum packaging/wufix.wxs scripts/msi_finish.py)")
sed "s|\$(var.Stage)/||" "$root/packaging/wufix.wxs" >"$stage/wufix.wxs"
(
  cd "$stage"
  wixl -a x64 -D Version="$version" -D ProductCode="$product_code" \
    -D PackageCode="$package_code" -o "$msi" wufix.wxs 2>&1 | { grep -v '^$' >&2 || true; }
)
rm "$stage/wufix.wxs"
[[ -s $msi ]] || { echo "package.sh: wixl made no MSI" >&2; exit 1; }
/usr/bin/python3 "$root/scripts/msi_finish.py" "$msi" "$package_code"
if [[ ${WUFIX_SIGN_MSI:-0} == 1 ]]; then "$root/scripts/sign.sh" "$msi"; fi

sbom=$dist/wufix-$version-x64.spdx.json
/usr/bin/python3 "$root/scripts/sbom.py" "$exe" "$version" "$sbom"
(cd "$dist" && sha256sum "$(basename "$zip")" "$(basename "$msi")" "$(basename "$sbom")" >SHA256SUMS)
/usr/bin/python3 "$root/scripts/manifests.py" "$dist" "$version"
cat "$dist/SHA256SUMS"
