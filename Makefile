# Gazette. `make run` shows the demo site; `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# cargo install puts the tools in $CARGO_HOME/bin (scripts/fresh-check sets another).
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export TRUNK_OFFLINE := true

PORT ?= 8080
DB ?= gazette.sqlite3
# Where the site will live (`make dist PUBLIC_URL=/news/`), and where the build goes.
# An API on another origin goes into the CSP of _headers: `make dist API_ORIGIN=https://api.example.org`.
PUBLIC_URL ?= /
comma := ,
DIST ?= dist
SERVER := target/server/gazette-server
WASM_TEST_ENV := CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: bootstrap build dist dist-news server run dev embed-example test lint test-native test-binary test-wasm test-e2e fresh-check fuzz bench screenshot clean

bootstrap:
	@scripts/bootstrap

## build: the release app (dist/, with the files static hosts need) and the reference server
build: bootstrap dist

## dist: the release app alone in $(DIST), ready for any static host or CDN under $(PUBLIC_URL)
# The server writes the static hosts' rules (404.html, _redirects, _headers)
# from its own CSP and cache rules, so that the two cannot drift; with
# SITE_URL (the public address, `make dist SITE_URL=https://news.example.org`)
# also the feed, the sitemap, robots.txt and the prerendered pages (each
# article, the front page, /posts, /join) with their heads, from the content
# folder CONTENT, or from a running Gazette API
# (`make dist CONTENT_API=https://news.example.org/api/v1`), read into
# target/content-api first.
API_ORIGIN ?=
SITE_URL ?=
CONTENT ?= content
CONTENT_API ?=
PAGES_FROM := $(if $(CONTENT_API),target/content-api,$(CONTENT))
# The release wasm (the app's and the embed's) is built with the standard
# library compiled again for it, for size (its `optimize_for_size` feature),
# and panics that abort at once: without the panic machinery, its message
# formatting and the source locations it would print, both bundles lose about
# 20 kB brotli (docs/performance.md, "Levers, measured"). These are unstable
# flags, taken by the stable toolchain through RUSTC_BOOTSTRAP; scripts/bootstrap
# adds the rust-src they need. Dev builds and the tests' wasm keep the panic hook.
WASM_RELEASE := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none \
	-Clink-arg=--emit-relocs"
dist: bootstrap server
	$(if $(CONTENT_API),rm -rf target/content-api && $(SERVER) import gazette $(CONTENT_API) --to target/content-api)
	$(SERVER) pictures --content $(PAGES_FROM)
	$(WASM_RELEASE) trunk build --release --features split --public-url $(PUBLIC_URL) --dist $(DIST)
	node scripts/finish-app.mjs $(DIST)
	$(WASM_RELEASE) node scripts/build-embed.mjs $(DIST)
	$(SERVER) host-files --dist $(DIST) --content $(PAGES_FROM) $(if $(SITE_URL),--site-url $(SITE_URL)) \
		$(foreach origin,$(subst $(comma), ,$(API_ORIGIN)),--api-origin $(origin))
	node scripts/precompress.mjs $(DIST)

server:
	cargo build --profile server -p gazette-server

## run: serve the app, the API and the demo content at http://127.0.0.1:$(PORT)
run: build
	$(SERVER) --addr 127.0.0.1:$(PORT) --dist dist --content content --db $(DB)

## dev: trunk serve on :8081, proxying /api to the server on :8080
dev: bootstrap server
	$(SERVER) --addr 127.0.0.1:8080 --content content --db $(DB) & \
	server=$$!; trap "kill $$server" EXIT; trunk serve

## embed-example: examples/embed-host.html on :8090, embedding the widgets from the app on :8080
embed-example: build
	@python3 -m http.server 8090 --bind 127.0.0.1 --directory examples & \
	host=$$!; trap "kill $$host" EXIT; \
	echo "Open http://127.0.0.1:8090/embed-host.html"; \
	$(SERVER) --addr 127.0.0.1:8080 --dist dist --content content --db $(DB) --allow-origin http://127.0.0.1:8090

## test: formatting, lints, native, component (Chromium) and end-to-end tests
# Each step is timed (scripts/step), and the run ends with where its time went.
STEP := scripts/step
SUBMAKE := $(MAKE) --no-print-directory
test:
	@$(STEP) --start
	@$(STEP) bootstrap scripts/bootstrap
	@$(STEP) lint $(SUBMAKE) lint
	@$(STEP) test-native $(SUBMAKE) test-native
	@$(STEP) test-wasm $(SUBMAKE) test-wasm
	@$(STEP) build $(SUBMAKE) build
	@$(STEP) test-binary $(SUBMAKE) test-binary
	@$(STEP) dist-news $(SUBMAKE) dist-news
	@$(STEP) e2e npx playwright test
	@$(STEP) --report

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p gazette --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p gazette --target wasm32-unknown-unknown --features split -- -D warnings
	cargo clippy -p gazette-embed --target wasm32-unknown-unknown -- -D warnings

# The demo's picture variants are made once first, not by every test server.
test-native:
	cargo run -q -p gazette-server -- pictures --content content
	cargo test --workspace

# The server binary that `make build` ships, and the end-to-end tests serve,
# against hostile requests: it must stay up and print no panic (a server that
# never panics survives a --release build's `panic = "abort"` too). The test
# is the one test-native built and ran on its own binary; only the binary
# changes, so this takes a second, not a build of the server with LTO
# (`--workspace`, as test-native builds it: `-p gazette-server` alone would
# unify other features and build the crate again, 40 s).
test-binary: server
	GAZETTE_SERVER_BIN=$(CURDIR)/$(SERVER) cargo test --workspace --test process

## fuzz: the property tests with FUZZ_CASES cases each (make test runs 256)
FUZZ_CASES ?= 20000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --release -p gazette-api -p gazette-server --test fuzz

test-wasm:
	$(WASM_TEST_ENV) cargo test -p gazette --target wasm32-unknown-unknown

# The end-to-end tests also serve a build made for a subpath.
dist-news:
	$(MAKE) --no-print-directory dist PUBLIC_URL=/news/ DIST=target/dist-news

test-e2e: build dist-news
	npx playwright test

## fresh-check: the README's `make run` in a clean clone of HEAD with an empty cargo home, then the site in Chromium (after any change to the build, the bootstrap, Cargo.lock or the toolchain)
fresh-check: bootstrap
	scripts/fresh-check

## bench: sizes of the release build, where the bytes are (target/bench/wasm-breakdown.*), timings, Lighthouse; then every budget of docs/budgets.json, as a table (scripts/budgets.mjs), failing when one is not met
bench: build
	@scripts/bootstrap bench
	node scripts/size-report.mjs || over_budget=1; \
	node scripts/wasm-breakdown.mjs; \
	node scripts/bench-wasm-start.mjs; \
	node scripts/bench-feed.mjs; \
	node scripts/bench-search.mjs; \
	node scripts/bench-server.mjs; \
	node scripts/bench-lightbox.mjs; \
	node scripts/bench-lcp.mjs; \
	node scripts/bench-ready.mjs; \
	node scripts/lighthouse/run.mjs; \
	cargo test --release -p gazette-server --test limiter_bench -- --ignored --nocapture; \
	cargo test --release -p gazette-server --test members_bench -- --ignored --nocapture; \
	node scripts/budgets.mjs || over_budget=1; \
	exit $${over_budget:-0}

## screenshot: docs/screenshot.png of the running demo, and docs/phone-uk.png (320 px, Ukrainian UI)
screenshot: build
	node scripts/screenshot.mjs
	node scripts/screenshot.mjs /posts/ukraine-czech-defense-cluster docs/phone-uk.png uk 320

clean:
	cargo clean
	rm -rf dist node_modules test-results playwright-report
