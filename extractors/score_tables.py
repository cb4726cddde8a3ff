"""Scorecard tables: found by their header words, not by column position.

A header row names the columns: the unit ("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Nội dung", "STT"),
"Điểm tối đa", "Tự đánh giá"/"Tự chấm", "Thẩm định" (also misspelt "Thấp định"), "Giải trình"/"Nguyên
nhân"/"Ghi chú". Each later row gives a code and name in its first cell ("1.5.1 Thực hiện …"; a field
named without a code is matched against the catalogue) and its numbers in the named columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import regex

from extractors.field_catalogue import match_field
from extractors.score_drafts import ScoreDraft
from extractors.score_patterns import COMPONENTS, LEADING_CODE, SECTION_NUMBER
from extractors.score_statements import cell_statement_drafts
from extractors.table_cells import YEAR_HEADER, cell_number, continues_header, header_cells
from extractors.unit_tables import unit_columns, unit_rows_to_drafts
from extractors.vietnamese_text import fold_accents
from schemas.document import Block, BlockKind, Cell, Document

# Header words, accent-folded so that typos and OCR still match.
FULL_INDEX = 100
APPRAISAL_ROUND = regex.compile(r"lan\s*(\d)")  # "Điểm thẩm định lần 2"
COLUMN_ROLES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("deducted", regex.compile(r"bi tru|diem tru")),  # "Điểm bị trừ", "Điểm trừ"
    ("max", regex.compile(r"toi da|diem chuan")),  # "Điểm tối đa", "Điểm chuẩn"
    ("self", regex.compile(r"tu (?:danh gia|cham)")),  # "Điểm tự đánh giá", "Tự chấm"
    ("achieved", regex.compile(r"th\w+ dinh|diem dat|cham dat|ket qua dat")),  # "Điểm thẩm định", "Điểm Thấp định"
    ("reason", regex.compile(r"nguyen nhan|giai trinh|ghi chu|ly do")),  # "Nguyên nhân không đạt điểm tối đa"
    ("unit", regex.compile(r"tieu chi|linh vuc|noi dung")),  # "Lĩnh vực/Tiêu chí/Tiêu chí thành phần"
    ("code", regex.compile(r"^\W*(?:stt|ma so|ma|so thu tu)\W*$")),  # "STT", "Mã số"
)


YEAR_ROLE = "year "
SUBTOTAL = regex.compile(r"^\W*cong(?:\s+linh\s+vuc\b.*)?\W*$")  # "Cộng", "Cộng lĩnh vực I" (accent-folded)
GUIDE_COLUMN = regex.compile(r"huong dan cham|cach cham|tai lieu kiem chung")


def document_to_table_drafts(document: Document, report_year: int | None) -> Iterator[ScoreDraft]:
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            drafts = list(table_to_drafts(block, report_year))
            yield from drafts or cell_statement_drafts(block, report_year)  # no scorecard: sentences in its cells


def table_to_drafts(table: Block, report_year: int | None) -> Iterator[ScoreDraft]:
    rows: dict[int, list[Cell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    columns: dict[str, int] | None = None
    drafts: list[ScoreDraft] = []
    ordered = [sorted(rows[index], key=lambda c: c.col) for index in sorted(rows)]
    skip = 0
    field: ScoreDraft | None = None
    for position, cells in enumerate(ordered):
        if skip:
            skip -= 1
            continue
        found = _header_columns(cells)
        if found is not None:
            following = ordered[position + 1 : position + 2]
            if following and continues_header(following[0]) and _names_beyond_unit(following[0], found):
                # "Điểm thẩm định" over "Lần 1 | Lần 2"; not a field's row "I | Công tác chỉ đạo, điều hành CCHC | |"
                found = _header_columns(header_cells([cells, following[0]])) or found
                skip = 1
            columns = found
            continue
        if columns is None:
            units = unit_columns(ordered[position:])
            if units is not None:  # a results table of many units
                yield from unit_rows_to_drafts(table, ordered[position + units.header_rows :], units, report_year)
                return
            continue
        draft = _row_draft(table, cells, columns, report_year)
        if draft is None:
            continue
        if draft.code is not None and "." not in draft.code and not draft.has_numbers():
            field = draft  # "II | Cải cách thể chế | | |": the field whose criteria follow, summed in its "Cộng" row
        elif draft.code is None and field is not None and SUBTOTAL.match(fold_accents(draft.name or "")):
            draft.code, draft.name = field.code, field.name
        by_year = _year_columns(columns)
        if by_year:
            drafts.extend(_year_drafts(draft, cells, by_year))
        elif draft.has_numbers():
            drafts.append(draft)
    if not any(d.code == "survey" for d in drafts):
        # A table of the appraisable criteria only: its "Tổng cộng" row is the assessment part (max 70, not 100).
        for draft in drafts:
            maximum = draft.values.get("max")
            if draft.code == "total" and maximum is not None and maximum.value < FULL_INDEX:
                draft.code = "assessment"
    yield from drafts


def _header_columns(cells: list[Cell]) -> dict[str, int] | None:
    """Column roles if this row is a scorecard header: it must name a maximum and an appraised or self score."""
    columns: dict[str, int] = {}
    for cell in cells:
        folded = fold_accents(cell.text)
        year = YEAR_HEADER.fullmatch(folded)
        if year is not None:  # "Năm 2023 | Năm 2024": each year's points, beside the maxima that serve every year
            columns[f"{YEAR_ROLE}{year.group('year')}"] = cell.col
            continue
        for role, pattern in COLUMN_ROLES:
            if not pattern.search(folded):
                continue
            # "Điểm thẩm định lần 1 | … lần 2": the last round is the score; other roles keep their first column
            if role not in columns or (role == "achieved" and _round(folded) > _round_of(cells, columns[role])):
                columns[role] = cell.col
                break
    if "max" in columns and ("achieved" in columns or "self" in columns or _year_columns(columns)):
        columns.setdefault("unit", columns.get("code", min(c.col for c in cells)))
        return columns
    if "max" in columns and "unit" in columns and any(GUIDE_COLUMN.search(fold_accents(c.text)) for c in cells):
        return columns  # a framework's scorecard: "Lĩnh vực/Tiêu chí | Điểm tối đa | Hướng dẫn chấm điểm"
    return None


def _year_columns(columns: dict[str, int]) -> dict[int, int]:
    """Year -> column, for a table that gives each year's points in a column of its own."""
    return {int(role.removeprefix(YEAR_ROLE)): col for role, col in columns.items() if role.startswith(YEAR_ROLE)}


def _year_drafts(row: ScoreDraft, cells: list[Cell], by_year: dict[int, int]) -> Iterator[ScoreDraft]:
    """ "7 | Xây dựng và phát triển Chính quyền điện tử … | 14,5 | 11,63 | 12,25 | +0,26": one draft per year."""
    by_col = {cell.col: cell for cell in cells}
    for year, col in sorted(by_year.items()):
        cell = by_col.get(col)
        quantity = cell_number(cell.text) if cell is not None else None
        if cell is None or quantity is None:
            continue
        values = {"max": row.values["max"]} if "max" in row.values else {}
        values["achieved"] = quantity.model_copy(update={"start": cell.start, "end": cell.end})
        yield replace(row, year=year, values=values, reason=None)


def _names_beyond_unit(cells: list[Cell], columns: dict[str, int]) -> bool:
    """The row prints something outside the code and unit columns."""
    own = {columns.get("unit"), columns.get("code")}
    return any(cell.text.strip() and cell.col not in own for cell in cells)


def _round(folded_header: str) -> int:
    match = APPRAISAL_ROUND.search(folded_header)
    return int(match.group(1)) if match else 0


def _round_of(cells: list[Cell], col: int) -> int:
    return next((_round(fold_accents(c.text)) for c in cells if c.col == col), 0)


def _row_draft(table: Block, cells: list[Cell], columns: dict[str, int], report_year: int | None) -> ScoreDraft | None:
    by_col = {cell.col: cell for cell in cells}
    unit = by_col.get(columns["unit"])
    if unit is None or not unit.text.strip():
        return None
    code_cell = by_col.get(columns["code"]) if "code" in columns else None
    code, name = _unit_code(unit.text)
    if code_cell is not None and code_cell is not unit:
        written = LEADING_CODE.match(code_cell.text.strip())
        code = written.group("code") if written is not None else code  # "1.1" in the STT column
    draft = ScoreDraft(
        source="table",
        code=code,
        name=name,
        year=report_year,
        block=table.block_id,
        page=unit.page if unit.page is not None else table.page,
        start=min(c.start for c in cells),
        end=max(c.end for c in cells),
    )
    for role in ("max", "self", "achieved", "deducted"):
        cell = by_col.get(columns[role]) if role in columns else None
        if cell is not None and cell.col_span == 1:
            quantity = cell_number(cell.text)
            if quantity is not None:
                draft.values[role] = quantity.model_copy(update={"start": cell.start, "end": cell.end})
    reason_cell = by_col.get(columns["reason"]) if "reason" in columns else None
    if reason_cell is not None and reason_cell.text.strip():
        draft.reason = reason_cell.text.strip()
        for role, pattern in (("deducted", NOTED_DEDUCTION), ("self", OWN_SCORE)):
            stated = pattern.search(reason_cell.text)
            if stated is None or role in draft.values:
                continue
            if role == "deducted" and NOT_ASSESSED.search(_clause_around(reason_cell.text, stated.start())):
                # "Đã trừ 1,5 điểm tiêu chí 6.3 không đánh giá": points taken off the maximum, not lost (but "Tiêu
                # chí 6.3 không áp dụng, điểm tối đa tính 4 điểm; bị trừ 0,5 điểm" loses 0,5 in a clause of its own)
                continue
            quantity = cell_number(stated.group("points"))
            if quantity is not None:
                start = reason_cell.start + stated.start("points")
                draft.values[role] = quantity.model_copy(
                    update={"start": start, "end": start + len(stated.group("points"))}
                )
    return draft


# The unit's own score stated in its explanation: "đạt 96,4% tương ứng 0,96 điểm, tuy nhiên được thẩm định 0,21".
OWN_SCORE = regex.compile(
    r"(?:tự\s+(?:chấm|đánh\s+giá)(?:\s+đạt)?|tương\s+ứng)\s+(?P<points>\d+(?:[.,]\d+)?)\s+điểm", regex.IGNORECASE
)


NOT_ASSESSED = regex.compile(r"\bkhông\s+(?:đánh\s+giá|áp\s+dụng|chấm)\b", regex.IGNORECASE)
# A deduction noted beside the row: "Bị trừ 0,5 điểm: còn 01/04 vấn đề …", "Trừ 0,5 điểm", "mất 1 điểm".
NOTED_DEDUCTION = regex.compile(r"(?:\btrừ|\bmất)\s+(?P<points>\d+(?:[.,]\d+)?)\s+điểm", regex.IGNORECASE)


def _clause_around(text: str, position: int) -> str:
    """The part of a note between the semicolons around `position`."""
    start = text.rfind(";", 0, position) + 1
    end = text.find(";", position)
    return text[start : end if end >= 0 else len(text)]


def _unit_code(text: str) -> tuple[str | None, str]:
    """ "1.5.1 Thực hiện các nhiệm vụ …" -> ("1.5.1", "Thực hiện các nhiệm vụ …"); a field by its name."""
    match = LEADING_CODE.match(text)
    if match is not None:
        return match.group("code"), text[match.end() :].strip(" .:")
    name = SECTION_NUMBER.sub("", text, count=1).strip()
    field = match_field(name)
    if field is not None:
        return field, name
    for pattern, unit in COMPONENTS:
        if pattern.search(name):  # "Điểm tự đánh giá, thẩm định (A)", "Điểm điều tra xã hội học (B)", "Tổng cộng"
            return unit, name
    return None, name
