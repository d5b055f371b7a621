"""Pure helpers of scripts/bigquery_ci.py (the warehouse CI's load and clean-up)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
bigquery_ci = importlib.import_module("bigquery_ci")


@pytest.mark.quick
def test_only_the_pull_requests_own_datasets_are_dropped():
    existing = [
        "focus_pr_12", "focus_pr_12_staging", "focus_pr_12_focus", "focus_pr_12_aws_billing",
        "focus_pr_123", "focus_pr_123_focus", "finops_focus", "focus_pr_1",
    ]  # fmt: skip
    assert bigquery_ci.datasets_to_drop(existing, "focus_pr_12") == [
        "focus_pr_12", "focus_pr_12_aws_billing", "focus_pr_12_focus", "focus_pr_12_staging",
    ]  # fmt: skip


@pytest.mark.quick
def test_an_empty_base_drops_nothing():
    with pytest.raises(ValueError):
        bigquery_ci.datasets_to_drop(["a", "b"], "")


@pytest.mark.quick
def test_cur2_maps_load_as_arrays_of_key_value_structs():
    config = bigquery_ci.cur2_load_job_config().to_api_repr()["load"]
    assert config["sourceFormat"] == "PARQUET"
    assert config["parquetOptions"]["mapTargetType"] == "ARRAY_OF_STRUCT"
    assert config["writeDisposition"] == "WRITE_TRUNCATE"
