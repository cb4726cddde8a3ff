"""warehouse.duckdb: the views on the seed documents and on rows built in code, and a stale database noticed
and rebuilt."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipeline.process import ProcessedFile, process_file
from pipeline.store import StoreError, Warehouse, open_database
from pipeline.store.database import VIEWS_SQL, database_generation, database_path
from schemas.warehouse import TABLES


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds: list[ProcessedFile]) -> Path:
    root = tmp_path_factory.mktemp("seeded") / "warehouse"
    with Warehouse.open(root) as warehouse:
        warehouse.commit(seeds, "run-1")
        warehouse.compact()
        warehouse.refresh_database()
    return root


def test_database_field_scores_has_seed_000_field_7(seeded: Path) -> None:
    with open_database(seeded) as connection:
        row = connection.execute(
            "SELECT unit, year, name, max_points, self_points, achieved_points, deducted_points, points_lost, "
            "max_raw, achieved_raw FROM field_scores WHERE unit = 'Sơn Tịnh' AND code = '7'"
        ).fetchall()
    assert row == [
        (
            "Sơn Tịnh",
            2024,
            "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
            Decimal("13.5"),
            Decimal("11.83"),
            Decimal("12.89"),
            Decimal("2.77"),
            Decimal("2.77"),  # the stated deduction, not max − achieved
            "13,5",
            "12,89",
        )
    ]


def test_database_field_scores_holds_only_fields_of_the_seeds(seeded: Path) -> None:
    with open_database(seeded) as connection:
        units = connection.execute(
            "SELECT unit, count(*), count(code), min(code), max(code) FROM field_scores GROUP BY unit ORDER BY unit"
        ).fetchall()
    # seed 004 names no unit; one of its two fields matches no catalogue name (code NULL)
    assert units == [("Sơn Tịnh", 8, 8, "1", "8"), ("Triệu Trạch", 7, 7, "1", "7"), (None, 2, 1, "1", "1")]


def test_database_open_findings_has_seed_000_deduction_mismatch(seeded: Path) -> None:
    with open_database(seeded) as connection:
        rows = connection.execute(
            "SELECT severity, stated, expected, quote, source FROM open_findings "
            "WHERE rule_id = 'deduction-mismatch' AND code = '7'"
        ).fetchall()
        severities = [r[0] for r in connection.execute("SELECT severity FROM open_findings").fetchall()]
    assert len(rows) == 1
    severity, stated, expected, quote, source = rows[0]
    assert (severity, stated, expected) == ("error", "2,77", "0,61")
    assert source.endswith("samples/000_ca77cff5a68984a1.txt")
    assert "2,77" in quote
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_database_span_text_quotes_an_action_over_several_paragraphs(seeded: Path, seed_000: ProcessedFile) -> None:
    action = seed_000.extraction.actions[0]
    assert seed_000.document is not None
    with open_database(seeded) as connection:
        quote = connection.execute(
            "SELECT span_text(doc_id, span_start, span_end) FROM actions WHERE doc_id = ? AND ordinal = 0",
            [seed_000.extraction.document.doc_id],
        ).fetchone()
    assert quote == (seed_000.document.text[action.span.start : action.span.end],)
    assert "\n\n" in quote[0]


def test_database_deductions_by_agency_sums_points_lost_per_lead_agency(seeded: Path) -> None:
    with open_database(seeded) as connection:
        rows = connection.execute(
            "SELECT codes, actions, points_lost, documents, report_year FROM deductions_by_agency "
            "WHERE unit = 'Sơn Tịnh' AND agency = 'Phòng Tài chính - Kế hoạch' AND deadline_end = DATE '2025-12-31'"
        ).fetchall()
        expected = connection.execute(
            "SELECT sum(coalesce(s.deducted_points, s.max_points - s.achieved_points)), any_value(d.report_year) "
            "FROM scores s JOIN documents d USING (doc_id) "
            "WHERE d.locality = 'Sơn Tịnh' AND s.code IN ('6.1.1', '6.3.1', '6.3.2', '6.3.4')"
        ).fetchone()
    assert expected is not None
    assert rows == [("6.1.1, 6.3.1, 6.3.2, 6.3.4", 4, expected[0], 1, expected[1])]
    assert rows[0][2] == Decimal("3.5")
    assert rows[0][4] is not None


# -- deductions_by_agency on rows built in code ------------------------------------------------------------

DEADLINE = (date(2025, 12, 31), "Trong năm 2025")


@dataclass(frozen=True)
class Doc:
    """A present document: its criteria's stated deductions, and its actions as (code, lead agency)."""

    doc_id: str
    unit: str = "Sơn Tịnh"
    year: int | None = 2024
    deductions: dict[str, str] = field(default_factory=dict)
    actions: tuple[tuple[str, str], ...] = ()


def _insert(connection: duckdb.DuckDBPyConnection, table: str, **values: object) -> None:
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    connection.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))


def _add(connection: duckdb.DuckDBPyConnection, doc: Doc) -> None:
    common = {"doc_id": doc.doc_id, "report_year": doc.year}
    _insert(connection, "documents", row_key=doc.doc_id, status="ok", present=True, source=f"{doc.doc_id}.txt",
            locality=doc.unit, score_count=len(doc.deductions), action_count=len(doc.actions), reference_count=0,
            finding_count=0, content_sha256=doc.doc_id, **common)  # fmt: skip
    for ordinal, (code, points) in enumerate(doc.deductions.items()):
        _insert(connection, "scores", row_key=f"{doc.doc_id}-s{ordinal}", ordinal=ordinal, code=code,
                level="criterion", deducted_points=Decimal(points), **common)  # fmt: skip
    for ordinal, (code, lead) in enumerate(doc.actions):
        action_key = f"{doc.doc_id}-a{ordinal}"
        _insert(connection, "actions", row_key=action_key, ordinal=ordinal, code=code, deadline_end=DEADLINE[0],
                deadline_text=DEADLINE[1], deadline_ambiguous=False, **common)  # fmt: skip
        _insert(connection, "agencies", row_key=f"{action_key}-lead", action_key=action_key, role="lead",
                position=0, text=lead, is_group=False, **common)  # fmt: skip


@pytest.fixture
def views_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with the warehouse's tables (empty) and views, to fill with `_add`."""
    connection = duckdb.connect()
    for table, schema in TABLES.items():
        connection.register("empty_rows", schema.empty_table())
        connection.execute(f'CREATE TABLE "{table}" AS SELECT * FROM empty_rows')
        connection.unregister("empty_rows")
    connection.execute(VIEWS_SQL.read_text(encoding="utf-8"))
    yield connection
    connection.close()


NOI_VU = "Phòng Nội vụ"
TU_PHAP = "Phòng Tư pháp"
# (documents, rows of the view: unit, report_year, agency, codes, actions, points_lost, documents)
DEDUCTION_CASES = {
    "two actions of one document answer one code": (
        [Doc("d1", deductions={"6.1.1": "1.5"}, actions=(("6.1.1", NOI_VU), ("6.1.1", NOI_VU)))],
        [("Sơn Tịnh", 2024, NOI_VU, "6.1.1", 2, "1.5", 1)],
    ),
    "copies of one plan count each code once": (
        [
            Doc(name, deductions={"6.1.1": "1.5", "7.2": "0.25"}, actions=(("6.1.1", NOI_VU), ("7.2", NOI_VU)))
            for name in ("plan.txt", "plan.docx", "plan.pdf")
        ],
        [("Sơn Tịnh", 2024, NOI_VU, "6.1.1, 7.2", 6, "1.75", 3)],
    ),
    "documents that disagree count the larger loss": (
        [
            Doc("d1", deductions={"6.1.1": "1.5"}, actions=(("6.1.1", NOI_VU),)),
            Doc("d2", deductions={"6.1.1": "2"}, actions=(("6.1.1", NOI_VU),)),
        ],
        [("Sơn Tịnh", 2024, NOI_VU, "6.1.1", 2, "2", 2)],
    ),
    "report years and agencies stay apart": (
        [
            Doc("d2023", year=2023, deductions={"6.1.1": "1"}, actions=(("6.1.1", NOI_VU),)),
            Doc("d2024", deductions={"6.1.1": "2", "7.2": "0.5"}, actions=(("6.1.1", NOI_VU), ("7.2", TU_PHAP))),
        ],
        [
            ("Sơn Tịnh", 2023, NOI_VU, "6.1.1", 1, "1", 1),
            ("Sơn Tịnh", 2024, NOI_VU, "6.1.1", 1, "2", 1),
            ("Sơn Tịnh", 2024, TU_PHAP, "7.2", 1, "0.5", 1),
        ],
    ),
    "a plan without scores takes the report's losses of its unit and year": (
        [
            Doc("report", deductions={"6.1.1": "1.5"}),
            Doc("plan", actions=(("6.1.1", NOI_VU),)),
            Doc("other-unit", unit="Triệu Trạch", actions=(("6.1.1", NOI_VU),)),
        ],
        [("Sơn Tịnh", 2024, NOI_VU, "6.1.1", 1, "1.5", 1), ("Triệu Trạch", 2024, NOI_VU, "6.1.1", 1, None, 1)],
    ),
}


@pytest.mark.parametrize(("documents", "expected"), list(DEDUCTION_CASES.values()), ids=list(DEDUCTION_CASES))
def test_database_deductions_by_agency_counts_a_codes_loss_once(
    views_db: duckdb.DuckDBPyConnection,
    documents: list[Doc],
    expected: list[tuple[str, int, str, str, int, str | None, int]],
) -> None:
    for doc in documents:
        _add(views_db, doc)
    rows = views_db.execute(
        "SELECT unit, report_year, agency, codes, actions, points_lost, documents FROM deductions_by_agency "
        "ORDER BY unit, report_year, agency"
    ).fetchall()
    assert rows == [(*row[:5], None if row[5] is None else Decimal(row[5]), row[6]) for row in expected]


def test_database_views_leave_out_absent_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = Path(shutil.copy2("samples/000_ca77cff5a68984a1.txt", folder))
    with Warehouse.open(tmp_path / "warehouse") as warehouse:
        warehouse.commit([process_file(path)], "run-1")
        warehouse.mark_absent([], [folder], "run-2")
        warehouse.refresh_database()
    with open_database(tmp_path / "warehouse") as connection:
        for view in ("field_scores", "open_findings", "deductions_by_agency"):
            assert connection.execute(f"SELECT count(*) FROM {view}").fetchone() == (0,), view
        assert connection.execute("SELECT count(*) FROM scores").fetchone() == (29,)


def test_database_stale_after_a_commit_is_rebuilt_on_open(tmp_path: Path, seeds: list[ProcessedFile]) -> None:
    root = tmp_path / "warehouse"
    with Warehouse.open(root) as warehouse:
        built = warehouse.generation
        warehouse.commit(seeds[:2], "run-1")  # as if killed before refresh_database()
        assert database_generation(root) == built != warehouse.generation
    with open_database(root) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (2,)
        assert connection.execute("SELECT generation FROM warehouse_meta").fetchone() == (built + 1,)
    with Warehouse.open(root) as warehouse:
        assert database_generation(root) == warehouse.generation


def test_database_unreadable_file_is_replaced(tmp_path: Path, seeds: list[ProcessedFile]) -> None:
    root = tmp_path / "warehouse"
    with Warehouse.open(root) as warehouse:
        warehouse.commit(seeds[:1], "run-1")
        warehouse.refresh_database()
    database_path(root).write_bytes(b"torn")
    with Warehouse.open(root), duckdb.connect(str(database_path(root)), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_database_open_database_refuses_a_folder_without_warehouse(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no warehouse here"):
        open_database(tmp_path)


def test_database_open_database_is_read_only(seeded: Path) -> None:
    with open_database(seeded) as connection, pytest.raises(duckdb.Error, match="read-only"):
        connection.execute("DELETE FROM documents")
