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

.PHONY: all demo build test test-browser bench bench-scale eval fuzz size clean train

all: build

$(BIN): $(GOFILES) go.mod go.sum
	$(GO) build -o $@ ./cmd/quotetrail

# The engine: the same matcher as the CLI, compiled for the browser.
$(WASM): $(GOFILES) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" build/wasm_exec.js

# The corpus, and what the demo page says it is (build -name, -about).
# The seeds' name and description are passed only for the seeds: another
# corpus (make build CORPUS=DIR) gets the description build counts from
# it (articles, outlets, dates) unless SITE_NAME and SITE_ABOUT are given.
CORPUS ?= corpus
ifeq ($(CORPUS),corpus)
SITE_NAME  ?= Five reports of the Xi–Trump calls
SITE_ABOUT ?= News reports of two phone calls between Xi Jinping and Donald Trump (24 November 2025 and 4 February 2026) from The Washington Times, Vidia News, The Rising Nepal (republishing a BBC News report), Daily The Destination and NDTV: the articles quotetrail was made from.
endif
# Passed through the environment, so that any quote in them reaches build as written.
export SITE_NAME SITE_ABOUT

dist/index.qti: $(BIN) $(WASM) $(WWW) $(wildcard $(CORPUS)/*) Makefile
	$(BIN) build -corpus "$(CORPUS)" -www www -wasm $(WASM) -out dist -name "$$SITE_NAME" -about "$$SITE_ABOUT"

build: dist/index.qti

demo: build
	$(BIN) serve -dir dist -addr $(ADDR)

# The CLI and its tests build for every system journalists run it on (a
# Linux-only call once kept it from building for Windows): vet compiles
# them for Windows and macOS too.
test:
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./cmd/... ./internal/...
	GOOS=darwin $(GO) vet ./cmd/... ./internal/...
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

# The extension for the stores (see www/extension/BUILDING.md): each
# browser's package, reproducible, and the source archive reviewers ask
# for (git archive of HEAD; skipped outside a git checkout).
.PHONY: extension
extension: build
	$(GO) run ./www/extension/pack -dir dist/extension -out dist
	if git rev-parse --git-dir >/dev/null 2>&1; then git archive --format=zip --prefix=quotetrail-source/ -o dist/quotetrail-source.zip HEAD; fi

# Quality against the data in ../shared (see the README's Quality section).
eval: $(BIN)
	$(BIN) eval polnear ../shared/data/polnear/dev
	$(BIN) eval polnear ../shared/data/polnear/train
	$(BIN) eval seeds internal/eval/testdata/seeds-gold.json
	$(BIN) eval basil ../shared/data/basil
	$(BIN) eval pages ../shared/data/realhtml

# The speaker ranker's model (internal/quote/ranker_model.go), trained on
# PolNeAR train only, deterministically (fixed order and seed): the file is
# committed, so neither build nor the wasm needs ../shared.
train:
	$(GO) run ./cmd/train-speakers -data ../shared/data -out internal/quote/ranker_model.go

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
