# The commands a person runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
SPACY_PIPELINE := build/spacy/nl_pgb/meta.json
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa sends telemetry and error reports to its makers unless told not to.
export RASA_TELEMETRY_ENABLED := false

.PHONY: help run test train evaluate benchmark chat lint lock setup browser-setup advisor clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: setup train ## Start the action server, Rasa and the api (Ctrl-C stops them)
	$(PY) scripts/stack.py

test: setup browser-setup train ## Set up, then run the whole test suite
	$(BIN)/pytest

train: setup ## Train the Rasa model if its config or data changed
	$(PY) scripts/build_faq_domain.py
	$(PY) scripts/augment_nlu.py
	$(PY) scripts/train.py

evaluate: setup train ## NLU held-out, stories, dialogues, answers, realistic conversations; reports/
	$(PY) scripts/story_check.py || true
	$(BIN)/pytest -q tests/e2e/test_dialogues.py tests/e2e/test_answers.py tests/e2e/test_realistic.py || true
	$(PY) scripts/evaluate.py

benchmark: setup train ## Cold start, memory per service and chat latency (prints numbers)
	$(PY) scripts/benchmark.py

chat: setup train ## Talk to the bot in the terminal
	$(PY) scripts/stack.py shell

lint: setup ## Check style and types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/rasa data validate --config bot/config.yml --domain bot/domain --data data

lock: ## Re-resolve the dependencies and rewrite constraints.txt
	rm -rf $(VENV)
	$$(scripts/find-python310.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet 'pip>=24,<27'
	$(BIN)/pip install --quiet -e '.[dev]'
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	touch $(INSTALLED)

setup: $(INSTALLED) $(SPACY_PIPELINE)

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $$(scripts/find-python310.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet 'pip>=24,<27'
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

$(SPACY_PIPELINE): $(INSTALLED) scripts/build_spacy_nl.py
	$(PY) scripts/build_spacy_nl.py

advisor: setup ## Create an advisor account (the first one is an admin)
	$(PY) -m api.cli create-advisor

# Browser tests drive Debian's chromium through Playwright's executable_path; Playwright's own
# browser download does not work on machines without internet access.
browser-setup:
	@command -v chromium >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@if [ -f tests/browser/package-lock.json ]; then npm ci --silent --prefix tests/browser; fi

clean: ## Remove the virtualenv, built pipeline, models and local databases
	rm -rf $(VENV) build models var

.PHONY: knowledge-report
knowledge-report: $(INSTALLED) ## Knowledge records by status and check age; expired amounts
	$(PY) scripts/knowledge_report.py
