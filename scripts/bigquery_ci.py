"""BigQuery chores for the warehouse CI (.github/workflows/bigquery.yml) and the README's steps.

    python scripts/bigquery_ci.py load-cur2 --project P --dataset D [--location US] FILE...
    python scripts/bigquery_ci.py drop-datasets --project P --base focus_pr_12

load-cur2      loads CUR 2.0 Parquet files into `<project>.<dataset>.cur2_line_items` in the shape
               the project reads (DECISIONLOG D-020): maps as ARRAY<STRUCT<key, value>> (Parquet
               option map_target_type = ARRAY_OF_STRUCT), other columns as typed in the files;
               the table is replaced.
drop-datasets  deletes the dataset `<base>` and every dataset `<base>_<suffix>` (dbt's custom
               schemas: `<base>_staging`, `<base>_focus`, ...) with their tables; nothing else
               (`focus_pr_12` never drops `focus_pr_123`).

Credentials are Google's application default credentials (GOOGLE_APPLICATION_CREDENTIALS, the
key file the workflow writes from its secret). Exit codes: 0 done, 2 an error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

LOG = logging.getLogger("bigquery_ci")

CUR2_TABLE = "cur2_line_items"


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


def datasets_to_drop(dataset_ids: Iterable[str], base: str) -> list[str]:
    """The datasets a pull request's run created: `base` itself and `base_<suffix>`."""
    if not base:
        raise ValueError("refusing an empty dataset base")
    return sorted(d for d in dataset_ids if d == base or d.startswith(base + "_"))


def cur2_load_job_config():
    """Load options that give the table the shape the project reads (D-020)."""
    from google.cloud import bigquery
    from google.cloud.bigquery.format_options import ParquetOptions

    parquet_options = ParquetOptions()
    parquet_options.map_target_type = "ARRAY_OF_STRUCT"
    parquet_options.enable_list_inference = True
    config = bigquery.LoadJobConfig(
        source_format=bigquery.SourceFormat.PARQUET,
        write_disposition=bigquery.WriteDisposition.WRITE_TRUNCATE,
    )
    config.parquet_options = parquet_options
    return config


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def load_cur2(project: str, dataset: str, location: str, files: list[Path]) -> None:
    from google.cloud import bigquery

    client = bigquery.Client(project=project, location=location)
    client.create_dataset(bigquery.Dataset(f"{project}.{dataset}"), exists_ok=True)
    table = f"{project}.{dataset}.{CUR2_TABLE}"
    config = cur2_load_job_config()
    for index, path in enumerate(sorted(files)):
        if index:
            config.write_disposition = bigquery.WriteDisposition.WRITE_APPEND
            config.schema_update_options = [bigquery.SchemaUpdateOption.ALLOW_FIELD_ADDITION]
        with path.open("rb") as handle:
            client.load_table_from_file(handle, table, job_config=config).result()
        LOG.info("loaded %s into %s", path, table)


def drop_datasets(project: str, base: str) -> None:
    from google.cloud import bigquery

    client = bigquery.Client(project=project)
    existing = [dataset.dataset_id for dataset in client.list_datasets(project)]
    for dataset_id in datasets_to_drop(existing, base):
        client.delete_dataset(f"{project}.{dataset_id}", delete_contents=True, not_found_ok=True)
        LOG.info("dropped %s.%s", project, dataset_id)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load-cur2", help="load CUR 2.0 Parquet files")
    load.add_argument("--project", required=True)
    load.add_argument("--dataset", required=True)
    load.add_argument("--location", default="US")
    load.add_argument("files", nargs="+", type=Path)
    drop = commands.add_parser("drop-datasets", help="drop a run's datasets")
    drop.add_argument("--project", required=True)
    drop.add_argument("--base", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    args = build_parser().parse_args(argv)
    try:
        if args.command == "load-cur2":
            load_cur2(args.project, args.dataset, args.location, args.files)
        else:
            drop_datasets(args.project, args.base)
    except Exception as error:  # noqa: BLE001 - one line per failure, exit code 2
        LOG.error("%s: %s", args.command, error)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
