"""The warehouse's tables in PostgreSQL, derived from the Arrow schemas in `schemas/warehouse.py`: column
types, keys, foreign keys, indexes and comments, and the temporary staging table each load copies into.

Types: decimal128(p, s) → NUMERIC(p, s), date32 → DATE, timestamp with a zone → TIMESTAMPTZ, string →
TEXT (JSONB for `*_json` columns), bool → BOOLEAN, int32/int64 → INTEGER/BIGINT. A non-nullable Arrow
field is NOT NULL. Staging tables keep the `*_json` columns as TEXT; the upsert casts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
from psycopg import sql

from pipeline.store.database import TABLE_COMMENTS
from schemas.warehouse import DOCUMENT_TABLES, TABLES

JSON_SUFFIX = "_json"
TABLE_KEYS = {name: ("run_id" if name == "runs" else "row_key") for name in TABLES}
"""The primary key of each table: `row_key` (the hash of the row's natural key), `run_id` for runs."""
UNIQUE_COLUMNS = {"files": "path", "documents": "doc_id"}
"""Natural keys that are unique besides `row_key`: one row per file path, one per document."""
FOREIGN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    **{table: (("doc_id", "documents", "doc_id"),) for table in DOCUMENT_TABLES if table != "documents"},
    "agencies": (("doc_id", "documents", "doc_id"), ("action_key", "actions", "row_key")),
}
"""table → (column, referenced table, referenced column). Rows and their document live in the same
warehouse segment, so these always hold; they are DEFERRABLE INITIALLY DEFERRED, checked at commit, so
the order in which tables are loaded never matters. `files.doc_id` has none: the files index is kept
apart from the segments."""
INDEXED_COLUMNS = {
    **{table: ("doc_id",) for table in DOCUMENT_TABLES if table != "documents"},
    "files": ("doc_id",),
    "agencies": ("doc_id", "action_key"),
}


@dataclass(frozen=True)
class ColumnType:
    ddl: str  # as declared in the table
    staging: str  # as declared in the staging table, and the type binary COPY writes


def arrow_to_postgres(field: pa.Field) -> ColumnType:
    """The PostgreSQL type of one Arrow field. An Arrow type the warehouse does not use is a defect."""
    kind = field.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return ColumnType("JSONB", "text") if field.name.endswith(JSON_SUFFIX) else ColumnType("TEXT", "text")
    if pa.types.is_decimal(kind):
        return ColumnType(f"NUMERIC({kind.precision}, {kind.scale})", "numeric")
    if pa.types.is_date32(kind):
        return ColumnType("DATE", "date")
    if pa.types.is_timestamp(kind):
        return ColumnType("TIMESTAMPTZ", "timestamptz") if kind.tz else ColumnType("TIMESTAMP", "timestamp")
    simple = {
        pa.bool_(): ColumnType("BOOLEAN", "bool"),
        pa.int16(): ColumnType("SMALLINT", "int2"),
        pa.int32(): ColumnType("INTEGER", "int4"),
        pa.int64(): ColumnType("BIGINT", "int8"),
        pa.float64(): ColumnType("DOUBLE PRECISION", "float8"),
    }
    if kind in simple:
        return simple[kind]
    raise TypeError(f"no PostgreSQL type for {field.name}: {kind}")


def column_names(table: str) -> list[str]:
    return list(TABLES[table].names)


def staging_types(table: str) -> list[str]:
    return [arrow_to_postgres(field).staging for field in TABLES[table]]


def staging_name(table: str) -> sql.Identifier:
    return sql.Identifier(f"cchc_stage_{table}")


def create_table(schema: str, table: str) -> sql.Composed:
    """CREATE TABLE IF NOT EXISTS with its columns, primary key and unique natural key."""
    columns = [
        sql.SQL("{} {}{}").format(
            sql.Identifier(field.name),
            sql.SQL(arrow_to_postgres(field).ddl),
            sql.SQL("" if field.nullable else " NOT NULL"),
        )
        for field in TABLES[table]
    ]
    columns.append(sql.SQL("PRIMARY KEY ({})").format(sql.Identifier(TABLE_KEYS[table])))
    if table in UNIQUE_COLUMNS:
        columns.append(sql.SQL("UNIQUE ({})").format(sql.Identifier(UNIQUE_COLUMNS[table])))
    return sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(
        sql.Identifier(schema, table), sql.SQL(", ").join(columns)
    )


def create_staging_table(table: str) -> sql.Composed:
    """A temporary table with the table's columns (JSON as text), dropped at the end of the transaction."""
    columns = [
        sql.SQL("{} {}").format(sql.Identifier(field.name), sql.SQL(arrow_to_postgres(field).staging))
        for field in TABLES[table]
    ]
    return sql.SQL("CREATE TEMPORARY TABLE {} ({}) ON COMMIT DROP").format(
        staging_name(table), sql.SQL(", ").join(columns)
    )


def schema_statements(schema: str) -> Iterator[sql.Composable]:
    """Everything the load needs before it copies rows; each statement is idempotent."""
    yield sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
    for table in TABLES:
        yield create_table(schema, table)
    for table, references in FOREIGN_KEYS.items():
        for column, target, target_column in references:
            yield _foreign_key(schema, table, column, target, target_column)
    for table, columns in INDEXED_COLUMNS.items():
        for column in columns:
            yield sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} ({})").format(
                sql.Identifier(f"{table}_{column}_idx"), sql.Identifier(schema, table), sql.Identifier(column)
            )
    yield from _comments(schema)


def _foreign_key(schema: str, table: str, column: str, target: str, target_column: str) -> sql.Composed:
    """ALTER TABLE … ADD CONSTRAINT, unless a constraint of that name is already there (PostgreSQL has no
    ADD CONSTRAINT IF NOT EXISTS)."""
    name = f"{table}_{column}_fkey"
    add = sql.SQL(
        "ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY ({column}) REFERENCES {target} ({target_column}) "
        "DEFERRABLE INITIALLY DEFERRED"
    ).format(
        table=sql.Identifier(schema, table),
        name=sql.Identifier(name),
        column=sql.Identifier(column),
        target=sql.Identifier(schema, target),
        target_column=sql.Identifier(target_column),
    )
    return sql.SQL(
        "DO $do$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = {name} "
        "AND conrelid = {relation}::regclass) THEN EXECUTE {add}; END IF; END $do$"
    ).format(
        name=sql.Literal(name),
        relation=sql.Literal(sql.Identifier(schema, table).as_string()),
        add=sql.Literal(add.as_string()),
    )


def _comments(schema: str) -> Iterator[sql.Composed]:
    """COMMENT ON the tables and columns: the same texts as in warehouse.duckdb."""
    for table, arrow_schema in TABLES.items():
        yield sql.SQL("COMMENT ON TABLE {} IS {}").format(
            sql.Identifier(schema, table), sql.Literal(TABLE_COMMENTS[table])
        )
        for field in arrow_schema:
            description = (field.metadata or {}).get(b"description")
            if description:
                yield sql.SQL("COMMENT ON COLUMN {} IS {}").format(
                    sql.Identifier(schema, table, field.name), sql.Literal(description.decode())
                )
