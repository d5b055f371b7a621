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
     ``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL`` (scheme decides ``USE_SSL``; path-style URLs).
   - Azure Blob (``az://``): ``AZURE_STORAGE_CONNECTION_STRING`` (an account key or a SAS token:
     ``BlobEndpoint=...;SharedAccessSignature=...``), else ``AZURE_STORAGE_ACCOUNT`` with Azure's
     credential chain (CLI login, managed identity, service-principal environment variables).
"""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from dbt.adapters.duckdb.plugins import BasePlugin

LOG = logging.getLogger(__name__)

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
            "url_style 'path'",
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


class Plugin(BasePlugin):
    """dbt-duckdb plugin: offline extensions and object-store secrets (module docstring)."""

    def configure_connection(self, conn: Any) -> None:
        installed = install_packaged_extensions(conn)
        if installed:
            LOG.info("installed DuckDB extensions from their PyPI packages: %s", installed)
        for sql in (s3_secret_sql(dict(os.environ)), azure_secret_sql(dict(os.environ))):
            if sql:
                conn.execute(sql)
