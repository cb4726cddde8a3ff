"""Results tables of many units: one row per department, district or commune, with the index's parts as
columns, each column's maximum in its header.

    STT | Cơ quan, đơn vị | Điểm thẩm định (tối đa 70 điểm) | Điểm điều tra XHH (tối đa 30 điểm)
        | Chỉ số CCHC (100 điểm) | Xếp hạng

Each unit row gives one draft per part (`total`, `assessment`, `survey`), named by the unit; its rank goes
to the total. Rows that are not a unit ("Bình quân", "Tổng cộng") are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extractors.score_drafts import ScoreDraft
from extractors.score_patterns import COMPONENTS
from extractors.vietnamese_numbers import parse_number
from extractors.vietnamese_text import fold_accents
from schemas.document import Block, Cell
from schemas.quantity import Quantity

# Header words, accent-folded.
UNIT_COLUMN = regex.compile(r"\b(?:co quan|don vi|dia phuong|so, ban, nganh|xa, phuong|huyen|ten)\b")
RANK_COLUMN = regex.compile(r"\b(?:xep hang|thu hang|xep thu)\b")
SELF_COLUMN = regex.compile(r"\btu (?:danh gia|cham)\b")
HEADER_MAXIMUM = regex.compile(r"(?P<points>\d+(?:[.,]\d+)?)\s*điểm", regex.IGNORECASE)  # "(tối đa 70 điểm)"
NOT_A_UNIT = regex.compile(r"^\W*(?:binh quan|trung binh|tong cong|tong so|cong|tong)\b")
RANK = regex.compile(r"\d{1,3}")
MIN_PARTS = 2  # a unit-name column and at least two of total, assessment, survey, rank


@dataclass(frozen=True)
class UnitColumns:
    unit: int
    parts: dict[str, tuple[int, Quantity | None]]  # code -> (column, the maximum its header prints)
    rank: int | None


def unit_columns(cells: list[Cell]) -> UnitColumns | None:
    """The columns of a results table of many units, if this row is its header."""
    unit: int | None = None
    rank: int | None = None
    parts: dict[str, tuple[int, Quantity | None]] = {}
    for cell in cells:
        folded = fold_accents(cell.text)
        if SELF_COLUMN.search(folded):
            return None  # a unit's own scorecard (tự đánh giá | thẩm định), not a table of units
        code = next((code for pattern, code in COMPONENTS if pattern.search(cell.text)), None)
        if code is not None and code not in parts:
            parts[code] = (cell.col, _header_maximum(cell))
        elif RANK_COLUMN.search(folded) and rank is None:
            rank = cell.col
        elif UNIT_COLUMN.search(folded) and unit is None:
            unit = cell.col
    if unit is None or len(parts) + (rank is not None) < MIN_PARTS or not parts:
        return None
    return UnitColumns(unit, parts, rank)


def _header_maximum(cell: Cell) -> Quantity | None:
    """ "Điểm thẩm định (tối đa 70 điểm)": 70, pointing at the header cell that prints it."""
    match = HEADER_MAXIMUM.search(cell.text)
    value = _number(match.group("points")) if match else None
    if value is None or match is None:
        return None
    start = cell.start + match.start("points")
    return value.model_copy(update={"start": start, "end": start + len(match.group("points"))})


def unit_rows_to_drafts(
    table: Block, rows: list[list[Cell]], columns: UnitColumns, report_year: int | None
) -> Iterator[ScoreDraft]:
    """One draft per part of each unit row; the number of ranked units is every rank's total."""
    drafts: list[ScoreDraft] = []
    ranks: list[int] = []
    for cells in rows:
        by_col = {cell.col: cell for cell in cells}
        name_cell = by_col.get(columns.unit)
        name = name_cell.text.strip() if name_cell is not None else ""
        if not name or NOT_A_UNIT.match(fold_accents(name)):
            continue
        start, end = min(c.start for c in cells), max(c.end for c in cells)
        page = name_cell.page if name_cell is not None and name_cell.page is not None else table.page
        row_drafts: dict[str, ScoreDraft] = {}
        for code, (col, maximum) in columns.parts.items():
            cell = by_col.get(col)
            value = _number(cell.text) if cell is not None else None
            if value is None or cell is None:
                continue
            draft = ScoreDraft(
                code=code, name=name, year=report_year, block=table.block_id, page=page, start=start, end=end,
                source="table", unit=name,
            )  # fmt: skip
            draft.values["achieved"] = value.model_copy(update={"start": cell.start, "end": cell.end})
            if maximum is not None:
                draft.values["max"] = maximum
            row_drafts[code] = draft
        rank_cell = by_col.get(columns.rank) if columns.rank is not None else None
        if rank_cell is not None and RANK.fullmatch(rank_cell.text.strip()) and "total" in row_drafts:
            row_drafts["total"].rank = int(rank_cell.text.strip())
            ranks.append(row_drafts["total"].rank or 0)
        drafts.extend(row_drafts.values())
    ranked = len(ranks)
    for draft in drafts:
        if draft.rank is not None and max(ranks) <= ranked:
            draft.rank_total = ranked
    yield from drafts


def _number(text: str) -> Quantity | None:
    text = text.strip()
    if not text or not regex.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return None
    try:
        return parse_number(text)
    except ValueError:
        return None
