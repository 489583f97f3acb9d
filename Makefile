# Front door. Everything real lives in CMake (presets), scripts/ and tests/.
.PHONY: all deps build build-native build-windows test unit e2e demo bench clean fuzz bench-logs package sign

all: build

# Debian packages the build and the tests need (idempotent; root, as on a fresh machine).
deps:
	scripts/deps.sh

build: build-native build-windows

# Each build's wall and CPU time goes to build/test-results/phases.tsv (scripts/phase.sh).
build-native:
	scripts/phase.sh build-native sh -c 'cmake --preset native >/dev/null && cmake --build --preset native'

build-windows:
	scripts/phase.sh build-windows sh -c 'cmake --preset windows >/dev/null && cmake --build --preset windows'

# Unit tests, then the Wine end-to-end tests; the time of each phase, then one closing line:
# N passed, M failed. Both builds at once: each fills the other's one-file stretches
# (precompiled headers first, the link last) on CI's 2 cores.
test:
	@mkdir -p build/test-results && rm -f build/test-results/phases.tsv
	scripts/phase.sh deps scripts/deps.sh
	$(MAKE) --no-print-directory -j2 build-native build-windows
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

# The wizard (wufix-gui.exe) under Xvfb + Wine on a broken "PC", driven by keys; its
# screenshots land in build/test-results/gui/ (tests/wine/test_gui.sh).
.PHONY: demo-gui
demo-gui: deps build-windows
	tests/wine/run.sh test_gui_repairs_the_disabled_service_and_undoes_it
	@echo "screenshots: build/test-results/gui/"
