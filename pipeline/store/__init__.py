"""The store stage: processed files into the embedded warehouse (Parquet segments + DuckDB)."""

from pipeline.store.database import open_database
from pipeline.store.errors import StoreError, WarehouseLockedError
from pipeline.store.file_index import FileStat, FileState, file_key, stat_file
from pipeline.store.warehouse import CommitStats, Warehouse

__all__ = [
    "CommitStats",
    "FileStat",
    "FileState",
    "StoreError",
    "Warehouse",
    "WarehouseLockedError",
    "file_key",
    "open_database",
    "stat_file",
]
