# quotetrail: `make demo` builds everything and serves the demo; `make test`
# runs every test. Browser tests need Chromium (apt-get install chromium);
# they skip without it unless QUOTETRAIL_REQUIRE_BROWSER=1 (as in CI).

GO      ?= go
ADDR    ?= 127.0.0.1:8080
BIN     := build/quotetrail
WASM    := build/engine.wasm
GOROOT  := $(shell $(GO) env GOROOT)
GOFILES := $(shell find . -name '*.go' -not -path './build/*' -not -path './dist/*')
WWW     := $(shell find www -type f)

.PHONY: all demo build test test-browser bench bench-scale eval fuzz size clean

all: build

$(BIN): $(GOFILES) go.mod go.sum
	$(GO) build -o $@ ./cmd/quotetrail

# The engine: the same matcher as the CLI, compiled for the browser.
$(WASM): $(GOFILES) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" build/wasm_exec.js

dist/index.qti: $(BIN) $(WASM) $(WWW) $(wildcard corpus/*)
	$(BIN) build -corpus corpus -www www -wasm $(WASM) -out dist

build: dist/index.qti

demo: build
	$(BIN) serve -dir dist -addr $(ADDR)

test:
	$(GO) vet ./...
	$(GO) test ./...

test-browser:
	QUOTETRAIL_REQUIRE_BROWSER=1 $(GO) test -count=1 ./e2e

bench: $(BIN) $(WASM)
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(BIN) bench -wasm $(WASM)

# quotetrail beside Pagefind (npm-installed into the harness's cache, not
# a project dependency) on the same generated news pages, in Chromium.
# SCALE_FLAGS=-sizes 1000,10000,100000 -runs 3 to change; see internal/scale.
SCALE_FLAGS ?= -sizes 1000,10000 -runs 3
bench-scale: $(BIN) $(WASM)
	$(BIN) bench-scale -wasm $(WASM) $(SCALE_FLAGS)

# Quality against the data in ../shared (see the README's Quality section).
eval: $(BIN)
	$(BIN) eval polnear ../shared/data/polnear/dev
	$(BIN) eval polnear ../shared/data/polnear/train
	$(BIN) eval seeds internal/eval/testdata/seeds-gold.json
	$(BIN) eval pages ../shared/data/realhtml

# A short fuzzing pass over every fuzz test.
fuzz:
	@for p in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
	    echo "$$p $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 20s $$p || exit 1; \
	  done; \
	done

size: build
	@ls -l dist/engine.wasm dist/engine.wasm.br dist/quotetrail.js.br dist/index.qti.br

clean:
	rm -rf build dist
