"""Write a `Document` as a Word file, as a Vietnamese administrative document would be typed.

`document_to_docx(doc, source_name)` returns a python-docx document: A4, margins 2/2/3/2 cm, Times New Roman
13 pt, justified paragraphs, bold runs where the text had bold, typed bullets kept as text, real Word tables
(Table Grid, merged section rows), REAL Word footnotes (a `word/footnotes.xml` part written here, since
python-docx cannot) and the page number centred in the page header. Core properties are fixed, so equal
input gives equal XML. Used by `samples/build_samples.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from schemas.document import Block, BlockKind, Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

AUTHOR = "cchc-pipeline samples"
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)
FONT = "Times New Roman"
BODY_PT = 13
TITLE_PT = 14
TABLE_PT = 11
FOOTNOTE_PT = 10
HEADER_PT = 12
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGIN_TOP_CM, MARGIN_BOTTOM_CM, MARGIN_LEFT_CM, MARGIN_RIGHT_CM = 2.0, 2.0, 3.0, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGIN_LEFT_CM - MARGIN_RIGHT_CM
FIRST_LINE_INDENT_CM = 1.0
MIN_COLUMN_CM = 1.5
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A footnote mark in a cell's raw text ("Điểm điều tra XHH²"), and the other inline markup the text reader drops.
CELL_MARK = re.compile(rf"(?<=\S)[{SUPERSCRIPT_DIGITS}]+")
SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
CELL_MARKUP = re.compile(rf"\*\*|\*|[{SUPERSCRIPT_DIGITS}]+")

# Document-type names that stand alone, in capitals, as a document's title ("BÁO CÁO", "PHỤ LỤC", …).
DOCUMENT_TITLES = frozenset(
    {
        "BÁO CÁO",
        "KẾ HOẠCH",
        "THÔNG BÁO",
        "PHỤ LỤC",
        "QUYẾT ĐỊNH",
        "NGHỊ QUYẾT",
        "CHỈ THỊ",
        "TỜ TRÌNH",
        "HƯỚNG DẪN",
        "CHƯƠNG TRÌNH",
        "ĐỀ ÁN",
        "BIÊN BẢN",
        "CÔNG VĂN",
    }
)

FOOTNOTE_STYLES_XML = (
    f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
    '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
    '<w:jc w:val="both"/></w:pPr>'
    f'<w:rPr><w:sz w:val="{FOOTNOTE_PT * 2}"/><w:szCs w:val="{FOOTNOTE_PT * 2}"/></w:rPr></w:style>',
    f'<w:style {nsdecls("w")} w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar">'
    '<w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/>'
    f'<w:rPr><w:sz w:val="{FOOTNOTE_PT * 2}"/><w:szCs w:val="{FOOTNOTE_PT * 2}"/></w:rPr></w:style>',
    f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
)


# --- whole documents ----------------------------------------------------------------------------------


def document_to_docx(doc: Document, source_name: str) -> WordDocument:
    """The Word version of `doc`: body blocks as paragraphs and tables, footnote blocks as real footnotes."""
    body = doc.body_blocks()
    footnotes = doc.footnotes()
    title = next((b.text for b in body if is_document_title(b)), "")
    document = new_word_document(title, source_name)
    footnote_ids = FootnoteNumbering(footnotes)
    for position, block in enumerate(body):
        if block.kind is BlockKind.TABLE:
            add_table(document, block, footnote_ids)
        else:
            add_body_paragraph(document, block, body[:position], footnote_ids)
    if footnotes:
        add_footnotes_part(document, footnotes)
    return document


# --- pieces of a paragraph: text runs, line breaks, footnote references --------------------------------


@dataclass(frozen=True)
class TextPiece:
    text: str
    bold: bool


@dataclass(frozen=True)
class BreakPiece:
    pass


@dataclass(frozen=True)
class FootnoteRefPiece:
    footnote_id: int


Piece = TextPiece | BreakPiece | FootnoteRefPiece


def paragraph_pieces(
    text: str, bold: Sequence[tuple[int, int]], refs: Sequence[tuple[int, int]], *, all_bold: bool = False
) -> list[Piece]:
    """Split `text` into runs at bold boundaries, line breaks and footnote marks.

    `bold` holds [start, end) ranges and `refs` (offset, footnote id) pairs, both relative to `text`;
    a reference at offset i stood between text[i-1] and text[i]."""
    bold_flags = [all_bold] * len(text)
    for start, end in bold:
        for i in range(max(start, 0), min(end, len(text))):
            bold_flags[i] = True
    refs_at: dict[int, list[int]] = {}
    for offset, footnote_id in refs:
        refs_at.setdefault(min(max(offset, 0), len(text)), []).append(footnote_id)
    pieces: list[Piece] = []
    buffer: list[str] = []
    buffer_bold = False

    def flush() -> None:
        if buffer:
            pieces.append(TextPiece("".join(buffer), buffer_bold))
            buffer.clear()

    for i in range(len(text) + 1):
        if i in refs_at:
            flush()
            pieces.extend(FootnoteRefPiece(f) for f in refs_at[i])
        if i == len(text):
            break
        if text[i] == "\n":
            flush()
            pieces.append(BreakPiece())
            continue
        if buffer and bold_flags[i] != buffer_bold:
            flush()
        buffer_bold = bold_flags[i]
        buffer.append(text[i])
    flush()
    return pieces


def block_bold(block: Block) -> list[tuple[int, int]]:
    return [(span.start - block.start, span.end - block.start) for span in block.bold]


# --- document setup: page, fonts, styles, header, properties ------------------------------------------


def new_word_document(title: str, source_name: str) -> WordDocument:
    document = docx.Document()
    set_page_layout(document)
    set_default_fonts(document)
    add_footnote_styles(document)
    add_page_number_header(document)
    set_core_properties(document, title, source_name)
    return document


def set_page_layout(document: WordDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(MARGIN_TOP_CM), Cm(MARGIN_BOTTOM_CM)
    section.left_margin, section.right_margin = Cm(MARGIN_LEFT_CM), Cm(MARGIN_RIGHT_CM)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)


def set_fonts(rpr: etree._Element, size_pt: int) -> None:
    """Times New Roman for every script (no theme fonts), size incl. complex scripts, Vietnamese language."""
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    size, size_cs, lang = OxmlElement("w:sz"), OxmlElement("w:szCs"), OxmlElement("w:lang")
    size.set(qn("w:val"), str(size_pt * 2))
    size_cs.set(qn("w:val"), str(size_pt * 2))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.insert(0, fonts)
    rpr.append(size)
    rpr.append(size_cs)
    rpr.append(lang)


def set_default_fonts(document: WordDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    set_fonts(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), BODY_PT)
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), str(6 * 20))
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), BODY_PT)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before, paragraph_format.space_after = Pt(0), Pt(6)
    paragraph_format.line_spacing = 1.0


def add_footnote_styles(document: WordDocument) -> None:
    styles = document.styles.element
    for style_xml in FOOTNOTE_STYLES_XML:
        styles.append(parse_xml(style_xml))


def add_page_number_header(document: WordDocument) -> None:
    """A PAGE field, centred, 12 pt, in the header of every page; no other header or footer text."""
    header = document.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(paragraph, " PAGE ", placeholder="1", size_pt=HEADER_PT)


def add_field(paragraph: Paragraph, instruction: str, *, placeholder: str, size_pt: int) -> None:
    """A complex field as Word writes it: begin, instruction, separate, shown result, end."""
    for kind in ("begin", "instruction", "separate", "result", "end"):
        run = paragraph.add_run()
        run.font.size = Pt(size_pt)
        if kind == "result":
            run.text = placeholder
        elif kind == "instruction":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            run._r.append(text)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def set_core_properties(document: WordDocument, title: str, source_name: str) -> None:
    properties = document.core_properties
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    properties.title = title
    properties.subject = ""
    properties.keywords = "CCHC; sample"
    properties.comments = f"Built from samples/{source_name} by samples/build_samples.py"
    properties.language = "vi-VN"
    properties.category = ""


# --- body ---------------------------------------------------------------------------------------------


def add_runs(paragraph: Paragraph, pieces: Iterable[Piece], size_pt: int | None = None) -> None:
    for piece in pieces:
        run = paragraph.add_run()
        if size_pt is not None:
            run.font.size = Pt(size_pt)
        if isinstance(piece, TextPiece):
            run.text = piece.text
            if piece.bold:
                run.bold = True
        elif isinstance(piece, BreakPiece):
            run.add_break()
        else:
            make_footnote_reference_run(run, piece.footnote_id)


def make_footnote_reference_run(run: Run, footnote_id: int) -> None:
    """A superscript run holding <w:footnoteReference w:id="N"/>, styled "footnote reference"."""
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    run._r.get_or_add_rPr().insert(0, style)
    run.font.superscript = True
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(footnote_id))
    run._r.append(reference)


def is_document_title(block: Block) -> bool:
    return block.kind is BlockKind.HEADING and block.text.strip() in DOCUMENT_TITLES


def is_title_subline(block: Block, previous: Sequence[Block]) -> bool:
    """The line(s) right under a title: its summary ("Kết quả …") and an "(Đính kèm …)" note."""
    if block.kind is not BlockKind.PARAGRAPH or len(block.text) > 400:
        return False
    if previous and is_document_title(previous[-1]):
        return True
    wrapped = block.text.startswith("(") and block.text.endswith(")")
    return wrapped and len(previous) >= 2 and is_document_title(previous[-2])


def add_body_paragraph(
    document: WordDocument, block: Block, previous: Sequence[Block], footnote_ids: FootnoteNumbering
) -> None:
    refs = [(ref.offset - block.start, footnote_ids.take(ref.marker)) for ref in block.footnote_refs]
    refs_known = [(offset, footnote_id) for offset, footnote_id in refs if footnote_id is not None]
    paragraph = document.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    if is_document_title(block):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph_format.space_before = Pt(6)
        paragraph_format.page_break_before = bool(previous) and block.text.strip() == "PHỤ LỤC"
        add_runs(paragraph, paragraph_pieces(block.text, [], refs_known, all_bold=True), size_pt=TITLE_PT)
        return
    if is_title_subline(block, previous):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph_format.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
    all_bold = block.kind is BlockKind.HEADING
    add_runs(paragraph, paragraph_pieces(block.text, block_bold(block), refs_known, all_bold=all_bold))


# --- tables -------------------------------------------------------------------------------------------


def column_widths_cm(block: Block, total_cm: float = TEXT_WIDTH_CM) -> list[float]:
    """Every column at least MIN_COLUMN_CM; the rest shared by the square root of the column's mean text
    length, so the first (criterion) and the reason/measure columns come out wider than number columns."""
    n_cols = block.n_cols
    if n_cols * MIN_COLUMN_CM >= total_cm:
        return [total_cm / n_cols] * n_cols
    lengths: list[list[int]] = [[] for _ in range(n_cols)]
    for cell in block.cells:
        if cell.col_span == 1:
            lengths[cell.col].append(len(cell.text))
    weights = [math.sqrt(max(sum(col) / len(col), 1.0)) if col else 1.0 for col in lengths]
    spare = total_cm - n_cols * MIN_COLUMN_CM
    return [MIN_COLUMN_CM + spare * weight / sum(weights) for weight in weights]


def add_table(document: WordDocument, block: Block, footnote_ids: FootnoteNumbering) -> None:
    table = document.add_table(rows=block.n_rows, cols=block.n_cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_column_widths(table, column_widths_cm(block))
    mark_header_row(table)
    for cell in block.cells:
        word_cell = table.cell(cell.row, cell.col)
        if cell.row_span > 1 or cell.col_span > 1:
            word_cell = word_cell.merge(table.cell(cell.row + cell.row_span - 1, cell.col + cell.col_span - 1))
        refs = [(offset, footnote_ids.take(marker)) for offset, marker in cell_marks(cell.raw_text, cell.text)]
        refs_known = [(offset, footnote_id) for offset, footnote_id in refs if footnote_id is not None]
        fill_cell(word_cell, cell.text, header=cell.row == 0 and block.n_rows > 1, refs=refs_known)


def cell_marks(raw_text: str, text: str) -> list[tuple[int, str]]:
    """Footnote marks of a cell as (offset into `text`, marker): the text reader keeps them only in the raw
    text. A mark goes where it stood when the raw text without markup is the cell's text, else at its end."""
    marks: list[tuple[int, str]] = []
    plain: list[str] = []
    position = 0
    for markup in CELL_MARKUP.finditer(raw_text):
        plain.append(raw_text[position : markup.start()])
        if CELL_MARK.fullmatch(raw_text, markup.start(), markup.end()):
            offset = sum(len(piece) for piece in plain)
            marks.append((offset, markup.group().translate(SUPERSCRIPT_TO_DIGIT)))
        position = markup.end()
    plain.append(raw_text[position:])
    return marks if "".join(plain) == text else [(len(text), marker) for _, marker in marks]


def set_column_widths(table: Table, widths_cm: Sequence[float]) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def mark_header_row(table: Table) -> None:
    """Repeat the first row at the top of each page, as Word's "Repeat as header row" does."""
    if len(table.rows) < 2:
        return
    header = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(header)


def fill_cell(cell: _Cell, text: str, *, header: bool, refs: Sequence[tuple[int, int]] = ()) -> None:
    """One Word paragraph per line of the cell's text; 11 pt; bold and centred in the header row; `refs`
    (offset into `text`, footnote id) as footnote references."""
    lines = text.split("\n") if text else [""]
    line_start = 0
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if header else WD_CELL_VERTICAL_ALIGNMENT.TOP
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph_format = paragraph.paragraph_format
        paragraph_format.space_before, paragraph_format.space_after = Pt(2), Pt(2)
        short = len(line) <= 12
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if header or short else WD_ALIGN_PARAGRAPH.LEFT
        line_refs = [(o - line_start, f) for o, f in refs if line_start <= o <= line_start + len(line)]
        line_start += len(line) + 1
        if not line and not line_refs:
            paragraph.add_run().font.size = Pt(TABLE_PT)
            continue
        bold = [(0, len(line))] if header else []
        add_runs(paragraph, paragraph_pieces(line, bold, line_refs), size_pt=TABLE_PT)


# --- footnotes ----------------------------------------------------------------------------------------


class FootnoteNumbering:
    """Word footnote ids 1, 2, … in the order of the footnote blocks; a body reference takes the next
    unused footnote with its marker."""

    def __init__(self, footnotes: Sequence[Block]) -> None:
        self._free: dict[str, list[int]] = {}
        for footnote_id, block in enumerate(footnotes, start=1):
            self._free.setdefault(block.marker or "", []).append(footnote_id)

    def take(self, marker: str) -> int | None:
        free = self._free.get(marker)
        return free.pop(0) if free else None


def footnotes_xml(footnotes: Sequence[Block]) -> bytes:
    """`word/footnotes.xml`: the two separators, then one <w:footnote> per footnote block."""
    root = etree.Element(qn("w:footnotes"), nsmap={"w": W_NS})
    for footnote_id, kind, mark in (
        (-1, "separator", "w:separator"),
        (0, "continuationSeparator", "w:continuationSeparator"),
    ):
        note = etree.SubElement(root, qn("w:footnote"), {qn("w:type"): kind, qn("w:id"): str(footnote_id)})
        paragraph = etree.SubElement(note, qn("w:p"))
        ppr = etree.SubElement(paragraph, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:spacing"), {qn("w:after"): "0", qn("w:line"): "240", qn("w:lineRule"): "auto"})
        etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn(mark))
    for footnote_id, block in enumerate(footnotes, start=1):
        root.append(footnote_element(footnote_id, block))
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def footnote_element(footnote_id: int, block: Block) -> etree._Element:
    note = etree.Element(qn("w:footnote"), {qn("w:id"): str(footnote_id)}, nsmap={"w": W_NS})
    bold = block_bold(block)
    position = -1  # the text starts after the mark and one space, as Word types it
    for number, line in enumerate(block.text.split("\n")):
        paragraph = etree.SubElement(note, qn("w:p"))
        ppr = etree.SubElement(paragraph, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle"), {qn("w:val"): "FootnoteText"})
        if number == 0:
            run = etree.SubElement(paragraph, qn("w:r"))
            rpr = etree.SubElement(run, qn("w:rPr"))
            etree.SubElement(rpr, qn("w:rStyle"), {qn("w:val"): "FootnoteReference"})
            etree.SubElement(rpr, qn("w:vertAlign"), {qn("w:val"): "superscript"})
            etree.SubElement(run, qn("w:footnoteRef"))
            line = " " + line
        line_bold = [(start - position, end - position) for start, end in bold]
        for piece in paragraph_pieces(line, line_bold, []):
            assert isinstance(piece, TextPiece)
            paragraph.append(footnote_text_run(piece))
        position += len(line) + 1
    return note


def footnote_text_run(piece: TextPiece) -> etree._Element:
    run = etree.Element(qn("w:r"), nsmap={"w": W_NS})
    rpr = etree.SubElement(run, qn("w:rPr"))
    if piece.bold:
        etree.SubElement(rpr, qn("w:b"))
    etree.SubElement(rpr, qn("w:sz"), {qn("w:val"): str(FOOTNOTE_PT * 2)})
    etree.SubElement(rpr, qn("w:szCs"), {qn("w:val"): str(FOOTNOTE_PT * 2)})
    text = etree.SubElement(run, qn("w:t"))
    text.text = piece.text
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def add_footnotes_part(document: WordDocument, footnotes: Sequence[Block]) -> None:
    """python-docx cannot write footnotes: add the part, relate it, and point settings at the separators."""
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, footnotes_xml(footnotes), package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    settings = document.settings.element
    footnote_pr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(footnote_pr)
    else:
        settings.append(footnote_pr)
