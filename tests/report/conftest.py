"""Fixtures for the report tests: one warehouse built from copies of the samples (every format), plus a
document whose text tries to inject HTML and a file that cannot be read; the report written from it once."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.ingest import run_ingest
from pipeline.report import ReportFiles, build_report
from pipeline.store import open_database

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SEED_000 = "000_ca77cff5a68984a1.txt"
HOSTILE = "hostile_000.txt"
INJECTION = (
    ' </script><script>window.pwned=1</script><img src="http://example.invalid/x.png" onerror="window.pwned=2"><!--'
)


@pytest.fixture(scope="session")
def report_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-inbox")
    for sample in sorted(SAMPLES.glob("*.*")):
        if sample.suffix in {".txt", ".docx", ".pdf"}:
            shutil.copy(sample, folder / sample.name)
    text = (SAMPLES / SEED_000).read_text(encoding="utf-8")
    text = text.replace("giải pháp khắc phục trong năm 2025\n", f"giải pháp khắc phục trong năm 2025{INJECTION}\n", 1)
    text = text.replace("chính quyền số: bị trừ 2,77 điểm.", f"chính quyền số: bị trừ 2,77 điểm.{INJECTION}")
    (folder / HOSTILE).write_text(text, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"this is not a Word file")
    return folder


@pytest.fixture(scope="session")
def report_warehouse(report_inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-warehouse") / "warehouse"
    run_ingest([report_inbox], out)
    return out


@pytest.fixture(scope="session")
def report_files(report_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    folder = tmp_path_factory.mktemp("report-out")
    return build_report(report_warehouse, html=folder / "report.html", xlsx=folder / "report.xlsx")


@pytest.fixture(scope="session")
def warehouse_db(report_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_database(report_warehouse)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def scalar(warehouse_db: duckdb.DuckDBPyConnection) -> Callable[..., Any]:
    """One value from the warehouse: `scalar("SELECT count(*) FROM findings WHERE rule_id = ?", rule)`."""

    def query(sql: str, *params: Any) -> Any:
        row = warehouse_db.execute(sql, list(params)).fetchone()
        assert row is not None
        return row[0]

    return query
