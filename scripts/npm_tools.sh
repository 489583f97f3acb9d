#!/usr/bin/env bash
# Installs the pinned npm packages of tools/npm (package-lock.json) into build/npm, once:
# a stamp with the lock file's hash skips the install while the lock is unchanged.
# --ignore-scripts: the wasm grammar is enough, nothing is compiled (no node-gyp).
# Prints the node_modules path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/build/npm
want=$(cat "$root/tools/npm/package.json" "$root/tools/npm/package-lock.json" | sha256sum | cut -d' ' -f1)
if [[ $(cat "$dest/.stamp" 2>/dev/null) != "$want" ]]; then
  mkdir -p "$dest"
  cp "$root/tools/npm/package.json" "$root/tools/npm/package-lock.json" "$dest/"
  (cd "$dest" && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2)
  echo "$want" >"$dest/.stamp"
fi
echo "$dest/node_modules"
