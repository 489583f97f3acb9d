#!/usr/bin/env bash
# Installs what wufix needs to build and test, from Debian's packages only.
set -euo pipefail
packages=(
  cmake ninja-build g++ make python3
  g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libgtest-dev libgmock-dev
  wine64
  # make package / make sign and their tests (tests/wine/test_package.sh, test_manifests.sh,
  # test_sign.sh, test_examples.sh)
  msitools wixl osslsigncode zip openssl python3-yaml python3-jsonschema python3-olefile nodejs
  # wufix-gui.exe's tests (tests/wine/test_gui.sh): a headless X server, keys, screenshots, OCR
  xvfb xdotool imagemagick tesseract-ocr
)
# Debian's nodejs comes without npm (NodeSource's includes it): add Debian's npm only then.
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
