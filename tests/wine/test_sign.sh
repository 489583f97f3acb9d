# shellcheck shell=bash
# make sign (scripts/sign.sh) with a throw-away CA and code-signing certificate made here with
# openssl: copies of wufix.exe and the MSI are signed and verify against that CA (and not against
# the system's CAs), a copy with one byte flipped fails verification, a wrong password signs
# nothing, a time-stamping URL gives a verified RFC 3161 time stamp (a loopback server,
# tests/wine/tsa_server.py), the signed exe says "signed" in --version under Wine, and the whole `make sign` flow
# leaves a reproducible release whose zip, MSI and manifests carry the signed exe.

make_test_pki() {  # make_test_pki DIR: a CA and a signer.pfx (password test-pass); exports WUFIX_SIGN_*
  local d=$1
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
    -subj "/CN=wufix throw-away test CA" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>"$d/log" || fail "openssl CA: $(cat "$d/log")"
  openssl req -newkey rsa:2048 -nodes -keyout "$d/signer.key" -out "$d/signer.csr" \
    -subj "/CN=wufix test code signing" 2>"$d/log" || fail "openssl CSR: $(cat "$d/log")"
  printf '%s\n' basicConstraints=CA:FALSE keyUsage=critical,digitalSignature \
    extendedKeyUsage=codeSigning subjectKeyIdentifier=hash authorityKeyIdentifier=keyid >"$d/signer.ext"
  openssl x509 -req -in "$d/signer.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -set_serial 1 -days 2 \
    -extfile "$d/signer.ext" -out "$d/signer.pem" 2>"$d/log" || fail "openssl x509: $(cat "$d/log")"
  openssl pkcs12 -export -inkey "$d/signer.key" -in "$d/signer.pem" -certfile "$d/ca.pem" \
    -passout pass:test-pass -out "$d/signer.pfx" 2>"$d/log" || fail "openssl pkcs12: $(cat "$d/log")"
  export WUFIX_SIGN_PFX=$d/signer.pfx WUFIX_SIGN_PASSWORD=test-pass WUFIX_SIGN_CAFILE=$d/ca.pem
  # The signing time (no time-stamping server here): inside the certificate's validity, which starts now.
  SOURCE_DATE_EPOCH=$(date +%s)
  export SOURCE_DATE_EPOCH
}

flip_byte() {  # flip_byte FILE OFFSET: XORs one byte of FILE with 0x01
  /usr/bin/python3 -c 'import sys
f = open(sys.argv[1], "r+b"); f.seek(int(sys.argv[2])); b = f.read(1)[0]; f.seek(int(sys.argv[2])); f.write(bytes([b ^ 1]))' "$1" "$2"
}

verify() { osslsigncode verify "$@" 2>&1; }

test_sign_exe_and_msi_verify_and_a_flipped_byte_does_not() {
  make_test_pki "$WINE_TEST_TMP/pki"
  local t=$WINE_TEST_TMP/t version
  version=$(wufix_version)
  package_into "$WINE_TEST_TMP/dist"
  mkdir -p "$t" && cp "$WUFIX_EXE" "$t/wufix.exe" && cp "$WINE_TEST_TMP/dist/wufix-$version-x64.msi" "$t/wufix.msi"
  local out; out=$("$WUFIX_ROOT/scripts/sign.sh" "$t/wufix.exe" "$t/wufix.msi" 2>&1) || fail "sign.sh: $out"
  assert_contains "$out" "signed and verified: $t/wufix.exe"
  assert_contains "$out" "signed and verified: $t/wufix.msi"
  assert_ne "$(sha256sum <"$t/wufix.exe")" "$(sha256sum <"$WUFIX_EXE")" "the exe was not changed by signing"
  local f
  for f in wufix.exe wufix.msi; do
    out=$(verify -CAfile "$WUFIX_SIGN_CAFILE" -in "$t/$f") || fail "$f does not verify against the test CA: $out"
    assert_contains "$out" "Signature verification: ok"
    if out=$(verify -in "$t/$f"); then fail "$f verifies without the test CA (the chain is not checked)"; fi
  done
  # one byte of code in the middle of the exe; one byte of the MSI's summary stream (hashed)
  cp "$t/wufix.exe" "$t/bad.exe" && flip_byte "$t/bad.exe" $(($(stat -c %s "$t/bad.exe") / 2))
  cp "$t/wufix.msi" "$t/bad.msi"
  flip_byte "$t/bad.msi" "$(grep -obUa 'diagnose and repair Windows Update' "$t/bad.msi" | head -1 | cut -d: -f1)"
  for f in bad.exe bad.msi; do
    if out=$(verify -CAfile "$WUFIX_SIGN_CAFILE" -in "$t/$f"); then fail "tampered $f verifies: $out"; fi
    assert_contains "$out" "MISMATCH"
  done
}

test_sign_with_a_wrong_password_signs_nothing() {
  make_test_pki "$WINE_TEST_TMP/pki"
  cp "$WUFIX_EXE" "$WINE_TEST_TMP/wufix.exe"
  local rc=0 out
  out=$(WUFIX_SIGN_PASSWORD=wrong "$WUFIX_ROOT/scripts/sign.sh" "$WINE_TEST_TMP/wufix.exe" 2>&1) || rc=$?
  assert_eq "$rc" 1 "sign.sh with a wrong password: $out"
  assert_contains "$out" "signing $WINE_TEST_TMP/wufix.exe failed"
  assert_eq "$(sha256sum <"$WINE_TEST_TMP/wufix.exe")" "$(sha256sum <"$WUFIX_EXE")" "the file was changed"
  assert_eq "$(find "$WINE_TEST_TMP" -maxdepth 1 -name 'wufix.exe.*' | wc -l)" 0 "leftovers of the failed signing"
  rc=0; out=$(WUFIX_SIGN_PFX='' "$WUFIX_ROOT/scripts/sign.sh" "$WINE_TEST_TMP/wufix.exe" 2>&1) || rc=$?
  assert_eq "$rc" 2 "sign.sh without WUFIX_SIGN_PFX: $out"
}

test_sign_timestamps_when_a_url_is_given() {
  local pki=$WINE_TEST_TMP/pki
  make_test_pki "$pki"
  printf '%s\n' basicConstraints=CA:FALSE keyUsage=critical,digitalSignature \
    extendedKeyUsage=critical,timeStamping >"$pki/tsa.ext"
  openssl req -newkey rsa:2048 -nodes -keyout "$pki/tsa.key" -out "$pki/tsa.csr" -subj "/CN=wufix test TSA" \
    2>"$pki/log" || fail "openssl TSA CSR: $(cat "$pki/log")"
  openssl x509 -req -in "$pki/tsa.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -set_serial 2 -days 2 \
    -extfile "$pki/tsa.ext" -out "$pki/tsa.pem" 2>"$pki/log" || fail "openssl TSA x509: $(cat "$pki/log")"
  start_local_server tsa "$WINE_TESTS_DIR/tsa_server.py" "$pki" --lifetime 60  # its stderr goes to the test log
  local tsa_pid=$SERVER_PID
  cp "$WUFIX_EXE" "$WINE_TEST_TMP/wufix.exe"
  local out rc=0
  out=$(no_proxy=127.0.0.1 WUFIX_SIGN_TIMESTAMP_URL=http://127.0.0.1:$SERVER_PORT \
    "$WUFIX_ROOT/scripts/sign.sh" "$WINE_TEST_TMP/wufix.exe" 2>&1) || rc=$?
  kill "$tsa_pid" 2>/dev/null
  assert_eq "$rc" 0 "sign.sh with a time-stamping URL: $out"
  out=$(verify -CAfile "$pki/ca.pem" -TSA-CAfile "$pki/ca.pem" -in "$WINE_TEST_TMP/wufix.exe") || fail "does not verify: $out"
  assert_contains "$out" "Timestamp Server Signature verification: ok"
  assert_contains "$out" "Timestamp time: "
}

# --version reports "signed" when the exe carries an Authenticode signature (the certificate
# table of its own PE header, src/win/platform.cpp image_signed; presence, not trust).
test_sign_signed_exe_says_signed_in_version_under_wine() {
  make_test_pki "$WINE_TEST_TMP/pki"
  run_wufix --version
  assert_exit 0
  assert_contains "$RUN_OUT" ", unsigned)"
  cp "$WUFIX_EXE" "$WINE_TEST_TMP/wufix.exe"
  "$WUFIX_ROOT/scripts/sign.sh" "$WINE_TEST_TMP/wufix.exe" >/dev/null || fail "sign.sh failed"
  WUFIX_EXE=$WINE_TEST_TMP/wufix.exe run_wufix --version
  assert_exit 0
  assert_contains "$RUN_OUT" ", signed)"
  WUFIX_EXE=$WINE_TEST_TMP/wufix.exe run_wufix --version --fleet
  assert_json signed true
}

test_sign_make_sign_releases_the_signed_exe_reproducibly() {
  make_test_pki "$WINE_TEST_TMP/pki"
  local version a=$WINE_TEST_TMP/dist-a b=$WINE_TEST_TMP/dist-b
  version=$(wufix_version)
  DIST=$a WUFIX_SIGNED_EXE=$a-signed/wufix.exe "$WUFIX_ROOT/scripts/sign.sh" >"$a.log" 2>&1 || fail "make sign: $(cat "$a.log")"
  DIST=$b WUFIX_SIGNED_EXE=$b-signed/wufix.exe "$WUFIX_ROOT/scripts/sign.sh" >"$b.log" 2>&1 || fail "make sign: $(cat "$b.log")"
  local signed; signed=$(sha256sum <"$a-signed/wufix.exe")
  assert_ne "$signed" "$(sha256sum <"$WUFIX_EXE")"
  assert_eq "$(unzip -p "$a/wufix-$version-x64.zip" wufix.exe | sha256sum)" "$signed" "the zip holds the unsigned exe"
  msiextract -C "$WINE_TEST_TMP/x" "$a/wufix-$version-x64.msi" >/dev/null 2>&1 || fail "msiextract failed"
  assert_eq "$(sha256sum <"$WINE_TEST_TMP/x/wufix/wufix.exe")" "$signed" "the MSI holds the unsigned exe"
  local out; out=$(verify -CAfile "$WUFIX_SIGN_CAFILE" -in "$a/wufix-$version-x64.msi") || fail "the MSI does not verify: $out"
  out=$(/usr/bin/python3 "$WINE_TESTS_DIR/check_release.py" "$a" "$version") || fail "signed release:"$'\n'"$out"
  (cd "$a" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match the signed artefacts"
  # same key, same inputs, same SOURCE_DATE_EPOCH: the same signed bytes
  assert_eq "$(cat "$a/SHA256SUMS")" "$(cat "$b/SHA256SUMS")" "two signed releases differ"
}
