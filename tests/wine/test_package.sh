# shellcheck shell=bash
# make package (scripts/package.sh): the zip is byte-reproducible, the MSI opens with msiinfo
# and its file table installs into ProgramFiles\wufix, and the exe in both is the built one.

package_into() {  # package_into DIR: scripts/package.sh with DIST=DIR; fails the test if it fails
  DIST=$1 "$WUFIX_ROOT/scripts/package.sh" >/dev/null 2>"$1.log" || fail "package.sh failed: $(cat "$1.log")"
}

test_package_zip_is_reproducible_and_holds_the_built_exe() {
  local a=$WINE_TEST_TMP/dist-a b=$WINE_TEST_TMP/dist-b version
  version=$(sed -nE 's/^project\(wufix VERSION ([0-9.]+).*/\1/p' "$WUFIX_ROOT/CMakeLists.txt")
  package_into "$a"
  sleep 1.1  # a second later: a timestamp taken from the clock would show
  package_into "$b"
  local zip=wufix-$version-x64.zip
  assert_eq "$(sha256sum <"$a/$zip")" "$(sha256sum <"$b/$zip")" "two builds, different zip bytes"
  assert_eq "$(unzip -Z1 "$a/$zip" | sort | tr '\n' ' ')" "LICENSE README.md THIRD-PARTY-NOTICES.txt wufix.exe "
  assert_eq "$(unzip -p "$a/$zip" wufix.exe | sha256sum)" "$(sha256sum <"$WUFIX_EXE")"
  local notices; notices=$(unzip -p "$a/$zip" THIRD-PARTY-NOTICES.txt)
  assert_contains "$notices" "==== CLI11 ===="
  assert_contains "$notices" "==== fmt ===="
  assert_contains "$notices" "==== nlohmann-json ===="
  (cd "$a" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
}

test_package_msi_opens_and_installs_into_program_files() {
  local d=$WINE_TEST_TMP/dist version
  version=$(sed -nE 's/^project\(wufix VERSION ([0-9.]+).*/\1/p' "$WUFIX_ROOT/CMakeLists.txt")
  package_into "$d"
  local msi=$d/wufix-$version-x64.msi
  local info; info=$(msiinfo suminfo "$msi" 2>&1) || fail "msiinfo cannot open the MSI: $info"
  assert_contains "$info" "Template: x64;1033"
  local tables; tables=$(msiinfo tables "$msi" 2>/dev/null)
  assert_contains "$tables" "Upgrade"
  assert_contains "$(msiinfo export "$msi" Property 2>/dev/null)" "UpgradeCode	{6F1C2B5E-4C1A-4E55-9D3B-0A7E2F1D9C41}"
  assert_contains "$(msiinfo export "$msi" Directory 2>/dev/null)" "ProgramFiles64Folder"
  assert_contains "$(msiinfo export "$msi" Property 2>/dev/null)" "ProductVersion	$version"
  msiextract -C "$WINE_TEST_TMP/x" "$msi" >/dev/null 2>&1 || fail "msiextract failed"
  assert_eq "$(sha256sum <"$WINE_TEST_TMP/x/wufix/wufix.exe")" "$(sha256sum <"$WUFIX_EXE")"
  assert_eq "$(find "$WINE_TEST_TMP/x/wufix" -type f -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ')" "LICENSE README.md THIRD-PARTY-NOTICES.txt wufix.exe "
}
