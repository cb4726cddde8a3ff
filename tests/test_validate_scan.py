"""The validation's shared number scan: a span's quantities are the block's inside it, and for the kinds the
checks read from spans they are what scanning the span alone finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractors.vietnamese_numbers import find_quantities
from pipeline.read import read_document
from pipeline.validate import count_shares, restated_rules, text_rules
from pipeline.validate.document_scan import DocumentScan
from schemas.document import Block
from schemas.quantity import Quantity, QuantityKind

SAMPLES = sorted(Path(__file__).parent.parent.joinpath("samples").glob("*.txt"))


def _sentences(block: Block) -> Iterator[tuple[int, int]]:  # as check_count_shares cuts them
    start = 0
    for end in [m.start() for m in count_shares.SENTENCE_END.finditer(block.text)] + [len(block.text)]:
        yield start, end
        start = end + 1


def _ratio_windows(block: Block) -> Iterator[tuple[int, int]]:  # as check_percentages cuts them
    hints = [hint.span() for hint in text_rules.RATIO_HINT.finditer(block.text)]
    yield from text_rules._windows(hints, len(block.text))


def _clauses(block: Block) -> Iterator[tuple[int, int]]:  # as check_outcome_splits cuts them
    yield from (clause.span() for clause in restated_rules.CLAUSE.finditer(block.text))


def _status_windows(block: Block) -> Iterator[tuple[int, int]]:  # as check_restated_rates cuts them
    reach = restated_rules.STATUS_REACH + restated_rules.WINDOW_TAIL
    for status in restated_rules.STATUS.finditer(block.text):
        yield status.end(), min(len(block.text), status.start() + reach)


def _count_or_percent(q: Quantity) -> bool:
    return (q.kind is QuantityKind.COUNT and q.denominator is None) or q.kind is QuantityKind.PERCENT


def _ratio_or_percent(q: Quantity) -> bool:
    return q.denominator is not None or q.kind is QuantityKind.PERCENT


SPANS: list[tuple[Callable[[Block], Iterator[tuple[int, int]]], Callable[[Quantity], bool]]] = [
    (_sentences, _count_or_percent),
    (_ratio_windows, _ratio_or_percent),
    (_clauses, _count_or_percent),
    (_status_windows, _count_or_percent),
]


def _shifted(quantities: list[Quantity], shift: int) -> list[Quantity]:
    return [q.model_copy(update={"start": q.start + shift, "end": q.end + shift}) for q in quantities]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
@pytest.mark.parametrize(("spans", "read"), SPANS, ids=["sentences", "ratio windows", "clauses", "status windows"])
def test_span_quantities_are_those_of_the_span_alone(
    path: Path,
    spans: Callable[[Block], Iterator[tuple[int, int]]],
    read: Callable[[Quantity], bool],
) -> None:
    scan = DocumentScan()
    for block in read_document(path).blocks:
        for start, end in spans(block):
            alone = _shifted(find_quantities(block.text[start:end]), start)
            shared = scan.quantities_between(block, start, end)
            assert [q for q in shared if read(q)] == [q for q in alone if read(q)], block.text[start:end]


def test_a_span_keeps_only_quantities_wholly_inside(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Tiếp nhận 1.341 hồ sơ, đạt 99,01%.", encoding="utf-8")
    (block,) = read_document(path).blocks
    scan = DocumentScan()
    assert [q.raw for q in scan.quantities(block)] == ["1.341 hồ sơ", "99,01%"]
    assert [q.raw for q in scan.quantities_between(block, 0, block.text.index("%"))] == ["1.341 hồ sơ"]
    assert [q.raw for q in scan.quantities_between(block, 12, len(block.text))] == ["99,01%"]
    assert scan.quantities(block) is scan.quantities(block)  # scanned once
