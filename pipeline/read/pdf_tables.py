"""Ruled tables in a PDF. The rulings come from pypdfium2's path objects (cheap: no second parse of the
page); pdfplumber's own table geometry (`merge_edges` -> `edges_to_intersections` ->
`intersections_to_cells` -> `cells_to_tables`) turns them into cells; the text that fills each cell
comes from pypdfium2's characters."""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber import table as plumber_table
from pdfplumber.utils import geometry as plumber_geometry

from pipeline.read.assemble import DraftCell
from pipeline.read.pdf_lines import PdfChar, PdfLine, broke_inside_token, chars_to_rows, row_to_line
from pipeline.read.syllables import broke_inside_word

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Edge = dict[str, Any]  # pdfplumber's edge: x0, x1, top, bottom, width, height, doctop, orientation
EDGE_TOLERANCE = 2.0
THIN = 3.0  # a path this thin (points) is a ruling line
MAX_SEGMENTS = 5  # a line (2 segments) or a rectangle (4-5); anything more is a drawing, not a ruling
PLUMBER_SETTINGS = plumber_table.TableSettings.resolve(None)


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


def page_to_rulings(page: pdfium.PdfPage) -> list[Edge]:
    """Horizontal and vertical ruling edges of a page, top-down coordinates, as pdfplumber describes them."""
    height = page.get_height()
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    edges: list[Edge] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if pdfium_c.FPDFPath_CountSegments(obj) > MAX_SEGMENTS:
            continue
        pdfium_c.FPDFPageObj_GetBounds(
            obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
        )
        edges.extend(box_to_edges(left.value, height - top.value, right.value, height - bottom.value))
    return edges


def box_to_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    """A thin box is one ruling along its middle; a larger box (a bordered rectangle) gives its four sides."""
    if bottom - top <= THIN and x1 - x0 > bottom - top:
        middle = (top + bottom) / 2
        return [_edge("h", x0, x1, middle, middle)]
    if x1 - x0 <= THIN and bottom - top > x1 - x0:
        middle = (x0 + x1) / 2
        return [_edge("v", middle, middle, top, bottom)]
    return [
        _edge("h", x0, x1, top, top),
        _edge("h", x0, x1, bottom, bottom),
        _edge("v", x0, x0, top, bottom),
        _edge("v", x1, x1, top, bottom),
    ]


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Edge:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def rulings_to_tables(edges: list[Edge], page_number: int) -> list[PdfTable]:
    settings = PLUMBER_SETTINGS
    merged = plumber_table.merge_edges(
        edges,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    merged = plumber_geometry.filter_edges(merged, min_length=settings.edge_min_length)
    intersections = plumber_table.edges_to_intersections(
        merged, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    cells = plumber_table.intersections_to_cells(intersections)
    return [table for group in plumber_table.cells_to_tables(cells) if (table := _cells_to_table(group, page_number))]


def _cells_to_table(boxes: Sequence[Box], page_number: int) -> PdfTable | None:
    if len(boxes) < 2:
        return None
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
        for b in sorted(boxes, key=lambda b: (b[1], b[0]))
    ]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return PdfTable(page=page_number, box=box, col_edges=col_edges, cells=cells)


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
    lines = [row_to_line(row, 0).text for row in chars_to_rows(chars) if any(not c.text.isspace() for c in row)]
    rows = [line.strip() for line in lines]
    text = ""
    for i, row in enumerate(rows):
        # a narrow cell breaks words with no hyphen ("Phư|ờng"); a line that ends in a space broke between words
        if i and not broke_inside_token(rows[i - 1]) and not broke_inside_word(lines[i - 1].lstrip(), row):
            text += " "
        text += row
    return text
