"""Table cells: headers over one or two rows, and the number a score cell prints.

Headers: each column's header text with the rows above it joined.

    STT | Lĩnh vực/Tiêu chí | Điểm tối đa | Điểm tự đánh giá | Điểm thẩm định |       | Ghi chú
        |                   |             |                  | Lần 1          | Lần 2 |

Word merges "Điểm thẩm định" over both round columns; a text table leaves the cell beside it empty, so an
empty upper cell takes the text of the group cell to its left when the row below names that column.
"""

from __future__ import annotations

import regex

from extractors.vietnamese_numbers import parse_number
from schemas.document import Block, Cell
from schemas.extraction import SourceSpan
from schemas.quantity import Quantity

NUMBER = regex.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")
# "Năm 2023", "2024" (accent-folded header text): a column of that year's figures
YEAR_HEADER = regex.compile(r"\W*(?:nam\s+)?(?P<year>(?:19|20)\d{2})\W*")


def table_rows(table: Block) -> dict[int, dict[int, Cell]]:
    """The table's cells by row, then by column."""
    rows: dict[int, dict[int, Cell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, {})[cell.col] = cell
    return rows


def cell_span(table: Block, cell: Cell) -> SourceSpan:
    return SourceSpan(block=table.block_id, page=cell.page, start=cell.start, end=cell.end)


def continues_header(cells: list[Cell]) -> bool:
    """A row under a header that is still header: it names two columns or more and holds no number of its own
    (not a group row such as "A. ĐIỂM TỰ ĐÁNH GIÁ … (08 lĩnh vực)", which names one)."""
    named = [cell for cell in cells if cell.text.strip()]
    return len(named) >= 2 and not any(NUMBER.fullmatch(cell.text) for cell in cells)


def header_texts(rows: list[list[Cell]]) -> dict[int, tuple[str, Cell]]:
    """Each column's header text, the rows above it joined; and the lowest cell that prints something in it."""
    texts: dict[int, list[str]] = {}
    cells_of: dict[int, Cell] = {}
    lowest = {cell.col for cell in rows[-1] if cell.text.strip()}
    for cells in rows:
        group = ""
        for cell in sorted(cells, key=lambda c: c.col):
            text = cell.text.strip()
            if cells is not rows[-1]:
                group = text or (group if cell.col in lowest else "")
                text = group
            for col in range(cell.col, cell.col + cell.col_span):
                texts.setdefault(col, []).append(text)
                if cell.text.strip() or col not in cells_of:
                    cells_of[col] = cell
    return {col: (" ".join(t for t in parts if t), cells_of[col]) for col, parts in texts.items()}


def header_cells(rows: list[list[Cell]]) -> list[Cell]:
    """The header as one row of cells, one per column, each with the joined text of its column."""
    return [
        cell.model_copy(update={"col": col, "col_span": 1, "text": text})
        for col, (text, cell) in sorted(header_texts(rows).items())
    ]


CELL_NUMBER = regex.compile(r"(?P<minus>[-−]\s*)?(?P<number>[\d.,]+(?:\s*điểm)?)")  # "10,51", "4 điểm", "-0,25"


def cell_number(text: str) -> Quantity | None:
    """A score cell's number; a penalty row prints its points negative ("-0,25")."""
    match = CELL_NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    try:
        quantity = parse_number(match.group("number"))
    except ValueError:
        return None
    if not match.group("minus"):
        return quantity
    return quantity.model_copy(
        update={"value": -quantity.value, "raw": text.strip(), "number_text": "-" + quantity.number_text}
    )
