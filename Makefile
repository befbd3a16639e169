# kommunrapport — `make` builds everything from data/, `make test` runs all tests.
# Both install what is missing first: npm packages, and Debian's Chromium and poppler.

SHELL := /bin/bash
NPM_STAMP := node_modules/.package-lock.json
CHROMIUM ?= $(or $(PUPPETEER_EXECUTABLE_PATH),/usr/bin/chromium)
APT := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get
CLI := node bin/kommunrapport.js
BUNDLE := dist/kommunrapport.mjs
SOURCES := $(shell find pipeline -name '*.ts' 2>/dev/null)
export PUPPETEER_SKIP_DOWNLOAD := true

.PHONY: all deps system-deps build analyse reports publish test test-unit typecheck format format-check bench preview serve clean

all: deps analyse reports publish

## Dependencies ---------------------------------------------------------------

deps: system-deps $(NPM_STAMP) $(BUNDLE)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The CLI as ES modules with their npm packages inside (loads in ~0.2 s instead of ~0.6 s: the
# remark/micromark family alone is hundreds of small files). What is imported only when needed
# (puppeteer-core when Chromium prints: 0.33 → 0.16 s to load; the analysis) becomes a chunk of
# its own. highs finds its .wasm next to itself, so it stays in node_modules.
# bin/ falls back to the TypeScript sources when this is stale.
$(BUNDLE): $(NPM_STAMP) $(SOURCES)
	rm -rf dist
	npx esbuild kommunrapport=pipeline/cli/main.ts bootstrap-worker=pipeline/analyse/uncertainty/bootstrap-worker.ts panel-year-worker=pipeline/analyse/panel/year-worker.ts --bundle --splitting --platform=node --format=esm --log-level=warning \
	  --external:highs --outdir=dist --out-extension:.js=.mjs --chunk-names=[name]-[hash] \
	  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

# Chromium prints the PDFs; poppler-utils (pdftoppm, pdffonts, pdfinfo) is used by tests and preview.
system-deps:
	@if ! command -v "$(CHROMIUM)" >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then \
	  echo "Installing chromium and poppler-utils with apt-get…"; \
	  $(APT) update -qq && $(APT) install -y -qq chromium poppler-utils fonts-liberation >/dev/null; \
	fi

## Build -----------------------------------------------------------------------

analyse: deps
	$(CLI) analyse

reports: deps
	$(CLI) build

publish: deps
	$(CLI) publish

serve: deps
	$(CLI) serve

preview: deps
	$(CLI) preview

## Checks ----------------------------------------------------------------------

typecheck: $(NPM_STAMP)
	npx tsc --noEmit -p .

# Prettier keeps the sources formatted (.prettierrc.json, .prettierignore); `make format` applies it.
format: $(NPM_STAMP)
	npx prettier --write --log-level warn .

format-check: $(NPM_STAMP)
	npx prettier --check --log-level warn .

test: deps typecheck format-check
	npx vitest run

test-unit: $(NPM_STAMP)
	npx vitest run --project unit

bench: deps
	node --import tsx bench/run.ts

clean:
	rm -rf output dist
