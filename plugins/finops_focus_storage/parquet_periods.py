"""File operations for the FOCUS mart written as one Parquet file per billing period.

DECISIONLOG D-672, D-680..D-685. On DuckDB the materialization
``focus_parquet_periods`` (``macros/materializations/focus_parquet_periods.sql``) writes each
billing period a run produces straight into the file the export would write, and the relation
becomes a view over those files. Jinja cannot rename or delete files, so the plugin registers
these scalar functions on every connection dbt-duckdb opens (``configure_connection``; DuckDB's
``create_function``, visible to the cursors dbt's threads use), and the materialization calls
them with ``select``:

- ``focus_parquet_abspath(path)``: the absolute path (the view must not depend on dbt's cwd);
- ``focus_parquet_mkdir(path)``: create the folder (with parents) and return its absolute path;
- ``focus_parquet_plan(focus_version, columns_json, prefixes_json)``: the export's column
  expressions, sort order and key-value metadata (FocusVersion, SchemaId) for the model's columns,
  taken from ``parquet_layout``, as the export (``scripts/focus_export.py``) takes them, so that
  both write the same bytes;
- ``focus_parquet_publish(temp_path, final_path)``: rename a finished temporary file over the
  period's file (atomic on one file system); readers see the old file or the new one;
- ``focus_parquet_remove(path)``: delete a period's file (and its folder when empty).

All are declared with side effects, so DuckDB calls them once per row and never folds them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import parquet_layout as layout

# The FOCUS column catalog the export reads too (export_from_project): the project's seed. The
# plugin is installed editable from the checkout (pip install -e .), so the seed is two folders up.
FOCUS_COLUMNS_SEED = Path(__file__).resolve().parents[2] / "seeds" / "focus" / "focus_columns.csv"


def abspath(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path))


def mkdir(path: str) -> str:
    """Create a folder (and its parents) if missing; return its absolute path."""
    folder = Path(abspath(path))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def plan(focus_version: str, columns_json: str, prefixes_json: str) -> str:
    """What the export would write for these columns: JSON with ``select`` (the Parquet column
    expressions), ``order_by``, ``kv`` (FocusVersion, SchemaId) and ``row_group_size``.

    ``columns_json`` is ``[[name, duckdb_type], ...]`` of the model's query, in order; the
    FOCUS types come from the seed file, as the export reads them (``export_from_project``).
    """
    focus_columns = (
        layout.load_focus_columns(FOCUS_COLUMNS_SEED, focus_version, "CostAndUsage")
        if FOCUS_COLUMNS_SEED.is_file()
        else {}
    )
    prefixes = list(json.loads(prefixes_json or "[]"))
    columns = [
        layout.classify(name, type_, (focus_columns.get(name) or {}).get("data_type"))
        for name, type_ in json.loads(columns_json)
    ]
    definitions = [
        layout.column_definition(
            column, (focus_columns.get(column.name) or {}).get("data_type"), prefixes
        )
        for column in columns
    ]
    return json.dumps(
        {
            "select": ", ".join(layout.parquet_expression(column) for column in columns),
            "order_by": layout.order_by_clause(columns),
            "kv": {
                "FocusVersion": focus_version,
                "SchemaId": layout.schema_id(focus_version, definitions),
            },
            "row_group_size": layout.ROW_GROUP_SIZE,
        }
    )


def publish(temp_path: str, final_path: str) -> str:
    """Move a complete temporary file over the final one (same folder tree: one rename)."""
    final = Path(final_path)
    final.parent.mkdir(parents=True, exist_ok=True)
    with open(temp_path, "rb") as handle:  # the data on disk before the name points at it
        os.fsync(handle.fileno())
    os.replace(temp_path, final)
    return str(final)


def remove(path: str) -> str:
    """Delete a file if present, then its folder if that is now empty."""
    target = Path(path)
    target.unlink(missing_ok=True)
    try:
        target.parent.rmdir()
    except OSError:
        pass
    return str(target)


def register(conn: Any) -> None:
    """Register the functions on one DuckDB connection (idempotent per connection)."""
    from duckdb import sqltypes

    varchar = sqltypes.VARCHAR
    functions = {
        "focus_parquet_abspath": (abspath, [varchar]),
        "focus_parquet_mkdir": (mkdir, [varchar]),
        "focus_parquet_plan": (plan, [varchar, varchar, varchar]),
        "focus_parquet_publish": (publish, [varchar, varchar]),
        "focus_parquet_remove": (remove, [varchar]),
    }
    for name, (function, parameters) in functions.items():
        try:
            conn.remove_function(name)
        except Exception:  # noqa: BLE001 - not registered yet on this connection
            pass
        conn.create_function(name, function, parameters, varchar, side_effects=True)
