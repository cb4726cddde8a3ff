"""Bulk ingestion as plain functions: discovery, skipping unchanged files, re-runs, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest import batches, discover, plan_run, run_ingest, summary_markdown
from pipeline.store.warehouse import Warehouse


def test_discovery_finds_documents_recursively_and_skips_what_is_not_one(inbox: Path, tmp_path: Path) -> None:
    (inbox / ".hidden").mkdir()
    (inbox / ".hidden" / "old.txt").write_text("x", encoding="utf-8")
    (inbox / "2024" / "~$bao_cao.docx").write_bytes(b"lock")
    (inbox / "2024" / "notes.py").write_text("print()", encoding="utf-8")
    (inbox / "2024" / "bang_diem.xlsx").write_bytes(b"PK")  # a document we cannot read: kept, to report it
    warehouse = inbox / "warehouse"
    (warehouse / "scores").mkdir(parents=True)
    (warehouse / "scores" / "x.txt").write_text("not a document", encoding="utf-8")

    found = discover([inbox], exclude=warehouse)

    names = sorted(path.name for path in found)
    assert len([n for n in names if n.endswith(".txt")]) == 5
    assert "000.docx" in names
    assert "bang_diem.xlsx" in names
    assert not {"old.txt", "~$bao_cao.docx", "notes.py", "x.txt"} & set(names)
    assert all(path.is_absolute() for path in found)


def test_batches_use_every_worker_and_never_exceed_their_size(tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.txt" for i in range(10)]
    assert len(batches(paths, 16, at_least=4)) == 4
    assert max(len(b) for b in batches(paths, 3)) <= 3
    assert sorted(p for b in batches(paths, 3, at_least=2) for p in b) == sorted(paths)
    assert batches([], 16, at_least=4) == []


def test_a_rerun_skips_unchanged_files_and_adds_nothing(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "warehouse"
    first = run_ingest([inbox], out)
    with Warehouse.open(out) as warehouse:
        before = warehouse.fingerprint()

    second = run_ingest([inbox], out)

    assert (first.processed, first.unchanged) == (6, 0)
    assert (second.processed, second.unchanged) == (0, 6)
    with Warehouse.open(out) as warehouse:
        assert warehouse.fingerprint() == before


def test_a_touched_file_with_the_same_bytes_is_not_processed_again(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "warehouse"
    run_ingest([inbox], out)
    touched = next(inbox.rglob("*.txt"))
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    with Warehouse.open(out) as warehouse:
        plan = plan_run(discover([inbox]), warehouse.known_files())
    assert touched.resolve() in plan.unchanged


def test_a_changed_file_replaces_its_rows_and_a_removed_one_is_kept_as_absent(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "warehouse"
    run_ingest([inbox], out)
    changed = next(p for p in inbox.rglob("000_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("12,89", "12,79"), encoding="utf-8")
    removed = next(p for p in inbox.rglob("004_*.txt"))
    removed.unlink()

    summary = run_ingest([inbox], out)

    assert (summary.processed, summary.documents_replaced + summary.documents_added, summary.marked_absent) == (
        1,
        1,
        1,
    )
    with Warehouse.open(out) as warehouse:
        scores = warehouse.read_table("scores").to_pylist()
        files = {row["path"]: row for row in warehouse.read_table("files").to_pylist()}
    changed_id = files[str(changed.resolve())]["doc_id"]
    raws = {row["achieved_raw"] for row in scores if row["doc_id"] == changed_id}
    assert "12,79" in raws
    assert "12,89" not in raws
    assert {row["doc_id"] for row in scores} <= {row["doc_id"] for row in files.values()}  # old version gone
    assert files[str(removed.resolve())]["present"] is False
    assert any(row["doc_id"] == files[str(removed.resolve())]["doc_id"] for row in scores)  # rows kept


@pytest.mark.parametrize(
    ("name", "content"),
    [("hong.pdf", b"%PDF-1.7 truncated"), ("rong.docx", b""), ("bang.xlsx", b"PK\x03\x04")],
)
def test_a_bad_file_is_listed_and_the_batch_goes_on(inbox: Path, tmp_path: Path, name: str, content: bytes) -> None:
    (inbox / name).write_bytes(content)

    summary = run_ingest([inbox], tmp_path / "warehouse")

    assert summary.processed == 7
    assert [Path(path).name for path, _ in summary.failed] == [name]
    assert summary.findings_by_rule["parse-error"] == 1
    assert name in summary_markdown(summary)
    with Warehouse.open(tmp_path / "warehouse") as warehouse:
        documents = warehouse.read_table("documents").to_pylist()
    assert sorted(row["status"] for row in documents).count("parse-error") == 1
    assert len(documents) == 7
