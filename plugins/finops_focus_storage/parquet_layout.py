"""How the FOCUS mart's rows are laid out in Parquet: column types, sort order, SchemaId.

One module for the two writers of the same files (DECISIONLOG D-680, D-685): the export
(``scripts/focus_export.py``) and, on DuckDB, the mart's materialization ``focus_parquet_periods``
(through ``parquet_periods.plan``). Both take every expression, the order and the SchemaId from
here, so a file the build wrote and a file the export wrote for the same rows are the same bytes.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROW_GROUP_SIZE = 122_880

# Rows are sorted by these columns first (those present), then by every other column in table
# order, ascending with NULLs last. The full-column tail makes the order total.
SORT_KEY = (
    "BillingPeriodStart",
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "BillingAccountId",
    "SubAccountId",
    "InvoiceId",
    "ServiceName",
    "ResourceId",
    "SkuPriceId",
    "ChargeCategory",
    "ChargeClass",
)

# FOCUS data types (as in seeds/focus/focus_columns.csv) -> metadata DataType values.
FOCUS_DATA_TYPES = {
    "String": "STRING",
    "Decimal": "DECIMAL",
    "Date/Time": "DATETIME",
    "JSON": "JSON",
}

# Pseudonymizing (opt-in): these columns' values (for Tags: every value, keys kept) become
# HMAC-SHA256(key, UTF-8 value) in hex, cut short (scripts/focus_export.py, --pseudonymize).
PSEUDONYMIZED_COLUMNS = ("ResourceId", "ResourceName", "Tags")
PSEUDONYM_MACRO = "focus_pseudonym"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Column:
    """One column of the relation, with the type it is written as."""

    name: str
    source_type: str  # DuckDB type of the relation's column, e.g. DECIMAL(38,10)
    kind: str  # decimal|integer|float|timestamp|date|json|nested|string|boolean|other
    precision: int | None = None
    scale: int | None = None

    @property
    def export_kind(self) -> str:
        """Kind after normalization: what the Parquet file holds."""
        if self.kind in ("timestamp", "timestamptz", "date"):
            return "timestamptz"
        if self.kind in ("json", "nested"):
            return "json"
        return self.kind


_DECIMAL_RE = re.compile(r"^DECIMAL\((\d+),\s*(\d+)\)$")
_INTEGER_TYPES = {
    "TINYINT": 3, "SMALLINT": 5, "INTEGER": 10, "BIGINT": 19, "HUGEINT": 39,
    "UTINYINT": 3, "USMALLINT": 5, "UINTEGER": 10, "UBIGINT": 20, "UHUGEINT": 39,
}  # fmt: skip


def classify(name: str, duckdb_type: str, focus_type: str | None = None) -> Column:
    """Map a DuckDB column type to a Column, applying the export's type rules.

    * Identifiers (FOCUS String columns, and any column ending in ``Id``) that are not text
      are written as text, so ``000123`` style account IDs survive and digits stay strings.
    * VARCHAR columns that FOCUS defines as JSON are treated as JSON.
    """
    upper = duckdb_type.strip().upper()
    decimal = _DECIMAL_RE.match(upper)
    if decimal:
        column = Column(name, duckdb_type, "decimal", int(decimal[1]), int(decimal[2]))
    elif upper in _INTEGER_TYPES:
        column = Column(name, duckdb_type, "integer", _INTEGER_TYPES[upper], 0)
    elif upper in ("FLOAT", "REAL", "DOUBLE", "FLOAT4", "FLOAT8"):
        column = Column(name, duckdb_type, "float")
    elif upper in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        column = Column(name, duckdb_type, "timestamptz")
    elif upper.startswith("TIMESTAMP"):
        column = Column(name, duckdb_type, "timestamp")
    elif upper == "DATE":
        column = Column(name, duckdb_type, "date")
    elif upper == "JSON":
        column = Column(name, duckdb_type, "json")
    elif upper.startswith(("STRUCT", "MAP", "UNION")) or upper.endswith("]"):
        column = Column(name, duckdb_type, "nested")
    elif upper in ("VARCHAR", "TEXT", "STRING") or upper.startswith("VARCHAR"):
        column = Column(name, duckdb_type, "json" if focus_type == "JSON" else "string")
    elif upper == "BOOLEAN":
        column = Column(name, duckdb_type, "boolean")
    else:
        column = Column(name, duckdb_type, "other")
    is_identifier = focus_type == "String" or name.endswith("Id")
    if is_identifier and column.kind in ("integer", "decimal", "float", "other"):
        column = Column(name, duckdb_type, "string")
    return column


def parquet_expression(column: Column, pseudonymize: bool = False) -> str:
    """SQL that turns the relation's column into the value the Parquet file stores.

    With ``pseudonymize`` and a column of ``PSEUDONYMIZED_COLUMNS``, the value goes through the
    ``focus_pseudonym`` macro (see ``pseudonym_macro_sql``); for Tags each value of the object.
    """
    ident = quote_ident(column.name)
    if column.kind == "timestamptz":
        expr = ident
    elif column.kind in ("timestamp", "date"):
        # A timestamp without time zone is taken to be UTC, as FOCUS requires.
        expr = f"timezone('UTC', cast({ident} as timestamp))"
    elif column.kind == "json":
        expr = f"cast({ident} as varchar)"
    elif column.kind == "nested":
        expr = f"cast(to_json({ident}) as varchar)"
    elif column.kind == "string" and column.source_type.upper() != "VARCHAR":
        expr = f"cast({ident} as varchar)"
    else:
        expr = ident
    if pseudonymize and column.name in PSEUDONYMIZED_COLUMNS:
        expr = pseudonymized_sql(expr, is_key_value=column.name == "Tags")
    return f"{expr} as {ident}"


def pseudonymized_sql(expr: str, is_key_value: bool) -> str:
    """SQL replacing a value (or every value of a JSON object, keys kept) by its pseudonym."""
    if not is_key_value:
        return f"{PSEUDONYM_MACRO}(cast({expr} as varchar))"
    entries = f"map_entries(cast(cast({expr} as json) as map(varchar, varchar)))"
    pseudonymized = (
        f"list_transform({entries}, "
        f"lambda entry: {{'key': entry.key, 'value': {PSEUDONYM_MACRO}(entry.value)}})"
    )
    return f"cast(to_json(map_from_entries({pseudonymized})) as varchar)"


def sort_columns(columns: Sequence[Column]) -> list[str]:
    names = [column.name for column in columns]
    leading = [name for name in SORT_KEY if name in names]
    return leading + [name for name in names if name not in leading]


def order_by_clause(columns: Sequence[Column]) -> str:
    return ", ".join(f"{quote_ident(name)} asc nulls last" for name in sort_columns(columns))


def column_definition(
    column: Column, focus_type: str | None, provider_tag_prefixes: Sequence[str]
) -> dict[str, Any]:
    """A FOCUS metadata ColumnDefinition entry describing the exported column."""
    kind = column.export_kind
    definition: dict[str, Any] = {"ColumnName": column.name}
    if kind == "decimal":
        definition |= {
            "DataType": "DECIMAL",
            "NumericPrecision": column.precision,
            "NumberScale": column.scale,
        }
    elif kind == "integer":
        definition |= {
            "DataType": "INTEGER",
            "NumericPrecision": column.precision,
            "NumberScale": 0,
        }
    elif kind == "float":
        definition["DataType"] = "DOUBLE"
    elif kind == "timestamptz":
        definition["DataType"] = "DATETIME"
    elif kind == "json":
        definition |= {"DataType": "JSON", "StringEncoding": "UTF-8"}
    elif kind == "string":
        definition |= {
            "DataType": FOCUS_DATA_TYPES.get(focus_type or "String", "STRING"),
            "StringEncoding": "UTF-8",
        }
    elif kind == "boolean":
        definition["DataType"] = "BOOLEAN"
    else:
        definition["DataType"] = column.source_type.upper()
    if column.name == "Tags":
        definition["ProviderTagPrefixes"] = list(provider_tag_prefixes)
    return definition


def schema_id(focus_version: str, column_definitions: Sequence[dict[str, Any]]) -> str:
    """A GUID that changes exactly when the structure (columns, types, FOCUS version) changes."""
    structure = json.dumps(
        {"FocusVersion": focus_version, "ColumnDefinition": list(column_definitions)},
        sort_keys=True,
        separators=(",", ":"),
    )
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:finops-focus:schema:" + structure))


def load_focus_columns(
    seed_path: Path, focus_version: str, dataset: str | None = None
) -> dict[str, dict[str, str]]:
    """Column ID -> {data_type, feature_level} of a version (and dataset): focus_columns.csv."""
    with seed_path.open(newline="", encoding="utf-8") as handle:
        return {
            row["column_id"]: {"data_type": row["data_type"], "feature_level": row["feature_level"]}
            for row in csv.DictReader(handle)
            if row["version"] == focus_version
            and (dataset is None or row["category"].split("|")[0] == dataset)
        }
