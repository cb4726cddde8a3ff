"""Load a warehouse into PostgreSQL: the same tables, with keys, in a schema of their own (`cchc`).

The live rows are read from `warehouse.duckdb` (built from the manifest's live files) one record batch at
a time, so memory does not grow with the warehouse. Each table is copied (binary COPY) into a temporary
staging table, then upserted (`INSERT … ON CONFLICT (key) DO UPDATE … WHERE … IS DISTINCT FROM …`) and
the rows the warehouse no longer holds are deleted, all in one transaction: readers see the previous load
or the new one. Afterwards the schema holds exactly the warehouse's live rows, so a second load of the
same warehouse changes nothing and reports zero rows inserted, updated and deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import TupleRow

from pipeline.errors import PipelineError
from pipeline.store.database import open_database
from pipeline.store.postgres_schema import (
    JSON_SUFFIX,
    TABLE_KEYS,
    column_names,
    create_staging_table,
    schema_statements,
    staging_name,
    staging_types,
)
from pipeline.store.postgres_views import views_sql
from schemas.warehouse import TABLES

DEFAULT_SCHEMA = "cchc"
BATCH_ROWS = 5_000  # rows per record batch read from DuckDB and written to COPY
READ_MEMORY_LIMIT = "64MB"  # DuckDB's cache of table data while reading; the batches stream past it
CONNECT_TIMEOUT = 10  # seconds, unless the DSN says otherwise
LOAD_ORDER = tuple(TABLES)  # documents before the rows that reference them (the keys are deferred anyway)
NUL = "\x00"
REPLACEMENT = "\ufffd"


class PostgresError(PipelineError):
    """PostgreSQL cannot be reached or used as it is: `server` names it (never the password)."""

    def __init__(self, server: str, reason: str) -> None:
        self.server = server
        self.reason = reason
        super().__init__(f"PostgreSQL {server}: {reason}" if server else f"PostgreSQL: {reason}")


class PostgresConnectError(PostgresError):
    """A bad DSN, a server that does not answer, or one that refuses the login."""


@dataclass(frozen=True)
class TableLoad:
    table: str
    rows: int  # live rows in the warehouse, and so in PostgreSQL after the load
    inserted: int
    updated: int
    deleted: int

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted


@dataclass(frozen=True)
class LoadStats:
    server: str  # host:port/database
    schema: str
    tables: tuple[TableLoad, ...]
    seconds: float

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables)

    def table(self, name: str) -> TableLoad:
        return next(t for t in self.tables if t.table == name)


def load_warehouse(root: Path | str, dsn: str, *, schema: str = DEFAULT_SCHEMA) -> LoadStats:
    """Load every live row of the warehouse at `root` into `schema` of the PostgreSQL database `dsn`,
    creating the schema, tables, keys, indexes and views if needed. One transaction; idempotent.
    Raises `StoreError` if `root` is no warehouse, `PostgresError` if PostgreSQL cannot be used."""
    started = time.perf_counter()
    server = describe_server(dsn)
    with open_database(root) as warehouse, _connect(dsn, server) as connection:
        warehouse.execute(f"SET memory_limit = '{READ_MEMORY_LIMIT}'")
        try:
            with connection.transaction():
                loads = _load(connection, warehouse, schema, server)
        except (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege) as error:
            raise PostgresError(server, _one_line(error, dsn)) from None
    return LoadStats(server, schema, loads, time.perf_counter() - started)


def describe_server(dsn: str) -> str:
    """`host:port/database` as the DSN names them (libpq's defaults otherwise), for messages."""
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error as error:
        reason = _one_line(error, dsn)
        if _passwords(dsn) or "password" in dsn.lower():  # libpq quotes pieces of the DSN: hide them
            reason = re.sub(r'"[^"]*"', '"…"', reason)
        raise PostgresConnectError(
            "", f"DSN không hợp lệ / invalid DSN: {reason}; e.g. postgresql://user@host:5432/db"
        ) from None
    env = os.environ
    host = params.get("host") or params.get("hostaddr") or env.get("PGHOST") or env.get("PGHOSTADDR") or "localhost"
    port = params.get("port") or env.get("PGPORT") or "5432"
    database = params.get("dbname") or env.get("PGDATABASE") or params.get("user") or env.get("PGUSER") or ""
    return f"{host}:{port}/{database}"


def _connect(dsn: str, server: str) -> psycopg.Connection[TupleRow]:
    params = conninfo_to_dict(dsn)
    extra: dict[str, str | int] = {"application_name": "cchc load"}
    if "connect_timeout" not in params:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        return psycopg.connect(make_conninfo(dsn, **extra))
    except psycopg.Error as error:
        raise PostgresConnectError(server, f"không kết nối được / cannot connect: {_one_line(error, dsn)}") from None


def _load(
    connection: psycopg.Connection[TupleRow],
    warehouse: duckdb.DuckDBPyConnection,
    schema: str,
    server: str,
) -> tuple[TableLoad, ...]:
    # one load per schema at a time: a second waits here instead of failing on the same keys
    connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"cchc load {schema}"])
    _check_existing_tables(connection, schema, server)
    connection.execute(sql.SQL(";\n").join(schema_statements(schema)))
    loads = tuple(_load_table(connection, warehouse, schema, table) for table in LOAD_ORDER)
    connection.execute(views_sql(schema))
    return loads


def _check_existing_tables(connection: psycopg.Connection[TupleRow], schema: str, server: str) -> None:
    """A table of the same name with other columns (another program's, or an older layout) stops the load:
    CREATE TABLE IF NOT EXISTS would keep it, and the upsert would fail on it."""
    rows = connection.execute(
        "SELECT table_name, array_agg(column_name::TEXT ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_schema = %s AND table_name = ANY(%s) GROUP BY table_name",
        [schema, list(TABLES)],
    ).fetchall()
    for table, columns in rows:
        expected = column_names(str(table))
        if list(columns) != expected:
            missing = [c for c in expected if c not in columns]
            raise PostgresError(
                server,
                f"bảng {schema}.{table} có cột khác với kho / table {schema}.{table} has other columns than the "
                f"warehouse (missing: {', '.join(missing) or '-'}); load into another --schema or drop that table",
            )


def _load_table(
    connection: psycopg.Connection[TupleRow],
    warehouse: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
) -> TableLoad:
    stage = staging_name(table)
    connection.execute(create_staging_table(table))
    rows = _copy_rows(connection, warehouse, table)
    upserted = connection.execute(_upsert(schema, table)).fetchone()
    assert upserted is not None
    deleted = connection.execute(_delete_missing(schema, table)).rowcount
    connection.execute(sql.SQL("DROP TABLE {}").format(stage))
    return TableLoad(table, rows, upserted[0], upserted[1], deleted)


def _copy_rows(connection: psycopg.Connection[TupleRow], warehouse: duckdb.DuckDBPyConnection, table: str) -> int:
    columns = column_names(table)
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        staging_name(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    rows = 0
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        copy.set_types(staging_types(table))
        for batch in _record_batches(warehouse, table):
            for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                copy.write_row(row)
            rows += batch.num_rows
    return rows


def _record_batches(warehouse: duckdb.DuckDBPyConnection, table: str) -> Iterator[pa.RecordBatch]:
    """The table's live rows in the Arrow schema's column order, a bounded batch at a time, made storable:
    PostgreSQL text cannot hold NUL, so a NUL character becomes U+FFFD (one character for one, so the
    offsets into a document's text stay right)."""
    columns = ", ".join(f'"{name}"' for name in column_names(table))
    reader = warehouse.execute(f'SELECT {columns} FROM "{table}"').to_arrow_reader(BATCH_ROWS)
    for batch in reader:
        yield _without_nul(batch)


def _without_nul(batch: pa.RecordBatch) -> pa.RecordBatch:
    arrays = list(batch.columns)
    for index, field in enumerate(batch.schema):
        if not pa.types.is_string(field.type):
            continue
        patterns = [NUL, "\\u0000"] if field.name.endswith(JSON_SUFFIX) else [NUL]
        for pattern in patterns:
            if pc.any(pc.match_substring(arrays[index], pattern)).as_py():
                replacement = REPLACEMENT if pattern == NUL else "\\ufffd"
                arrays[index] = pc.replace_substring(arrays[index], pattern, replacement)
    return pa.RecordBatch.from_arrays(arrays, schema=batch.schema)


def _upsert(schema: str, table: str) -> sql.Composed:
    """Insert new keys, update rows whose values differ, and count both (`xmax = 0`: a freshly inserted
    row). Staged rows equal to the stored ones are left out before the insert: ON CONFLICT would lock,
    and so write, every row it meets, and a reload would rewrite the whole table to change nothing."""
    names = column_names(table)
    key = TABLE_KEYS[table]
    others = [name for name in names if name != key]
    staged = {
        name: sql.SQL("s.{}::JSONB" if name.endswith(JSON_SUFFIX) else "s.{}").format(sql.Identifier(name))
        for name in names
    }
    return sql.SQL(
        "WITH upserted AS ("
        "INSERT INTO {target} AS t ({columns}) SELECT {values} FROM {stage} s "
        "WHERE NOT EXISTS (SELECT 1 FROM {target} u WHERE u.{key} = s.{key} AND ({stored}) IS NOT DISTINCT FROM "
        "({staged})) "
        "ON CONFLICT ({key}) DO UPDATE SET {assignments} WHERE ({old}) IS DISTINCT FROM ({new}) "
        "RETURNING (t.xmax = 0) AS inserted) "
        "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted"
    ).format(
        target=sql.Identifier(schema, table),
        columns=sql.SQL(", ").join(map(sql.Identifier, names)),
        values=sql.SQL(", ").join(staged.values()),
        stage=staging_name(table),
        key=sql.Identifier(key),
        stored=sql.SQL(", ").join(sql.Identifier("u", n) for n in others),
        staged=sql.SQL(", ").join(staged[n] for n in others),
        assignments=sql.SQL(", ").join(
            sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(n), sql.Identifier(n)) for n in others
        ),
        old=sql.SQL(", ").join(sql.Identifier("t", n) for n in others),
        new=sql.SQL(", ").join(sql.Identifier("excluded", n) for n in others),
    )


def _delete_missing(schema: str, table: str) -> sql.Composed:
    """Rows whose key the warehouse no longer holds: rows of a replaced document (its file changed, so
    it has a new doc_id) and rows a re-extraction no longer gives. A document whose files are gone is
    still in the warehouse (present = false), so its rows stay."""
    key = sql.Identifier(TABLE_KEYS[table])
    return sql.SQL("DELETE FROM {target} t WHERE NOT EXISTS (SELECT 1 FROM {stage} s WHERE s.{key} = t.{key})").format(
        target=sql.Identifier(schema, table), stage=staging_name(table), key=key
    )


def _one_line(error: Exception, dsn: str) -> str:
    """The driver's message on one line, without the DSN's password should it quote it."""
    text = " ".join(str(error).split()) or type(error).__name__
    for password in _passwords(dsn):
        text = text.replace(password, "***")
    return text


def _passwords(dsn: str) -> list[str]:
    found = re.findall(r"://[^:/@\s]*:([^@\s]+)@", dsn)
    found += [m.strip("'") for m in re.findall(r"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", dsn)]
    with contextlib.suppress(psycopg.Error):
        found.append(str(conninfo_to_dict(dsn).get("password") or ""))
    return [p for p in found if p]
