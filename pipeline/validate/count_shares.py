"""percent-mismatch for a count and its share: "đã giải quyết 1.341 hồ sơ, trong đó giải quyết trước hạn, đúng
hạn 1.329 hồ sơ, đạt 99,01%" (1.329/1.341 = 99,11 %).

A share printed right after a count ("N hồ sơ, đạt x%", "N hồ sơ (chiếm x%)") is N over some larger count of
the same unit in the same sentence (not one that carries a share of its own: that is a sibling part, as in
"2.779 hồ sơ (đạt 98,65%), trễ hạn 38 hồ sơ (chiếm 1,35%)"), but the sentence does not say which: "tiếp nhận
mới 1.250 hồ sơ, … trả trước và đúng hạn là 1.188 hồ sơ (đạt 96,04%), hồ sơ đến hạn giải quyết 1.237 hồ sơ"
is 1.188/1.237. So the share is wrong only when no such count, under either reading of the printed numbers,
gives it; a sentence with no larger count of the unit says nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

import regex

from pipeline.validate.document_scan import DocumentScan
from pipeline.validate.intervals import Reading, counted, printed, show
from pipeline.validate.rule_registry import RULES_BY_ID
from pipeline.validate.text_rules import quantity_in_block
from schemas.document import Block, BlockKind, Cell, Document
from schemas.finding import Finding, Operand
from schemas.quantity import Quantity, QuantityKind
from schemas.source_span import SourceSpan

SHARE_AFTER = regex.compile(r"^\s*[,(]?\s*(?:đạt|chiếm)(?:\s+tỷ\s+lệ)?\s*$", regex.IGNORECASE)  # ", đạt", " (chiếm"
SHARE_WORD = regex.compile(r"(?:đạt|chiếm)(?:\s+tỷ\s+lệ)?\s*\d[\d.,]*\s*%", regex.IGNORECASE)  # "đạt 99,01%"
SENTENCE_END = regex.compile(r"\.(?=\s+\p{Lu})|\.\s*$")


def check_count_shares(document: Document, scan: DocumentScan | None = None) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    for block in document.blocks:
        if block.kind in (BlockKind.HEADER, BlockKind.FOOTER) or block.cells or "%" not in block.text:
            continue
        start = 0
        for end in [m.start() for m in SENTENCE_END.finditer(block.text)] + [len(block.text)]:
            yield from _sentence_shares(block, start, end, scan)
            start = end + 1


def _sentence_shares(block: Block, start: int, end: int, scan: DocumentScan) -> Iterator[Finding]:
    """The shares of `block.text[start:end]`; quantities and their offsets are the block's."""
    sentence = block.text[start:end]
    if "%" not in sentence or ("đạt" not in sentence and "chiếm" not in sentence) or not SHARE_WORD.search(sentence):
        return  # no share stated: the sentence's numbers are not looked at
    quantities = scan.quantities_between(block, start, end)
    for count, share in pairwise(quantities):
        if count.kind is not QuantityKind.COUNT or count.denominator is not None:
            continue
        if not _share_of(count, share, block.text):
            continue
        shared = {q.start for q, after in pairwise(quantities) if _share_of(q, after, block.text)}
        bases = [q for q in quantities if _base_of(q, count) and q.start not in shared]
        if bases and not any(_consistent(count, base, share) for base in bases):
            yield _finding(block, count, bases, share)


def _share_of(count: Quantity, share: Quantity, text: str) -> bool:
    """ "1.329 hồ sơ, đạt 99,01%": the share printed right after a count (a count with one is a part, no whole)."""
    return share.kind is QuantityKind.PERCENT and SHARE_AFTER.match(text[count.end : share.start]) is not None


def _base_of(quantity: Quantity, count: Quantity) -> bool:
    return (
        quantity.kind is QuantityKind.COUNT
        and quantity.denominator is None
        and quantity.unit == count.unit
        and quantity.value > count.value
    )


def _consistent(count: Quantity, base: Quantity, share: Quantity) -> bool:
    for reading in Reading:
        quotient = counted(count.value, count.decimals, reading).divided_by(counted(base.value, base.decimals, reading))
        if quotient is not None and quotient.times(100).meets(printed(share.value, share.decimals, reading)):
            return True
    return False


def _finding(block: Block, count: Quantity, bases: list[Quantity], share: Quantity) -> Finding:
    rule = RULES_BY_ID["percent-mismatch"]
    shown = [f"{count.number_text}/{base.number_text} = {show(count.value * 100 / base.value, 2)}%" for base in bases]
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{count.raw}, {share.raw}: không số nào trong câu cho tỷ lệ này ({'; '.join(shown)}) / no count "
        f"of the sentence gives this share",
        stated=share.number_text,
        expected=" | ".join(show(count.value * 100 / base.value, 2) for base in bases),
        arithmetic="; ".join(shown) + f", văn bản ghi {share.number_text}% ✗",
        operands=(
            Operand(role="part", raw=count.raw, span=quantity_in_block(count, block)),
            *(Operand(role="whole", raw=base.raw, span=quantity_in_block(base, block)) for base in bases),
            Operand(role="stated", raw=share.raw, span=quantity_in_block(share, block)),
        ),
        span=quantity_in_block(share, block),
    )


# --- a table row's shares -----------------------------------------------------------------------------------

PERCENT_HEADER = regex.compile(r"%|\btỷ\s+lệ\b", regex.IGNORECASE)  # "Tỷ lệ đúng hạn (%)"


def check_table_shares(document: Document) -> Iterator[Finding]:
    """ "Năm | Tiếp nhận | Đã giải quyết | Đúng hạn, trước hạn | Tỷ lệ đúng hạn (%)": each share a row prints is
    one of the row's counts over a larger one; an error only when no pair of the row's counts gives it."""
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE or not any(
            PERCENT_HEADER.search(c.text) for c in block.cells if c.row == 0
        ):
            continue
        shares = {c.col for c in block.cells if c.row == 0 and PERCENT_HEADER.search(c.text)}
        rows: dict[int, list[Cell]] = {}
        for cell in block.cells:
            if cell.row > 0:
                rows.setdefault(cell.row, []).append(cell)
        for cells in rows.values():
            counts = [(c, q) for c in cells if c.col not in shares and (q := _cell_count(c.text)) is not None]
            for cell in cells:
                share = _cell_share(cell.text) if cell.col in shares else None
                if share is None or len(counts) < 2:
                    continue
                pairs = [(n, b) for _, n in counts for _, b in counts if n.value < b.value]
                if pairs and not any(_consistent(n, b, share) for n, b in pairs):
                    yield _table_finding(block, cell, share, [q for _, q in counts])


def _cell_count(text: str) -> Quantity | None:
    text = text.strip()
    if not regex.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", text):
        return None
    return Quantity(
        raw=text, number_text=text, value=Decimal(text.replace(".", "")), decimals=0, kind=QuantityKind.COUNT
    )


def _cell_share(text: str) -> Quantity | None:
    text = text.strip().rstrip("%").strip()
    if not regex.fullmatch(r"\d{1,3}(?:,\d+)?", text):
        return None
    decimals = len(text.partition(",")[2])
    value = Decimal(text.replace(",", "."))
    return Quantity(raw=text, number_text=text, value=value, decimals=decimals, kind=QuantityKind.PERCENT)


def _table_finding(block: Block, cell: Cell, share: Quantity, counts: list[Quantity]) -> Finding:
    rule = RULES_BY_ID["percent-mismatch"]
    span = SourceSpan(block=block.block_id, page=cell.page, start=cell.start, end=cell.end)
    shown = ", ".join(c.number_text for c in counts)
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"tỷ lệ {share.number_text}% không khớp số nào trong hàng ({shown}) / the row's share "
        f"{share.number_text}% is no ratio of its counts",
        stated=share.number_text,
        arithmetic=f"{shown}: không cặp số nào cho {share.number_text}% ✗",
        operands=(Operand(role="stated", raw=share.raw, span=span),),
        span=span,
    )
