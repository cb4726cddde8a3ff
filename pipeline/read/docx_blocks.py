"""WordprocessingML block content (paragraphs, tables, content controls) into draft blocks.

One pass over the lxml tree. Text is taken from `w:t`, `w:tab`, `w:br`/`w:cr` and `w:noBreakHyphen`
in runs at any depth of a paragraph (hyperlinks, insertions, smart tags, fields, inline content
controls); deletions, moved-from text, field instructions and hidden runs are skipped. Footnote and
endnote references become `Mark`s numbered in the order they are met. Text boxes are read after the
paragraph that anchors them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.read.assemble import DraftBlock, DraftCell
from pipeline.read.docx_numbering import Numbering, format_number
from pipeline.read.docx_styles import Styles, W, is_on, maybe_int, outline_level, to_int
from pipeline.read.normalise import Mark, Run
from schemas.document import BlockKind

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, R_, T = (W + t for t in ("p", "tbl", "tr", "tc", "r", "t"))
PPR, RPR, TCPR = W + "pPr", W + "rPr", W + "tcPr"
SDT, SDT_CONTENT, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
SKIP_INLINE = frozenset(W + t for t in ("pPr", "del", "moveFrom", "sdtPr", "sdtEndPr", "rPr", "proofErr"))
TEXT_CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
NOTE_REFERENCES = {W + "footnoteReference": "footnote", W + "endnoteReference": "endnote"}
BOX_HOLDERS = frozenset({W + "drawing", W + "pict", W + "object", MC + "AlternateContent"})
TEXT_BOX = W + "txbxContent"
NOTE_FORMATS = {"footnote": "decimal", "endnote": "lowerRoman"}  # Word's defaults
NESTED_CELL_SEPARATOR = " | "


class NoteNumbers:
    """Display numbers of footnote/endnote references, in the order the body refers to them."""

    def __init__(self) -> None:
        self.order: list[tuple[str, str, str]] = []  # (kind, id, marker)
        self.custom: set[tuple[str, str]] = set()  # notes whose mark is their own text
        self._markers: dict[tuple[str, str], str] = {}
        self._counts = {"footnote": 0, "endnote": 0}

    def reference(self, kind: str, note_id: str, custom: str | None = None) -> str:
        key = (kind, note_id)
        if key not in self._markers:
            if custom is None:
                self._counts[kind] += 1
                custom = format_number(self._counts[kind], NOTE_FORMATS[kind])
            else:
                self.custom.add(key)
            self._markers[key] = custom
            self.order.append((kind, note_id, custom))
        return self._markers[key]


@dataclass
class _Paragraph:
    bold: bool
    pieces: list[Run | Mark] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)
    custom_mark: tuple[str, str] | None = None  # a reference whose mark is the next text (customMarkFollows)


class BlockWalker:
    def __init__(self, styles: Styles, numbering: Numbering, notes: NoteNumbers) -> None:
        self.styles = styles
        self.numbering = numbering
        self.notes = notes

    def blocks(self, container: Any) -> list[DraftBlock]:
        """Paragraphs and tables directly in `container` (body, cell, note, header, text box)."""
        out: list[DraftBlock] = []
        for child in container:
            tag = child.tag
            if tag == P:
                out.extend(self.paragraph(child))
            elif tag == TBL:
                out.append(self.table(child))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    out.extend(self.blocks(content))
            elif tag == CUSTOM_XML:
                out.extend(self.blocks(child))
        return out

    # --- paragraphs --------------------------------------------------------------------------------

    def paragraph(self, p: Any) -> list[DraftBlock]:
        ppr = p.find(PPR)
        style = ppr.find(W + "pStyle") if ppr is not None else None
        info = self.styles.paragraph(style.get(W + "val") if style is not None else None)
        state = _Paragraph(bold=bool(info.bold))
        label = self._label(ppr, info.num_id, info.ilvl)
        if label:
            state.pieces.append(Run(label, state.bold))
        self._inline(p, state)
        level = outline_level(ppr) if ppr is not None else None
        draft = DraftBlock(pieces=state.pieces, style_heading_level=level or info.heading_level)
        return [draft, *(block for box in state.boxes for block in self.blocks(box))]

    def _label(self, ppr: Any, style_num: str | None, style_ilvl: int | None) -> str:
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = style_num, style_ilvl
        if num_pr is not None:
            num_el, ilvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
            num_id = num_el.get(W + "val") if num_el is not None else num_id
            ilvl = maybe_int(ilvl_el.get(W + "val")) if ilvl_el is not None else ilvl
        if num_id is None or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def _inline(self, element: Any, state: _Paragraph) -> None:
        for child in element:
            tag = child.tag
            if tag == R_:
                self._run(child, state)
            elif tag in SKIP_INLINE:
                continue
            elif tag in BOX_HOLDERS:
                state.boxes.extend(_text_boxes(child))
            else:  # hyperlink, ins, smartTag, fldSimple, sdt/sdtContent, customXml, moveTo, dir, bdo …
                self._inline(child, state)

    def _run(self, r: Any, state: _Paragraph) -> None:
        bold = self._run_bold(r.find(RPR), state.bold)
        if bold is None:  # hidden text
            return
        for child in r:
            tag = child.tag
            if tag == T:
                self._text(child.text or "", bold, state)
            elif tag in TEXT_CHARS:
                state.pieces.append(Run(TEXT_CHARS[tag], bold))
            elif tag in NOTE_REFERENCES:
                kind, note_id = NOTE_REFERENCES[tag], child.get(W + "id", "")
                if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                    state.custom_mark = (kind, note_id)
                else:
                    state.pieces.append(Mark(self.notes.reference(kind, note_id)))
            elif tag in BOX_HOLDERS:
                state.boxes.extend(_text_boxes(child))

    def _text(self, text: str, bold: bool, state: _Paragraph) -> None:
        if state.custom_mark is not None and text.strip():
            kind, note_id = state.custom_mark
            state.custom_mark = None
            state.pieces.append(Mark(self.notes.reference(kind, note_id, custom=text.strip())))
            return
        state.pieces.append(Run(text, bold))

    def _run_bold(self, rpr: Any, paragraph_bold: bool) -> bool | None:
        """Whether the run is bold; None for hidden (`w:vanish`) text."""
        if rpr is None:
            return paragraph_bold
        vanish = rpr.find(W + "vanish")
        if vanish is not None and is_on(vanish):
            return None
        b = rpr.find(W + "b")
        if b is not None:
            return is_on(b)
        rstyle = rpr.find(W + "rStyle")
        style_bold = self.styles.run_bold(rstyle.get(W + "val", "")) if rstyle is not None else None
        return paragraph_bold if style_bold is None else style_bold

    # --- tables ------------------------------------------------------------------------------------

    def table(self, tbl: Any) -> DraftBlock:
        cells: list[DraftCell] = []
        open_merges: dict[int, DraftCell] = {}  # grid column -> the cell a vertical merge started in
        for row, tr in enumerate(_children(tbl, TR)):
            open_merges = self._row(tr, row, cells, open_merges)
        return DraftBlock(kind=BlockKind.TABLE, cells=cells)

    def _row(self, tr: Any, row: int, cells: list[DraftCell], merges: dict[int, DraftCell]) -> dict[int, DraftCell]:
        col = _grid_before(tr)
        still_open: dict[int, DraftCell] = {}
        previous: DraftCell | None = None
        for tc in _children(tr, TC):
            tcpr = tc.find(TCPR)
            span = max(1, to_int(_prop(tcpr, "gridSpan"), 1))
            vmerge, hmerge = _merge(tcpr, "vMerge"), _merge(tcpr, "hMerge")
            if hmerge == "continue" and previous is not None:  # legacy horizontal merge
                previous.col_span += span
            elif vmerge == "continue" and col in merges:
                merges[col].row_span += 1
                still_open[col] = merges[col]
            else:
                text, nested = self.cell_text(tc)
                previous = DraftCell(row=row, col=col, raw_text=text, col_span=span, nested_tables=nested)
                cells.append(previous)
                if vmerge is not None:
                    still_open[col] = previous
            col += span
        return still_open

    def cell_text(self, tc: Any) -> tuple[str, int]:
        """A cell's paragraphs joined by newlines, nested tables flattened; and how many tables it nests."""
        lines: list[str] = []
        nested = 0
        for draft in self.blocks(tc):
            if draft.kind is BlockKind.TABLE:
                nested += 1 + sum(c.nested_tables for c in draft.cells)
                lines.append(table_lines(draft))
            else:
                lines.append("".join(p.text for p in draft.pieces if isinstance(p, Run)))
        return "\n".join(lines), nested


def flatten(drafts: list[DraftBlock]) -> list[Run | Mark]:
    """Blocks as the pieces of one block: paragraphs on new lines, tables as lines of cells."""
    pieces: list[Run | Mark] = []
    for draft in drafts:
        if pieces:
            pieces.append(Run("\n"))
        pieces.extend([Run(table_lines(draft))] if draft.kind is BlockKind.TABLE else draft.pieces)
    return pieces


def table_lines(draft: DraftBlock) -> str:
    """A table as text: one line per row, non-empty cells separated by " | "."""
    rows: dict[int, list[DraftCell]] = {}
    for cell in draft.cells:
        rows.setdefault(cell.row, []).append(cell)
    lines = []
    for _, cells in sorted(rows.items()):
        texts = (" ".join(c.raw_text.split()) for c in sorted(cells, key=lambda c: c.col))
        line = NESTED_CELL_SEPARATOR.join(text for text in texts if text)
        if line:
            lines.append(line)
    return "\n".join(lines)


def _children(element: Any, tag: str) -> list[Any]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    out: list[Any] = []
    for child in element:
        if child.tag == tag:
            out.append(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            out.extend(_children(content, tag) if content is not None else ())
        elif child.tag == CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


def _text_boxes(holder: Any) -> list[Any]:
    """The outermost text boxes in a drawing; of mc:AlternateContent only the first choice is read."""
    if holder.tag == MC + "AlternateContent":
        choice = holder.find(MC + "Choice")
        holder = choice if choice is not None else holder.find(MC + "Fallback")
        if holder is None:
            return []
    boxes = list(holder.iter(TEXT_BOX))
    inner = {id(b) for box in boxes for b in box.iter(TEXT_BOX) if b is not box}
    return [box for box in boxes if id(box) not in inner]


def _grid_before(tr: Any) -> int:
    return max(0, to_int(_prop(tr.find(W + "trPr"), "gridBefore"), 0))


def _prop(props: Any, name: str) -> str | None:
    element = props.find(W + name) if props is not None else None
    return element.get(W + "val") if element is not None else None


def _merge(tcpr: Any, name: str) -> str | None:
    """ "restart", "continue", or None when the cell is not part of a merge of that direction."""
    element = tcpr.find(W + name) if tcpr is not None else None
    if element is None:
        return None
    return "restart" if element.get(W + "val") == "restart" else "continue"
