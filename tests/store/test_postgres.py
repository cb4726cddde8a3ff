"""`cchc load --postgres`: the warehouse's live rows in PostgreSQL, against a real server (a database of this
module's own, see `postgres_dsn` in conftest.py), loaded idempotently, with replaced documents deleted,
absent ones kept, and views that answer like DuckDB's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pyarrow as pa
import pytest
from psycopg import sql

from flows.cli import main
from pipeline.ingest import run_ingest
from pipeline.store import open_database
from pipeline.store.postgres import LoadStats, PostgresError, _without_nul, load_warehouse
from pipeline.store.postgres_schema import TABLE_KEYS
from schemas.warehouse import DOCUMENT_TABLES, TABLES

SEED_000 = "000_ca77cff5a68984a1.txt"
SEED_001 = "001_24bb1c8119953113.txt"


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds ingested once; tests that only read share it."""
    folder = tmp_path_factory.mktemp("seeds")
    inbox = folder / "inbox"
    inbox.mkdir()
    for sample in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        (inbox / sample.name).write_bytes(sample.read_bytes())
    run_ingest([inbox], folder / "warehouse")
    return folder / "warehouse"


@pytest.fixture(scope="module")
def seed_load(seed_warehouse: Path, postgres_dsn: str) -> LoadStats:
    """The seed warehouse loaded once into schema `seeds`."""
    return load_warehouse(seed_warehouse, postgres_dsn, schema="seeds")


@pytest.fixture
def pg(postgres_dsn: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        yield connection


def _duckdb_rows(warehouse: Path, query: str) -> list[tuple[Any, ...]]:
    with open_database(warehouse) as connection:
        return connection.execute(query).fetchall()


def _pg_rows(pg: psycopg.Connection[Any], schema: str, query: str) -> list[tuple[Any, ...]]:
    with pg.transaction():
        pg.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        return pg.execute(query).fetchall()


def _counts(pg: psycopg.Connection[Any], schema: str) -> dict[str, int]:
    return {table: _pg_rows(pg, schema, f'SELECT count(*) FROM "{table}"')[0][0] for table in TABLES}


def _warehouse_counts(warehouse: Path) -> dict[str, int]:
    return {table: _duckdb_rows(warehouse, f'SELECT count(*) FROM "{table}"')[0][0] for table in TABLES}


def _comparable(table: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows sorted by key, JSON columns parsed (DuckDB gives text, PostgreSQL's JSONB parsed values)."""
    json_columns = [i for i, name in enumerate(TABLES[table].names) if name.endswith("_json")]
    parsed = [
        tuple(json.loads(v) if i in json_columns and isinstance(v, str) else v for i, v in enumerate(row))
        for row in rows
    ]
    return sorted(parsed, key=lambda row: row[TABLES[table].names.index(TABLE_KEYS[table])])


# -- the first load ----------------------------------------------------------------------------------------


def test_the_first_load_inserts_every_live_row(seed_load: LoadStats, seed_warehouse: Path) -> None:
    live = _warehouse_counts(seed_warehouse)
    assert {t.table: t.rows for t in seed_load.tables} == live
    assert {t.table: t.inserted for t in seed_load.tables} == live
    assert all(t.updated == t.deleted == 0 for t in seed_load.tables)
    assert min(live["scores"], live["findings"], live["agencies"]) > 0


@pytest.mark.parametrize("table", list(TABLES))
def test_each_table_holds_exactly_the_warehouse_rows(
    table: str, seed_load: LoadStats, seed_warehouse: Path, pg: psycopg.Connection[Any]
) -> None:
    columns = ", ".join(f'"{name}"' for name in TABLES[table].names)
    in_duckdb = _duckdb_rows(seed_warehouse, f'SELECT {columns} FROM "{table}"')
    in_postgres = _pg_rows(pg, seed_load.schema, f'SELECT {columns} FROM "{table}"')
    assert _comparable(table, in_postgres) == _comparable(table, in_duckdb)


def test_points_are_exact_numerics_beside_their_printed_value(
    seed_load: LoadStats, pg: psycopg.Connection[Any]
) -> None:
    rows = _pg_rows(
        pg,
        seed_load.schema,
        "SELECT s.achieved_points, s.achieved_raw, s.max_points, s.achieved_points::TEXT FROM scores s "
        f"JOIN documents d USING (doc_id) WHERE d.source LIKE '%{SEED_000}' AND s.level = 'field' AND s.code = '7'",
    )
    assert rows == [(Decimal("12.89"), "12,89", Decimal("13.5"), "12.890000")]


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("scores", "achieved_points", "numeric(18,6)"),
        ("scores", "sources_json", "jsonb"),
        ("scores", "report_year", "integer"),
        ("documents", "issue_date", "date"),
        ("documents", "present", "boolean"),
        ("documents", "text_chars", "bigint"),
        ("runs", "started_at", "timestamp with time zone"),
        ("blocks", "text", "text"),
    ],
)
def test_columns_get_postgres_types_from_the_arrow_schemas(
    table: str, column: str, expected: str, seed_load: LoadStats, pg: psycopg.Connection[Any]
) -> None:
    query = f"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\"{table}\"'::regclass "
    assert _pg_rows(pg, seed_load.schema, query + f"AND attname = '{column}'") == [(expected,)]


def test_every_table_has_its_primary_key_and_the_rows_their_document(
    seed_load: LoadStats, pg: psycopg.Connection[Any]
) -> None:
    keys = _pg_rows(
        pg,
        seed_load.schema,
        "SELECT c.conrelid::regclass::TEXT, a.attname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
        "WHERE c.contype = 'p' AND c.connamespace = current_schema()::regnamespace",
    )
    assert {(table.strip('"'), column) for table, column in keys} == set(TABLE_KEYS.items())
    foreign = _pg_rows(
        pg,
        seed_load.schema,
        "SELECT c.conrelid::regclass::TEXT FROM pg_constraint c "
        "WHERE c.contype = 'f' AND c.confrelid = 'documents'::regclass",
    )
    assert {table.strip('"') for (table,) in foreign} == set(DOCUMENT_TABLES) - {"documents"}


def test_loading_again_changes_nothing(seed_load: LoadStats, seed_warehouse: Path, postgres_dsn: str) -> None:
    again = load_warehouse(seed_warehouse, postgres_dsn, schema=seed_load.schema)
    assert again.changed == 0
    assert [t.rows for t in again.tables] == [t.rows for t in seed_load.tables]


# -- the views ---------------------------------------------------------------------------------------------

VIEW_COLUMNS = {
    "field_scores": "row_key, unit, year, code, achieved_points, points_lost, rank, achieved_raw",
    "open_findings": "row_key, severity, rule_id, code, stated, expected, unit, quote",
    "deductions_by_agency": "unit, report_year, agency, deadline_end, deadline_text, codes, actions, points_lost, "
    "documents",
}


@pytest.mark.parametrize("view", list(VIEW_COLUMNS))
def test_views_answer_like_the_duckdb_views(
    view: str, seed_load: LoadStats, seed_warehouse: Path, pg: psycopg.Connection[Any]
) -> None:
    query = f"SELECT {VIEW_COLUMNS[view]} FROM {view}"
    in_duckdb = _duckdb_rows(seed_warehouse, query)
    in_postgres = _pg_rows(pg, seed_load.schema, query)
    assert in_duckdb
    assert sorted(in_postgres, key=repr) == sorted(in_duckdb, key=repr)
    if view == "open_findings":
        assert all(quote for *_, quote in in_postgres)


@pytest.fixture(scope="module")
def copies_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds twice: each also as a copy with one more line (other bytes, so another document of the
    same unit and year answering the same codes), as when a plan is filed as .txt and as .docx."""
    folder = tmp_path_factory.mktemp("copies")
    inbox = folder / "inbox"
    inbox.mkdir()
    for sample in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        (inbox / sample.name).write_text(text, encoding="utf-8")
        (inbox / f"copy_{sample.name}").write_text(text + "\n", encoding="utf-8")
    run_ingest([inbox], folder / "warehouse")
    return folder / "warehouse"


def test_deductions_by_agency_counts_copies_like_duckdb(
    copies_warehouse: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    load_warehouse(copies_warehouse, postgres_dsn, schema="copies")
    with open_database(copies_warehouse) as connection:
        relation = connection.sql("SELECT * FROM deductions_by_agency")
        duckdb_columns, in_duckdb = relation.columns, relation.fetchall()
    with pg.transaction():
        cursor = pg.execute("SELECT * FROM copies.deductions_by_agency")
        assert cursor.description is not None
        postgres_columns, in_postgres = [c.name for c in cursor.description], cursor.fetchall()
    assert postgres_columns == duckdb_columns
    assert sorted(in_postgres, key=repr) == sorted(in_duckdb, key=repr)
    documents, report_year = duckdb_columns.index("documents"), duckdb_columns.index("report_year")
    assert any(row[documents] == 2 for row in in_duckdb)  # the copies answer the same codes
    assert any(row[report_year] is not None for row in in_duckdb)


def test_a_schema_loaded_before_report_year_gets_the_new_deductions_view(
    seed_warehouse: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    """CREATE OR REPLACE VIEW cannot rename or reorder a view's columns, only add some at the end."""
    pg.execute(
        "CREATE SCHEMA older; CREATE VIEW older.deductions_by_agency AS SELECT NULL::TEXT AS unit, "
        "NULL::TEXT AS agency, NULL::DATE AS deadline_end, NULL::TEXT AS deadline_text, NULL::TEXT AS codes, "
        "NULL::BIGINT AS actions, NULL::NUMERIC AS points_lost, NULL::BIGINT AS documents"
    )  # the view as versions before report_year created it
    load_warehouse(seed_warehouse, postgres_dsn, schema="older")
    query = "SELECT unit, report_year, points_lost FROM deductions_by_agency"
    in_postgres = _pg_rows(pg, "older", query)
    assert in_postgres
    assert sorted(in_postgres, key=repr) == sorted(_duckdb_rows(seed_warehouse, query), key=repr)


# -- changes in the warehouse ------------------------------------------------------------------------------


def test_a_changed_file_replaces_its_documents_rows(
    seed_inbox: Path, tmp_path: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    warehouse = tmp_path / "warehouse"
    run_ingest([seed_inbox], warehouse)
    load_warehouse(warehouse, postgres_dsn, schema="changed")
    old_doc = _pg_rows(pg, "changed", f"SELECT doc_id FROM documents WHERE source LIKE '%{SEED_000}'")[0][0]
    old_rows = {t: _pg_rows(pg, "changed", f"SELECT count(*) FROM \"{t}\" WHERE doc_id = '{old_doc}'")[0][0]
                for t in DOCUMENT_TABLES}  # fmt: skip

    changed = seed_inbox / SEED_000
    changed.write_text(changed.read_text(encoding="utf-8") + "\nSố lượt kiểm tra: 7 lượt.\n", encoding="utf-8")
    run_ingest([seed_inbox], warehouse)
    stats = load_warehouse(warehouse, postgres_dsn, schema="changed")

    assert _counts(pg, "changed") == _warehouse_counts(warehouse)
    for table in DOCUMENT_TABLES:
        left = _pg_rows(pg, "changed", f"SELECT count(*) FROM \"{table}\" WHERE doc_id = '{old_doc}'")[0][0]
        assert left == 0, table
        assert stats.table(table).deleted == old_rows[table], table
    new_doc = _pg_rows(pg, "changed", f"SELECT doc_id FROM files WHERE path LIKE '%{SEED_000}'")[0][0]
    assert new_doc != old_doc
    assert _pg_rows(pg, "changed", f"SELECT count(*) FROM scores WHERE doc_id = '{new_doc}'")[0][0] > 0
    assert stats.table("documents").inserted == 1
    assert stats.table("runs").inserted == 1


def test_a_removed_file_keeps_its_rows_marked_absent(
    seed_inbox: Path, tmp_path: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    warehouse = tmp_path / "warehouse"
    run_ingest([seed_inbox], warehouse)
    load_warehouse(warehouse, postgres_dsn, schema="removed")
    (seed_inbox / SEED_001).unlink()
    run_ingest([seed_inbox], warehouse)
    stats = load_warehouse(warehouse, postgres_dsn, schema="removed")

    assert all(t.deleted == 0 for t in stats.tables)
    assert stats.table("documents").updated == 1  # present = false
    assert stats.table("scores").changed == 0
    assert _counts(pg, "removed") == _warehouse_counts(warehouse)
    documents = _pg_rows(pg, "removed", "SELECT source, present FROM documents")
    assert {Path(source).name: present for source, present in documents}[SEED_001] is False
    assert sum(present for _, present in documents) == 4
    assert _pg_rows(pg, "removed", f"SELECT present FROM files WHERE path LIKE '%{SEED_001}'") == [(False,)]
    in_views = _pg_rows(pg, "removed", f"SELECT count(*) FROM field_scores WHERE source LIKE '%{SEED_001}'")
    assert in_views == [(0,)]


def test_a_table_with_other_columns_stops_the_load(
    seed_warehouse: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    pg.execute("CREATE SCHEMA other; CREATE TABLE other.scores (row_key TEXT PRIMARY KEY, points REAL)")
    with pytest.raises(PostgresError, match=r"other\.scores has other columns.*missing: doc_id"):
        load_warehouse(seed_warehouse, postgres_dsn, schema="other")
    assert _pg_rows(pg, "other", "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'other'") == [
        (1,)
    ]  # the failed load left nothing behind


def test_nul_characters_become_replacement_characters() -> None:
    batch = pa.RecordBatch.from_pydict(
        {"text": ["a\x00b", None, "c"], "operands_json": ['["x\\u0000"]', None, "[]"]},
        schema=pa.schema([("text", pa.string()), ("operands_json", pa.string())]),
    )
    cleaned = _without_nul(batch).to_pydict()
    assert cleaned == {"text": ["a\ufffdb", None, "c"], "operands_json": ['["x\\ufffd"]', None, "[]"]}


# -- the command line --------------------------------------------------------------------------------------


def _cchc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows", *args], capture_output=True, text=True, timeout=600, check=False
    )


def test_cchc_load_prints_the_counts_of_each_table(
    seed_warehouse: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", "--postgres", postgres_dsn, str(seed_warehouse), "--schema", "cli"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["table", "rows", "inserted", "updated", "deleted"]
    assert {line.split()[0] for line in lines[1:-1]} == set(TABLES)
    assert main(["load", "--postgres", postgres_dsn, str(seed_warehouse), "--schema", "cli"]) == 0
    assert "schema cli: 0 thêm / inserted, 0 sửa / updated, 0 xoá / deleted" in capsys.readouterr().out


def _with_password(dsn: str, password: str, **changes: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(dsn) | {"password": password} | changes
    return psycopg.conninfo.make_conninfo(**params)


BAD_DSNS = {
    "bad-password": (lambda dsn: _with_password(dsn, "wrong-Secret-1"), "password authentication failed"),
    "nothing-listening": (
        lambda dsn: _with_password(dsn, "wrong-Secret-1", port="1", host="127.0.0.1"),
        "PostgreSQL 127.0.0.1:1/",
    ),
    "no-database": (lambda dsn: _with_password(dsn, "wrong-Secret-1", dbname="no_such_db"), "no_such_db"),
    "bad-port": (lambda dsn: "postgresql://cchc:wrong-Secret-1@127.0.0.1:notaport/db", "invalid"),
    "not-a-dsn": (lambda dsn: "host=127.0.0.1 password=wrong-Secret-1 nonsense", "invalid DSN"),
}


@pytest.mark.parametrize("case", list(BAD_DSNS))
def test_a_bad_dsn_is_one_line_naming_the_server_without_the_password(
    case: str, seed_warehouse: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_dsn, expected = BAD_DSNS[case]
    assert main(["load", "--postgres", make_dsn(postgres_dsn), str(seed_warehouse)]) == 2
    stderr = capsys.readouterr().err
    assert stderr.startswith("Lỗi / Error: PostgreSQL")
    assert len(stderr.strip().splitlines()) == 1
    assert expected in stderr
    assert "Secret" not in stderr


def test_a_bad_dsn_exits_2_without_a_traceback(seed_warehouse: Path, postgres_dsn: str) -> None:
    make_dsn, _ = BAD_DSNS["bad-password"]
    result = _cchc("load", "--postgres", make_dsn(postgres_dsn), str(seed_warehouse))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Secret" not in result.stderr


def test_cchc_load_of_a_folder_that_is_no_warehouse_exits_2(
    tmp_path: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", "--postgres", postgres_dsn, str(tmp_path)]) == 2
    assert "no warehouse here" in capsys.readouterr().err


def test_ingest_with_processes_and_postgres_loads_the_warehouse(
    seed_inbox: Path, tmp_path: Path, postgres_dsn: str, pg: psycopg.Connection[Any]
) -> None:
    out = tmp_path / "warehouse"
    args = ["ingest", str(seed_inbox), "--out", str(out), "--engine", "processes", "--workers", "2"]
    result = _cchc(*args, "--postgres", postgres_dsn)
    assert result.returncode == 0, result.stderr
    assert _counts(pg, "cchc") == _warehouse_counts(out)
    assert _counts(pg, "cchc")["documents"] == 5
