"""A fingerprint of a warehouse's content: every live row of every table, sorted by key, without the
columns that name runs. Two warehouses with equal fingerprints hold the same data, however their
segments are laid out (before or after compaction, after a crash and a re-run, …)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pyarrow as pa

from schemas.warehouse import TABLES

VOLATILE_COLUMNS = {
    "files": ("first_seen_run", "last_seen_run"),
    "documents": ("run_id",),
}
NOT_CONTENT = ("runs",)  # the run manifest is history, not content


def table_fingerprint(table: str, data: pa.Table) -> str:
    kept = data.drop_columns([c for c in VOLATILE_COLUMNS.get(table, ()) if c in data.column_names])
    kept = kept.sort_by([("row_key", "ascending")])
    payload = json.dumps(kept.to_pylist(), default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def warehouse_fingerprint(read_table: Callable[[str], pa.Table]) -> dict[str, str]:
    """Table name → fingerprint, for every content table."""
    return {name: table_fingerprint(name, read_table(name)) for name in TABLES if name not in NOT_CONTENT}
