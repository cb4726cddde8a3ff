"""`<root>/warehouse.duckdb`: every table loaded from the live Parquet files, plus the views in `views.sql`.

It is derived data. It is built under a temporary name and renamed into place, and it records the
manifest generation it was built from (`warehouse_meta`), so a database left stale by a crash between a
commit and a refresh is noticed and rebuilt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.store.errors import StoreError, WarehouseLockedError
from pipeline.store.lock import WriterLock
from pipeline.store.manifest import Manifest, Segment, TableFile, fsync_directory, now_iso, read_manifest
from schemas.warehouse import DOCUMENT_TABLES, PARTITION_COLUMN, TABLES, WAREHOUSE_FORMAT, WAREHOUSE_VERSION

DATABASE_NAME = "warehouse.duckdb"
MEMORY_LIMIT = "512MB"
META_TABLE = "warehouse_meta"
VIEWS_SQL = Path(__file__).with_name("views.sql")
ROW_ORDER = {
    "files": "path",
    "documents": "report_year, doc_id",
    "scores": "doc_id, ordinal",
    "actions": "doc_id, ordinal",
    "agencies": "doc_id, action_key, role, position",
    "references": "doc_id, ordinal",
    "findings": "doc_id, ordinal",
    "blocks": "doc_id, block_index",
    "runs": "started_at, run_id",
}
TABLE_COMMENTS = {
    "files": "One row per file ever read: the document it held, size and mtime when read, present or not",
    "documents": "One row per document (sha256 of its bytes): header fields, status ok|parse-error, present",
    "scores": "Scored units (total, components, fields, criteria) with exact decimals and printed values",
    "actions": "Remediation actions: what, for which code, by whom, by when",
    "agencies": "One row per agency an action names, with its role (lead, partner, monitor)",
    "references": "Documents a document cites",
    "findings": "Arithmetic and consistency findings, with their operands and source spans",
    "blocks": "Source blocks some row or finding points at, to quote and highlight",
    "runs": "The run manifest: one row per ingest run",
}


def database_path(root: Path) -> Path:
    return root / DATABASE_NAME


def database_generation(root: Path) -> int | None:
    """The manifest generation the database was built from; None if it is missing or unreadable."""
    path = database_path(root)
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as connection:
            row = connection.execute(f"SELECT generation FROM {META_TABLE}").fetchone()
    except duckdb.Error:
        return None
    return None if row is None else int(row[0])


def build_database(root: Path, manifest: Manifest) -> None:
    """Build the database from the manifest's live files, then rename it over the previous one."""
    final = database_path(root)
    temporary = final.with_name(final.name + ".tmp")
    remove_temporary_database(root)
    connection = duckdb.connect(str(temporary))
    try:
        # bounded memory whatever the corpus size: sorts beyond it spill to a folder beside the database
        connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        connection.execute(f"SET temp_directory = '{_sql_text(str(spill_path(root)))}'")
        connection.execute("BEGIN TRANSACTION")
        for table in TABLES:
            _load_table(connection, root, manifest, table)
        connection.execute(";\n".join(_comments()))
        connection.execute(VIEWS_SQL.read_text(encoding="utf-8"))
        connection.execute(
            f"CREATE TABLE {META_TABLE} AS SELECT ? AS format, ? AS version, ? AS generation, "
            "? AS manifest_updated_at, ? AS built_at",
            [WAREHOUSE_FORMAT, WAREHOUSE_VERSION, manifest.generation, manifest.updated_at, now_iso()],
        )
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, final)
    fsync_directory(root)
    shutil.rmtree(spill_path(root), ignore_errors=True)


def spill_path(root: Path) -> Path:
    return root / (DATABASE_NAME + ".spill")


def remove_temporary_database(root: Path) -> None:
    for suffix in (".tmp", ".tmp.wal"):
        database_path(root).with_name(DATABASE_NAME + suffix).unlink(missing_ok=True)
    shutil.rmtree(spill_path(root), ignore_errors=True)


def open_database(root: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection for queries. A stale database is rebuilt first, unless an ingest holds the
    warehouse: then the last database built is opened as it is (it stays consistent, only older)."""
    root = Path(root)
    manifest = read_manifest(root)
    if manifest is None:
        raise StoreError(root, "không có kho dữ liệu ở đây / no warehouse here (no _manifest.json)")
    if database_generation(root) != manifest.generation:
        _rebuild_if_unlocked(root)
    if not database_path(root).exists():
        raise StoreError(root, f"chưa có {DATABASE_NAME} / {DATABASE_NAME} not built yet; run the ingest again")
    return duckdb.connect(str(database_path(root)), read_only=True)


def _rebuild_if_unlocked(root: Path) -> None:
    lock = WriterLock(root)
    try:
        lock.acquire()
    except WarehouseLockedError:
        return
    try:
        manifest = read_manifest(root)  # the writer may have committed before we got the lock
        if manifest is not None:
            build_database(root, manifest)
    finally:
        lock.release()


def _load_table(connection: duckdb.DuckDBPyConnection, root: Path, manifest: Manifest, table: str) -> None:
    order = ROW_ORDER[table]
    files: list[tuple[Segment | None, TableFile]]
    if table in DOCUMENT_TABLES:
        files = [(s, s.files[table]) for s in manifest.segments if table in s.files]
    else:
        single = manifest.singles.get(table)
        files = [] if single is None else [(None, single)]
    if not files:
        connection.register("empty_rows", TABLES[table].empty_table())
        connection.execute(f'CREATE TABLE "{table}" AS SELECT * FROM empty_rows')
        connection.unregister("empty_rows")
        return
    paths = [str(root / f.path) for _, f in files]
    source = (
        f"read_parquet(?, hive_partitioning = true, hive_types = {{'{PARTITION_COLUMN}': INTEGER}}, filename = true)"
        if table in DOCUMENT_TABLES
        else "read_parquet(?, hive_partitioning = false, filename = true)"
    )
    dropped = [(str(root / f.path), doc_id) for s, f in files if s is not None for doc_id in s.dropped]
    keep = ""
    if dropped:
        dead = pa.table({"file": [d[0] for d in dropped], "doc_id": [d[1] for d in dropped]})
        connection.register("dead_rows", dead)
        keep = "WHERE NOT EXISTS (SELECT 1 FROM dead_rows d WHERE d.file = p.filename AND d.doc_id = p.doc_id)"
    connection.execute(
        f'CREATE TABLE "{table}" AS SELECT * EXCLUDE (filename) FROM {source} p {keep} ORDER BY {order}', [paths]
    )
    if dropped:
        connection.unregister("dead_rows")


def _comments() -> Iterator[str]:
    """COMMENT statements from TABLE_COMMENTS and each column's description in `schemas/warehouse.py`."""
    for table, schema in TABLES.items():
        yield f"COMMENT ON TABLE \"{table}\" IS '{_sql_text(TABLE_COMMENTS[table])}'"
        for field in schema:
            description = (field.metadata or {}).get(b"description")
            if description:
                yield f'COMMENT ON COLUMN "{table}"."{field.name}" IS \'{_sql_text(description.decode())}\''


def _sql_text(text: str) -> str:
    return text.replace("'", "''")
