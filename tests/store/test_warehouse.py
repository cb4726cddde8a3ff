"""The warehouse as the ingest flow uses it: commit, re-run, changed, removed and unreadable files."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.process import ProcessedFile, process_file
from pipeline.store import FileStat, StoreError, Warehouse, file_key, open_database, stat_file
from pipeline.store.manifest import Manifest, read_manifest
from schemas.warehouse import DOCUMENT_TABLES, NULL_PARTITION, TABLES, RunRecord, stored_schema


def manifest_of(root: Path) -> Manifest:
    manifest = read_manifest(root)
    assert manifest is not None
    return manifest


def live_files(root: Path) -> set[str]:
    return manifest_of(root).live_paths()


def parquet_on_disk(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.parquet")}


def copy_seed(seed: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(seed, folder / seed.name))


def test_warehouse_round_trip_scores_are_the_extraction(warehouse: Warehouse, seeds: list[ProcessedFile]) -> None:
    stats = warehouse.commit(seeds, "run-1")
    assert (stats.documents_added, stats.documents_unchanged, stats.parse_errors) == (5, 0, 0)
    stored = warehouse.read_table("scores").to_pylist()
    expected = [(p.extraction.document.doc_id, s) for p in seeds for s in p.extraction.scores]
    assert len(stored) == len(expected)
    by_key = {(r["doc_id"], r["ordinal"]): r for r in stored}
    for doc_id, score in expected:
        ordinal = next(p for p in seeds if p.extraction.document.doc_id == doc_id).extraction.scores.index(score)
        row = by_key[(doc_id, ordinal)]
        assert (row["code"], row["level"], row["name"], row["year"]) == (
            score.code,
            score.level,
            score.name,
            score.year,
        )
        assert (row["max_points"], row["self_points"], row["achieved_points"], row["deducted_points"]) == (
            score.max_points,
            score.self_points,
            score.achieved_points,
            score.deducted_points,
        )
        assert (row["max_raw"], row["achieved_raw"]) == (score.max_raw, score.achieved_raw)
        assert (row["span_block"], row["span_start"], row["span_end"]) == (
            score.span.block,
            score.span.start,
            score.span.end,
        )


def test_warehouse_round_trip_every_table_counts_match(warehouse: Warehouse, seeds: list[ProcessedFile]) -> None:
    warehouse.commit(seeds, "run-1")
    extractions = [p.extraction for p in seeds]
    assert warehouse.read_table("documents").num_rows == 5
    assert warehouse.read_table("actions").num_rows == sum(len(e.actions) for e in extractions)
    assert warehouse.read_table("references").num_rows == sum(len(e.references) for e in extractions)
    assert warehouse.read_table("findings").num_rows == sum(len(e.findings) for e in extractions)
    assert warehouse.read_table("agencies").num_rows == sum(
        len(a.lead_agencies) + len(a.partner_agencies) + len(a.monitor_agencies) for e in extractions for a in e.actions
    )
    files = warehouse.read_table("files").to_pylist()
    assert sorted(f["path"] for f in files) == sorted(str(p.path.resolve()) for p in seeds)
    assert all(f["present"] and f["first_seen_run"] == "run-1" for f in files)


def test_warehouse_pdf_and_docx_keep_pages_and_blocks(warehouse: Warehouse) -> None:
    pdf, docx = (process_file(Path(f"samples/000_ca77cff5a68984a1.{suffix}")) for suffix in ("pdf", "docx"))
    warehouse.commit([pdf, docx], "run-1")
    documents = {d["format"]: d for d in warehouse.read_table("documents").to_pylist()}
    assert (documents["pdf"]["pages"], documents["docx"]["pages"]) == (pdf.document.source.pages, None)  # type: ignore[union-attr]
    scores = warehouse.read_table("scores").to_pylist()
    field_7 = {r["doc_id"]: r for r in scores if r["code"] == "7"}
    assert field_7[documents["pdf"]["doc_id"]]["span_page"] == 2
    assert field_7[documents["docx"]["doc_id"]]["span_page"] is None
    assert {r["achieved_points"] for r in field_7.values()} == {Decimal("12.89")}
    pdf_blocks = [b for b in warehouse.read_table("blocks").to_pylist() if b["doc_id"] == documents["pdf"]["doc_id"]]
    assert pdf_blocks
    assert all(b["page"] is not None and b["page"] >= 1 for b in pdf_blocks)


def test_warehouse_duckdb_tables_equal_the_parquet_rows(warehouse: Warehouse, seeds: list[ProcessedFile]) -> None:
    warehouse.commit(seeds, "run-1")
    warehouse.refresh_database()
    with open_database(warehouse.root) as connection:
        for table in TABLES:
            if table == "runs":
                continue
            from_duckdb = connection.execute(f'SELECT * FROM "{table}"').to_arrow_table()
            from_parquet = warehouse.read_table(table)
            assert from_duckdb.column_names == TABLES[table].names
            assert sorted(from_duckdb.to_pylist(), key=lambda r: r["row_key"]) == sorted(
                from_parquet.to_pylist(), key=lambda r: r["row_key"]
            )
        points = connection.execute(
            "SELECT max_points, achieved_points, typeof(max_points) FROM scores s JOIN documents d USING (doc_id) "
            "WHERE d.locality = 'Sơn Tịnh' AND s.code = '7'"
        ).fetchone()
    assert points == (Decimal("13.500000"), Decimal("12.890000"), "DECIMAL(18,6)")


def test_warehouse_parquet_files_have_the_declared_schema(warehouse: Warehouse, seeds: list[ProcessedFile]) -> None:
    warehouse.commit(seeds, "run-1")
    for relative in live_files(warehouse.root):
        table = relative.split("/", 1)[0]
        assert pq.read_schema(warehouse.root / relative).equals(stored_schema(table), check_metadata=False)
    assert {p.split("/", 1)[0] for p in live_files(warehouse.root)} == {*DOCUMENT_TABLES, "files"}


def test_warehouse_hive_partitions_read_back_with_report_year_including_unknown(
    warehouse: Warehouse, seeds: list[ProcessedFile], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    warehouse.commit([*seeds, process_file(broken)], "run-1")
    root = warehouse.root
    assert (root / "documents" / f"report_year={NULL_PARTITION}").is_dir()
    years = duckdb.sql(
        f"SELECT report_year, count(*) FROM read_parquet('{root}/documents/*/*.parquet', hive_partitioning = true) "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert years == [(2023, 1), (2024, 4), (None, 1)]
    partitioning = ds.partitioning(pa.schema([("report_year", pa.int32())]), flavor="hive")
    scores = ds.dataset(root / "documents", partitioning=partitioning).to_table()
    assert sorted(scores["report_year"].to_pylist(), key=str) == sorted([2023, 2024, 2024, 2024, 2024, None], key=str)


def test_warehouse_recommit_unchanged_adds_nothing(warehouse: Warehouse, seeds: list[ProcessedFile]) -> None:
    warehouse.commit(seeds, "run-1")
    before = warehouse.fingerprint()
    segments = manifest_of(warehouse.root).segments
    stats = warehouse.commit([process_file(p.path) for p in seeds], "run-2")
    assert (stats.documents_added, stats.documents_unchanged, stats.rows_written) == (0, 5, 0)
    assert warehouse.fingerprint() == before
    assert manifest_of(warehouse.root).segments == segments
    assert {f["last_seen_run"] for f in warehouse.read_table("files").to_pylist()} == {"run-2"}


def test_warehouse_changed_file_replaces_its_documents_rows(warehouse: Warehouse, tmp_path: Path) -> None:
    path = copy_seed(Path("samples/000_ca77cff5a68984a1.txt"), tmp_path / "in")
    warehouse.commit([process_file(path)], "run-1")
    old_id = warehouse.known_files()[file_key(path)].doc_id
    path.write_text(path.read_text(encoding="utf-8").replace("**12,89 điểm**", "**12,99 điểm**"), encoding="utf-8")
    assert not warehouse.known_files()[file_key(path)].matches(stat_file(path))
    stats = warehouse.commit([process_file(path)], "run-2")
    assert (stats.documents_added, stats.documents_replaced, stats.documents_removed) == (0, 1, 1)
    for table in DOCUMENT_TABLES:
        assert old_id not in warehouse.read_table(table)["doc_id"].to_pylist(), table
    field_7 = [r for r in warehouse.read_table("scores").to_pylist() if r["code"] == "7"]
    assert [(r["achieved_points"], r["achieved_raw"]) for r in field_7] == [(Decimal("12.99"), "12,99")]
    assert warehouse.read_table("documents").num_rows == 1
    assert warehouse.known_files()[file_key(path)].matches(stat_file(path))


def test_warehouse_changed_file_leaves_no_dead_rows_after_compaction(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = [copy_seed(p, folder) for p in sorted(Path("samples").glob("*.txt"))]
    warehouse.commit([process_file(p) for p in paths], "run-1")
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("12,89", "12,99"), encoding="utf-8")
    warehouse.commit([process_file(paths[0])], "run-2")
    content = warehouse.fingerprint()
    assert warehouse.compact() >= 1
    assert warehouse.fingerprint() == content
    assert parquet_on_disk(warehouse.root) == live_files(warehouse.root)
    on_disk = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{warehouse.root}/documents/*/*.parquet', hive_partitioning = true)"
    ).fetchone()
    assert on_disk == (5,)  # the old version of the changed document is gone from the files too


def test_warehouse_same_document_with_new_rows_is_replaced(warehouse: Warehouse, seed_000: ProcessedFile) -> None:
    """Same bytes, different extraction (a newer extractor): the rows are replaced, the id stays."""
    warehouse.commit([seed_000], "run-1")
    fewer = seed_000.extraction.model_copy(update={"findings": ()})
    stats = warehouse.commit([ProcessedFile(seed_000.path, fewer, seed_000.document)], "run-2")
    assert (stats.documents_replaced, stats.documents_added) == (1, 0)
    assert warehouse.read_table("findings").num_rows == 0
    assert warehouse.read_table("documents")["finding_count"].to_pylist() == [0]


def test_warehouse_removed_file_is_kept_and_marked_absent(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = [copy_seed(p, folder) for p in sorted(Path("samples").glob("*.txt"))]
    warehouse.commit([process_file(p) for p in paths], "run-1")
    removed = paths.pop(1)
    removed.unlink()
    assert warehouse.mark_absent(paths, [folder], "run-2") == 1
    files = {f["path"]: f for f in warehouse.read_table("files").to_pylist()}
    assert files[str(removed.resolve())]["present"] is False
    assert files[str(removed.resolve())]["last_seen_run"] == "run-1"
    documents = {d["source"]: d for d in warehouse.read_table("documents").to_pylist()}
    assert documents[str(removed)]["present"] is False
    assert sum(d["present"] for d in documents.values()) == 4
    absent_id = documents[str(removed)]["doc_id"]
    assert absent_id in warehouse.read_table("scores")["doc_id"].to_pylist()  # rows kept
    warehouse.refresh_database()
    with open_database(warehouse.root) as connection:
        assert connection.execute("SELECT count(*) FROM open_findings WHERE doc_id = ?", [absent_id]).fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM findings WHERE doc_id = ?", [absent_id]).fetchone()[0] > 0  # type: ignore[index]


def test_warehouse_file_back_in_place_is_present_again(warehouse: Warehouse, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    path = copy_seed(Path("samples/004_3f70570ce8af78c4.txt"), folder)
    warehouse.commit([process_file(path)], "run-1")
    assert warehouse.mark_absent([], [folder], "run-2") == 1
    assert warehouse.read_table("documents")["present"].to_pylist() == [False]
    assert warehouse.mark_absent([path], [folder], "run-3") == 0
    assert warehouse.read_table("documents")["present"].to_pylist() == [True]
    assert warehouse.read_table("files")["last_seen_run"].to_pylist() == ["run-3"]


def test_warehouse_mark_absent_leaves_files_outside_the_roots(warehouse: Warehouse, tmp_path: Path) -> None:
    first = copy_seed(Path("samples/004_3f70570ce8af78c4.txt"), tmp_path / "a")
    second = copy_seed(Path("samples/003_8cc175536faa4215.txt"), tmp_path / "ab")
    warehouse.commit([process_file(first), process_file(second)], "run-1")
    assert warehouse.mark_absent([], [tmp_path / "a"], "run-2") == 1  # "ab" is not inside "a"
    present = {f["path"]: f["present"] for f in warehouse.read_table("files").to_pylist()}
    assert present == {str(first.resolve()): False, str(second.resolve()): True}


def test_warehouse_copy_of_a_document_shares_its_rows(warehouse: Warehouse, tmp_path: Path) -> None:
    one = copy_seed(Path("samples/004_3f70570ce8af78c4.txt"), tmp_path / "one")
    two = copy_seed(Path("samples/004_3f70570ce8af78c4.txt"), tmp_path / "two")
    stats = warehouse.commit([process_file(one), process_file(two)], "run-1")
    assert (stats.files, stats.documents_added, stats.documents_unchanged) == (2, 1, 1)  # written once
    assert warehouse.commit([process_file(two)], "run-2").documents_unchanged == 1  # another path, same rows
    assert warehouse.read_table("documents")["source"].to_pylist() == [str(one)]
    assert warehouse.read_table("files").num_rows == 2
    assert warehouse.read_table("documents").num_rows == 1
    warehouse.mark_absent([two], [tmp_path / "one", tmp_path / "two"], "run-2")
    assert warehouse.read_table("documents")["present"].to_pylist() == [True]  # the copy still holds it
    one.write_text("BÁO CÁO\n\nKhác hẳn.\n", encoding="utf-8")
    stats = warehouse.commit([process_file(one)], "run-3")
    assert stats.documents_removed == 0  # the absent copy still refers to the old document
    assert warehouse.read_table("documents").num_rows == 2


def test_warehouse_two_files_swapping_contents_keep_both_documents(warehouse: Warehouse, tmp_path: Path) -> None:
    a = copy_seed(Path("samples/004_3f70570ce8af78c4.txt"), tmp_path / "in")
    b = copy_seed(Path("samples/003_8cc175536faa4215.txt"), tmp_path / "in")
    warehouse.commit([process_file(a), process_file(b)], "run-1")
    before = {p: s.doc_id for p, s in warehouse.known_files().items()}
    text_a, text_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(text_b)
    b.write_bytes(text_a)
    stats = warehouse.commit([process_file(a), process_file(b)], "run-2")
    assert (stats.documents_added, stats.documents_removed, stats.documents_unchanged) == (0, 0, 2)
    after = {p: s.doc_id for p, s in warehouse.known_files().items()}
    assert after == {file_key(a): before[file_key(b)], file_key(b): before[file_key(a)]}
    assert warehouse.read_table("documents")["present"].to_pylist() == [True, True]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.docx", b"", "empty file"),
        ("garbage.pdf", b"\x00\x01 definitely not a PDF", "PDF"),
        ("notzip.docx", b"PK\x03\x04 not a zip archive", "DOCX"),
    ],
)
def test_warehouse_unreadable_file_is_a_parse_error_document(
    warehouse: Warehouse, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    stats = warehouse.commit([process_file(path)], "run-1")
    assert stats.parse_errors == 1
    [document] = warehouse.read_table("documents").to_pylist()
    assert (document["status"], document["present"], document["report_year"]) == ("parse-error", True, None)
    assert reason in document["error"]
    [finding] = warehouse.read_table("findings").to_pylist()
    assert (finding["rule_id"], finding["severity"], finding["doc_id"]) == ("parse-error", "error", document["doc_id"])
    assert finding["source"] == str(path)
    assert warehouse.known_files()[file_key(path)].doc_id == document["doc_id"]


def test_warehouse_missing_file_is_keyed_by_its_path(warehouse: Warehouse, tmp_path: Path) -> None:
    missing = tmp_path / "vanished.txt"
    warehouse.commit([process_file(missing)], "run-1")
    [document] = warehouse.read_table("documents").to_pylist()
    assert document["status"] == "parse-error"
    assert warehouse.known_files()[file_key(missing)].mtime_ns == 0  # read again next time


def test_warehouse_commit_stores_the_stat_taken_before_reading(warehouse: Warehouse, seed_000: ProcessedFile) -> None:
    key = file_key(seed_000.path)
    warehouse.commit([seed_000], "run-1", stats={key: FileStat(123, 456)})
    assert warehouse.known_files()[key].matches(FileStat(123, 456))


def test_warehouse_record_run_replaces_a_run_with_the_same_id(warehouse: Warehouse) -> None:
    started = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    warehouse.record_run(RunRecord(run_id="r1", started_at=started, roots=("/data",)))
    warehouse.record_run(RunRecord(run_id="r1", started_at=started, files_seen=7, status="completed"))
    warehouse.record_run(RunRecord(run_id="r2", started_at=started))
    runs = {r["run_id"]: r for r in warehouse.read_table("runs").to_pylist()}
    assert set(runs) == {"r1", "r2"}
    assert (runs["r1"]["files_seen"], runs["r1"]["status"], runs["r1"]["started_at"]) == (7, "completed", started)
    assert json.loads(runs["r1"]["roots_json"]) == []


def test_warehouse_reopen_restores_the_indexes(tmp_path: Path, seeds: list[ProcessedFile]) -> None:
    root = tmp_path / "warehouse"
    with Warehouse.open(root) as warehouse:
        warehouse.commit(seeds, "run-1")
        known = dict(warehouse.known_files())
        content = warehouse.fingerprint()
    with Warehouse.open(root) as warehouse:
        assert dict(warehouse.known_files()) == known
        assert warehouse.fingerprint() == content
        assert warehouse.commit(seeds, "run-2").documents_unchanged == 5


def test_warehouse_compaction_merges_segments_and_keeps_content(tmp_path: Path, seeds: list[ProcessedFile]) -> None:
    with Warehouse.open(tmp_path / "warehouse") as warehouse:
        for processed in seeds:
            warehouse.commit([processed], "run-1")
        content = warehouse.fingerprint()
        assert len(manifest_of(warehouse.root).segments) == 5
        assert warehouse.compact() == 4  # the four 2024 segments; 2023 has one already
        assert sorted(s.report_year or 0 for s in manifest_of(warehouse.root).segments) == [2023, 2024]
        assert warehouse.fingerprint() == content
        assert warehouse.compact() == 0
        assert warehouse.commit(seeds, "run-2").documents_unchanged == 5


def test_warehouse_refuses_a_folder_that_holds_something_else(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not a warehouse folder"):
        Warehouse.open(tmp_path)
    assert (tmp_path / "notes.txt").exists()
