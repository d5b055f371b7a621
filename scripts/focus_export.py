"""Unload the FOCUS mart from DuckDB to Parquet and CSV, with a FOCUS metadata.json.

The export folder is ``<export-dir>/focus-<FocusVersion>/``:

    metadata.json                                   FOCUS metadata (Schema, DataGenerator) + report
    billing_period=YYYY-MM/part-00000.parquet       zstd; UTC timestamps; DECIMAL kept; IDs as text
    billing_period=YYYY-MM/part-00000.csv           RFC 4180, CRLF, UTF-8 without BOM

The model's relation and its FOCUS version come from dbt's ``target/manifest.json``. The DuckDB
file is attached read-only. Rows are written in a stable order (see ``SORT_KEY``), so exporting
the same data twice gives byte-identical data files.

The folder is published as a whole: everything is written to a hidden sibling folder
(``.focus-<v>.tmp-…``) that replaces the previous export only once complete. An interrupted
export leaves the previous one in place; stale hidden folders are cleaned on the next run.
DuckDB's spill files go to a hidden sibling too (``.focus-<v>.tmp-….spill``), so a killed
export leaves nothing outside the export folder's parent.

``--pseudonymize`` (or ``FOCUS_EXPORT_PSEUDONYMIZE=1``) replaces ResourceId, ResourceName and
every tag value in Tags (keys kept) by the first 16 hex characters of HMAC-SHA256 of the value,
keyed with ``FOCUS_EXPORT_PSEUDONYMIZE_KEY``: the same value and key always give the same
pseudonym, so exports made with one key still join; costs, accounts and everything else are
unchanged. ``metadata.json`` says so (``x_ExportReport.Pseudonymized``).

    python scripts/focus_export.py --duckdb-path target/finops_focus.duckdb --export-dir exports

Exit codes: 0 exported; 2 an error (one line: ``export failed: …``).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import logging
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from finops_focus_storage.parquet_layout import (  # the layout the mart's build writes too
    PSEUDONYM_MACRO,
    PSEUDONYMIZED_COLUMNS,
    ROW_GROUP_SIZE,
    SORT_KEY,
    Column,
    classify,
    column_definition,
    load_focus_columns,
    order_by_clause,
    parquet_expression,
    quote_ident,
    quote_literal,
    schema_id,
    sort_columns,
)

LOG = logging.getLogger("focus_export")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NODE_ID = "model.finops_focus.focus_cost_and_usage"
DEFAULT_DATA_GENERATOR = "finops-focus"
FORMATS = ("parquet", "csv")
PART = "part-00000"
PERIOD_DIR_PREFIX = "billing_period="
METADATA_FILE = "metadata.json"
ROW_NUMBER = "__focus_export_row"

CSV_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# Floating-point columns are written to CSV as this DECIMAL so no value uses an exponent.
CSV_FLOAT_AS = "DECIMAL(38, 18)"

# Pseudonymizing (opt-in): see parquet_layout.PSEUDONYMIZED_COLUMNS.
PSEUDONYM_HEX_CHARS = 16
PSEUDONYMIZE_ENV = "FOCUS_EXPORT_PSEUDONYMIZE"
PSEUDONYMIZE_KEY_ENV = "FOCUS_EXPORT_PSEUDONYMIZE_KEY"


class ExportError(Exception):
    """A problem with the input or the export that the user must fix (exit code 2)."""


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC's inner and outer padded keys (RFC 2104) for SHA-256 (64-byte blocks)."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    block = key.ljust(64, b"\0")
    return bytes(byte ^ 0x36 for byte in block), bytes(byte ^ 0x5C for byte in block)


def pseudonym_macro_sql(key: bytes) -> str:
    """A DuckDB temp macro computing HMAC-SHA256(key, value) in hex, cut to 16 characters.

    DuckDB has SHA-256 but no HMAC, so the macro spells out RFC 2104:
    H(key ^ opad || H(key ^ ipad || value)). The key lives only in this connection.
    """
    inner, outer = hmac_pads(key)
    return (
        f"create or replace temp macro {PSEUDONYM_MACRO}(value) as "
        f"left(sha256(unhex('{outer.hex()}') || "
        f"unhex(sha256(unhex('{inner.hex()}') || encode(value)))), {PSEUDONYM_HEX_CHARS})"
    )


def pseudonym(key: bytes, value: str) -> str:
    """The pseudonym of one value, as the export writes it (for tests and for look-ups)."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_HEX_CHARS]


def pseudonymize_key_from_env(
    requested: bool, environ: Mapping[str, str] | None = None
) -> bytes | None:
    """The key when pseudonymizing is asked for (flag or FOCUS_EXPORT_PSEUDONYMIZE=1), else None.

    Raises ExportError when pseudonymizing is asked for and FOCUS_EXPORT_PSEUDONYMIZE_KEY is
    unset or empty.
    """
    environ = os.environ if environ is None else environ
    switch = environ.get(PSEUDONYMIZE_ENV, "").strip().lower()
    if not requested and switch not in ("1", "true", "yes", "on"):
        return None
    key = environ.get(PSEUDONYMIZE_KEY_ENV, "")
    if not key:
        raise ExportError(
            f"pseudonymizing needs a key: set {PSEUDONYMIZE_KEY_ENV} "
            "(a secret; the same key gives the same pseudonyms)"
        )
    return key.encode("utf-8")


def csv_expression(column: Column) -> str:
    """SQL over the normalized (Parquet) value that renders the CSV field."""
    ident = quote_ident(column.name)
    kind = column.export_kind
    if kind == "timestamptz":
        expr = f"strftime(timezone('UTC', {ident}), {quote_literal(CSV_TIMESTAMP_FORMAT)})"
    elif kind == "decimal" and column.scale == 0:
        # A scale-0 decimal would print as "12": give it one decimal place, "12.0".
        expr = f"cast({ident} as decimal({min((column.precision or 18) + 1, 38)}, 1))"
    elif kind == "float":
        expr = f"cast({ident} as {CSV_FLOAT_AS})"
    else:
        expr = ident
    return f"{expr} as {ident}"


def utc_month_expression(column: Column) -> str:
    """SQL giving 'YYYY-MM' (UTC) of a Date/Time column of the relation."""
    ident = quote_ident(column.name)
    if column.kind == "timestamptz":
        value = f"timezone('UTC', {ident})"
    else:
        value = f"cast({ident} as timestamp)"
    return f"strftime({value}, '%Y-%m')"


def data_generator_version(project_version: str, focus_version: str) -> str:
    """SemVer with the FOCUS version as build metadata, so it changes when FocusVersion does."""
    return f"{project_version}+focus.{focus_version}"


def iso_z(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_formats(text: str | Sequence[str]) -> list[str]:
    items = text.split(",") if isinstance(text, str) else list(text)
    formats = [item.strip().lower() for item in items if item.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise ExportError(f"--formats must list one or more of {','.join(FORMATS)}: got {text!r}")
    return [fmt for fmt in FORMATS if fmt in formats]


@dataclass(frozen=True)
class ModelInfo:
    database: str
    schema: str
    identifier: str
    focus_version: str
    provider_tag_prefixes: tuple[str, ...] = ()

    @property
    def relation(self) -> str:
        return f"{self.database}.{self.schema}.{self.identifier}"


def read_manifest_model(manifest_path: Path, node_id: str = DEFAULT_NODE_ID) -> ModelInfo:
    """Relation and FOCUS version of the mart, from dbt's manifest.json."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ExportError(f"no dbt manifest at {manifest_path}: run dbt (focus_run.py)") from error
    except json.JSONDecodeError as error:
        raise ExportError(f"{manifest_path} is not valid JSON: {error}") from error
    node = manifest.get("nodes", {}).get(node_id)
    if node is None:
        raise ExportError(f"{manifest_path} has no node {node_id}")
    meta = {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}
    focus_version = meta.get("focus_version")
    if not focus_version:
        raise ExportError(f"{node_id} has no meta.focus_version in {manifest_path}")
    tags_column = (node.get("columns") or {}).get("Tags") or {}
    tags_meta = {
        **(tags_column.get("meta") or {}),
        **((tags_column.get("config") or {}).get("meta") or {}),
    }
    prefixes = tags_meta.get("provider_tag_prefixes", meta.get("provider_tag_prefixes", []))
    if isinstance(prefixes, str):
        prefixes = [prefixes]
    identifier = node.get("alias") or node.get("identifier") or node["name"]
    return ModelInfo(
        database=node["database"],
        schema=node["schema"],
        identifier=identifier,
        focus_version=str(focus_version),
        provider_tag_prefixes=tuple(str(prefix) for prefix in prefixes),
    )


# --------------------------------------------------------------------------------------------
# Publishing: hidden temp folder, then swap
# --------------------------------------------------------------------------------------------


def _hidden_siblings(final: Path, kind: str) -> list[Path]:
    return sorted(final.parent.glob(f".{final.name}.{kind}-*"))


@contextmanager
def export_lock(final: Path) -> Iterator[None]:
    """Serialize exports to the same folder (advisory lock; a no-op where fcntl is missing)."""
    lock_path = final.parent / f".{final.name}.lock"
    with lock_path.open("a+") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise ExportError(f"another export to {final} is running ({lock_path})") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover_and_clean(final: Path) -> None:
    """Undo a swap interrupted between its two renames, then delete stale hidden folders.

    Call while holding ``export_lock``: no other export can own these folders then.
    """
    olds = _hidden_siblings(final, "old")
    if not final.exists() and olds:
        newest = max(olds, key=lambda path: path.stat().st_mtime)
        LOG.warning("restoring %s from interrupted swap %s", final.name, newest.name)
        os.rename(newest, final)
    for stale in _hidden_siblings(final, "tmp") + _hidden_siblings(final, "old"):
        LOG.info("removing stale %s", stale.name)
        shutil.rmtree(stale, ignore_errors=True)


def new_staging_dir(final: Path) -> Path:
    staging = final.parent / f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    return staging


def publish(staging: Path, final: Path) -> None:
    """Swap the complete staging folder in for ``final``: rename old away, new in, delete old."""
    old: Path | None = None
    if final.exists():
        old = final.parent / f".{final.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.rename(final, old)
    try:
        os.rename(staging, final)
    except BaseException:
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# The export
# --------------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    rows: int
    rows_per_period: dict[str, int]
    files: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def _connect(
    duckdb_path: Path, database: str, spill_dir: str, pseudonymize_key: bytes | None = None
) -> Any:
    import duckdb

    if not duckdb_path.is_file():
        raise ExportError(f"DuckDB file not found: {duckdb_path}")
    connection = duckdb.connect(":memory:", config={"temp_directory": spill_dir})
    connection.execute("set TimeZone = 'UTC'")
    # Bounded like the build (profiles.example.yml, DECISIONLOG D-601): the sort spills beyond it.
    connection.execute(f"set threads = {int(os.environ.get('FOCUS_DUCKDB_THREADS', '2'))}")
    connection.execute(
        f"set memory_limit = {quote_literal(os.environ.get('FOCUS_DUCKDB_MEMORY_LIMIT', '2GB'))}"
    )
    if pseudonymize_key is not None:
        connection.execute(pseudonym_macro_sql(pseudonymize_key))
    connection.execute(
        f"attach {quote_literal(str(duckdb_path))} as {quote_ident(database)} (read_only)"
    )
    return connection


def _describe(connection: Any, relation_sql: str, focus_columns: dict[str, dict[str, str]]):
    rows = connection.execute(f"describe select * from {relation_sql}").fetchall()
    return [
        classify(name, type_, (focus_columns.get(name) or {}).get("data_type"))
        for name, type_, *_ in rows
    ]


def _write_period(
    connection: Any,
    relation_sql: str,
    columns: Sequence[Column],
    period: str,
    period_sql: str,
    target: Path,
    formats: Sequence[str],
    kv_metadata: dict[str, str],
    pseudonymize: bool = False,
) -> int:
    """Write one billing period's files into ``target``; return its row count."""
    target.mkdir(parents=True)
    parquet_select = ", ".join(parquet_expression(column, pseudonymize) for column in columns)
    kv = ", ".join(
        f"{quote_ident(key)}: {quote_literal(value)}" for key, value in kv_metadata.items()
    )
    parquet_options = (
        f"(format parquet, compression zstd, row_group_size {ROW_GROUP_SIZE}, kv_metadata {{{kv}}})"
    )
    if list(formats) == ["parquet"]:
        # Parquet alone (issue 6, DECISIONLOG D-650): one sort straight into the file, the same
        # order and bytes as below without the numbered copy and its second sort.
        return connection.execute(
            f"copy (select {parquet_select} from {relation_sql} "
            f"where {period_sql} = {quote_literal(period)} order by {order_by_clause(columns)}) "
            f"to {quote_literal(str(target / f'{PART}.parquet'))} {parquet_options}"
        ).fetchone()[0]
    # Sort once by every column (SORT_KEY first) and number the rows; both files are then
    # written ordered by that number, which is cheaper than sorting twice by 50+ columns.
    connection.execute(
        f"create or replace temp table focus_period as "
        f"select *, row_number() over (order by {order_by_clause(columns)}) as {ROW_NUMBER} "
        f"from (select {parquet_select} from {relation_sql} "
        f"where {period_sql} = {quote_literal(period)})"
    )
    rows = connection.execute("select count(*) from focus_period").fetchone()[0]
    order_by = ROW_NUMBER
    if "parquet" in formats:
        connection.execute(
            f"copy (select * exclude ({ROW_NUMBER}) from focus_period order by {order_by}) "
            f"to {quote_literal(str(target / f'{PART}.parquet'))} {parquet_options}"
        )
    if "csv" in formats:
        csv_select = ", ".join(csv_expression(column) for column in columns)
        connection.execute(
            f"copy (select {csv_select} from focus_period order by {order_by}) "
            f"to {quote_literal(str(target / f'{PART}.csv'))} "
            "(format csv, header true, delimiter ',', quote '\"', escape '\"', "
            "new_line '\\r\\n', nullstr '')"
        )
    connection.execute("drop table focus_period")
    return rows


# --- write-once (DECISIONLOG D-682): the mart's own period files --------------------------------
# On DuckDB the mart may be materialized by focus_parquet_periods (macros/materializations): a view
# over one Parquet file per billing period, written with this module's expressions, order and
# options, whose comment names the folder. A Parquet-only, non-pseudonymized export then links (or
# copies) those files instead of writing them again, when every file carries this export's
# FocusVersion and SchemaId and the files hold exactly the view's periods and rows.
MATERIALIZATION_COMMENT_KEY = "focus_parquet_periods"


def period_files_of_view(
    connection: Any,
    model: ModelInfo,
    kv_metadata: Mapping[str, str],
    periods: Sequence[str],
    total: int,
) -> dict[str, tuple[Path, int]] | None:
    """``{period: (file, rows)}`` when the mart is backed by matching period files, else None."""
    found = connection.execute(
        "select comment from duckdb_views() "
        "where database_name = ? and schema_name = ? and view_name = ?",
        [model.database, model.schema, model.identifier],
    ).fetchone()
    try:
        backing = json.loads(found[0]) if found and found[0] else {}
    except ValueError:
        return None
    if (
        not isinstance(backing, dict)
        or backing.get("materialization") != MATERIALIZATION_COMMENT_KEY
    ):
        return None
    folder = Path(backing["folder"])
    files = {
        period: folder / f"{PERIOD_DIR_PREFIX}{period}" / f"{PART}.parquet" for period in periods
    }
    if not all(path.is_file() for path in files.values()):
        LOG.warning("%s: period files missing in %s, writing the export", model.relation, folder)
        return None
    listing = "[" + ", ".join(quote_literal(str(path)) for path in files.values()) + "]"
    metadata = {
        (Path(name), key): value
        for name, key, value in connection.execute(
            f"select file_name, decode(key), decode(value) from parquet_kv_metadata({listing})"
        ).fetchall()
    }
    for path in files.values():
        for key in ("FocusVersion", "SchemaId"):
            if metadata.get((path, key)) != kv_metadata[key]:
                LOG.warning("%s: %s of %s differs, writing the export", model.relation, key, path)
                return None
    rows = {
        Path(name): count
        for name, count in connection.execute(
            f"select file_name, num_rows from parquet_file_metadata({listing})"
        ).fetchall()
    }
    if sum(rows[path] for path in files.values()) != total:
        LOG.warning("%s: the period files do not hold the view's rows, writing the export", folder)
        return None
    LOG.info("%s is backed by period files in %s: linking them", model.relation, folder)
    return {period: (path, rows[path]) for period, path in files.items()}


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link ``source`` at ``target`` (same file system), else copy it. Safe: the
    materialization replaces a period file by renaming a new file over it, never in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _previous_creation_date(final: Path, new_schema_id: str) -> str | None:
    """Keep the schema's CreationDate while the schema (SchemaId) is unchanged."""
    try:
        previous = json.loads((final / METADATA_FILE).read_text(encoding="utf-8"))
        schema = previous["Schema"]
        return schema["CreationDate"] if schema["SchemaId"] == new_schema_id else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def export(
    duckdb_path: Path | str,
    relation: ModelInfo | str,
    focus_version: str,
    export_dir: Path | str,
    formats: Sequence[str] | str = FORMATS,
    *,
    focus_columns: dict[str, dict[str, str]] | None = None,
    provider_tag_prefixes: Sequence[str] | None = None,
    data_generator: str = DEFAULT_DATA_GENERATOR,
    project_version: str = "0.0.0",
    now: datetime | None = None,
    pseudonymize_key: bytes | None = None,
    folder: str | None = None,
    period_column: str = "BillingPeriodStart",
) -> ExportResult:
    """Export ``relation`` (``database.schema.identifier``) to ``<export_dir>/focus-<version>/``.

    ``focus_columns`` (from ``load_focus_columns``) names the FOCUS columns and their types; with
    it the report lists missing Mandatory columns and non-FOCUS columns without the ``x_`` prefix.
    ``pseudonymize_key`` (bytes) pseudonymizes ``PSEUDONYMIZED_COLUMNS`` with that HMAC key.
    """
    started = time.monotonic()
    formats = parse_formats(formats)
    duckdb_path = Path(duckdb_path)
    if isinstance(relation, str):
        parts = relation.split(".")
        if len(parts) != 3:
            raise ExportError(f"relation must be database.schema.identifier: {relation!r}")
        relation = ModelInfo(parts[0], parts[1], parts[2], focus_version)
    if provider_tag_prefixes is None:
        provider_tag_prefixes = relation.provider_tag_prefixes
    focus_columns = focus_columns or {}
    # FOCUS versions (DECISIONLOG D-911): another dataset goes to a folder inside the version's.
    final = Path(export_dir) / (folder or f"focus-{focus_version}")
    final.parent.mkdir(parents=True, exist_ok=True)

    with export_lock(final):
        recover_and_clean(final)
        staging = new_staging_dir(final)
        # DuckDB's spill files: a hidden sibling, so a killed export's are cleaned next time.
        spill_dir = staging.with_name(staging.name + ".spill")
        try:
            result = _export_into(
                staging,
                final,
                duckdb_path,
                relation,
                focus_version,
                formats,
                focus_columns,
                list(provider_tag_prefixes),
                data_generator,
                project_version,
                now or datetime.now(timezone.utc),
                str(spill_dir),
                pseudonymize_key,
                period_column,
            )
            publish(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(spill_dir, ignore_errors=True)
    result.path = final
    LOG.info(
        "exported %d rows in %d billing periods to %s (%.1fs)",
        result.rows,
        len(result.rows_per_period),
        final,
        time.monotonic() - started,
    )
    return result


def _export_into(
    staging: Path,
    final: Path,
    duckdb_path: Path,
    model: ModelInfo,
    focus_version: str,
    formats: Sequence[str],
    focus_columns: dict[str, dict[str, str]],
    provider_tag_prefixes: list[str],
    data_generator: str,
    project_version: str,
    now: datetime,
    spill_dir: str,
    pseudonymize_key: bytes | None = None,
    period_column: str = "BillingPeriodStart",
) -> ExportResult:
    relation_sql = ".".join(
        quote_ident(part) for part in (model.database, model.schema, model.identifier)
    )
    pseudonymize = pseudonymize_key is not None
    connection = _connect(duckdb_path, model.database, spill_dir, pseudonymize_key)
    try:
        try:
            columns = _describe(connection, relation_sql, focus_columns)
        except Exception as error:  # duckdb.CatalogException and friends
            raise ExportError(f"cannot read {model.relation} in {duckdb_path}: {error}") from error
        by_name = {column.name: column for column in columns}
        if period_column not in by_name:
            raise ExportError(f"{model.relation} has no {period_column} column")
        for column in columns:
            if column.kind == "float" or (
                focus_columns.get(column.name, {}).get("data_type") == "Decimal"
                and column.kind != "decimal"
            ):
                LOG.warning(
                    "%s is %s, not DECIMAL: the CSV writes it as %s",
                    column.name,
                    column.source_type,
                    CSV_FLOAT_AS if column.kind == "float" else column.source_type,
                )

        period_sql = utc_month_expression(by_name[period_column])
        total, null_periods = connection.execute(
            f"select count(*), count(*) filter (where {period_sql} is null) from {relation_sql}"
        ).fetchone()
        if null_periods:
            raise ExportError(f"{null_periods} rows of {model.relation} have no {period_column}")
        periods = [
            row[0]
            for row in connection.execute(
                f"select distinct {period_sql} as period from {relation_sql} order by period"
            ).fetchall()
        ]

        definitions = [
            column_definition(
                column,
                (focus_columns.get(column.name) or {}).get("data_type"),
                provider_tag_prefixes,
            )
            for column in columns
        ]
        new_schema_id = schema_id(focus_version, definitions)
        kv_metadata = {"FocusVersion": focus_version, "SchemaId": new_schema_id}
        pseudonymized = [name for name in PSEUDONYMIZED_COLUMNS if pseudonymize and name in by_name]
        if pseudonymized:
            kv_metadata["x_PseudonymizedColumns"] = ",".join(pseudonymized)

        LOG.info(
            "exporting %s: %d rows, %d billing periods, formats %s",
            model.relation,
            total,
            len(periods),
            ",".join(formats),
        )
        # write-once (D-682): a mart written by focus_parquet_periods already holds the files.
        period_files = None
        if list(formats) == ["parquet"] and not pseudonymize and period_column == SORT_KEY[0]:
            period_files = period_files_of_view(connection, model, kv_metadata, periods, total)
        rows_per_period: dict[str, int] = {}
        for index, period in enumerate(periods, start=1):
            period_started = time.monotonic()
            if period_files is not None:
                source, rows = period_files[period]
                link_or_copy(source, staging / f"{PERIOD_DIR_PREFIX}{period}" / f"{PART}.parquet")
            else:
                rows = _write_period(
                    connection,
                    relation_sql,
                    columns,
                    period,
                    period_sql,
                    staging / f"{PERIOD_DIR_PREFIX}{period}",
                    formats,
                    kv_metadata,
                    pseudonymize,
                )
            rows_per_period[period] = rows
            LOG.info(
                "[%d/%d] billing_period=%s: %d rows (%.1fs)",
                index,
                len(periods),
                period,
                rows,
                time.monotonic() - period_started,
            )
        if sum(rows_per_period.values()) != total:
            raise ExportError(
                f"wrote {sum(rows_per_period.values())} rows but {model.relation} has {total}"
            )

        latest_end = None
        if "ChargePeriodEnd" in by_name:
            # epoch() keeps the value a plain number (no time-zone library needed in Python).
            latest_epoch = connection.execute(
                f"select epoch(max({quote_ident('ChargePeriodEnd')})) from "
                f"(select {parquet_expression(by_name['ChargePeriodEnd'])} from {relation_sql})"
            ).fetchone()[0]
            if latest_epoch is not None:
                latest_end = datetime.fromtimestamp(float(latest_epoch), tz=timezone.utc)
    finally:
        connection.close()

    files = []
    for period in periods:
        for fmt in formats:
            path = staging / f"{PERIOD_DIR_PREFIX}{period}" / f"{PART}.{fmt}"
            files.append(
                {
                    "Path": path.relative_to(staging).as_posix(),
                    "Format": fmt,
                    "BillingPeriod": period,
                    "Rows": rows_per_period[period],
                    "Bytes": path.stat().st_size,
                    "Sha256": sha256_of(path),
                }
            )

    names = [column.name for column in columns]
    focus_present = (
        [name for name in names if name in focus_columns]
        if focus_columns
        else [name for name in names if not name.startswith("x_")]
    )
    custom = [name for name in names if name.startswith("x_")]
    unknown = [name for name in names if focus_columns and name not in focus_columns]
    unknown = [name for name in unknown if not name.startswith("x_")]
    missing_mandatory = sorted(
        name
        for name, spec in focus_columns.items()
        if spec.get("feature_level") == "Mandatory" and name not in by_name
    )
    if unknown:
        LOG.warning("columns neither in FOCUS %s nor x_-prefixed: %s", focus_version, unknown)
    if missing_mandatory:
        LOG.warning("Mandatory FOCUS %s columns missing: %s", focus_version, missing_mandatory)

    freshness = None
    if latest_end is not None:
        freshness = round((now - latest_end).total_seconds() / 3600, 2)

    metadata = {
        "DataGenerator": {"DataGenerator": data_generator},
        "Schema": {
            "SchemaId": new_schema_id,
            "FocusVersion": focus_version,
            "CreationDate": _previous_creation_date(final, new_schema_id) or iso_z(now),
            "DataGeneratorVersion": data_generator_version(project_version, focus_version),
            "ColumnDefinition": definitions,
        },
        "x_ExportReport": {
            "ExportedAt": iso_z(now),
            "Relation": model.relation,
            "Formats": list(formats),
            "SortOrder": sort_columns(columns),
            "RowCount": total,
            "RowsPerBillingPeriod": rows_per_period,
            "FocusColumns": focus_present,
            "CustomColumns": custom,
            "UnknownColumns": unknown,
            "MissingMandatoryColumns": missing_mandatory,
            "LatestChargePeriodEnd": iso_z(latest_end) if latest_end is not None else None,
            "DataFreshnessHours": freshness,
            "Pseudonymized": pseudonymize,
            "PseudonymizedColumns": pseudonymized,
            "Pseudonymization": (
                f"HMAC-SHA256 keyed with {PSEUDONYMIZE_KEY_ENV}, hex, first "
                f"{PSEUDONYM_HEX_CHARS} characters; Tags: values only, keys kept"
                if pseudonymize
                else None
            ),
            "Files": files,
        },
    }
    (staging / METADATA_FILE).write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return ExportResult(final, total, rows_per_period, files, metadata)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def project_version(project_dir: Path) -> str:
    import yaml

    try:
        project = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
        return str(project.get("version") or "0.0.0")
    except (OSError, AttributeError):
        return "0.0.0"


def export_from_project(
    project_dir: Path,
    duckdb_path: Path,
    export_dir: Path,
    formats: Sequence[str] | str = FORMATS,
    *,
    manifest_path: Path | None = None,
    node_id: str = DEFAULT_NODE_ID,
    data_generator: str = DEFAULT_DATA_GENERATOR,
    pseudonymize_key: bytes | None = None,
) -> ExportResult:
    """Export the mart described by a dbt project's manifest (what focus_run.py calls)."""
    if not Path(duckdb_path).is_file():  # the data first: without it the manifest is moot
        raise ExportError(f"DuckDB file not found: {duckdb_path}")
    manifest_path = manifest_path or project_dir / "target" / "manifest.json"
    model = read_manifest_model(manifest_path, node_id)
    seed = project_dir / "seeds" / "focus" / "focus_columns.csv"
    focus_columns = (
        load_focus_columns(seed, model.focus_version, "CostAndUsage") if seed.is_file() else {}
    )
    if not focus_columns:
        LOG.warning(
            "no FOCUS %s column list at %s: report cannot check columns", model.focus_version, seed
        )
    result = export(
        duckdb_path,
        model,
        model.focus_version,
        export_dir,
        formats,
        focus_columns=focus_columns,
        data_generator=data_generator,
        project_version=project_version(project_dir),
        pseudonymize_key=pseudonymize_key,
    )
    if node_id == DEFAULT_NODE_ID:
        export_other_datasets(
            manifest_path,
            seed,
            duckdb_path,
            result.path,
            formats,
            data_generator,
            project_dir,
            pseudonymize_key,
        )
    return result


# --- FOCUS versions (issue 7, DECISIONLOG D-911): the other datasets of the version -----------
# Each FOCUS dataset other than CostAndUsage (ContractCommitment from 1.3, BillingPeriod and
# InvoiceDetail in 1.4) is a model whose meta names it (focus_dataset); it is exported with its own
# metadata.json to <export-dir>/focus-<version>/<Dataset>/, after the cost rows.
DATASET_PERIOD_COLUMNS = {"ContractCommitment": "ContractCommitmentPeriodStart"}


def dataset_nodes(manifest_path: Path) -> list[tuple[str, str]]:
    """(node id, FOCUS dataset) of the enabled models that are a FOCUS dataset but CostAndUsage."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    found = []
    for node_id, node in sorted((manifest.get("nodes") or {}).items()):
        meta = {**(node.get("meta") or {}), **((node.get("config") or {}).get("meta") or {})}
        dataset = meta.get("focus_dataset")
        if node.get("resource_type") == "model" and dataset and dataset != "CostAndUsage":
            found.append((node_id, str(dataset)))
    return found


def export_other_datasets(
    manifest_path: Path,
    seed: Path,
    duckdb_path: Path,
    version_dir: Path,
    formats: Sequence[str] | str,
    data_generator: str,
    project_dir: Path,
    pseudonymize_key: bytes | None = None,
) -> list[ExportResult]:
    results = []
    for node_id, dataset in dataset_nodes(manifest_path):
        model = read_manifest_model(manifest_path, node_id)
        columns = load_focus_columns(seed, model.focus_version, dataset) if seed.is_file() else {}
        results.append(
            export(
                duckdb_path,
                model,
                model.focus_version,
                version_dir.parent,
                formats,
                focus_columns=columns,
                data_generator=data_generator,
                project_version=project_version(project_dir),
                pseudonymize_key=pseudonymize_key,
                folder=f"{version_dir.name}/{dataset}",
                period_column=DATASET_PERIOD_COLUMNS.get(dataset, "BillingPeriodStart"),
            )
        )
    return results


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT)
    parser.add_argument("--manifest", type=Path, help="default: <project-dir>/target/manifest.json")
    parser.add_argument("--node-id", default=DEFAULT_NODE_ID)
    parser.add_argument(
        "--duckdb-path",
        type=Path,
        default=Path(os.environ.get("FOCUS_DUCKDB_PATH", "target/finops_focus.duckdb")),
        help="the dbt DuckDB file (default: $FOCUS_DUCKDB_PATH or target/finops_focus.duckdb)",
    )
    parser.add_argument("--export-dir", type=Path, default=Path("exports"))
    parser.add_argument("--formats", default="parquet,csv")
    parser.add_argument("--data-generator", default=DEFAULT_DATA_GENERATOR)
    add_pseudonymize_argument(parser)
    return parser


def add_pseudonymize_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pseudonymize",
        action="store_true",
        help=f"replace {', '.join(PSEUDONYMIZED_COLUMNS)} values by keyed HMAC pseudonyms "
        f"(also {PSEUDONYMIZE_ENV}=1; the key comes from {PSEUDONYMIZE_KEY_ENV})",
    )


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    LOG.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    try:
        key = pseudonymize_key_from_env(args.pseudonymize)
        export_from_project(
            args.project_dir,
            args.duckdb_path,
            args.export_dir,
            args.formats,
            manifest_path=args.manifest,
            node_id=args.node_id,
            data_generator=args.data_generator,
            pseudonymize_key=key,
        )
    except ExportError as error:
        LOG.error("export failed: %s", error)
        return 2
    except Exception as error:  # noqa: BLE001 - one clear line, not a traceback
        LOG.error("export failed: %s: %s", type(error).__name__, error)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
