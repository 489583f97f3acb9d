# Front door. Everything real lives in CMake (presets), scripts/ and tests/.
.PHONY: all deps build build-native build-windows test unit e2e demo bench clean fuzz bench-logs package

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

# build/dist: wufix-<version>-x64.zip (reproducible) and .msi (wixl), SHA256SUMS.
package: deps build-windows
	scripts/package.sh

clean:
	rm -rf build
