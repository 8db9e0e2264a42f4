# MallCRM: `make run` for the demo, `make test` for the whole suite, `make serve` for a
# production-like start without demo data. Everything installs itself on first use.

SHELL := /bin/bash
PYTHON_SYSTEM ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
BACKEND := backend
FRONTEND := frontend
MANAGE := cd $(BACKEND) && ../$(PYTHON) manage.py
# The web server and the task consumer (it applies the mall's events), side by side.
WEB := web="../$(VENV)/bin/gunicorn config.wsgi --config config/gunicorn.py"
TASKS := tasks="../$(PYTHON) manage.py run_huey --quiet"
RUN := cd $(BACKEND) && exec ../$(PYTHON) ../tools/run_processes.py
CRM_HOST ?= 127.0.0.1
CRM_PORT ?= 8000
# The demo's simulated mall: the webhook secret both sides know in development, and the
# export API the CRM reconciles against.
CRM_MALL_WEBHOOK_SECRET ?= whsec_ZGV2ZWxvcG1lbnQtb25seS1tYWxsLXdlYmhvb2sta2V5IQ==
MALL_EXPORT_PORT ?= 8100
DEMO_EXPORT_TOKEN ?= demo-export-token
DEMO_HISTORY_DAYS ?= 200
DEMO_EVENT_RATE ?= 2
export CRM_HOST CRM_PORT CRM_MALL_WEBHOOK_SECRET

.PHONY: run serve test install frontend lint typecheck check-schema schema bench test-backend test-frontend test-tools browser migrate clean

run: install frontend migrate ## the demo: migrate, load the demo organisation, start with the simulated mall
	$(MANAGE) load_demo
	@echo "MallCRM is at http://$(CRM_HOST):$(CRM_PORT)/ ; the simulated mall fills it with $(DEMO_HISTORY_DAYS) days of history, then live orders."
	@mkdir -p var/mall_simulator
	export CRM_MALL_EXPORT_URL=http://127.0.0.1:$(MALL_EXPORT_PORT)/export/v1 CRM_MALL_EXPORT_TOKEN=$(DEMO_EXPORT_TOKEN); \
	codes=$$(cd $(BACKEND) && ../$(PYTHON) manage.py invite_codes); \
	$(RUN) $(WEB) $(TASKS) mall="env PYTHONPATH=.. ../$(PYTHON) -m tools.mall_simulator live --crm-url http://$(CRM_HOST):$(CRM_PORT) \
	  --secret $(CRM_MALL_WEBHOOK_SECRET) --invite-codes $$codes --rate $(DEMO_EVENT_RATE) \
	  --history-days $(DEMO_HISTORY_DAYS) --export-port $(MALL_EXPORT_PORT) --export-token $(DEMO_EXPORT_TOKEN) \
	  --journal ../var/mall_simulator/journal.jsonl"

serve: install frontend migrate ## production-like: no demo data
	$(RUN) $(WEB) $(TASKS)

migrate: install
	@mkdir -p var
	$(MANAGE) migrate --no-input -v 0

install: $(VENV)/.installed $(FRONTEND)/node_modules/.installed

$(VENV)/.installed: $(BACKEND)/requirements.lock
	test -x $(PYTHON) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r $(BACKEND)/requirements.lock
	touch $@

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: $(FRONTEND)/dist/index.html

$(FRONTEND)/dist/index.html: $(VENV)/.installed $(FRONTEND)/node_modules/.installed $(shell find $(FRONTEND)/src $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts -type f 2>/dev/null)
	cd $(FRONTEND) && npm run build
	$(PYTHON) -m whitenoise.compress --quiet $(FRONTEND)/dist

browser: ## Debian's Chromium for the end-to-end tests
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

lint: install
	cd $(BACKEND) && ../$(VENV)/bin/ruff check . && ../$(VENV)/bin/ruff format --check .
	cd tools && ../$(VENV)/bin/ruff check . && ../$(VENV)/bin/ruff format --check .
	cd $(BACKEND) && ../$(VENV)/bin/lint-imports
	cd $(FRONTEND) && npm run lint

typecheck: install
	cd $(BACKEND) && ../$(VENV)/bin/mypy .
	cd $(FRONTEND) && npm run typecheck

check-schema: install ## the committed OpenAPI schema and the frontend types match the code
	@mkdir -p var
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) spectacular --format openapi-json --validate --fail-on-warn --file ../var/openapi.json
	@diff -q openapi.json var/openapi.json || (echo "openapi.json is stale: run make schema" && exit 1)
	cd $(FRONTEND) && npx openapi-typescript ../openapi.json -o ../var/schema.d.ts >/dev/null
	@diff -q $(FRONTEND)/src/api/schema.d.ts var/schema.d.ts || (echo "frontend/src/api/schema.d.ts is stale: run make schema" && exit 1)

schema: install ## regenerate openapi.json and the frontend's types from the code
	$(MANAGE) spectacular --format openapi-json --validate --fail-on-warn --file ../openapi.json
	cd $(FRONTEND) && npm run generate:api

test-frontend: install
	cd $(FRONTEND) && npm test

test-backend: install frontend browser
	cd $(BACKEND) && ../$(VENV)/bin/pytest -q

test-tools: install ## the simulated mall's own tests and a short run of the load test
	$(VENV)/bin/pytest -q -p no:django -p no:cacheprovider tools/mall_simulator/tests tools/benchmarks/tests

test: lint typecheck check-schema test-frontend test-tools test-backend ## the whole suite

bench: install frontend browser ## benchmarks against the real app; results in docs/benchmarks.md
	$(PYTHON) -m tools.benchmarks.run $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf var $(FRONTEND)/dist
