"""change-mismatch in a table's difference column: each row's printed difference against its two columns.

- "STT | Lĩnh vực | Điểm tối đa | Năm 2023 | Năm 2024 | Tăng/giảm": the later year's points less the earlier's
  ("7 | … | 14,5 | 11,63 | 12,25 | +0,26": 12,25 − 11,63 = 0,62 ✗).
- "… | Điểm tự đánh giá | Điểm thẩm định | Chênh lệch (tự đánh giá - thẩm định) | …": the columns the bracket
  names, in its order ("3.4 | … | 3 | 3,00 | 2,50 | 0,25": 3,00 − 2,50 = 0,50 ✗).

A difference printed without a sign may be the size of the change: it is compared with the signed one and
with its size. An error only when the printed difference misses the computed one under both readings
(DOMAIN.md §5). Tables whose difference column names no operands the header can find are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

import regex

from extractors.field_catalogue import match_field
from extractors.score_patterns import LEADING_CODE, SECTION_NUMBER
from extractors.table_cells import YEAR_HEADER, cell_span, table_rows
from extractors.vietnamese_text import fold_accents
from pipeline.validate.intervals import Interval, Reading, decimals_of, printed, show
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Block, BlockKind, Cell, Document
from schemas.finding import Finding, Operand

# Header words, accent-folded.
DIFFERENCE_HEADER = regex.compile(r"\b(?:tang\s*/\s*giam|tang\s*\(\s*\+\s*\)|chenh\s+lech)\b")
OPERANDS = regex.compile(r"\((?P<first>[^()\-–]+?)\s*[-–]\s*(?P<second>[^()\-–]+?)\)")  # "(tự đánh giá - thẩm định)"
SIGNED = regex.compile(r"(?P<sign>[+\-−])?\s*(?P<number>\d+(?:,\d+)?)")


def check_difference_columns(document: Document) -> Iterator[Finding]:
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE:
            continue
        header = {cell.col: fold_accents(cell.text) for cell in block.cells if cell.row == 0}
        for col, text in header.items():
            if DIFFERENCE_HEADER.search(text):
                operands = _operand_columns(header, col)
                if operands is not None:
                    yield from _rows(block, col, *operands)


def _operand_columns(header: dict[int, str], difference: int) -> tuple[int, int] | None:
    """(minuend, subtrahend) columns: those the bracket names, else the two years' (later minus earlier)."""
    named = OPERANDS.search(header[difference])
    if named is not None:
        first, second = (_column_naming(header, named.group(g).strip(), difference) for g in ("first", "second"))
        return (first, second) if first is not None and second is not None and first != second else None
    years = {int(m.group("year")): col for col, text in header.items() if (m := YEAR_HEADER.fullmatch(text))}
    if len(years) != 2:
        return None
    earlier, later = sorted(years)
    return years[later], years[earlier]


def _column_naming(header: dict[int, str], words: str, difference: int) -> int | None:
    found = [col for col, text in header.items() if col != difference and words in text]
    return found[0] if len(found) == 1 else None


class CellNumber(NamedTuple):
    value: Decimal
    decimals: int
    signed: bool  # printed with "+" or "-"


def _rows(block: Block, difference: int, minuend: int, subtrahend: int) -> Iterator[Finding]:
    for row, cells in table_rows(block).items():
        if row == 0:
            continue
        stated, first, second = (cells.get(col) for col in (difference, minuend, subtrahend))
        if stated is None or first is None or second is None:
            continue
        said, a, b = (_cell_number(cell.text) for cell in (stated, first, second))
        if said is None or a is None or b is None or _consistent(said, a, b):
            continue
        yield _finding(block, cells, stated, first, second, a.value - b.value)


def _cell_number(text: str) -> CellNumber | None:
    """ "+0,26", "-0,07", "0,25", "12,25"."""
    match = SIGNED.fullmatch(text.strip())
    if match is None:
        return None
    value = Decimal(match.group("number").replace(",", "."))
    sign = match.group("sign")
    return CellNumber(-value if sign in ("-", "−") else value, decimals_of(match.group("number")), sign is not None)


def _consistent(said: CellNumber, a: CellNumber, b: CellNumber) -> bool:
    for reading in Reading:
        difference = printed(a.value, a.decimals, reading) - printed(b.value, b.decimals, reading)
        candidates = [difference] if said.signed else [difference, Interval(-difference.high, -difference.low)]
        if any(candidate.meets(printed(said.value, said.decimals, reading)) for candidate in candidates):
            return True
    return False


def _finding(block: Block, cells: dict[int, Cell], stated: Cell, first: Cell, second: Cell, exact: Decimal) -> Finding:
    rule = RULES_BY_ID["change-mismatch"]
    decimals = max(decimals_of(c.text) for c in (stated, first, second))
    said, computed = stated.text.strip(), show(exact, decimals)
    expected = ("+" if exact > 0 and said.startswith("+") else "") + computed  # printed like the stated value
    worked = f"{first.text.strip()} − {second.text.strip()} = {computed}"
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"cột chênh lệch ghi {said} nhưng {worked} / the difference column says {said}, but {worked}",
        code=_row_code(cells),
        stated=stated.text.strip(),
        expected=expected,
        arithmetic=f"{worked}, văn bản ghi {said} ✗",
        operands=tuple(
            Operand(role=role, raw=cell.text.strip(), span=cell_span(block, cell))
            for role, cell in (("minuend", first), ("subtrahend", second), ("difference", stated))
        ),
        span=cell_span(block, stated),
    )


def _row_code(cells: dict[int, Cell]) -> str | None:
    """The row's criterion code ("3.4. Kết quả …", or in the STT column), else its field by name."""
    texts = [cells[col].text.strip() for col in sorted(cells)[:3]]
    for text in texts:
        code = LEADING_CODE.match(text)
        if code is not None:
            return str(code.group("code"))
    for text in texts:
        field = match_field(SECTION_NUMBER.sub("", text, count=1))
        if field is not None:
            return field
    return None
