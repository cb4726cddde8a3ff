"""What the report reads: the lost points per lead agency are the warehouse view `deductions_by_agency`,
ordered for the page, and a plan filed twice does not count its codes' losses twice."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.ingest import run_ingest
from pipeline.report import ReportFiles, load_report
from pipeline.report.data import AgencyDeadline

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COLUMNS = ("unit", "report_year", "agency", "deadline_end", "deadline_text", "codes", "actions", "documents")


def _key(row: AgencyDeadline) -> tuple[object, ...]:
    return (row.unit, row.report_year, row.agency, row.deadline_end, row.deadline_text)


def _nulls_last(row: AgencyDeadline) -> tuple[tuple[bool, object], ...]:
    return tuple((value is None, value) for value in _key(row))


def test_load_report_deadlines_are_the_warehouse_view(
    report_files: ReportFiles, warehouse_db: duckdb.DuckDBPyConnection
) -> None:
    deadlines = report_files.data.deadlines
    in_view = warehouse_db.sql(f"SELECT {', '.join(COLUMNS)}, points_lost FROM deductions_by_agency").fetchall()
    in_report = [(*(getattr(d, c) for c in COLUMNS), d.points_lost) for d in deadlines]
    assert in_view
    assert sorted(in_report, key=repr) == sorted(in_view, key=repr)
    assert list(deadlines) == sorted(deadlines, key=_nulls_last)


def test_load_report_counts_the_losses_of_a_plan_filed_twice_once(tmp_path: Path) -> None:
    once, twice = tmp_path / "once", tmp_path / "twice"
    once.mkdir()
    twice.mkdir()
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        (once / sample.name).write_text(text, encoding="utf-8")
        (twice / sample.name).write_text(text, encoding="utf-8")
        (twice / f"copy_{sample.name}").write_text(text + "\n", encoding="utf-8")  # other bytes: another document
    run_ingest([once], tmp_path / "warehouse-once")
    run_ingest([twice], tmp_path / "warehouse-twice")
    single = {_key(d): d for d in load_report(tmp_path / "warehouse-once").deadlines}
    doubled = {_key(d): d for d in load_report(tmp_path / "warehouse-twice").deadlines}

    assert doubled.keys() == single.keys()
    assert any(d.points_lost for d in single.values())
    for key, row in single.items():
        copy = doubled[key]
        assert (copy.codes, copy.points_lost) == (row.codes, row.points_lost), key
        assert (copy.actions, copy.documents) == (2 * row.actions, 2 * row.documents), key
