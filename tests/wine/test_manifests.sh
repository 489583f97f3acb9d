# shellcheck shell=bash
# make package's SPDX SBOM and store manifests (scripts/sbom.py, scripts/manifests.py): they
# match the schemas (tests/schemas: hand-written subsets of the published winget 1.6.0, Scoop and
# SPDX 2.3 schemas), the nuspec has the elements NuGet and Chocolatey require, every hash in them
# is the artefact's (tests/wine/check_release.py), and chocolateyinstall.ps1 parses.

check_release() {  # check_release DIR: prints the problems, status 1 when there is any
  /usr/bin/python3 "$WINE_TESTS_DIR/check_release.py" "$1" "$(wufix_version)"
}

test_manifests_match_their_schemas_and_the_artefacts_hashes() {
  local d=$WINE_TEST_TMP/dist
  package_into "$d"
  local out; out=$(check_release "$d") || fail "the release does not check out:"$'\n'"$out"
  local m=$d/manifests
  assert_eq "$(cd "$m" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" \
    "./chocolatey/tools/LICENSE.txt ./chocolatey/tools/VERIFICATION.txt ./chocolatey/tools/chocolateyinstall.ps1 ./chocolatey/tools/wufix-$(wufix_version)-x64.zip ./chocolatey/wufix.nuspec ./scoop/wufix.json ./winget/wufix.wufix.installer.yaml ./winget/wufix.wufix.locale.en-US.yaml ./winget/wufix.wufix.yaml "
  assert_contains "$(cat "$m/winget/wufix.wufix.installer.yaml")" "# yaml-language-server: \$schema=https://aka.ms/winget-manifest.installer.1.6.0.schema.json"
  out=$(ps_syntax "$m/chocolatey/tools/chocolateyinstall.ps1") || fail "chocolateyinstall.ps1:"$'\n'"$out"
}

# The checker is what makes the test above worth anything: a hash one digit off, a manifest
# that lost a required field, a nuspec that is not XML are each reported.
test_manifests_checker_catches_wrong_hashes_and_missing_fields() {
  local d=$WINE_TEST_TMP/dist
  package_into "$d"
  sed -i -E 's/("hash": ")0/\1f/; t; s/("hash": ")[0-9a-f]/\10/' "$d/manifests/scoop/wufix.json"
  sed -i -E '0,/SHA256: /{s/(SHA256: )0/\1f/; t; s/(SHA256: )[0-9a-fA-F]/\10/}' "$d/manifests/chocolatey/tools/VERIFICATION.txt"
  sed -i '/^ShortDescription:/d' "$d/manifests/winget/wufix.wufix.locale.en-US.yaml"
  local out
  if out=$(check_release "$d"); then fail "wrong hashes passed the check"; fi
  assert_contains "$out" "scoop hash: hash"
  assert_contains "$out" "VERIFICATION.txt zip: hash"
  assert_contains "$out" "'ShortDescription' is a required property"
  sed -i 's|</metadata>|</metadta>|' "$d/manifests/chocolatey/wufix.nuspec"
  out=$(check_release "$d") || true
  assert_contains "$out" "nuspec: not well-formed XML"
}

test_manifests_sbom_names_what_is_compiled_in() {
  local d=$WINE_TEST_TMP/dist version
  version=$(wufix_version)
  package_into "$d"
  local sbom=$d/wufix-$version-x64.spdx.json
  assert_json spdxVersion "SPDX-2.3" "$(cat "$sbom")"
  assert_json packages.0.checksums.0.checksumValue "$(sha256sum <"$WUFIX_EXE" | cut -d' ' -f1)" "$(cat "$sbom")"
  local names; names=$(/usr/bin/python3 -c 'import json,sys; print(" ".join(p["name"] + "@" + p["versionInfo"] for p in json.load(open(sys.argv[1]))["packages"]))' "$sbom")
  local cli11 fmt json
  cli11=$(dpkg-query -W -f='${Version}' libcli11-dev) fmt=$(dpkg-query -W -f='${Version}' libfmt-dev)
  json=$(dpkg-query -W -f='${Version}' nlohmann-json3-dev)
  assert_contains "$names" "wufix@$version CLI11@${cli11%%[+-]*} fmt@${fmt%%[+-]*} nlohmann-json@${json%%[+-]*} libstdc++ (GCC)@"
  assert_contains "$names" "MinGW-w64 runtime (CRT, winpthreads)@"
  # the namespace follows the exe: another exe, another document; the same exe, the same one
  assert_json documentNamespace "https://github.com/wufix/wufix/spdx/wufix-$version-x64-$(sha256sum <"$WUFIX_EXE" | cut -d' ' -f1)" "$(cat "$sbom")"
}
