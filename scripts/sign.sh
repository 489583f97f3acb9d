#!/usr/bin/env bash
# make sign: Authenticode-signs wufix.exe and the MSI with osslsigncode, then verifies them.
#   scripts/sign.sh            signs a copy of WUFIX_EXE (default build/windows/wufix.exe) as
#                              WUFIX_SIGNED_EXE (default build/signed/wufix.exe) and
#                              packages it (scripts/package.sh; the MSI is signed before it is
#                              hashed): build/dist then holds the signed zip, MSI, SBOM, SHA256SUMS
#                              and manifests.
#   scripts/sign.sh FILE...    signs each .exe/.msi in place and verifies it.
# Env: WUFIX_SIGN_PFX       PKCS#12 file with the code-signing key and certificate chain (required)
#      WUFIX_SIGN_PASSWORD  its password (passed to osslsigncode through a pipe, never argv)
#      WUFIX_SIGN_TIMESTAMP_URL  RFC 3161 time-stamping server (optional; without one the
#                           signature's signing time is SOURCE_DATE_EPOCH and signing the same
#                           bytes with the same key gives the same bytes)
#      WUFIX_SIGN_CAFILE    verify signer and time stamp against this CA bundle instead of the
#                           system's (the tests' throw-away CA)
# Exit: 0 signed and verified, 1 signing or verification failed, 2 usage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
: "${SOURCE_DATE_EPOCH:=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}"
export SOURCE_DATE_EPOCH

pfx=${WUFIX_SIGN_PFX:-}
[[ -n $pfx && -f $pfx ]] || { echo "sign.sh: set WUFIX_SIGN_PFX to a PKCS#12 (.pfx) file" >&2; exit 2; }
command -v osslsigncode >/dev/null || { echo "sign.sh: osslsigncode is missing (make deps)" >&2; exit 2; }

sign_one() {  # sign_one FILE: signs FILE in place, then verifies it
  local file=$1 out=$1.signing when=()
  if [[ -n ${WUFIX_SIGN_TIMESTAMP_URL:-} ]]; then when=(-ts "$WUFIX_SIGN_TIMESTAMP_URL"); else when=(-time "$SOURCE_DATE_EPOCH"); fi
  local msi_opts=()
  [[ $file == *.msi ]] && msi_opts=(-add-msi-dse)  # also covers the MSI's storage metadata
  rm -f "$out"
  if ! osslsigncode sign -pkcs12 "$pfx" -readpass <(printf '%s' "${WUFIX_SIGN_PASSWORD:-}") -h sha256 \
    -n wufix -i "${WUFIX_HOMEPAGE:-https://github.com/wufix/wufix}" "${when[@]}" "${msi_opts[@]}" \
    -in "$file" -out "$out" >"$out.log" 2>&1; then
    echo "sign.sh: signing $file failed:" >&2; cat "$out.log" >&2; rm -f "$out" "$out.log"; return 1
  fi
  mv "$out" "$file" && rm -f "$out.log"
  verify_one "$file"
}

verify_one() {  # verify_one FILE: osslsigncode verify against WUFIX_SIGN_CAFILE or the system CAs
  local ca=()
  [[ -n ${WUFIX_SIGN_CAFILE:-} ]] && ca=(-CAfile "$WUFIX_SIGN_CAFILE" -TSA-CAfile "$WUFIX_SIGN_CAFILE")
  local log; log=$(osslsigncode verify "${ca[@]}" -in "$1" 2>&1) || {
    echo "sign.sh: $1 does not verify:" >&2; echo "$log" >&2; return 1
  }
  echo "signed and verified: $1"
}

if (($# > 0)); then
  for f in "$@"; do sign_one "$f"; done
  exit 0
fi

exe=${WUFIX_EXE:-$root/build/windows/wufix.exe}
[[ -f $exe ]] || { echo "sign.sh: no $exe (make build-windows)" >&2; exit 2; }
signed=${WUFIX_SIGNED_EXE:-$root/build/signed/wufix.exe}
mkdir -p "$(dirname "$signed")"
cp "$exe" "$signed"
sign_one "$signed"
WUFIX_EXE=$signed WUFIX_SIGN_MSI=1 "$root/scripts/package.sh"
