"""PDF files: text per page in reading order; page numbers and running headers/footers out of the running
text; footnotes (small type at the page bottom) into footnote blocks; a sentence cut by a page break
re-joined; ruled tables, including rows continued on the next page. Pages without a text layer are
reported, not guessed (no OCR yet).

Speed: the text comes from pypdfium2's text layer with sampled geometry (`pdf_lines`). Only a page where
some line shows cells side by side has its rulings read and put through pdfplumber's table geometry
(`pdf_tables`), and only such a page pays for character-level positions.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from pipeline.errors import DocumentLoadError
from pipeline.read.assemble import DraftBlock, DraftCell, drafts_to_document
from pipeline.read.block_kinds import LIST_BULLET, NUMBERED_HEADING
from pipeline.read.normalise import Mark, Run
from pipeline.read.pdf_lines import PdfLine, broke_inside_token, page_to_lines
from pipeline.read.pdf_tables import PdfTable, inside, page_to_rulings, rulings_to_tables, table_to_cells
from schemas.document import BlockKind, Document, SourceFile

MAX_PAGES = 2000
EOF_WINDOW = 4096  # bytes at the end of a PDF where its last "%%EOF" must stand
MARGIN_BAND = 0.09  # top and bottom share of the page where running headers and footers live
FOOTNOTE_RATIO = 0.85  # footnote type is at most this size of the body type
PAGE_NUMBER = regex.compile(r"^(?:Trang|trang|Page)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*/\s*\d{1,4})?$")
SENTENCE_CLOSERS = frozenset('.:;!?…)]”"')


def pdf_to_document(path: Path, source: SourceFile) -> Document:
    _check_complete(path)
    pdf = _open(path)
    try:
        n_pages = len(pdf)
        if n_pages > MAX_PAGES:
            raise DocumentLoadError(path, f"PDF có {n_pages} trang, quá giới hạn {MAX_PAGES} (too many pages)")
        pages, tables, warnings = _read_pages(pdf)
    finally:
        pdf.close()
    if not any(page.lines for page in pages):
        raise DocumentLoadError(
            path, "PDF không có lớp chữ: trang scan, chưa có OCR (no text layer: scanned, OCR not available)"
        )
    drafts = _Layout(pages, tables).drafts()
    source = source.model_copy(update={"pages": n_pages})
    return drafts_to_document(source, drafts, warnings)


def _check_complete(path: Path) -> None:
    """A PDF ends with "%%EOF"; pdfium would read what it can of a cut-off file and say nothing."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - EOF_WINDOW))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise DocumentLoadError(path, "PDF bị cắt cụt, thiếu %%EOF (truncated PDF: no end-of-file marker)")


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            reason = "PDF được mã hóa, cần mật khẩu (encrypted PDF: password required)"
        else:
            reason = f"PDF hỏng hoặc không đọc được (corrupt or unreadable PDF: {message})"
        raise DocumentLoadError(path, reason) from None


@dataclass
class _Page:
    number: int
    height: float
    lines: list[PdfLine]


def _read_pages(pdf: pdfium.PdfDocument) -> tuple[list[_Page], list[PdfTable], list[str]]:
    pages: list[_Page] = []
    tables: list[PdfTable] = []
    warnings: list[str] = []
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            number = index + 1
            lines = page_to_lines(page, number)
            # Rulings and table geometry cost time: only where a line shows cells side by side.
            found = rulings_to_tables(page_to_rulings(page), number) if any(line.wide_gap for line in lines) else []
            if found:
                tables.extend(found)
                lines = page_to_lines(page, number, with_chars=True)
            if not lines and _has_images(page):
                warnings.append(
                    f"trang {number}: trang scan, chưa có OCR (page {number}: scanned page, OCR not available)"
                )
            pages.append(_Page(number=number, height=page.get_height(), lines=lines))
        finally:
            page.close()
    return pages, tables, warnings


def _has_images(page: pdfium.PdfPage) -> bool:
    raw = page.raw
    return any(
        pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i)) == pdfium_c.FPDF_PAGEOBJ_IMAGE
        for i in range(pdfium_c.FPDFPage_CountObjects(raw))
    )


# --- layout ---------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    lines: list[PdfLine] = field(default_factory=list)

    @property
    def last(self) -> PdfLine:
        return self.lines[-1]


@dataclass
class _TableRun:
    """One logical table, possibly continued over several pages."""

    parts: list[PdfTable]
    cells: list[DraftCell]


class _Layout:
    def __init__(self, pages: list[_Page], tables: list[PdfTable]) -> None:
        self.pages = pages
        self.tables = tables
        self.body_size = _body_size(pages)
        self.pitch = _line_pitch(pages, self.body_size)
        self.left, self.right = _text_column(pages, self.body_size)
        self.running = _running_lines(pages, tables)

    def drafts(self) -> list[DraftBlock]:
        body: list[_Paragraph | _TableRun] = []
        footnotes: list[tuple[str | None, list[PdfLine]]] = []
        margins: dict[str, DraftBlock] = {}
        for page in self.pages:
            page_tables = [t for t in self.tables if t.page == page.number]
            flow, notes, margin = self._split_page(page, page_tables)
            for kind, line in margin:
                margins.setdefault(_mask_digits(line.text), _line_draft(line, kind))
            self._flow_page(flow, page_tables, body)
            _collect_footnotes(notes, footnotes)
        drafts = [self._body_draft(item) for item in body]
        drafts += [_footnote_draft(marker, lines) for marker, lines in footnotes]
        return [*drafts, *margins.values()]

    def _split_page(
        self, page: _Page, tables: list[PdfTable]
    ) -> tuple[list[PdfLine], list[PdfLine], list[tuple[BlockKind, PdfLine]]]:
        """Running text, footnote lines, and header/footer lines of one page."""
        margin: list[tuple[BlockKind, PdfLine]] = []
        rest: list[PdfLine] = []
        for line in page.lines:
            kind = None if any(inside(t.box, line) for t in tables) else self._margin_kind(line, page.height)
            if kind is not None:
                margin.append((kind, line))
            else:
                rest.append(line)
        lowest_table = max((t.box[3] for t in tables), default=0.0)
        notes_from = len(rest)
        while notes_from > 0:
            line = rest[notes_from - 1]
            if line.size > FOOTNOTE_RATIO * self.body_size or line.top < lowest_table:
                break
            notes_from -= 1
        if notes_from < len(rest) and not any(line.starts_with_mark for line in rest[notes_from:]) and notes_from > 0:
            # Small type at the bottom with no footnote mark anywhere: a continued footnote only if the
            # block sits apart from the text above it; otherwise it is small body text.
            gap = rest[notes_from].top - rest[notes_from - 1].bottom
            if gap < self.body_size:
                notes_from = len(rest)
        return rest[:notes_from], rest[notes_from:], margin

    def _margin_kind(self, line: PdfLine, height: float) -> BlockKind | None:
        in_top = line.bottom < height * MARGIN_BAND
        in_bottom = line.top > height * (1 - MARGIN_BAND)
        if not (in_top or in_bottom):
            return None
        if PAGE_NUMBER.match(line.text.strip()) or _mask_digits(line.text) in self.running:
            return BlockKind.HEADER if in_top else BlockKind.FOOTER
        return None

    def _flow_page(self, lines: list[PdfLine], tables: list[PdfTable], body: list[_Paragraph | _TableRun]) -> None:
        items: list[tuple[float, PdfLine | PdfTable]] = [(t.box[1], t) for t in tables]
        items += [(line.top, line) for line in lines if not any(inside(t.box, line) for t in tables)]
        first_on_page = True
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, PdfTable):
                self._add_table(item, lines, body, first_on_page)
            else:
                self._add_line(item, body, first_on_page)
            first_on_page = False

    def _add_table(
        self, table: PdfTable, lines: list[PdfLine], body: list[_Paragraph | _TableRun], first: bool
    ) -> None:
        cells = table_to_cells(table, [line for line in lines if inside(table.box, line)])
        previous = body[-1] if body else None
        if first and isinstance(previous, _TableRun) and _same_columns(previous.parts[-1], table):
            _continue_table(previous, cells)
            previous.parts.append(table)
            return
        body.append(_TableRun(parts=[table], cells=cells))

    def _add_line(self, line: PdfLine, body: list[_Paragraph | _TableRun], first_on_page: bool) -> None:
        previous = body[-1] if body else None
        if isinstance(previous, _Paragraph):
            joins = self._continues_across_pages(previous, line) if first_on_page else self._continues(previous, line)
            if joins:
                previous.lines.append(line)
                return
        body.append(_Paragraph(lines=[line]))

    def _continues(self, paragraph: _Paragraph, line: PdfLine) -> bool:
        last = paragraph.last
        step = line.baseline - last.baseline
        if step > 1.25 * self.pitch or step <= 0 or abs(line.size - last.size) > 0.5:
            return False
        if self._centered(line) and (self._centered(last) or self._fills_line(last)):
            return not _closes(last)
        if self._starts_new_item(last, line) or line.x0 > self.left + 1.5 * self.body_size:
            return False
        return self._fills_line(last) or not _closes(last)

    def _continues_across_pages(self, paragraph: _Paragraph, line: PdfLine) -> bool:
        last = paragraph.last
        if self._starts_new_item(last, line):
            return False
        if _starts_lower(line.text) and not _closes(last):
            return True
        return self._fills_line(last) and line.x0 <= self.left + 1.5 * self.body_size

    def _starts_new_item(self, last: PdfLine, line: PdfLine) -> bool:
        """A bullet or number opens a new item, unless the line sits at the margin under a full line:
        then it is a wrapped "kinh tế - xã hội" or "năm 2024. 3.", not a new item."""
        if not _starts_item(line):
            return False
        return not (self._fills_line(last) and abs(line.x0 - self.left) < 0.5 * line.size)

    def _centered(self, line: PdfLine) -> bool:
        middle = (self.left + self.right) / 2
        return line.x0 > self.left + line.size and abs((line.x0 + line.x1) / 2 - middle) < 0.03 * (
            self.right - self.left
        )

    def _fills_line(self, line: PdfLine) -> bool:
        return line.x1 >= self.right - 2 * line.size

    def _body_draft(self, item: _Paragraph | _TableRun) -> DraftBlock:
        if isinstance(item, _TableRun):
            return DraftBlock(kind=BlockKind.TABLE, cells=item.cells, page=item.parts[0].page)
        return _lines_draft(item.lines)


def _body_size(pages: Sequence[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _line_pitch(pages: Sequence[_Page], body_size: float) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    steps: Counter[float] = Counter()
    for page in pages:
        for a, b in itertools.pairwise(page.lines):
            step = b.baseline - a.baseline
            if abs(a.size - body_size) < 0.5 and 0 < step < 3 * body_size:
                steps[round(step * 2) / 2] += 1
    return min(steps.most_common(1)[0][0], 2 * body_size) if steps else 1.2 * body_size


def _text_column(pages: Sequence[_Page], body_size: float) -> tuple[float, float]:
    body = [line for page in pages for line in page.lines if abs(line.size - body_size) < 0.5]
    if not body:
        return 0.0, 0.0
    left = statistics.median_low(sorted(line.x0 for line in body)[: max(1, len(body) // 4)])
    right = (
        statistics.quantiles([line.x1 for line in body], n=20, method="inclusive")[-1] if len(body) > 1 else body[0].x1
    )
    return left, right


def _running_lines(pages: Sequence[_Page], tables: Sequence[PdfTable]) -> set[str]:
    """Texts (digits masked) that stand in the top or bottom band of most pages: running headers/footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        boxes = [t.box for t in tables if t.page == page.number]
        band = {
            _mask_digits(line.text)
            for line in page.lines
            if (line.bottom < page.height * MARGIN_BAND or line.top > page.height * (1 - MARGIN_BAND))
            and not any(inside(box, line) for box in boxes)
        }
        seen.update(band)
    return {text for text, count in seen.items() if count >= 0.6 * len(pages) and text.strip()}


def _closes(line: PdfLine) -> bool:
    """The line ends a sentence or a clause: full stop, colon, semicolon, closing bracket or quote."""
    text = line.text.rstrip()
    return bool(text) and text[-1] in SENTENCE_CLOSERS


def _mask_digits(text: str) -> str:
    return str(regex.sub(r"\d+", "#", text.strip()))


def _starts_item(line: PdfLine) -> bool:
    text = line.text.lstrip()
    return bool(LIST_BULLET.match(text) or NUMBERED_HEADING.match(text))


def _starts_lower(text: str) -> bool:
    text = text.lstrip("“\"'( ")
    return bool(text) and text[0].islower()


def _same_columns(a: PdfTable, b: PdfTable) -> bool:
    return len(a.col_edges) == len(b.col_edges) and all(
        abs(x - y) < 3.0 for x, y in zip(a.col_edges, b.col_edges, strict=True)
    )


def _continue_table(run: _TableRun, cells: list[DraftCell]) -> None:
    """Append a table's continuation: drop a repeated header row; a first row with an empty first cell
    is the rest of the row the page break cut, so its text joins that row's cells."""
    rows = max(c.row + c.row_span for c in run.cells)
    header = sorted((c.col, c.raw_text) for c in run.cells if c.row == 0)
    first = [c for c in cells if c.row == 0]
    if sorted((c.col, c.raw_text) for c in first) == header:
        cells = [c for c in cells if c.row != 0]
        cells = [_shift(c, -1) for c in cells]
        first = [c for c in cells if c.row == 0]
    first_cell = next((c for c in first if c.col == 0), None)
    last_row = rows - 1
    previous = {c.col: c for c in run.cells if c.row == last_row}
    if (
        first
        and (first_cell is None or not first_cell.raw_text.strip())
        and not _own_numbers(first, previous, run.cells)
    ):
        for cell in first:
            target = previous.get(cell.col)
            if target is not None and cell.raw_text.strip():
                glue = "" if CELL_NUMBER.fullmatch(target.raw_text.strip()) else " "  # "51,9" + "2": one number
                target.raw_text = f"{target.raw_text.strip()}{glue}{cell.raw_text.strip()}".strip()
        cells = [_shift(c, -1) for c in cells if c.row != 0]
    run.cells.extend(_shift(c, rows) for c in cells)


def _own_numbers(first: list[DraftCell], previous: dict[int, DraftCell], cells: list[DraftCell]) -> bool:
    """A row of its own, not the rest of a cut one: it prints a number where the row above already has a whole
    one ("Điểm thưởng: … | 1 | 0,50" under "8.3 … | 2 | 2,00"). A number the page cut ("51,9" | "2") is
    short of its column's decimals and makes one number with the rest."""
    for cell in first:
        above = previous.get(cell.col)
        rest = cell.raw_text.strip()
        if above is None or not CELL_NUMBER.fullmatch(rest) or not CELL_NUMBER.fullmatch(above.raw_text.strip()):
            continue
        joined = above.raw_text.strip() + rest
        usual = _usual_decimals([c.raw_text for c in cells if c.col == cell.col and c is not above])
        if not CELL_NUMBER.fullmatch(joined) or joined.count(",") + joined.count(".") > 1:
            return True
        if usual is None or _decimals(above.raw_text) >= usual or _decimals(joined) != usual:
            return True
    return False


def _decimals(text: str) -> int:
    text = text.strip()
    separator = max(text.rfind(","), text.rfind("."))
    return len(text) - separator - 1 if separator >= 0 else 0


def _usual_decimals(texts: list[str]) -> int | None:
    numbers = [_decimals(t) for t in texts if CELL_NUMBER.fullmatch(t.strip())]
    return max(set(numbers), key=numbers.count) if numbers else None


CELL_NUMBER = regex.compile(r"[-−]?\d+(?:[.,]\d+)*")


def _shift(cell: DraftCell, rows: int) -> DraftCell:
    return DraftCell(
        row=cell.row + rows,
        col=cell.col,
        raw_text=cell.raw_text,
        row_span=cell.row_span,
        col_span=cell.col_span,
        page=cell.page,
    )


def _collect_footnotes(lines: list[PdfLine], footnotes: list[tuple[str | None, list[PdfLine]]]) -> None:
    """A line that opens with a mark starts a footnote; other lines continue the last one, across pages."""
    for line in lines:
        if line.starts_with_mark:
            marker = next(p.marker for p in line.pieces if isinstance(p, Mark))
            footnotes.append((marker, [line]))
        elif footnotes:
            footnotes[-1][1].append(line)
        else:
            footnotes.append((None, [line]))


def _lines_to_pieces(lines: Sequence[PdfLine]) -> Iterator[Run | Mark]:
    """Lines of one paragraph, joined by a space unless a line broke inside a token ("QĐ-" / "UBND")."""
    for i, line in enumerate(lines):
        if i and not broke_inside_token(lines[i - 1].text):
            yield Run(" ")
        yield from line.pieces


def _lines_draft(lines: Sequence[PdfLine]) -> DraftBlock:
    pages = [line.page for line in lines]
    return DraftBlock(
        pieces=list(_lines_to_pieces(lines)),
        raw_text="\n".join(line.text for line in lines),
        page=pages[0],
        page_end=pages[-1],
    )


def _footnote_draft(marker: str | None, lines: Sequence[PdfLine]) -> DraftBlock:
    pieces = list(_lines_to_pieces(lines))
    if marker is not None:  # the footnote's own number opens its first line
        first_mark = next(i for i, p in enumerate(pieces) if isinstance(p, Mark))
        del pieces[first_mark]
    return DraftBlock(
        pieces=pieces,
        raw_text="\n".join(line.text for line in lines),
        kind=BlockKind.FOOTNOTE,
        marker=marker,
        page=lines[0].page,
        page_end=lines[-1].page,
    )


def _line_draft(line: PdfLine, kind: BlockKind) -> DraftBlock:
    return DraftBlock(pieces=list(line.pieces), raw_text=line.text, kind=kind, page=line.page)
