"""Parquet files of the warehouse: where they go, how they are written (temporary name, fsync, rename) and
read back (dropped documents skipped, the partition column added from the segment)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.store.manifest import Segment, TableFile
from pipeline.store.rows import Row
from schemas.warehouse import NULL_PARTITION, PARTITION_COLUMN, TABLES, stored_schema

TEMPORARY_SUFFIX = ".tmp"
ROW_GROUP_BYTES = 32 * 1024 * 1024  # a merged file is written in row groups of about this size


def partition_folder(table: str, report_year: int | None) -> str:
    """`scores/report_year=2024`, or hive's null partition for an unknown year."""
    return f"{table}/{PARTITION_COLUMN}={NULL_PARTITION if report_year is None else report_year}"


def rows_to_table(table: str, rows: Sequence[Row]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=stored_schema(table))


def write_table_file(root: Path, relative: str, table: pa.Table) -> TableFile:
    """Write under a temporary name, fsync, then rename: the file is whole or absent."""
    written = write_table_parts(root, relative, table.schema, [table], keep_empty=True)
    assert written is not None
    return written


def write_table_parts(
    root: Path, relative: str, schema: pa.Schema, parts: Iterable[pa.Table], *, keep_empty: bool
) -> TableFile | None:
    """`write_table_file` for a table that arrives in parts, held in memory up to ROW_GROUP_BYTES at a
    time. With no rows and not `keep_empty`, nothing is written and None is returned."""
    path = root / relative
    temporary = path.with_name(path.name + TEMPORARY_SUFFIX)
    pending: list[pa.Table] = []
    writer: pq.ParquetWriter | None = None
    rows = 0
    try:
        for part in parts:
            if part.num_rows:
                pending.append(part)
                rows += part.num_rows
            if sum(p.nbytes for p in pending) >= ROW_GROUP_BYTES:
                writer = _write_row_group(writer, temporary, schema, pending)
                pending = []
        if pending or (rows == 0 and keep_empty):
            writer = _write_row_group(writer, temporary, schema, pending)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        return None
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    return TableFile(relative, rows)


def _write_row_group(
    writer: pq.ParquetWriter | None, path: Path, schema: pa.Schema, tables: list[pa.Table]
) -> pq.ParquetWriter:
    if writer is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = pq.ParquetWriter(path, schema, compression="zstd")
    writer.write_table(pa.concat_tables(tables) if tables else schema.empty_table())
    return writer


def read_table_file(root: Path, table: str, table_file: TableFile) -> pa.Table:
    return pq.read_table(root / table_file.path, schema=stored_schema(table))


def read_segment_table(root: Path, table: str, segment: Segment) -> pa.Table:
    """The live rows of one table in one segment, with the partition column; empty if the segment has none."""
    table_file = segment.files.get(table)
    data = read_table_file(root, table, table_file) if table_file else stored_schema(table).empty_table()
    return with_partition(table, drop_documents(data, segment.dropped), segment.report_year)


def drop_documents(data: pa.Table, doc_ids: Iterable[str]) -> pa.Table:
    dropped = pa.array(sorted(doc_ids), pa.string())
    if len(dropped) == 0 or data.num_rows == 0:
        return data
    return data.filter(pc.invert(pc.is_in(data["doc_id"], value_set=dropped)))


def with_partition(table: str, data: pa.Table, report_year: int | None) -> pa.Table:
    years = pa.array([report_year] * data.num_rows, pa.int32())
    return data.append_column(TABLES[table].field(PARTITION_COLUMN), years)


def remove_files(root: Path, relatives: Iterable[str]) -> None:
    """Best effort: a file left behind here is removed by the next open."""
    for relative in relatives:
        (root / relative).unlink(missing_ok=True)
