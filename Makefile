# The commands a person runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Two environments: Rasa 3.6, the action server and the bot in .venv (Python 3.10, Rasa's pins);
# the api in .venv-api (Python 3.12, current FastAPI, pydantic 2, SQLAlchemy 2).
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
API_VENV := .venv-api
API_BIN := $(API_VENV)/bin
API_INSTALLED := $(API_VENV)/.installed
# Each test directory runs in the environment that has what it imports (tests/api/test_layering.py
# checks that every directory is listed once).
RASA_TESTS := tests/pgb tests/actions tests/bot tests/e2e
API_TESTS := tests/api tests/browser tests/deploy
# The deployment's validators (check-jsonschema, kubernetes-validate) clash with Rasa's pins, so
# they have a third environment; tests/deploy calls them there (docs/deploy.md).
DEPLOY_VENV := .venv-deploy
DEPLOY_INSTALLED := $(DEPLOY_VENV)/.installed
SPACY_PIPELINE := build/spacy/nl_pgb/meta.json
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
# Rasa sends telemetry and error reports to its makers unless told not to.
export RASA_TELEMETRY_ENABLED := false

.PHONY: help run cluster soak test train evaluate benchmark chat lint lock lock-api setup browser-setup advisor corrections clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: setup train ## Start the action server, Rasa and the api (Ctrl-C stops them)
	$(PY) scripts/stack.py

cluster: setup train ## As production runs it: 2 api workers, 2 Rasa replicas, PostgreSQL + Redis
	$(PY) scripts/stack.py cluster

soak: setup train ## Load and faults on the cluster vs one replica (minutes; prints numbers)
	$(PY) scripts/soak.py

# Both runs always run; either failing fails the target. The api's run turns warnings into
# errors (its libraries are current, so a deprecation is news); Rasa 3.6's stack warns too much.
# The api's tests need no model and wait on sockets and browsers most of the time (about half a
# core on average), so they run while the model trains and the Rasa tests run; their output
# follows.
# Both print their 15 slowest tests, for the next look at where CI's time goes.
API_TEST_LOG := var/log/test-api.log
test: setup browser-setup $(DEPLOY_INSTALLED) ## Set up, then run the whole test suite (both environments)
	@mkdir -p $(dir $(API_TEST_LOG))
	@$(API_BIN)/pytest -W error --durations=15 $(API_TESTS) > $(API_TEST_LOG) 2>&1 & api_pid=$$!; \
	  $(MAKE) --no-print-directory train && $(BIN)/pytest --durations=15 $(RASA_TESTS); rasa=$$?; \
	  wait $$api_pid; api=$$?; \
	  echo "--- tests in .venv-api (api), ran beside the above:"; cat $(API_TEST_LOG); \
	  echo "tests in .venv (Rasa): exit $$rasa; tests in .venv-api (api): exit $$api"; \
	  [ $$rasa = 0 ] && [ $$api = 0 ]

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
	$(API_BIN)/ruff check .
	$(API_BIN)/ruff format --check .
	$(API_BIN)/mypy
	$(BIN)/rasa data validate --config bot/config.yml --domain bot/domain --data data

lock: lock-api ## Re-resolve both environments; rewrite constraints.txt and constraints-api.txt
	rm -rf $(VENV)
	$$(scripts/find-python.sh 3.10) -m venv $(VENV)
	$(PY) -m pip install --quiet 'pip>=24,<27'
	$(BIN)/pip install --quiet -e '.[dev]'
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	touch $(INSTALLED)

lock-api: ## Re-resolve the api's environment and rewrite constraints-api.txt
	rm -rf $(API_VENV)
	$$(scripts/find-python.sh 3.12) -m venv $(API_VENV)
	$(API_BIN)/python -m pip install --quiet 'pip>=24,<27'
	$(API_BIN)/pip install --quiet -r api/requirements-dev.in
	{ head -n 3 constraints-api.txt; $(API_BIN)/pip freeze; } > constraints-api.new
	mv constraints-api.new constraints-api.txt
	touch $(API_INSTALLED)

setup: $(INSTALLED) $(API_INSTALLED) $(SPACY_PIPELINE)

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(PY) || $$(scripts/find-python.sh 3.10) -m venv $(VENV)
	$(PY) -m pip install --quiet 'pip>=24,<27'
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

$(API_INSTALLED): api/requirements.in api/requirements-dev.in constraints-api.txt
	@test -x $(API_BIN)/python || $$(scripts/find-python.sh 3.12) -m venv $(API_VENV)
	$(API_BIN)/python -m pip install --quiet 'pip>=24,<27'
	$(API_BIN)/pip install --quiet -c constraints-api.txt -r api/requirements-dev.in
	touch $@

$(DEPLOY_INSTALLED): constraints-deploy.txt
	@test -x $(DEPLOY_VENV)/bin/python || $$(scripts/find-python.sh 3.12) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --quiet 'pip>=24,<27'
	$(DEPLOY_VENV)/bin/pip install --quiet -r constraints-deploy.txt
	touch $@

$(SPACY_PIPELINE): $(INSTALLED) scripts/build_spacy_nl.py
	$(PY) scripts/build_spacy_nl.py

advisor: $(API_INSTALLED) ## Create an advisor account (the first one is an admin)
	$(API_BIN)/python -m api.cli create-advisor

corrections: $(API_INSTALLED) ## Merge approved NLU corrections into data/nlu/corrections.yml
	$(API_BIN)/python scripts/merge_corrections.py
	@echo "then: make train && make evaluate (the console's Inzicht page shows the new figures)"

# Browser tests drive Debian's chromium through Playwright's executable_path; Playwright's own
# browser download does not work on machines without internet access.
browser-setup:
	@command -v chromium >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@if [ -f tests/browser/package-lock.json ]; then npm ci --silent --prefix tests/browser; fi

clean: ## Remove both virtualenvs, built pipeline, models and local databases
	rm -rf $(VENV) $(API_VENV) $(DEPLOY_VENV) build models var

.PHONY: knowledge-report
knowledge-report: $(INSTALLED) ## Knowledge records by status and check age; expired amounts
	$(PY) scripts/knowledge_report.py
