"""Extraction → warehouse rows: keys, exact decimals, spans and the blocks they point at."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

import pytest

from pipeline.process import ProcessedFile, process_file
from pipeline.store.rows import decimal_or_none, path_doc_id, processed_file_to_rows, row_key
from pipeline.store.segments import rows_to_table
from schemas.warehouse import DOCUMENT_TABLES, stored_schema


def test_rows_every_table_matches_its_arrow_schema(seeds: list[ProcessedFile]) -> None:
    for processed in seeds:
        rows = processed_file_to_rows(processed, str(processed.path))
        for table in DOCUMENT_TABLES:
            built = rows_to_table(table, rows.tables[table])
            assert built.schema.equals(stored_schema(table), check_metadata=True)
            assert built.num_rows == len(rows.tables[table])


def test_rows_keys_are_unique_and_stable_across_runs(seeds: list[ProcessedFile]) -> None:
    keys: list[str] = []
    for processed in seeds:
        first = processed_file_to_rows(processed, str(processed.path))
        again = processed_file_to_rows(process_file(processed.path), str(processed.path))
        assert first.content_sha256 == again.content_sha256
        for table in DOCUMENT_TABLES:
            assert [r["row_key"] for r in first.tables[table]] == [r["row_key"] for r in again.tables[table]]
            keys.extend(r["row_key"] for r in first.tables[table])
    assert len(keys) == len(set(keys))


def test_rows_repeated_natural_keys_get_their_occurrence(seeds: list[ProcessedFile]) -> None:
    """Seed 003 states the total twice for 2024 and has two sum-mismatch findings on it."""
    seed_003 = next(p for p in seeds if p.path.name.startswith("003_"))
    rows = processed_file_to_rows(seed_003, str(seed_003.path))
    totals = [r for r in rows.tables["scores"] if r["code"] == "total"]
    assert len(totals) == 3
    assert totals[0]["row_key"] == row_key(rows.doc_id, "scores", "total", "total", 0)
    assert totals[2]["row_key"] == row_key(rows.doc_id, "scores", "total", "total", 2)
    sums = [r for r in rows.tables["findings"] if r["rule_id"] == "sum-mismatch"]
    assert len({r["row_key"] for r in sums}) == 2


def test_rows_scores_keep_exact_decimals_and_printed_values(seed_000: ProcessedFile) -> None:
    rows = processed_file_to_rows(seed_000, str(seed_000.path))
    field_7 = next(r for r in rows.tables["scores"] if r["code"] == "7")
    assert (field_7["max_points"], field_7["achieved_points"], field_7["deducted_points"]) == (
        Decimal("13.5"),
        Decimal("12.89"),
        Decimal("2.77"),
    )
    assert (field_7["max_raw"], field_7["achieved_raw"], field_7["deducted_raw"]) == ("13,5", "12,89", "2,77")
    assert field_7["span_block"] == "b17"
    assert '"block":"b89"' in field_7["sources_json"]


def span_text(blocks: list[dict[str, Any]], start: int, end: int) -> str:
    """The span's text rebuilt from stored blocks only, as the report does: blocks touching the span,
    joined by the blank line that separates blocks in the document's text."""
    touching = sorted(
        (b for b in blocks if b["text_start"] < end and b["text_end"] > start), key=itemgetter("text_start")
    )
    for before, after in itertools.pairwise(touching):
        assert after["text_start"] == before["text_end"] + 2  # contiguous: no block in between is missing
    joined = "\n\n".join(b["text"] for b in touching)
    return joined[start - touching[0]["text_start"] : end - touching[0]["text_start"]]


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_rows_blocks_quote_every_span_the_rows_point_at(seeds: list[ProcessedFile], name: str) -> None:
    processed = next(p for p in seeds if p.path.name.startswith(name))
    assert processed.document is not None
    rows = processed_file_to_rows(processed, str(processed.path))
    text = processed.document.text
    spans = [(r["span_start"], r["span_end"]) for t in ("scores", "actions", "references", "findings")
             for r in rows.tables[t] if r["span_block"]]  # fmt: skip
    spans += [(o["span"]["start"], o["span"]["end"]) for f in rows.tables["findings"]
              for o in json.loads(f["operands_json"]) if o["span"]]  # fmt: skip
    assert spans
    for start, end in spans:
        assert span_text(rows.tables["blocks"], start, end) == text[start:end]
    assert len(rows.tables["blocks"]) < len(processed.document.blocks)  # only blocks something points at


def test_rows_action_span_over_several_paragraphs_keeps_all_of_them(seed_000: ProcessedFile) -> None:
    rows = processed_file_to_rows(seed_000, str(seed_000.path))
    blocks = rows.tables["blocks"]
    action = rows.tables["actions"][0]
    touching = [b for b in blocks if b["text_start"] < action["span_end"] and b["text_end"] > action["span_start"]]
    assert len(touching) > 1
    assert "Kết quả thực hiện năm 2024" in span_text(blocks, action["span_start"], action["span_end"])


def test_rows_finding_keeps_operands_and_interval(seed_000: ProcessedFile) -> None:
    rows = processed_file_to_rows(seed_000, str(seed_000.path))
    finding = next(r for r in rows.tables["findings"] if r["rule_id"] == "deduction-mismatch")
    assert (finding["code"], finding["stated"], finding["expected"]) == ("7", "2,77", "0,61")
    assert (finding["expected_low"], finding["expected_high"]) == (Decimal("0.6050"), Decimal("0.6150"))
    assert '"raw":"12,89"' in finding["operands_json"]
    assert {b["block_id"] for b in rows.tables["blocks"]} >= {"b17", "b89", "b90", "b114"}


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (None, None),
        (Decimal("12.89"), Decimal("12.89")),
        (Decimal("1E+1"), Decimal("1E+1")),
        (Decimal("0.123456"), Decimal("0.123456")),
        (Decimal("0.1234567"), None),  # more decimals than decimal(18, 6) holds: the raw string stays
        (Decimal("1.2000000"), Decimal("1.2000000")),  # trailing zeros lose nothing
        (Decimal("999999999999.5"), Decimal("999999999999.5")),
        (Decimal("1000000000000"), None),
        (Decimal("NaN"), None),
    ],
)
def test_rows_decimal_or_none_keeps_only_exact_values(value: Decimal | None, stored: Decimal | None) -> None:
    assert decimal_or_none(value) == stored if stored is not None else decimal_or_none(value) is None


def test_rows_unreadable_file_gets_a_path_id_and_a_parse_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone.pdf"
    processed = process_file(missing)
    rows = processed_file_to_rows(processed, str(missing))
    assert processed.extraction.document.doc_id is None
    assert rows.doc_id == path_doc_id(str(missing))
    assert rows.status == "parse-error"
    assert rows.tables["documents"][0]["error"].startswith("Không đọc được tệp")
    assert [f["rule_id"] for f in rows.tables["findings"]] == ["parse-error"]
