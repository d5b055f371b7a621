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
DEMO_GCP_ROWS ?= 20000  # gcp: Google Cloud export rows for make demo
DEMO_AZURE_ROWS ?= 20000  # azure: cost details rows per agreement and dataset

.PHONY: setup validator azurite demo test test-quick lint prove-bigquery clean chromium report-screenshot

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
	$(BIN)/python scripts/generate_azure_cost_details.py --rows $(DEMO_AZURE_ROWS) --out $(DEMO_DATA)  # azure
	$(BIN)/python scripts/generate_gcp_billing_export.py --rows $(DEMO_GCP_ROWS) --out $(DEMO_DATA)  # gcp
	$(BIN)/python scripts/generate_oci_reports.py --rows 2000 --out $(DEMO_DATA)  # oci
	$(BIN)/python scripts/generate_alibaba_focus.py --rows 2000 --out $(DEMO_DATA)  # alibaba
	$(BIN)/python scripts/generate_openai_costs.py --rows 2000 --out $(DEMO_DATA)
	$(BIN)/python scripts/generate_anthropic_cost_report.py --rows 2000 --out $(DEMO_DATA)
	$(BIN)/python scripts/generate_focus_export.py --out $(DEMO_DATA)  # native FOCUS exports
	FOCUS_RAW_DATA_PATH=$(DEMO_DATA) $(BIN)/python scripts/focus_run.py --export-dir exports \
		--vars "$$(cat vars/all_providers.yml)"
	$(BIN)/python scripts/focus_conformance.py --export-dir exports/focus-1.2 --by-provider

test: setup validator azurite chromium
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
	$(BIN)/python scripts/prove_bigquery.py --vars "$$(cat vars/all_providers.yml)"  # every provider (D-950..D-955)

# FinOps marts: build them and query the semantic layer's metrics with MetricFlow (extra `metrics`).
.PHONY: metrics
metrics: setup
	$(BIN)/pip install --quiet -e ".[dev,metrics]"
	[ -f profiles.yml ] || cp profiles.example.yml profiles.yml
	$(BIN)/dbt build -s +marts.finops
	$(BIN)/mf query --metrics total_billed_cost,total_effective_cost,total_savings,effective_savings_rate,commitment_coverage --group-by metric_time__month

clean:
	rm -rf target logs exports $(DEMO_DATA)

# The cost report (scripts/focus_report.py): headless Chromium (Debian's chromium) renders it for
# the PDF, the screenshot and tests_py/test_focus_report.py. `-`: without root the install may
# fail; the report test then skips and says why.
chromium:
	-bash scripts/setup_chromium.sh

# Build the fixture (or FOCUS_RAW_DATA_PATH), export, write the report, its PDF and a screenshot.
REPORT_DIR := exports/report
report-screenshot: setup chromium
	$(BIN)/python scripts/focus_run.py --export-dir exports --report $(REPORT_DIR)/finops_report.html
	$(BIN)/python scripts/focus_report.py --out $(REPORT_DIR)/finops_report.html \
		--pdf $(REPORT_DIR)/finops_report.pdf --screenshot $(REPORT_DIR)/finops_report.png
