# Weiquan: two commands on a fresh Debian 12 machine with Rust and Node 20 —
#   make run    installs what is missing, builds, opens the app
#   make test   installs what is missing, runs every check and test (what CI runs)
SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev cmake nasm fonts-noto-cjk xvfb xauth webkit2gtk-driver sqlite3 poppler-utils iproute2 \
	libglib2.0-bin shared-mime-info desktop-file-utils
TAURI_DRIVER := $(HOME)/.cargo/bin/tauri-driver
APP := target/debug/weiquan-app
CLI := target/debug/weiquan
XVFB := xvfb-run -a -s "-screen 0 1280x860x24"

.PHONY: run test deps deps-system deps-node deps-driver models check-tools ui app cli \
	lint rust-test ui-test e2e package package-test bench bench-app bindings screenshots dossier-pages licences clean

## ---- set-up: install only what is missing ----

deps: deps-system deps-node deps-driver models

check-tools:
	@command -v $(CARGO) >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs)"; exit 1; }
	@command -v node >/dev/null || { echo "Node.js 20.19 or newer is needed"; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
		|| { echo "Node.js 20.19 or newer is needed (found $$(node --version))"; exit 1; }

deps-system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

deps-node: check-tools ui/node_modules/.installed tests/e2e/node_modules/.installed

%/node_modules/.installed: %/package-lock.json %/package.json
	cd $* && npm ci --no-audit --no-fund
	@touch $@

deps-driver: $(TAURI_DRIVER)

# PaddleOCR's PP-OCRv4 Chinese recognition model (Apache-2.0), from the PyPI wheel rapidocr_onnxruntime, pinned by
# version and hash; crates/core/build.rs builds it into the binaries (nothing is fetched at run time).
OCR_WHEEL := rapidocr_onnxruntime-1.4.4-py3-none-any.whl
OCR_WHEEL_SHA256 := 971d7d5f223a7a808662229df1ef69893809d8457d834e6373d3854bc1782cbf
OCR_MODEL := models/ch_PP-OCRv4_rec_infer.onnx
models: $(OCR_MODEL)

$(OCR_MODEL):
	@python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-pip; }
	mkdir -p models/download
	python3 -m pip download --quiet --no-deps --only-binary=:all: rapidocr_onnxruntime==1.4.4 -d models/download
	echo "$(OCR_WHEEL_SHA256)  models/download/$(OCR_WHEEL)" | sha256sum -c --quiet -
	python3 -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx'))" models/download/$(OCR_WHEEL) $@.part
	mv $@.part $@

$(TAURI_DRIVER):
	$(CARGO) install tauri-driver --version '^2' --locked

## ---- build ----

ui: deps-node
	cd ui && npm run build

# The app, the CLI, and the empty Tauri window the end-to-end suite measures memory against: one cargo invocation,
# so the shared crates are built once with one feature set (separate invocations would rebuild them).
app: ui deps-system models
	$(CARGO) build -p weiquan-app -p weiquan-empty-window -p weiquan \
		--features weiquan-app/custom-protocol,weiquan-app/e2e,weiquan-empty-window/custom-protocol

cli: models
	$(CARGO) build -p weiquan

run: app
	./$(APP)

## ---- checks and tests ----

lint: ui deps-system models
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets \
		--features weiquan-app/custom-protocol,weiquan-app/e2e,weiquan-empty-window/custom-protocol -- -D warnings
	cd ui && npm run typecheck && npm run lint
	ui/node_modules/.bin/prettier --config ui/.prettierrc.json --check tests/e2e/*.mjs tests/package/*.mjs tests/bench/*.mjs

rust-test: models
	$(CARGO) test -p weiquan-core -p weiquan

ui-test: deps-node
	cd ui && npm test

# The whole story runs inside a network namespace with only loopback (`unshare -rn`, then `lo` up): the app and the
# CLI must work with no network, and tests/e2e/offline.test.mjs checks the namespace is real.
OFFLINE := unshare -rn sh -c 'ip link set lo up && exec "$$0" "$$@"'

e2e: app deps-driver
	rm -rf tests/e2e/out
	@unshare -rn true || { echo "e2e: cannot create a network namespace (unshare -rn); run as root or allow user namespaces"; exit 1; }
	WEIQUAN_APP=$(abspath $(APP)) WEIQUAN_CLI=$(abspath $(CLI)) TAURI_DRIVER=$(TAURI_DRIVER) \
		WEIQUAN_EMPTY_WINDOW=$(abspath target/debug/weiquan-empty-window) WEIQUAN_E2E_OFFLINE=1 \
		timeout 900 $(OFFLINE) $(XVFB) node --test --test-concurrency=1 tests/e2e/

## ---- packages ----

TAURI_CLI := ui/node_modules/.bin/tauri

# The .deb and .rpm a person installs, from the release build, with Tauri's bundler (the prebuilt binary in the npm
# package @tauri-apps/cli, installed with the UI's packages): the app, the `weiquan` CLI in /usr/bin, the desktop
# entry (packaging/weiquan.desktop), the .wqcase MIME type, icons 16–512 px, and the dependencies declared.
package: ui deps-system models
	$(CARGO) build --release -p weiquan-app -p weiquan --features weiquan-app/custom-protocol
	cd src-tauri && ../$(TAURI_CLI) bundle --bundles deb,rpm
	@ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# What CI checks of the package: a debug .deb of the app built as it ships (without the e2e test seams), installed
# with dpkg, the installed app reaching its start screen through WebDriver, the installed CLI making a case and a
# dossier, an upgrade in place (the same build packaged as a later version) keeping the library and the settings, and
# `dpkg -r` leaving nothing but the user's data (tests/package/installed.test.mjs). Needs root or sudo.
DEBUG_FILES := {"bundle":{"linux":{"deb":{"files":{"/usr/bin/weiquan":"../target/debug/weiquan"}}}}}
# The same build packaged as a later version, to check an upgrade in place keeps the user's data and settings.
NEXT_VERSION := 99.0.0
package-test: ui deps-system deps-driver deps-node models
	$(CARGO) build -p weiquan-app -p weiquan --features weiquan-app/custom-protocol
	rm -rf target/debug/bundle
	cd src-tauri && ../$(TAURI_CLI) bundle --debug --bundles deb --config '$(DEBUG_FILES)'
	mkdir -p target/debug/bundle/first && mv target/debug/bundle/deb/*.deb target/debug/bundle/first/
	cd src-tauri && ../$(TAURI_CLI) bundle --debug --bundles deb --config '$(DEBUG_FILES)' --config '{"version":"$(NEXT_VERSION)"}'
	WEIQUAN_DEB=$$(ls $(abspath target/debug/bundle/first)/*.deb) \
		WEIQUAN_DEB_UPGRADE=$$(ls $(abspath target/debug/bundle/deb)/*_$(NEXT_VERSION)_*.deb) WEIQUAN_APP=/usr/bin/weiquan-app \
		TAURI_DRIVER=$(TAURI_DRIVER) timeout 600 $(XVFB) node --test --test-concurrency=1 tests/package/; \
		status=$$?; $(SUDO) dpkg -r weiquan >/dev/null 2>&1 || true; exit $$status

test: deps lint rust-test ui-test e2e package-test

## ---- benchmarks (release builds; not part of make test) ----

# Criterion benches of the core, each figure printed next to its anchor: the evidence vault against cp + sync +
# sha256sum, the dossier against headless Chromium printing the same content (Debian's chromium, installed here if
# missing), the start screen on 10,000 cases against the sqlite3 shell, the 2 GiB package's peak memory, and the
# screenshot reader on rendered chats (character error rate, speakers, separators, seconds per screenshot).
bench: deps-system models
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	$(CARGO) bench -p weiquan-core

# Start-up and idle memory of the release app against an empty Tauri 2 window built the same way, under Xvfb; then
# the release packages' sizes, packed and installed.
bench-app: ui deps-system deps-driver deps-node package
	$(CARGO) build --release -p weiquan-empty-window --features weiquan-empty-window/custom-protocol
	TAURI_DRIVER=$(TAURI_DRIVER) $(XVFB) node tests/bench/startup.mjs
	@for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do \
		echo "$$f: $$(du -h "$$f" | cut -f1) packed"; done
	@echo "installed size (deb control): $$(dpkg-deb -f target/release/bundle/deb/*.deb Installed-Size) KiB"

## ---- maintenance ----

# Regenerate ui/src/ipc/bindings.ts from the Rust types (a test fails while it is stale).
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p weiquan-core --test bindings

# Refresh docs/screenshots from the end-to-end run.
# Regenerate crates/core/data/licences.json (the About screen's bundled parts) from cargo metadata and the UI's
# npm packages (a test fails while it is stale).
licences: deps-node models
	WEIQUAN_WRITE_LICENCES=1 $(CARGO) test -p weiquan-core --test licences

screenshots: e2e
	rm -rf docs/screenshots && mkdir -p docs/screenshots && cp tests/e2e/out/*.png docs/screenshots/

# Page images of the demo dossier in docs/dossier (what the product makes, for readers of the repository).
dossier-pages: cli deps-system
	rm -rf target/demo docs/dossier && mkdir -p docs/dossier
	./$(CLI) demo --out target/demo --at 2026-09-25T10:00:00+08:00 >/dev/null
	pdftoppm -r 70 -png target/demo/投诉材料.pdf docs/dossier/page
	cp target/demo/12315投诉文本.txt docs/dossier/12315-text.txt

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules tests/e2e/node_modules tests/e2e/out
