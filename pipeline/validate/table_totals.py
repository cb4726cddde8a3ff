"""sum-mismatch in a flat table's "Tổng cộng" row: each column's total against the rows above it.

"STT | Tiêu chí | … | Điểm đề nghị xem xét | …" with rows 0,5 + 0,5 + 0,5 + 0,75 + 0,25 = 2,50 and "Tổng cộng …
3,25" ✗. Only flat tables: no row above is a group of others (a Roman numeral, a "Cộng" subtotal, a code that
another row's code continues), no column holds shares or ranks, and every row above prints a number in the
column. Scorecards with fields and criteria are the score rules' (`score_rules.py`), not this check's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import regex

from extractors.field_catalogue import match_field
from extractors.table_cells import cell_span, table_rows
from extractors.vietnamese_text import fold_accents
from pipeline.validate.intervals import Reading, decimals_of, midpoint, printed, show, total
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Block, BlockKind, Cell, Document
from schemas.extraction import ScoreRow
from schemas.finding import Finding, Operand

TOTAL_ROW = regex.compile(r"^\W*(?:tổng\s+cộng|tổng\s+số|cộng)\W*$", regex.IGNORECASE)
GROUP_ROW = regex.compile(r"^\W*(?:[IVX]{1,5}|[A-Z])\W*$|^\W*cộng\b", regex.IGNORECASE)
NOT_ADDED = regex.compile(r"\b(?:ty le|%|xep hang|thu hang|stt|nam|ma so)\b|%")  # shares, ranks, years (folded)
ROW_CODE = regex.compile(r"^\s*(?P<code>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.(?=\s|$)|(?=\s|$))")  # "1", "1.", "1.4"
NUMBER = regex.compile(r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?")  # "1.912", "0,75", "12"


def check_table_totals(document: Document, scores: Sequence[ScoreRow] = ()) -> Iterator[Finding]:
    """`scores`: the extraction's score rows; a total cell one of them holds is the score rules' to check."""
    scored = [
        (source.start, source.end, raw)
        for row in scores
        for source in row.sources
        for raw in (row.max_raw, row.self_raw, row.achieved_raw, row.deducted_raw)
        if raw is not None
    ]
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE:
            continue
        by_row = table_rows(block)
        rows = [by_row[index] for index in sorted(by_row)]
        if len(rows) < 3:
            continue
        header, body = rows[0], rows[1:]
        totals = [i for i, cells in enumerate(body) if any(TOTAL_ROW.match(c.text) for c in cells.values())]
        if len(totals) != 1 or totals[0] != len(body) - 1 or not _flat(body[:-1]):
            continue
        for col, cell in body[-1].items():
            heading = fold_accents(header[col].text) if col in header else ""
            if NOT_ADDED.search(heading) or NUMBER.fullmatch(cell.text.strip()) is None:
                continue
            if any(start <= cell.start and cell.end <= end and raw == cell.text.strip() for start, end, raw in scored):
                continue  # a score row's value: fields to their total are checked with the score rules
            parts = [cells.get(col) for cells in body[:-1]]
            if all(part is not None and NUMBER.fullmatch(part.text.strip()) for part in parts):
                finding = _column_finding(block, cell, [p for p in parts if p is not None])
                if finding is not None:
                    yield finding


def _flat(rows: Sequence[dict[int, Cell]]) -> bool:
    """No row above groups others: no Roman numeral or subtotal, no code that another code of its column
    continues ("1" over "1.4"), no field named by its number over criteria of that number ("1. | Công tác chỉ
    đạo …" over "1.1. …")."""
    codes: dict[int, list[str]] = {}
    fields: set[str] = set()
    for cells in rows:
        leading = sorted(cells)[:2]
        if any(GROUP_ROW.match(cells[col].text) for col in leading):
            return False
        for col in leading:
            code = ROW_CODE.match(cells[col].text)
            if code is None:
                continue
            codes.setdefault(col, []).append(code.group("code"))
            rest = cells[col].text[code.end() :].strip() or " ".join(cells[c].text for c in leading if c != col)
            named = ROW_CODE.match(rest) is None and match_field(rest) is not None  # a field's name, not "1.3.2. …"
            if "." not in code.group("code") and named:
                fields.add(code.group("code"))
    every = {code for column in codes.values() for code in column}
    nested = any(b.startswith(a + ".") for column in codes.values() for a in column for b in column)
    return not nested and not any(code.startswith(field + ".") for field in fields for code in every)


def _value(cell: Cell) -> tuple[Decimal, int]:
    text = cell.text.strip()
    if "," in text:
        return Decimal(text.replace(",", ".")), decimals_of(text)
    return Decimal(text.replace(".", "")), 0


def _column_finding(block: Block, stated: Cell, parts: Sequence[Cell]) -> Finding | None:
    values = [_value(part) for part in parts]
    said = _value(stated)
    computed = {r: total([printed(v, d, r) for v, d in values]) for r in Reading}
    if any(computed[r].meets(printed(*said, r)) for r in Reading):
        return None
    decimals = max(d for _, d in [*values, said])
    expected = show(midpoint(computed[Reading.ROUNDED]), decimals)
    listed = " + ".join(part.text.strip() for part in parts)
    rule = RULES_BY_ID["sum-mismatch"]
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"dòng tổng cộng ghi {stated.text.strip()} nhưng các dòng trên cộng {expected} / the total row says "
        f"{stated.text.strip()}, the rows above add up to {expected}",
        stated=stated.text.strip(),
        expected=expected,
        arithmetic=f"{listed} = {expected}, văn bản ghi {stated.text.strip()} ✗",
        operands=(
            *(Operand(role="part", raw=part.text.strip(), span=cell_span(block, part)) for part in parts),
            Operand(role="whole", raw=stated.text.strip(), span=cell_span(block, stated)),
        ),
        span=cell_span(block, stated),
    )
