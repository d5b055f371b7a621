# Two commands do everything on a fresh machine:
#   make demo   installs the project, generates AWS billing data, builds FOCUS 1.2 on DuckDB,
#               exports Parquet + CSV + metadata and runs the FinOps Foundation validator on it.
#   make test   installs the project and runs the whole test suite (make test-quick: the quick tier).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VALIDATOR_VENV := .venv-validator
BIN := $(VENV)/bin
DEMO_DATA := data/generated
DEMO_ROWS ?= 100000

.PHONY: setup validator azurite demo test test-quick lint prove-bigquery clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

validator: $(VALIDATOR_VENV)/.installed

$(VALIDATOR_VENV)/.installed: scripts/setup_validator.sh
	bash scripts/setup_validator.sh $(VALIDATOR_VENV)
	touch $@

# Azurite (npm) gives the Azure Blob tests a real Blob API on loopback; moto (PyPI) does S3.
azurite: .azurite/.installed

.azurite/.installed: scripts/setup_azurite.sh
	bash scripts/setup_azurite.sh .azurite
	touch $@

demo: setup validator
	$(BIN)/python scripts/generate_aws_cur.py --rows $(DEMO_ROWS) --out $(DEMO_DATA) --shapes cur2
	# oci / alibaba: two months of each, built beside AWS
	$(BIN)/python scripts/generate_oci_reports.py --rows 2000 --out $(DEMO_DATA)
	$(BIN)/python scripts/generate_alibaba_focus.py --rows 2000 --out $(DEMO_DATA)
	FOCUS_RAW_DATA_PATH=$(DEMO_DATA) $(BIN)/python scripts/focus_run.py --export-dir exports --vars '{oci_enabled: true, alibaba_enabled: true}'
	$(BIN)/python scripts/focus_conformance.py --export-dir exports/focus-1.2 --by-provider

test: setup validator azurite
	$(BIN)/python -m pytest

test-quick: setup
	$(BIN)/python -m pytest -m quick

lint: setup
	$(BIN)/ruff check scripts tests_py
	$(BIN)/sqlfluff lint models tests macros

# The offline BigQuery proof (no account needed): compile, parse, transpile, match DuckDB, lint.
prove-bigquery: setup
	$(BIN)/python scripts/prove_bigquery.py
	$(BIN)/python scripts/prove_bigquery.py --vars '{aws_cur2_enabled: false, aws_cur_legacy_parquet_enabled: true}'

clean:
	rm -rf target logs exports $(DEMO_DATA)
