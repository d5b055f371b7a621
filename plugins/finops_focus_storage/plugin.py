"""The dbt-duckdb plugin class of ``finops_focus_storage`` (imported lazily by the package)."""

from __future__ import annotations

from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from finops_focus_storage import ZipDeliveryError, configure, load_zipped_csv


class Plugin(BasePlugin):
    """dbt-duckdb plugin: offline extensions, object-store secrets and the zip loader."""

    def configure_connection(self, conn: Any) -> None:
        configure(conn)
        # --- write-once (D-680): file operations of the focus_parquet_periods materialization ---
        from finops_focus_storage.parquet_periods import register

        register(conn)

    def load(self, source_config: Any) -> Any:
        """The source's ``zip_glob`` read by ``load_zipped_csv`` on a private connection."""
        import duckdb

        zip_glob = source_config.get("zip_glob")
        if not zip_glob:
            raise ZipDeliveryError(
                f"source {source_config.name}.{source_config.identifier} names no zip_glob"
            )
        with duckdb.connect() as conn:
            configure(conn)
            return load_zipped_csv(zip_glob, conn)
