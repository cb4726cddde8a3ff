"""Tables in a PDF: pdfplumber finds the ruled grid (its geometry is worth its cost only on pages that
have rulings); the text that fills each cell comes from pypdfium2's characters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pdfplumber.page

from pipeline.read.assemble import DraftCell
from pipeline.read.pdf_lines import PdfChar, broke_inside_token, PdfLine, chars_to_rows, row_to_line

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
EDGE_TOLERANCE = 2.0


@dataclass
class CellBox:
    row: int
    col: int
    row_span: int
    col_span: int
    box: Box


@dataclass
class PdfTable:
    page: int
    box: Box
    col_edges: list[float]
    cells: list[CellBox]

    @property
    def n_rows(self) -> int:
        return max(c.row + c.row_span for c in self.cells)


def page_to_tables(page: pdfplumber.page.Page, page_number: int) -> list[PdfTable]:
    tables: list[PdfTable] = []
    for found in page.find_tables():
        boxes = [tuple(cell) for cell in found.cells]
        if len(boxes) < 2:
            continue
        col_edges = _edges([b[0] for b in boxes])
        row_edges = _edges([b[1] for b in boxes])
        cells = [
            CellBox(
                row=_index(row_edges, b[1]),
                col=_index(col_edges, b[0]),
                row_span=max(1, sum(b[1] - EDGE_TOLERANCE <= e < b[3] - EDGE_TOLERANCE for e in row_edges)),
                col_span=max(1, sum(b[0] - EDGE_TOLERANCE <= e < b[2] - EDGE_TOLERANCE for e in col_edges)),
                box=(b[0], b[1], b[2], b[3]),
            )
            for b in boxes
        ]
        tables.append(PdfTable(page=page_number, box=tuple(found.bbox), col_edges=col_edges, cells=cells))  # type: ignore[arg-type]
    return tables


def _edges(values: Sequence[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def inside(box: Box, line: PdfLine) -> bool:
    middle = (line.top + line.bottom) / 2
    return box[1] - 1 <= middle <= box[3] + 1 and line.x1 >= box[0] - 1 and line.x0 <= box[2] + 1


def table_to_cells(table: PdfTable, lines: Sequence[PdfLine]) -> list[DraftCell]:
    """Each character goes to the cell that holds its centre; a cell's text reads top to bottom."""
    chars: dict[int, list[PdfChar]] = {i: [] for i in range(len(table.cells))}
    for line in lines:
        for ch in line.chars:
            # A space at a cell's right edge may stick out past the rule: place it by its left edge.
            cx = ch.x0 + 0.1 if ch.text.isspace() else (ch.x0 + ch.x1) / 2
            cy = (ch.top + ch.bottom) / 2
            for i, cell in enumerate(table.cells):
                x0, top, x1, bottom = cell.box
                if x0 <= cx <= x1 and top <= cy <= bottom:
                    chars[i].append(ch)
                    break
    return [
        DraftCell(
            row=cell.row,
            col=cell.col,
            row_span=cell.row_span,
            col_span=cell.col_span,
            raw_text=chars_to_text(chars[i]),
            page=table.page,
        )
        for i, cell in enumerate(table.cells)
    ]


def chars_to_text(chars: list[PdfChar]) -> str:
    """A cell's characters to rows (as for running text), rows to one string, joined by a space unless a
    row ends inside a token."""
    rows = [row_to_line(row, 0).text.strip() for row in chars_to_rows(chars) if any(not c.text.isspace() for c in row)]
    text = ""
    for i, row in enumerate(rows):
        if i and not broke_inside_token(rows[i - 1]):
            text += " "
        text += row
    return text
