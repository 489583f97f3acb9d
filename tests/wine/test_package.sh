# shellcheck shell=bash
# make package (scripts/package.sh): every artefact is byte-reproducible, the MSI opens with
# msiinfo, its file table installs into ProgramFiles\wufix, it installs under Wine with wufix on
# the system PATH and uninstalls clean, and the exe in the zip and the MSI is the built one.

ENV_KEY='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'

test_package_is_reproducible_and_holds_the_built_exe() {
  local a=$WINE_TEST_TMP/dist-a b=$WINE_TEST_TMP/dist-b version
  version=$(wufix_version)
  package_into "$a"
  sleep 1.1  # a second later: a timestamp taken from the clock would show
  package_into "$b"
  local zip=wufix-$version-x64.zip msi=wufix-$version-x64.msi
  assert_eq "$(sha256sum <"$a/$zip")" "$(sha256sum <"$b/$zip")" "two builds, different zip bytes"
  assert_eq "$(sha256sum <"$a/$msi")" "$(sha256sum <"$b/$msi")" "two builds, different MSI bytes"
  assert_eq "$(cat "$a/SHA256SUMS")" "$(cat "$b/SHA256SUMS")" "two builds, different SHA256SUMS (zip, MSI, SBOM)"
  assert_eq "$(cd "$a/manifests" && find . -type f -exec sha256sum {} + | sort)" \
    "$(cd "$b/manifests" && find . -type f -exec sha256sum {} + | sort)" "two builds, different manifests"
  assert_eq "$(unzip -Z1 "$a/$zip" | sort | tr '\n' ' ')" "LICENSE README.md THIRD-PARTY-NOTICES.txt wufix.exe "
  assert_eq "$(unzip -p "$a/$zip" wufix.exe | sha256sum)" "$(sha256sum <"$WUFIX_EXE")"
  local notices; notices=$(unzip -p "$a/$zip" THIRD-PARTY-NOTICES.txt)
  assert_contains "$notices" "==== CLI11 ===="
  assert_contains "$notices" "==== fmt ===="
  assert_contains "$notices" "==== nlohmann-json ===="
  assert_contains "$notices" "==== MinGW-w64 runtime (CRT, winpthreads) ===="
  assert_contains "$notices" "==== GCC runtime (libstdc++, libgcc; GCC Runtime Library Exception) ===="
  assert_eq "$(cut -d' ' -f3 "$a/SHA256SUMS" | tr '\n' ' ')" "$zip $msi wufix-$version-x64.spdx.json "
  (cd "$a" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
}

test_package_msi_opens_and_installs_into_program_files() {
  local d=$WINE_TEST_TMP/dist version
  version=$(wufix_version)
  package_into "$d"
  local msi=$d/wufix-$version-x64.msi
  local info; info=$(TZ=UTC msiinfo suminfo "$msi" 2>&1) || fail "msiinfo cannot open the MSI: $info"
  assert_contains "$info" "Template: x64;1033"
  # the package code (revision number) and times are pinned, not wixl's random UUID and clock
  assert_match "$info" "Revision number \(UUID\): \{[0-9A-F-]{36}\}"
  local epoch=${SOURCE_DATE_EPOCH:-$(git -C "$WUFIX_ROOT" log -1 --format=%ct)}
  assert_contains "$info" "Created: $(TZ=UTC LC_ALL=C date -d "@$epoch" '+%a %b %e %H:%M:%S %Y')"
  local tables; tables=$(msiinfo tables "$msi" 2>/dev/null)
  assert_contains "$tables" "Upgrade"
  assert_contains "$(msiinfo export "$msi" Property 2>/dev/null)" "UpgradeCode	{6F1C2B5E-4C1A-4E55-9D3B-0A7E2F1D9C41}"
  assert_contains "$(msiinfo export "$msi" Directory 2>/dev/null)" "ProgramFiles64Folder"
  assert_contains "$(msiinfo export "$msi" Property 2>/dev/null)" "ProductVersion	$version"
  assert_contains "$(msiinfo export "$msi" Environment 2>/dev/null)" "PATH	=-*PATH	[~];[INSTALLDIR]	WufixExe"
  local seq; seq=$(msiinfo export "$msi" InstallExecuteSequence 2>/dev/null)
  assert_contains "$seq" "WriteEnvironmentStrings		5200"
  assert_contains "$seq" "RemoveEnvironmentStrings		3300"
  msiextract -C "$WINE_TEST_TMP/x" "$msi" >/dev/null 2>&1 || fail "msiextract failed"
  assert_eq "$(sha256sum <"$WINE_TEST_TMP/x/wufix/wufix.exe")" "$(sha256sum <"$WUFIX_EXE")"
  assert_eq "$(find "$WINE_TEST_TMP/x/wufix" -type f -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ')" "LICENSE README.md THIRD-PARTY-NOTICES.txt wufix.exe "
}

# Wine's msiexec runs the MSI's own sequence: InstallFiles, WriteEnvironmentStrings, and on /x
# RemoveFiles and RemoveEnvironmentStrings.
test_package_msi_installs_on_path_and_uninstalls_clean_under_wine() {
  local d=$WINE_TEST_TMP/dist version
  version=$(wufix_version)
  package_into "$d"
  local msi; msi=$(winpath "$d/wufix-$version-x64.msi")
  local path_before; path_before=$(reg_get "$ENV_KEY" Path) || fail "no system Path before the install"
  run_win wufix.exe --version
  assert_ne "$RUN_EXIT" 0 "wufix.exe is found before the install"
  run_win --timeout 120 msiexec.exe /i "$msi" /qn
  assert_exit 0
  assert_file_exists 'C:\Program Files\wufix\wufix.exe'
  assert_eq "$(sha256sum <"$(unixpath 'C:\Program Files\wufix\wufix.exe')")" "$(sha256sum <"$WUFIX_EXE")"
  local path_after; path_after=$(reg_get "$ENV_KEY" Path)
  assert_eq "$path_after" "$path_before;C:\\Program Files\\wufix\\" "the install appends wufix to the system Path"
  run_win wufix.exe --version  # found through the new Path
  assert_exit 0
  assert_contains "$RUN_OUT" "wufix $version ("
  run_win --timeout 120 msiexec.exe /x "$msi" /qn
  assert_exit 0
  assert_file_absent 'C:\Program Files\wufix\wufix.exe'
  # Wine 8.0's msi leaves the ';' that preceded the removed part: the Path is what it was, plus that.
  local path_uninstalled; path_uninstalled=$(reg_get "$ENV_KEY" Path)
  assert_eq "${path_uninstalled%;}" "$path_before" "the uninstall takes wufix off the system Path"
}
