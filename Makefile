# Front door. Everything real lives in CMake (presets), scripts/ and tests/.
.PHONY: all deps build build-native build-windows test unit e2e demo bench clean fuzz bench-logs package sign

all: build

# Debian packages the build and the tests need (idempotent; root, as on a fresh machine).
deps:
	scripts/deps.sh

build: build-native build-windows

build-native:
	cmake --preset native >/dev/null
	cmake --build --preset native

build-windows:
	cmake --preset windows >/dev/null
	cmake --build --preset windows

# Unit tests, then the Wine end-to-end tests; one closing line: N passed, M failed.
test: deps build
	tests/run_all.sh

unit: build-native
	build/native/wufix-tests

e2e: build-windows
	tests/wine/run.sh

demo: deps build
	scripts/demo.sh

# On demand: libFuzzer on every log parser (10 min each), and wufix logs against ripgrep on 1 GB.
fuzz:
	scripts/fuzz.sh

bench-logs: build-native
	bench/logs.sh
	bench/logs_hostile.py

# build/dist: wufix-<version>-x64.zip and .msi (reproducible), SPDX SBOM, SHA256SUMS, and the
# winget/Scoop/Chocolatey manifests in build/dist/manifests.
package: deps build-windows
	scripts/package.sh

# The same, with wufix.exe and the MSI Authenticode-signed: WUFIX_SIGN_PFX, WUFIX_SIGN_PASSWORD,
# optional WUFIX_SIGN_TIMESTAMP_URL (scripts/sign.sh).
sign: deps build-windows
	scripts/sign.sh

clean:
	rm -rf build
