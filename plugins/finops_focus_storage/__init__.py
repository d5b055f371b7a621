"""Object-store access for the DuckDB target: a dbt-duckdb plugin.

The profile names this module under ``plugins:``; dbt-duckdb calls ``configure_connection`` once for
each DuckDB connection it opens. It does two things, both without dbt ever seeing a credential
(nothing here goes through dbt's SQL logging):

1. Offline extensions. DuckDB downloads ``httpfs``, ``aws`` and ``azure`` on first use; an offline
   machine cannot. The PyPI packages ``duckdb-extension-<name>`` ship the extension files for the
   pinned DuckDB, so each one installed in the environment is installed into DuckDB from its file
   (``INSTALL '<file>'``) unless DuckDB already has it. DuckDB then autoloads it for ``s3://`` or
   ``az://`` paths. With internet and without the packages, DuckDB's own auto-install works.
2. Secrets from the standard credential chains, created only when the environment says which:
   - S3 (``s3://``): a ``credential_chain`` secret (environment keys, ``~/.aws`` profiles, SSO, web
     identity, container and instance roles) when ``AWS_ACCESS_KEY_ID``, ``AWS_PROFILE``,
     ``AWS_WEB_IDENTITY_TOKEN_FILE``, ``AWS_CONTAINER_CREDENTIALS_FULL_URI`` /
     ``..._RELATIVE_URI`` or ``FOCUS_S3_CREDENTIAL_CHAIN=1`` (instance roles) is set. The region
     comes from ``AWS_REGION`` / ``AWS_DEFAULT_REGION``; an S3-compatible endpoint from
     ``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL`` (scheme decides ``USE_SSL``; path-style URLs,
     virtual-hosted for Alibaba OSS's ``*.aliyuncs.com``, or as ``FOCUS_S3_URL_STYLE`` says).
   - Azure Blob (``az://``): ``AZURE_STORAGE_CONNECTION_STRING`` (an account key or a SAS token:
     ``BlobEndpoint=...;SharedAccessSignature=...``), else ``AZURE_STORAGE_ACCOUNT`` with Azure's
     credential chain (CLI login, managed identity, service-principal environment variables).
3. A source loader for Alibaba Cloud's zipped Bill Subscription deliveries (``load``; DuckDB 1.5.5
   cannot read inside a .zip). A source whose config names ``plugin: finops_focus_storage`` and
   ``zip_glob: <glob of .zip objects>`` is read here: DuckDB itself lists and fetches the objects
   (``read_blob`` on a private connection with the same extensions and secrets, so local folders,
   ``s3://`` and ``az://`` all work), Python's ``zipfile`` extracts every CSV member, and one Arrow
   table comes back with every column as text and ``filename`` = ``<zip path>/<member>``. A
   delivery is the folder a push wrote; per billing account and billing month only the newest
   delivery is read (``select_deliveries``; DECISIONLOG D-350..D-352).
"""

from __future__ import annotations

import csv
import importlib
import io
import logging
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

LOG = logging.getLogger(__name__)

# dbt-duckdb reads the class ``Plugin`` of the module the profile names. It lives in
# ``finops_focus_storage.plugin`` and is imported on first use (PEP 562), so that importing this
# package (the export imports ``parquet_layout``) does not import dbt: about 0.6 s per process.


def __getattr__(name: str) -> Any:
    if name == "Plugin":
        from finops_focus_storage.plugin import Plugin

        return Plugin
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


EXTENSIONS = ("httpfs", "aws", "azure")
S3_CHAIN_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def packaged_extension_files(version: str) -> dict[str, Path]:
    """Extension files shipped by the installed duckdb-extension-<name> packages for this DuckDB."""
    files = {}
    for name in EXTENSIONS:
        try:
            package = importlib.import_module(f"duckdb_extension_{name}")
        except ImportError:
            continue
        path = Path(package.__file__).parent / "extensions" / version / f"{name}.duckdb_extension"
        if path.is_file():
            files[name] = path
    return files


def install_packaged_extensions(conn: Any) -> list[str]:
    """Install the packaged extensions DuckDB does not have yet; return their names."""
    version = conn.execute("select library_version from pragma_version()").fetchone()[0]
    installed = {
        row[0]
        for row in conn.execute(
            "select extension_name from duckdb_extensions() where installed"
        ).fetchall()
    }
    done = []
    for name, path in packaged_extension_files(version).items():
        if name not in installed:
            conn.execute(f"install {_quote(str(path))}")
            done.append(name)
    return done


def s3_url_style(host: str, environ: dict[str, str]) -> str:
    """Path-style URLs for S3-compatible endpoints (moto, MinIO), but virtual-hosted for Alibaba
    OSS, which denies path-style requests ("Compatibility with Amazon S3", Alibaba Cloud OSS
    docs); FOCUS_S3_URL_STYLE (path or vhost) overrides."""
    chosen = environ.get("FOCUS_S3_URL_STYLE", "").strip().lower()
    if chosen in ("path", "vhost"):
        return chosen
    return "vhost" if host.split(":")[0].endswith(".aliyuncs.com") else "path"


def s3_secret_sql(environ: dict[str, str]) -> str | None:
    """CREATE SECRET for S3 from the environment, or None when it names no credential source."""
    wanted = any(environ.get(name) for name in S3_CHAIN_VARIABLES)
    if not wanted and environ.get("FOCUS_S3_CREDENTIAL_CHAIN") != "1":
        return None
    options = ["type s3", "provider credential_chain"]
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
    if region:
        options.append(f"region {_quote(region)}")
    if environ.get("AWS_PROFILE"):
        options.append(f"profile {_quote(environ['AWS_PROFILE'])}")
    endpoint = environ.get("AWS_ENDPOINT_URL_S3") or environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        parsed = urlparse(endpoint if "://" in endpoint else f"https://{endpoint}")
        options += [
            f"endpoint {_quote(parsed.netloc)}",
            f"url_style {_quote(s3_url_style(parsed.netloc, environ))}",
            f"use_ssl {'true' if parsed.scheme == 'https' else 'false'}",
        ]
    return f"create or replace secret finops_focus_s3 ({', '.join(options)})"


def azure_secret_sql(environ: dict[str, str]) -> str | None:
    """CREATE SECRET for Azure Blob from the environment, or None when it names none."""
    connection_string = environ.get("AZURE_STORAGE_CONNECTION_STRING")
    if connection_string:
        options = ["type azure", f"connection_string {_quote(connection_string)}"]
    elif environ.get("AZURE_STORAGE_ACCOUNT"):
        options = [
            "type azure",
            "provider credential_chain",
            f"account_name {_quote(environ['AZURE_STORAGE_ACCOUNT'])}",
        ]
    else:
        return None
    return f"create or replace secret finops_focus_azure ({', '.join(options)})"


def configure(conn: Any) -> None:
    """Packaged extensions and the environment's secrets on one DuckDB connection."""
    installed = install_packaged_extensions(conn)
    if installed:
        LOG.info("installed DuckDB extensions from their PyPI packages: %s", installed)
    for sql in (s3_secret_sql(dict(os.environ)), azure_secret_sql(dict(os.environ))):
        if sql:
            conn.execute(sql)


# --------------------------------------------------------------------------------------------
# Alibaba Cloud's zipped Bill Subscription deliveries
# --------------------------------------------------------------------------------------------


class ZipDeliveryError(Exception):
    """One line naming the object that cannot be read and why."""


@dataclass
class ZipPart:
    """One .zip object of a delivery, with the CSV rows of its members (text, '' as None)."""

    path: str
    last_modified: float | None  # seconds since the epoch, as the store reports it
    rows: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def delivery(self) -> str:
        """The folder the push wrote: each push goes to a new one (D-350)."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


def read_zip_part(path: str, content: bytes, last_modified: float | None = None) -> ZipPart:
    """Every CSV member of one .zip object; a corrupt or empty archive is a one-line error."""
    part = ZipPart(path, last_modified)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(".csv")
        ]
        if not members:
            raise ZipDeliveryError(f"cannot read {path}: the zip archive holds no CSV file")
        for info in members:
            text = archive.read(info).decode("utf-8-sig")
            reader = csv.reader(io.StringIO(text, newline=""))
            header = next(reader, None)
            if not header:
                raise ZipDeliveryError(f"cannot read {path}/{info.filename}: the CSV is empty")
            source = f"{path}/{info.filename}"
            for values in reader:
                if not values:
                    continue
                if len(values) != len(header):
                    raise ZipDeliveryError(
                        f"cannot read {source}: line {reader.line_num} has {len(values)} values "
                        f"for {len(header)} columns"
                    )
                row = {
                    name: (value if value != "" else None)
                    for name, value in zip(header, values, strict=True)
                }
                row["filename"] = source
                part.rows.append(row)
    except (
        zipfile.BadZipFile,  # not a zip, cut short, bad CRC
        zipfile.LargeZipFile,
        EOFError,
        UnicodeDecodeError,  # a member that is not UTF-8
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method Python cannot read
    ) as error:
        message = f"cannot read {path}: not a readable zip archive ({error})"
        raise ZipDeliveryError(message) from None
    return part


def billing_key(row: dict[str, str | None]) -> tuple[str | None, str | None]:
    """(BillingAccountId, billing month YYYY-MM as written) of one row: what a delivery restates."""
    start = row.get("BillingPeriodStart")
    return row.get("BillingAccountId"), (start[:7] if start else None)


def select_deliveries(parts: list[ZipPart]) -> tuple[list[dict], dict[str, str]]:
    """The rows to read and each object's status (``read`` or ``superseded``).

    Per billing account and billing month, the newest delivery holding it is read: the one whose
    objects were last modified latest (the store's time of the push), ties broken by the folder
    name (greater is newer). Every part of that delivery is read; older deliveries of the same
    month are not (D-351)."""
    # a delivery ranks by its newest part, so every part of it ranks the same
    delivery_rank: dict[str, tuple] = {}
    for part in parts:
        modified = float("-inf") if part.last_modified is None else float(part.last_modified)
        rank = (modified, part.delivery)
        delivery_rank[part.delivery] = max(delivery_rank.get(part.delivery, rank), rank)
    newest: dict[tuple, tuple] = {}
    for part in parts:
        for key in {billing_key(row) for row in part.rows}:
            rank = delivery_rank[part.delivery]
            if key not in newest or rank > newest[key][0]:
                newest[key] = (rank, part.delivery)
    rows, status = [], {}
    for part in parts:
        read = [row for row in part.rows if newest[billing_key(row)][1] == part.delivery]
        rows.extend(read)
        status[part.path] = "read" if read else "superseded"
    return rows, status


def rows_to_arrow(rows: list[dict]) -> Any:
    """One Arrow table, every column text, columns in order of first appearance."""
    import pyarrow as pa

    names: dict[str, None] = {}
    for row in rows:
        for name in row:
            names.setdefault(name, None)
    return pa.table(
        {name: pa.array([row.get(name) for row in rows], type=pa.string()) for name in names}
    )


def log_status(message: str) -> None:
    """One line in dbt's log (dbt's adapter logger; Python logging outside dbt)."""
    try:
        from dbt.adapters.events.logging import AdapterLogger

        AdapterLogger("finops_focus_storage").info(message)
    except ImportError:  # pragma: no cover - dbt is always there when dbt calls the plugin
        LOG.info(message)


def load_zipped_csv(zip_glob: str, conn: Any) -> Any:
    """Read every .zip object matching `zip_glob` with DuckDB; return the rows to read as Arrow."""
    try:
        blobs = conn.execute(
            "select filename, content, epoch(last_modified) from read_blob(?) order by filename",
            [zip_glob],
        ).fetchall()
    except Exception as error:  # DuckDB's IO, HTTP and permission errors
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise ZipDeliveryError(f"cannot read {zip_glob}: {first_line}") from None
    if not blobs:
        raise ZipDeliveryError(f"cannot read {zip_glob}: no .zip object matches")
    parts = []
    for path, content, last_modified in blobs:
        if not content:
            raise ZipDeliveryError(f"cannot read {path}: the object is empty")
        parts.append(read_zip_part(path, bytes(content), last_modified))
    rows, status = select_deliveries(parts)
    for path, state in sorted(status.items()):
        log_status(f"alibaba zip delivery: {state} {path}")
    if not rows:
        raise ZipDeliveryError(f"cannot read {zip_glob}: the zip archives hold no row")
    return rows_to_arrow(rows)
