"""Offline proof that the project builds on BigQuery and gives the DuckDB results.

    python scripts/prove_bigquery.py [--raw-data-path data/fixtures] [--work-dir DIR] [--keep]
                                     [--vars '{aws_cur2_enabled: false, ...}']

No BigQuery connection and no credential is used. Steps:
  1. build the project natively on DuckDB (`dbt build`) over the raw exports;
  2. compile it for the `bigquery` target with `--no-introspect --no-populate-cache`, using a
     throw-away service-account key generated for this run (an RSA key made with `cryptography`,
     written to the work folder and deleted right after the compile);
  3. parse every compiled model with sqlglot's BigQuery dialect (any parse error fails the proof);
  4. transpile each model to DuckDB and run them in dependency order in a DuckDB database laid out
     like the BigQuery project: the sources are tables shaped as BigQuery holds a CUR 2.0 or
     legacy Parquet load (`BIGQUERY_SOURCE_SHAPE`, DECISIONLOG D-020), the seeds are the seeds of
     the native build;
  5. compare every model with its native DuckDB relation: same columns, same rows (as multisets),
     numbers equal to the cent, timestamps compared in UTC, maps compared as sorted key/value
     lists (each model also logs whether its numbers agree to all 10 decimal places: `exact`);
  6. lint the BigQuery-compiled models with sqlfluff (dialect bigquery, templater raw) and the
     rules of the project's .sqlfluff, minus the rules in `COMPILED_LINT_RELAXED` (each with its
     reason). Any violation fails the proof.

It ends by logging "N/N models compiled for BigQuery, parsed, transpiled and matched DuckDB".

Every source of vars/all_providers.yml has a BigQuery shape here (`create_bigquery_sources`).
Sources in `SKIPPED_SOURCES` are skipped by name, with their reason: the models that read only
them are not run, compared or linted; their native rows stand in for them so that the models
downstream (provider union, marts) are still proved (DECISIONLOG D-950..D-953). `--native-duckdb`
and `--native-target` reuse a native build of the same raw data and vars instead of step 1.

Proof-side shims (the only places where the transpiled SQL is not sqlglot's own output), each
where DuckDB cannot hold a BigQuery type or sqlglot 30 mistranslates a construct that has no
equivalent the BigQuery macro could use instead:
  - BIGNUMERIC becomes DECIMAL(38, 10): DuckDB decimals stop at 38 digits and sqlglot would pick
    DECIMAL(38, 5); 10 places is the scale of the native build (DECISIONLOG D-002);
  - NUMERIC becomes DECIMAL(38, 9), BigQuery's own NUMERIC (sqlglot leaves a bare DECIMAL, which
    DuckDB reads as DECIMAL(18, 3));
  - FULL OUTER UNION ALL BY NAME becomes UNION ALL BY NAME: DuckDB's BY NAME already keeps the
    columns of both sides (BigQuery's FULL mode) but does not accept the FULL OUTER words, which
    sqlglot 30 copies through (align_optional_columns needs FULL mode on BigQuery);
  - for the legacy Parquet shape (prefixed_columns_to_map, `--vars` to enable it) and Azure tags:
    JSON_KEYS(json, 1) becomes DuckDB's json_keys(json) (top-level keys; sqlglot names a function
    DuckDB lacks) and JSON_VALUE(json[key]) becomes json_extract_string(json, key) (sqlglot turns
    the subscript with a key expression into a string slice);
  - SAFE.PARSE_JSON(text) becomes TRY_CAST(text AS JSON) (Azure tags, azure_tags_to_json): the only
    BigQuery way to parse JSON text without failing on a bad value, which sqlglot writes as a
    DuckDB function that does not exist (SAFE.JSON).

Exit codes: 0 every model matched; 1 a model failed to parse, run or match; 2 an error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger("prove_bigquery")

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
DBT = Path(sys.executable).parent / "dbt"

# The BigQuery project and dataset the compile targets; also the DuckDB catalog and schema prefix
# the transpiled models run in.
BIGQUERY_PROJECT = "offline-proof"
BIGQUERY_DATASET = "finops_focus"
NATIVE_DATABASE = "native"

BIGQUERY_SOURCE_SHAPE = """
How the CUR 2.0 table looks in BigQuery (`<aws_database>.<aws_schema>.cur2_line_items`): the
Parquet files of AWS Data Exports loaded as they are, so
  - text columns are STRING, numbers FLOAT64, Parquet timestamps TIMESTAMP (UTC);
  - the legacy Parquet shape (Athena) the same way: its tags are columns, it has no maps;
  - the map columns (product, resource_tags, cost_category, discount) are
    ARRAY<STRUCT<key STRING, value STRING>>, what a load with the Parquet option
    map_target_type = ARRAY_OF_STRUCT writes (scripts/bigquery_ci.py load-cur2);
  - an optional `filename` STRING holds the object the row came from (for example `_FILE_NAME`
    of an external table over the export bucket); without it x_SourceFile is null.
"""

# The CSV sources other than Azure's, by `<source>.<table>`: loaded into BigQuery as the files
# are (every column STRING, empty fields null), the header names as the BigQuery loader writes
# them: a character BigQuery does not take in a column name (`/`, `.`, ...) becomes `_`, so OCI's
# `Tags/<namespace>.<key>` columns arrive as `Tags_<namespace>_<key>`.
BIGQUERY_CSV_SOURCES = {
    "oci.focus_report": "oci/focus_report/**/*.csv*",
    "oci.cost_report": "oci/cost_report/**/*.csv*",
    "alibaba.focus": "alibaba/focus/**/*.csv*",
    "focus_export.azure_1_0": "focus_export/azure_1_0/**/*.csv*",
    "focus_export.azure_1_2_preview": "focus_export/azure_1_2_preview/**/*.csv*",
}

# The Parquet FOCUS exports, loaded as they are (maps as arrays of key/value structs, like CUR 2.0).
BIGQUERY_PARQUET_SOURCES = {
    "focus_export.aws_1_0": "focus_export/aws_1_0/**/*.parquet",
    "focus_export.aws_1_2": "focus_export/aws_1_2/**/*.parquet",
    "focus_export.gcp": "focus_export/gcp/**/*.parquet",
}

# The saved API pages: one row per page file, as a load of the pages as newline-delimited JSON
# (one page a line) writes them: the page's array in a JSON column, its scalars as they are, and
# `filename` the file the page came from (`_FILE_NAME` of an external table).
_PAGE = "object: 'VARCHAR', data: 'JSON', has_more: 'BOOLEAN', next_page: 'VARCHAR'"
_LIST = "object: 'VARCHAR', data: 'JSON', has_more: 'BOOLEAN'"
BIGQUERY_JSON_PAGE_SOURCES = {
    "openai.costs": ("openai/*/costs/**/*.json", _PAGE),
    "openai.usage": ("openai/*/usage/**/*.json", _PAGE),
    "openai.projects": ("openai/*/projects/**/*.json", _LIST),
    "anthropic.cost_report": (
        "anthropic/*/cost_report/**/*.json",
        "data: 'JSON', has_more: 'BOOLEAN', next_page: 'VARCHAR'",
    ),
    "anthropic.usage_report_messages": (
        "anthropic/*/usage_report_messages/**/*.json",
        "data: 'JSON', has_more: 'BOOLEAN', next_page: 'VARCHAR'",
    ),
    "anthropic.workspaces": (
        "anthropic/*/workspaces/**/*.json",
        "data: 'JSON', has_more: 'BOOLEAN'",
    ),
}

# Sources the proof does not load, by `<source>.<table>`, with the reason (logged; DECISIONLOG
# D-950; the API pages of D-951 are proved since D-957, the native FOCUS exports of D-952 since
# D-958). The models that read only these
# sources are not run: their native rows stand in for them, so that the models downstream (the
# provider union, the marts) are still proved; COMPARED_EXCEPT below runs some of them anyway.
_OCI_TAGS = (
    "OCI {report}: BigQuery column names cannot hold the '.' of its {tags}/<namespace>.<key>"
    " headers, so a CSV load renames every tag column and the tag keys cannot match (D-950)"
)
SKIPPED_SOURCES: dict[str, str] = {
    "oci.focus_report": _OCI_TAGS.format(report="FOCUS report", tags="Tags"),
    "oci.cost_report": _OCI_TAGS.format(report="cost report", tags="tags"),
}

# Skipped sources whose staging models are still run and must match the native build on every
# column but the ones listed, which only a BigQuery limit makes differ (DECISIONLOG D-956): OCI's
# tag columns, renamed by the CSV load (D-950), in both report shapes. Their native rows still
# stand in downstream.
COMPARED_EXCEPT: dict[str, tuple[str, ...]] = {
    "oci.focus_report": ("tags",),
    "oci.cost_report": ("tags",),
}

# Numbers are compared to the cent; everything else exactly.
NUMERIC_PREFIXES = (
    "DECIMAL",
    "DOUBLE",
    "FLOAT",
    "REAL",
    "HUGEINT",
    "BIGINT",
    "INTEGER",
    "SMALLINT",
)

# Rules of .sqlfluff not applied to compiled output, and why. The layout of compiled SQL is what
# Jinja's whitespace control leaves behind (macro bodies keep their own indentation, comments of
# removed blocks leave blank lines); layout is linted on the sources with the dbt templater.
COMPILED_LINT_RELAXED = {
    "LT01": "spacing left by Jinja expressions and whitespace control",
    "LT02": "macro bodies keep their own indentation wherever they are called",
    "LT03": "operators that macro loops place at line ends (record_cast_failures' ||)",
    "LT05": "lines grow where macros expand inline; checked on the sources",
    "LT09": "select targets written on one line by one-line macros",
    "LT11": "set operators emitted by align_optional_columns right after the source",
    "LT12": "compiled files end where the Jinja template ends",
    "LT13": "leading blank lines left by the doc comment of each model",
    "LT14": "keywords placed by Jinja loops and macro calls",
    "LT15": "blank lines left by removed Jinja blocks",
    "ST06": (
        "select-list order is the contract's column order (staging shapes are stacked by"
        " position); the dbt-templated source lint does not apply it to these selects either"
    ),
}


class ProofError(Exception):
    """An error that stops the proof (exit code 2), reported as one line."""


@dataclass
class Model:
    unique_id: str
    name: str
    schema: str
    materialized: str
    compiled_sql: str
    depends_on: list[str] = field(default_factory=list)


@dataclass
class ModelResult:
    name: str
    parsed: bool = False
    transpiled: bool = False
    ran: bool = False
    matched: bool = False
    exact: bool = False
    detail: str = ""


@dataclass
class Proof:
    results: list[ModelResult]
    test_parse_errors: list[str]
    lint_violations: list[str]

    @property
    def ok(self) -> bool:
        return (
            bool(self.results)
            and all(result.matched for result in self.results)
            and not self.test_parse_errors
            and not self.lint_violations
        )


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def throwaway_service_account_key(project: str) -> dict:
    """A syntactically valid service-account key nobody can use: a fresh RSA key, fake names."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": "0" * 40,
        "private_key": pem,
        "client_email": f"offline-proof@{project}.iam.gserviceaccount.com",
        "client_id": "0",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
    }


def models_from_manifest(manifest: dict) -> list[Model]:
    """The enabled models of a compiled manifest, in dependency order (ties by name)."""
    nodes = {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
    }
    models = {
        unique_id: Model(
            unique_id=unique_id,
            name=node["name"],
            schema=node["schema"],
            materialized=node["config"]["materialized"],
            compiled_sql=node.get("compiled_code") or "",
            depends_on=[d for d in node["depends_on"]["nodes"] if d in nodes],
        )
        for unique_id, node in nodes.items()
    }
    return topological_order(models)


def topological_order(models: dict[str, Model]) -> list[Model]:
    ordered: list[Model] = []
    done: set[str] = set()
    pending = dict(models)
    while pending:
        ready = sorted(
            (m for m in pending.values() if all(d in done for d in m.depends_on)),
            key=lambda m: m.name,
        )
        if not ready:
            raise ProofError(f"dependency cycle among {sorted(pending)}")
        for model in ready:
            ordered.append(model)
            done.add(model.unique_id)
            del pending[model.unique_id]
    return ordered


def parse_bigquery(sql: str):
    """Parse one compiled model with sqlglot's BigQuery dialect; raises on any parse error."""
    import sqlglot
    from sqlglot.errors import ErrorLevel

    expressions = sqlglot.parse(sql, read="bigquery", error_level=ErrorLevel.RAISE)
    statements = [e for e in expressions if e is not None]
    if len(statements) != 1:
        raise ProofError(f"expected one statement, found {len(statements)}")
    return statements[0]


def transpile_to_duckdb(expression) -> str:
    """DuckDB SQL for a parsed BigQuery model, with the documented type shims."""
    from sqlglot import exp

    def shim(node):
        if isinstance(node, exp.Union) and node.args.get("by_name") and node.args.get("side"):
            if node.args["side"].lower() != "full":
                raise ProofError(f"{node.args['side']} UNION BY NAME has no DuckDB equivalent")
            node.set("side", None)
            node.set("kind", None)
            return node
        if isinstance(node, exp.JSONKeysAtDepth):
            depth = node.expression
            if depth is not None and depth.name != "1":
                raise ProofError("JSON_KEYS deeper than 1 has no DuckDB equivalent here")
            return exp.Anonymous(this="json_keys", expressions=[node.this.transform(shim)])
        if (
            isinstance(node, exp.JSONExtractScalar)
            and isinstance(node.this, exp.Bracket)
            and len(node.this.expressions) == 1
            and node.expression.sql() in ("$", "'$'")
        ):
            return exp.Anonymous(
                this="json_extract_string",
                expressions=[node.this.this.transform(shim), node.this.expressions[0]],
            )
        if isinstance(node, exp.SafeFunc) and isinstance(node.this, exp.ParseJSON):
            return exp.TryCast(this=node.this.this.transform(shim), to=exp.DataType.build("JSON"))
        if (  # the same call inside a subscript parses as safe.<anonymous parse_json>
            isinstance(node, exp.Dot)
            and node.this.name.lower() == "safe"
            and isinstance(node.expression, exp.Anonymous)
            and node.expression.name.lower() == "parse_json"
        ):
            return exp.TryCast(
                this=node.expression.expressions[0].transform(shim),
                to=exp.DataType.build("JSON"),
            )
        if isinstance(node, exp.DataType):
            if node.this == exp.DataType.Type.BIGDECIMAL:
                return exp.DataType.build("DECIMAL(38, 10)")
            if node.this == exp.DataType.Type.DECIMAL and not node.expressions:
                return exp.DataType.build("DECIMAL(38, 9)")
        return node

    return expression.copy().transform(shim).sql(dialect="duckdb")


def normalized_column(name: str, data_type: str, places: int = 2) -> str:
    """A DuckDB expression turning one column into comparable text; numbers to `places`."""
    column = '"' + name.replace('"', '""') + '"'
    upper = data_type.upper()
    if upper.startswith("MAP("):
        return f"cast(to_json(list_sort(map_entries({column}))) as varchar)"
    if upper.endswith("[]"):
        return f"cast(to_json(list_sort({column})) as varchar)"
    if upper.startswith("TIMESTAMP"):
        return f"strftime(cast({column} as timestamp), '%Y-%m-%d %H:%M:%S.%f')"
    if upper.startswith(NUMERIC_PREFIXES):
        return f"cast(round(cast({column} as decimal(38, 10)), {places}) as varchar)"
    return f"cast({column} as varchar)"


# --------------------------------------------------------------------------------------------
# dbt
# --------------------------------------------------------------------------------------------


def run_dbt(args: list[str], env: dict[str, str], work_dir: Path, label: str) -> None:
    command = [
        str(DBT),
        *args,
        "--project-dir",
        str(REPO_ROOT),
        "--profiles-dir",
        str(work_dir),
        "--target-path",
        str(work_dir / f"target_{label}"),
        "--log-path",
        str(work_dir / f"logs_{label}"),
    ]
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )
    LOG.info(
        "dbt %s (%s): exit %s in %.1fs",
        args[0],
        label,
        completed.returncode,
        time.monotonic() - started,
    )
    if completed.returncode != 0:
        tail = (completed.stdout + completed.stderr)[-3000:]
        raise ProofError(f"dbt {' '.join(args)} ({label}) failed:\n{tail}")


def dbt_env(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **extra}


def native_build(work_dir: Path, raw_path: Path, dbt_vars: str | None) -> Path:
    duckdb_path = work_dir / f"{NATIVE_DATABASE}.duckdb"
    env = dbt_env({"FOCUS_DUCKDB_PATH": str(duckdb_path), "FOCUS_RAW_DATA_PATH": str(raw_path)})
    vars_args = ["--vars", dbt_vars] if dbt_vars else []
    run_dbt(["build", "--target", "duckdb", *vars_args], env, work_dir, "duckdb")
    return duckdb_path


def bigquery_compile(work_dir: Path, raw_path: Path, dbt_vars: str | None) -> dict:
    keyfile = work_dir / "throwaway-service-account.json"
    keyfile.write_text(json.dumps(throwaway_service_account_key(BIGQUERY_PROJECT)))
    keyfile.chmod(0o600)
    env = dbt_env(
        {
            "FOCUS_BIGQUERY_KEYFILE": str(keyfile),
            "FOCUS_BIGQUERY_PROJECT": BIGQUERY_PROJECT,
            "FOCUS_BIGQUERY_DATASET": BIGQUERY_DATASET,
            "FOCUS_RAW_DATA_PATH": str(raw_path),
            "FOCUS_AWS_DATABASE": "",
        }
    )
    try:
        run_dbt(
            [
                "compile",
                "--target",
                "bigquery",
                "--no-introspect",
                "--no-populate-cache",
                *(["--vars", dbt_vars] if dbt_vars else []),
            ],
            env,
            work_dir,
            "bigquery",
        )
    finally:
        keyfile.unlink(missing_ok=True)
    manifest_path = work_dir / "target_bigquery" / "manifest.json"
    return json.loads(manifest_path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# DuckDB side
# --------------------------------------------------------------------------------------------


def source_key(source: dict) -> str:
    """`<source>.<table>`: how the proof names a source of the manifest."""
    return f"{source['source_name']}.{source['name']}"


def bigquery_column_name(header: str) -> str:
    """A CSV header as the BigQuery loader names its column: other characters than letters,
    digits and `_` written as `_` (the assumption of bigquery__prefixed_columns_to_map)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", header)


def quote(*parts: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def bigquery_select_list(columns: list[tuple], renames: dict[str, str] | None = None) -> list[str]:
    """Select a DuckDB relation's columns as BigQuery holds them: maps as arrays of key/value
    structs, naive timestamps as UTC TIMESTAMPs, names renamed by `renames`."""
    select_list = []
    for name, data_type, *_ in columns:
        column = quote(name)
        alias = quote((renames or {}).get(name, name))
        if data_type.upper().startswith("MAP("):
            select_list.append(f"map_entries({column}) as {alias}")
        elif data_type.upper() == "TIMESTAMP":
            select_list.append(f"cast({column} as timestamptz) as {alias}")
        else:
            select_list.append(f"{column} as {alias}" if alias != column else column)
    return select_list


def source_keys(manifest: dict) -> dict[str, str]:
    """`<source>.<table>` of each source node, by unique id."""
    return {unique_id: source_key(source) for unique_id, source in manifest["sources"].items()}


def skipped_models(manifest: dict) -> dict[str, str]:
    """Models that read only sources in SKIPPED_SOURCES (directly or through other models), by
    unique id, with the reasons of those sources: the proof takes their rows from the native
    build instead of running them, and proves the models downstream of them."""
    sources = source_keys(manifest)
    nodes = manifest["nodes"]
    ancestors: dict[str, set[str]] = {}

    def source_ancestors(unique_id: str) -> set[str]:
        if unique_id in sources:
            return {sources[unique_id]}
        if unique_id not in ancestors:
            ancestors[unique_id] = set()
            node = nodes.get(unique_id)
            for parent in (node or {}).get("depends_on", {}).get("nodes", []):
                ancestors[unique_id] |= source_ancestors(parent)
        return ancestors[unique_id]

    skipped = {}
    for unique_id, node in nodes.items():
        if node["resource_type"] != "model":
            continue
        keys = source_ancestors(unique_id)
        if keys and keys <= set(SKIPPED_SOURCES):
            skipped[unique_id] = "; ".join(sorted({SKIPPED_SOURCES[k] for k in keys}))
    return skipped


def partly_compared_models(manifest: dict) -> dict[str, tuple[str, ...]]:
    """Models reading a source of COMPARED_EXCEPT directly, with the columns left out of their
    comparison (D-956)."""
    sources = source_keys(manifest)
    partly = {}
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        for parent in node.get("depends_on", {}).get("nodes", []):
            if sources.get(parent) in COMPARED_EXCEPT:
                partly[unique_id] = partly.get(unique_id, ()) + COMPARED_EXCEPT[sources[parent]]
    return partly


def copy_native_model(connection, model: Model, native_node: dict) -> None:
    """A skipped model's native rows, held as BigQuery would (bigquery_select_list)."""
    catalog = native_node.get("database", NATIVE_DATABASE)
    native = quote(catalog, native_node["schema"], native_node["alias"])
    columns = columns_of(connection, catalog, native_node["schema"], native_node["alias"])
    connection.sql(f"create schema if not exists {quote(BIGQUERY_PROJECT, model.schema)}")
    connection.sql(
        f"create table {quote(BIGQUERY_PROJECT, model.schema, model.name)} as "
        f"select {', '.join(bigquery_select_list(columns))} from {native}"
    )


def create_bigquery_sources(connection, manifest: dict, raw_path: Path) -> list[str]:
    """The enabled sources as BigQuery would hold them (BIGQUERY_SOURCE_SHAPE)."""
    created = []
    readers = {
        "aws.cur2": (
            "read_parquet('{path}/aws/cur2/**/*.parquet', union_by_name = true, "
            "filename = true, hive_partitioning = false)"
        ),
        "aws.cur_legacy_parquet": (
            "read_parquet('{path}/aws/cur_legacy_parquet/**/*.parquet', union_by_name = true, "
            "filename = true, hive_partitioning = false)"
        ),
        # gcp: the detailed export as BigQuery holds it (structs and arrays of structs, UTC
        # TIMESTAMPs), which is what its Parquet shape is; the team's invoice list as text
        "gcp.billing_export": (
            "read_parquet('{path}/gcp/billing_export_parquet/**/*.parquet', union_by_name = true, "
            "filename = true, hive_partitioning = false)"
        ),
        "gcp.invoices": (
            "read_csv('{path}/gcp/invoices/*.csv', header = true, all_varchar = true, "
            "filename = true, hive_partitioning = false)"
        ),
    }
    # Azure: the cost details CSVs loaded as they are, every column STRING, header names as the
    # BigQuery CSV loader writes them (letters and digits kept, matched without regard to case).
    for shape in ("ea_actual", "ea_amortized", "mca_actual", "mca_amortized"):
        readers[f"azure.{shape}"] = (
            f"read_csv('{{path}}/azure/{shape}/**/*.csv*', header = true, all_varchar = true, "
            "union_by_name = true, filename = true, normalize_names = true, "
            "hive_partitioning = false)"
        )
    # OCI, Alibaba and the CSV FOCUS exports: the CSVs loaded as they are, every column STRING,
    # each header character BigQuery refuses in a column name written as `_` (BIGQUERY_CSV_SOURCES).
    for key, glob in BIGQUERY_CSV_SOURCES.items():
        readers[key] = (
            f"read_csv('{{path}}/{glob}', header = true, all_varchar = true, "
            "union_by_name = true, filename = true, hive_partitioning = false, nullstr = [''])"
        )
    # The Parquet FOCUS exports: loaded as they are (maps as arrays of key/value structs).
    for key, glob in BIGQUERY_PARQUET_SOURCES.items():
        readers[key] = (
            f"read_parquet('{{path}}/{glob}', union_by_name = true, filename = true, "
            "hive_partitioning = false)"
        )
    # The API pages (OpenAI, Anthropic): one row per page file, its arrays in a JSON column.
    for key, (glob, columns) in BIGQUERY_JSON_PAGE_SOURCES.items():
        readers[key] = (
            f"read_json('{{path}}/{glob}', columns = {{{{{columns}}}}}, format = 'auto', "
            "filename = true, hive_partitioning = false)"
        )
    for source in manifest["sources"].values():
        key = source_key(source)
        if key not in readers:
            raise ProofError(
                f"source {key} has no BigQuery shape in the proof; add one to "
                "create_bigquery_sources"
            )
        reader = readers[key].format(path=raw_path.as_posix())
        columns = connection.sql(f"describe select * from {reader}").fetchall()
        renames = (
            {name: bigquery_column_name(name) for name, *_ in columns}
            if key in BIGQUERY_CSV_SOURCES
            else {}
        )
        select_list = bigquery_select_list(columns, renames)
        connection.sql(f"create schema if not exists {quote(source['database'], source['schema'])}")
        relation = quote(source["database"], source["schema"], source["identifier"])
        connection.sql(f"create table {relation} as select {', '.join(select_list)} from {reader}")
        created.append(relation)
    return created


def copy_seeds(connection, bigquery_manifest: dict, native_manifest: dict) -> None:
    native_seeds = {
        node["name"]: node
        for node in native_manifest["nodes"].values()
        if node["resource_type"] == "seed"
    }
    for node in bigquery_manifest["nodes"].values():
        if node["resource_type"] != "seed":
            continue
        native = native_seeds[node["name"]]
        connection.sql(f"create schema if not exists {quote(node['database'], node['schema'])}")
        connection.sql(
            f"create table {quote(node['database'], node['schema'], node['alias'])} as "
            f"select * from {quote(native['database'], native['schema'], native['alias'])}"
        )


def columns_of(connection, database: str, schema: str, name: str) -> list[tuple[str, str]]:
    return connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
        [database, schema, name],
    ).fetchall()


def differing_rows(
    connection,
    ours: tuple[str, list[tuple[str, str]]],
    theirs: tuple[str, list[tuple[str, str]]],
    places: int,
) -> tuple[int, int, int, int]:
    """Row counts of both relations and of the rows only in each, numbers to `places`."""

    def normalized(relation: str, columns: list[tuple[str, str]]) -> str:
        select_list = ", ".join(
            f"{normalized_column(name, data_type, places)} as c{index}"
            for index, (name, data_type) in enumerate(columns)
        )
        return f"select {select_list} from {relation}"

    ours_sql, theirs_sql = normalized(*ours), normalized(*theirs)
    return connection.sql(
        f"select (select count(*) from ({ours_sql})), (select count(*) from ({theirs_sql})), "
        f"(select count(*) from ({ours_sql} except all {theirs_sql})), "
        f"(select count(*) from ({theirs_sql} except all {ours_sql}))"
    ).fetchone()


def compare(
    connection, model: Model, native_node: dict, ignored: tuple[str, ...] = ()
) -> tuple[str, bool]:
    """('' or why the rows differ with numbers to the cent, whether they match to 10 places),
    leaving out the `ignored` columns (D-956)."""
    left_out = {name.lower() for name in ignored}

    def compared_columns(database: str, schema: str, name: str) -> list[tuple[str, str]]:
        columns = columns_of(connection, database, schema, name)
        return [column for column in columns if column[0].lower() not in left_out]

    ours = compared_columns(BIGQUERY_PROJECT, model.schema, model.name)
    catalog = native_node.get("database", NATIVE_DATABASE)
    theirs = compared_columns(catalog, native_node["schema"], native_node["alias"])
    if [c.lower() for c, _ in ours] != [c.lower() for c, _ in theirs]:
        return f"columns differ: {[c for c, _ in ours]} vs {[c for c, _ in theirs]}", False
    ours_relation = (quote(BIGQUERY_PROJECT, model.schema, model.name), ours)
    theirs_relation = (quote(catalog, native_node["schema"], native_node["alias"]), theirs)
    counts = differing_rows(connection, ours_relation, theirs_relation, places=2)
    if counts[2] or counts[3] or counts[0] != counts[1]:
        return (
            f"rows differ: {counts[0]} BigQuery-compiled vs {counts[1]} native; "
            f"{counts[2]} only in BigQuery-compiled, {counts[3]} only in native"
        ), False
    exact = differing_rows(connection, ours_relation, theirs_relation, places=10)
    return "", not (exact[2] or exact[3])


def parse_compiled_tests(manifest: dict) -> list[str]:
    """Parse every compiled data test as BigQuery (they are compiled, not run, by the proof)."""
    errors = []
    tests = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("compiled_code")
    ]
    for node in tests:
        try:
            parse_bigquery(node["compiled_code"])
        except Exception as error:  # noqa: BLE001 - reported per test
            errors.append(f"{node['name']}: {str(error).splitlines()[0][:300]}")
    LOG.info("%d compiled data tests parsed as BigQuery, %d errors", len(tests), len(errors))
    return errors


# --------------------------------------------------------------------------------------------
# sqlfluff on the compiled SQL
# --------------------------------------------------------------------------------------------


def compiled_lint_config(project_config: str) -> str:
    """The project's .sqlfluff for compiled BigQuery SQL: raw templater, bigquery dialect."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep option names as written
    parser.read_string(project_config)
    for section in list(parser.sections()):
        if section.startswith("sqlfluff:templater"):
            parser.remove_section(section)
    core = parser["sqlfluff"]
    core["templater"] = "raw"
    core["dialect"] = "bigquery"
    excluded = [r.strip() for r in core.get("exclude_rules", "").split(",") if r.strip()]
    core["exclude_rules"] = ", ".join(excluded + sorted(COMPILED_LINT_RELAXED))
    lines = ["# Generated by scripts/prove_bigquery.py from the project's .sqlfluff."]
    for section in parser.sections():
        lines.append(f"[{section}]")
        lines += [f"{key} = {value}" for key, value in parser[section].items()]
        lines.append("")
    return "\n".join(lines)


def lint_compiled(lint_dir: Path, models: list[Model], manifest: dict) -> list[str]:
    """Lint each compiled model where its source lives (so nested .sqlfluff files apply)."""
    sqlfluff = Path(sys.executable).parent / "sqlfluff"
    lint_dir.mkdir(parents=True, exist_ok=True)
    (lint_dir / ".sqlfluff").write_text(
        compiled_lint_config((REPO_ROOT / ".sqlfluff").read_text(encoding="utf-8"))
    )
    files = []
    for model in models:
        source_path = Path(manifest["nodes"][model.unique_id]["original_file_path"])
        target = lint_dir / source_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(model.compiled_sql)
        nested = REPO_ROOT / source_path.parent / ".sqlfluff"
        if nested.exists():
            shutil.copyfile(nested, target.parent / ".sqlfluff")
        files.append(str(source_path))
    completed = subprocess.run(  # --processes 0: one process per CPU
        [str(sqlfluff), "lint", "--format", "json", "--nofail", "--processes", "0", *files],
        cwd=lint_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise ProofError(f"sqlfluff gave no report: {completed.stderr[-2000:]}") from error
    violations = []
    for file_report in report:
        for violation in file_report["violations"]:
            violations.append(
                f"{file_report['filepath']}:{violation['start_line_no']} {violation['code']} "
                f"{violation['description']}"
            )
    return violations


# --------------------------------------------------------------------------------------------
# The proof
# --------------------------------------------------------------------------------------------


def prove(
    work_dir: Path,
    raw_path: Path,
    dbt_vars: str | None = None,
    native: tuple[Path, Path] | None = None,
) -> Proof:
    """Run the proof; `native` (DuckDB file, target folder) reuses a native build made by the
    caller over the same raw data and vars instead of building it again."""
    import duckdb

    profiles = work_dir / "profiles.yml"
    shutil.copyfile(REPO_ROOT / "profiles.example.yml", profiles)

    if native is None:
        native_path = native_build(work_dir, raw_path, dbt_vars)
        native_target = work_dir / "target_duckdb"
    else:
        native_path, native_target = native
        LOG.info("native build reused: %s", native_path)
    native_manifest = json.loads((native_target / "manifest.json").read_text(encoding="utf-8"))
    native_nodes = {
        node["name"]: node
        for node in native_manifest["nodes"].values()
        if node["resource_type"] == "model"
    }
    manifest = bigquery_compile(work_dir, raw_path, dbt_vars)
    models = models_from_manifest(manifest)
    LOG.info("%d models compiled for BigQuery", len(models))
    compiled_dir = work_dir / "compiled_bigquery"
    transpiled_dir = work_dir / "transpiled_duckdb"
    compiled_dir.mkdir(exist_ok=True)
    transpiled_dir.mkdir(exist_ok=True)

    skipped = skipped_models(manifest)
    connection = duckdb.connect()
    try:
        connection.sql("set TimeZone = 'UTC'")
        # attached under the catalog name the native build used (its file's stem), which its
        # views name
        native_catalog = next(iter(native_nodes.values()))["database"]
        connection.sql(f"attach '{native_path.as_posix()}' as {quote(native_catalog)} (read_only)")
        connection.sql(f"attach ':memory:' as {quote(BIGQUERY_PROJECT)}")
        create_bigquery_sources(connection, manifest, raw_path)
        copy_seeds(connection, manifest, native_manifest)

        partly = partly_compared_models(manifest)
        results = []
        for model in models:
            ignored = partly.get(model.unique_id, ())
            if model.unique_id in skipped and not ignored:
                copy_native_model(connection, model, native_nodes[model.name])
                LOG.info("%-45s skipped: %s", model.name, skipped[model.unique_id])
                continue
            result = ModelResult(model.name)
            results.append(result)
            (compiled_dir / f"{model.name}.sql").write_text(model.compiled_sql)
            kind = "view" if model.materialized == "view" else "table"
            relation = quote(BIGQUERY_PROJECT, model.schema, model.name)
            try:
                expression = parse_bigquery(model.compiled_sql)
                result.parsed = True
                duckdb_sql = transpile_to_duckdb(expression)
                (transpiled_dir / f"{model.name}.sql").write_text(duckdb_sql)
                result.transpiled = True
                connection.sql(
                    f"create schema if not exists {quote(BIGQUERY_PROJECT, model.schema)}"
                )
                connection.sql(f"create {kind} {relation} as {duckdb_sql}")
                result.ran = True
                result.detail, result.exact = compare(
                    connection, model, native_nodes[model.name], ignored
                )
                result.matched = not result.detail
            except Exception as error:  # noqa: BLE001 - every failure is reported per model
                result.detail = str(error).splitlines()[0][:500] if str(error) else repr(error)
            LOG.info(
                "%-45s parsed=%s transpiled=%s ran=%s matched=%s exact=%s %s%s",
                model.name,
                result.parsed,
                result.transpiled,
                result.ran,
                result.matched,
                result.exact,
                result.detail,
                f" (compared without {', '.join(ignored)}: D-956)" if ignored else "",
            )
            if model.unique_id in skipped:
                # the left-out columns differ: the native rows stand in downstream (D-953)
                connection.sql(f"drop {kind} if exists {relation}")
                copy_native_model(connection, model, native_nodes[model.name])
    finally:
        connection.close()

    test_errors = parse_compiled_tests(manifest)
    for error in test_errors:
        LOG.error("data test does not parse as BigQuery: %s", error)

    proved = [
        model for model in models if model.unique_id not in skipped or model.unique_id in partly
    ]
    if skipped:
        LOG.info(
            "%d models skipped (they read only the skipped sources %s)",
            len(skipped),
            ", ".join(sorted(SKIPPED_SOURCES)),
        )
    violations = lint_compiled(work_dir / "lint_bigquery", proved, manifest)
    for violation in violations:
        LOG.error("sqlfluff: %s", violation)
    LOG.info(
        "sqlfluff (bigquery dialect) on %d compiled models: %d violations",
        len(proved),
        len(violations),
    )
    return Proof(results, test_errors, violations)


def summary_line(results: list[ModelResult]) -> str:
    matched = sum(1 for r in results if r.matched)
    return (
        f"{matched}/{len(results)} models compiled for BigQuery, parsed, transpiled and "
        "matched DuckDB"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--raw-data-path",
        type=Path,
        default=REPO_ROOT / "data" / "fixtures",
        help="folder of raw exports (default: the committed fixture)",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where builds, compiled and transpiled SQL go (default: a temporary folder)",
    )
    parser.add_argument(
        "--vars",
        default=None,
        help="dbt --vars for both builds, e.g. to prove another export shape",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument(
        "--native-duckdb",
        type=Path,
        default=None,
        help="reuse this native DuckDB build (same raw data and vars) instead of building one",
    )
    parser.add_argument(
        "--native-target",
        type=Path,
        default=None,
        help="the dbt target folder of --native-duckdb (its manifest.json)",
    )
    return parser


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    LOG.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    args = build_parser().parse_args(argv)
    raw_path = args.raw_data_path.resolve()
    temporary = args.work_dir is None
    work_dir = Path(tempfile.mkdtemp(prefix="prove_bigquery_")) if temporary else args.work_dir
    work_dir = work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    try:
        if (args.native_duckdb is None) != (args.native_target is None):
            raise ProofError("--native-duckdb and --native-target go together")
        native = (
            (args.native_duckdb.resolve(), args.native_target.resolve())
            if args.native_duckdb
            else None
        )
        proof = prove(work_dir, raw_path, args.vars, native)
    except ProofError as error:
        LOG.error("%s", error)
        return 2
    except Exception:  # noqa: BLE001 - an unexpected failure is an error, not a mismatch
        LOG.exception("the proof stopped")
        return 2
    finally:
        if temporary and not args.keep:
            shutil.rmtree(work_dir, ignore_errors=True)
        else:
            LOG.info("work folder kept: %s", work_dir)
    line = summary_line(proof.results)
    ok = proof.ok
    (LOG.info if ok else LOG.error)("%s", line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
