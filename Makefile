# rozvoj — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BIN        := bin/rozvoj
GO_SOURCES := $(shell find cmd internal migrations competencies frontend/embed.go -type f \( -name '*.go' -o -name '*.sql' -o -name '*.yaml' \) 2>/dev/null) go.mod go.sum
SPA_SOURCES := $(shell find frontend/src frontend/index.html frontend/public frontend/vite.config.ts frontend/svelte.config.js frontend/package-lock.json -type f 2>/dev/null)

# node_modules can hold Go files of its own (a package shipping bindings); they are not ours to build or test.
GO_PACKAGES = $(shell go list ./... | grep -v /node_modules/)

export ROZVOJ_DATABASE_URL ?= sqlite://./data/rozvoj.db
export ROZVOJ_ADDR ?= :8080

.PHONY: help run build test test-go test-frontend test-browser lint fmt deps clean bench

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: build ## build everything and serve the demo on http://localhost:8080 (SQLite, demo logins printed)
	$(BIN) serve --demo

build: $(BIN) ## build the SPA and the binary that embeds it

$(BIN): frontend/dist/index.html $(GO_SOURCES)
	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o $(BIN) ./cmd/rozvoj

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(SPA_SOURCES)
	cd frontend && npm run build

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

deps: frontend/node_modules/.package-lock.json ## install the SPA's npm packages from the lockfile

test: lint test-go test-frontend test-browser ## every test: formatting, vet, Go on SQLite and PostgreSQL, SPA checks, browser
	@echo "make test: all suites passed"

lint: frontend/node_modules/.package-lock.json ## gofmt, go vet, svelte-check, eslint
	@unformatted=$$(gofmt -l cmd internal migrations competencies frontend/embed.go); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	go vet $(GO_PACKAGES)
	cd frontend && npm run --silent check && npm run --silent lint

test-go: ## Go tests; store and API tests run on SQLite and on PostgreSQL (ROZVOJ_TEST_POSTGRES_URL)
	@mkdir -p test-results
	go tool gotestsum --format pkgname-and-test-fails --jsonfile test-results/go.json -- -count=1 -timeout 15m $(GO_PACKAGES)
	@bash .ci/engine-counts test-results/go.json

test-frontend: frontend/node_modules/.package-lock.json ## the SPA's unit tests
	cd frontend && npm run --silent test:unit

test-browser: build ## browser tests: the built binary driven through Debian's Chromium, axe on each page; the journey also on PostgreSQL
	cd frontend && ROZVOJ_BIN=$(CURDIR)/$(BIN) npm run --silent size && ROZVOJ_BIN=$(CURDIR)/$(BIN) npm run --silent test:browser
	cd frontend && ROZVOJ_BIN=$(CURDIR)/$(BIN) ROZVOJ_BROWSER_DATABASE=postgres npm run --silent test:journey

bench: build ## load harness on PostgreSQL (127.0.0.1:5432) with the national data set: BENCH_SCALE=1 BENCH_RATE=200 BENCH_DURATION=60s
	go run ./cmd/rozvoj-bench

fmt: ## format the Go code
	gofmt -w cmd internal migrations competencies frontend/embed.go

clean: ## remove build output (keeps ./data)
	rm -rf bin test-results frontend/node_modules
	cd frontend && node scripts/clean.mjs 2>/dev/null || true
