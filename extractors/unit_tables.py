"""Results tables of many units: one row per department, district or commune, with the index's parts (and
sometimes its fields) as columns, each column's maximum in its header.

    STT | Cơ quan, đơn vị | Điểm thẩm định (tối đa 70 điểm) | Điểm điều tra XHH (tối đa 30 điểm)
        | Chỉ số CCHC (100 điểm) | Xếp hạng

The header may take two rows ("Điểm các lĩnh vực" over "I (10)", "II (6)", …). Each unit row gives one
draft per part (`total`, `assessment` with its self score when a column gives it, `survey`) and per field,
named by the unit; its rank goes to the total. Rows that are not a unit ("Bình quân", "Tổng cộng") are
skipped. A unit's own scorecard (rows of criteria, a "Điểm tối đa" column) is not such a table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extractors.field_catalogue import match_field
from extractors.score_drafts import ScoreDraft
from extractors.score_patterns import COMPONENTS
from extractors.table_cells import cell_number, continues_header, header_texts
from extractors.vietnamese_text import fold_accents
from schemas.document import Block, Cell
from schemas.quantity import Quantity

# Header words, accent-folded.
UNIT_COLUMN = regex.compile(
    r"\b(?:co quan|don vi|dia phuong|so, ban, nganh|xa, phuong|ten)\b"
    r"|^\W*(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|so|ban|nganh)\b"  # "Phường", "Xã"
)
CRITERIA_COLUMN = regex.compile(r"\b(?:tieu chi|noi dung)\b")  # a scorecard's rows are criteria
MAX_COLUMN = regex.compile(r"^\W*(?:diem\s+)?(?:toi da|chuan)\W*$|^\W*diem (?:toi da|chuan)\b")
RANK_COLUMN = regex.compile(r"\b(?:xep hang|thu hang|xep thu|vi thu)\b")
SELF_COLUMN = regex.compile(r"\btu (?:danh gia|cham)\b")
TOTAL_COLUMN = regex.compile(r"\b(?:tong diem|tong so diem|chi so)\b")
# Other indices' columns are no part of the PAR index: "Chỉ số SIPAS (%)", "Chỉ số PAPI", "Chỉ số hài lòng".
OTHER_INDEX_COLUMN = regex.compile(r"\b(?:sipas|papi|pci|ddci|hai long|nang luc canh tranh|quan tri)\b")
FIELD_GROUP = regex.compile(r"\blinh vuc\b")
FIELD_NUMBER = regex.compile(
    r"(?:\blinh vuc|\blv)\s*(?P<n>[1-8]|viii|vii|vi|iv|v|iii|ii|i)\b|^\W*(?P<alone>[1-8]|viii|vii|vi|iv|v|iii|ii|i)\b"
)
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
# "(tối đa 70 điểm)", "(100 điểm)", "(12)", "tối đa 9"
HEADER_MAXIMUM = regex.compile(
    r"\(\s*(?:tối\s+đa\s*:?\s*)?(?P<points>\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*\)|tối\s+đa\s*:?\s*(?P<bare>\d+(?:[.,]\d+)?)",
    regex.IGNORECASE,
)
NOT_A_UNIT = regex.compile(r"^\W*(?:binh quan|trung binh|tong cong|tong so|cong|tong)\b")
RANK = regex.compile(r"(?P<rank>\d{1,3})(?:\s*/\s*(?P<total>\d{1,3}))?")  # "3", "6/12"
YEAR_COLUMN = regex.compile(r"^\W*nam\W*$")  # "Năm": the rows are years
YEAR_CELL = regex.compile(r"(?:[Nn]ăm\s+)?(?P<year>(?:19|20)\d{2})")
MIN_COLUMNS = 2  # besides the unit's name: at least two of total, parts, fields, rank
MIN_RANKED = 3  # fewer ranked rows say nothing of how many units were ranked


@dataclass(frozen=True)
class Column:
    col: int
    code: str  # "total", "assessment", "survey" or a field "1"…"8"
    role: str  # "achieved" or "self"
    maximum: Quantity | None


@dataclass(frozen=True)
class UnitColumns:
    unit: int
    columns: tuple[Column, ...]
    rank: int | None
    header_rows: int  # rows the header takes (1 or 2)
    by_year: bool = False  # the rows are years of one unit ("Năm | Chỉ số CCHC | Xếp hạng | …"), not units


def unit_columns(rows: list[list[Cell]]) -> UnitColumns | None:
    """The columns of a results table of many units, if `rows[0]` (with `rows[1]`, when that row holds no
    number) is its header."""
    for header_rows in (2, 1):
        if header_rows == 2 and (len(rows) < 2 or not continues_header(rows[1])):
            continue
        found = _columns(header_texts(rows[:header_rows]), header_rows)
        if found is not None:
            return found
    return None


def _columns(headers: dict[int, tuple[str, Cell]], header_rows: int) -> UnitColumns | None:
    unit: int | None = None
    by_year = False
    rank: int | None = None
    columns: list[Column] = []
    for col in sorted(headers):
        text, cell = headers[col]
        folded = fold_accents(text)
        if CRITERIA_COLUMN.search(folded) or MAX_COLUMN.search(folded):
            return None  # a unit's own scorecard
        if OTHER_INDEX_COLUMN.search(folded):
            continue
        if RANK_COLUMN.search(folded):
            rank = rank if rank is not None else col
            continue
        code, role = _part(text, folded)
        if code is not None and not any(c.code == code and c.role == role for c in columns):
            columns.append(Column(col, code, role, _header_maximum(cell)))
        elif code is None and unit is None and (UNIT_COLUMN.search(folded) or YEAR_COLUMN.match(folded)):
            unit, by_year = col, YEAR_COLUMN.match(folded) is not None
    if unit is None or not columns or len(columns) + (rank is not None) < MIN_COLUMNS:
        return None
    return UnitColumns(unit, tuple(columns), rank, header_rows, by_year)


def _part(text: str, folded: str) -> tuple[str | None, str]:
    """What a column holds: a part of the index or a field, and whether it is the self score."""
    bare = HEADER_MAXIMUM.sub("", text)
    field = match_field(bare) if len(bare) >= 10 else None
    number = FIELD_NUMBER.search(folded)
    if field is None and number is not None and (number.group("n") or FIELD_GROUP.search(folded)):
        digit = number.group("n") or number.group("alone")
        field = ROMAN.get(digit, digit)
    if field is not None:
        return field, "achieved"
    if SELF_COLUMN.search(folded):
        return "assessment", "self"
    code = next((code for pattern, code in COMPONENTS if pattern.search(text)), None)
    if code is None and TOTAL_COLUMN.search(folded):
        code = "total"
    return code, "achieved"


def _header_maximum(cell: Cell) -> Quantity | None:
    """ "Điểm thẩm định (tối đa 70 điểm)": 70, pointing at the header cell that prints it."""
    match = HEADER_MAXIMUM.search(cell.text)
    if match is None:
        return None
    group = "points" if match.group("points") else "bare"
    value = cell_number(match.group(group))
    if value is None:
        return None
    start = cell.start + match.start(group)
    return value.model_copy(update={"start": start, "end": start + len(match.group(group))})


def unit_rows_to_drafts(
    table: Block, rows: list[list[Cell]], columns: UnitColumns, report_year: int | None
) -> Iterator[ScoreDraft]:
    """One draft per part and field of each unit row; the number of ranked units is every rank's total."""
    drafts: list[ScoreDraft] = []
    ranks: list[int] = []
    for cells in rows:
        by_col = {cell.col: cell for cell in cells}
        name_cell = by_col.get(columns.unit)
        name = name_cell.text.strip() if name_cell is not None else ""
        if not name or name_cell is None or NOT_A_UNIT.match(fold_accents(name)):
            continue
        year: int | None = report_year
        unit: str | None = name
        if columns.by_year:
            stated = YEAR_CELL.fullmatch(name)
            if stated is None:
                continue
            year, unit = int(stated.group("year")), None  # the document's own unit, one row a year
        start, end = min(c.start for c in cells), max(c.end for c in cells)
        page = name_cell.page if name_cell.page is not None else table.page
        row_drafts: dict[str, ScoreDraft] = {}
        for column in columns.columns:
            cell = by_col.get(column.col)
            value = cell_number(cell.text) if cell is not None else None
            if value is None or cell is None:
                continue
            draft = row_drafts.get(column.code)
            if draft is None:
                draft = ScoreDraft(
                    code=column.code, name=name, year=year, block=table.block_id, page=page, start=start,
                    end=end, source="table", unit=unit,
                )  # fmt: skip
                row_drafts[column.code] = draft
            draft.values[column.role] = value.model_copy(update={"start": cell.start, "end": cell.end})
            if column.maximum is not None:
                draft.values.setdefault("max", column.maximum)
        rank_cell = by_col.get(columns.rank) if columns.rank is not None else None
        rank = RANK.fullmatch(rank_cell.text.strip()) if rank_cell is not None else None
        if rank is not None and "total" in row_drafts:
            row_drafts["total"].rank = int(rank.group("rank"))
            if rank.group("total"):  # "6/12": the rank's own total
                row_drafts["total"].rank_total = int(rank.group("total"))
            else:
                ranks.append(int(rank.group("rank")))
        drafts.extend(row_drafts.values())
    # Every unit ranked: the rank's total is how many; one rank past it is a slip to report, not a partial table.
    ranked = len(ranks)
    if ranked >= MIN_RANKED and sum(rank > ranked for rank in ranks) <= 1:
        for draft in drafts:
            if draft.rank is not None and draft.rank_total is None:
                draft.rank_total = ranked
    yield from drafts
