"""Readers describe what they saw as draft blocks; `drafts_to_document` normalises them and lays them out
into one `Document` with offsets. This is the only place that computes offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.read.block_kinds import heading_level, paragraph_kind
from pipeline.read.normalise import Mark, Run, normalise_runs, normalise_text
from schemas.document import Block, BlockKind, Cell, Document, FootnoteRef, SourceFile, Span

BLOCK_SEPARATOR = "\n\n"


@dataclass
class DraftCell:
    row: int
    col: int
    raw_text: str
    text: str | None = None  # the reader's plain text when raw_text holds markup; normalised here
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    nested_tables: int = 0


@dataclass
class DraftBlock:
    """A block before normalisation. `kind=None` asks `paragraph_kind` to decide."""

    pieces: list[Run | Mark] = field(default_factory=list)
    kind: BlockKind | None = None
    raw_text: str | None = None
    page: int | None = None
    page_end: int | None = None
    style_heading_level: int | None = None
    marker: str | None = None
    cells: list[DraftCell] = field(default_factory=list)

    def raw(self) -> str:
        if self.raw_text is not None:
            return self.raw_text
        if self.cells:
            return "\n".join(c.raw_text for c in self.cells)
        return "".join(p.text for p in self.pieces if isinstance(p, Run))


def _order(drafts: Sequence[DraftBlock]) -> list[DraftBlock]:
    """Body in reading order, then footnotes, then headers and footers."""

    def rank(d: DraftBlock) -> int:
        if d.kind is BlockKind.FOOTNOTE:
            return 1
        if d.kind in (BlockKind.HEADER, BlockKind.FOOTER):
            return 2
        return 0

    return sorted(drafts, key=rank)  # sorted() is stable: order inside each group is kept


def drafts_to_document(source: SourceFile, drafts: Sequence[DraftBlock], warnings: Sequence[str] = ()) -> Document:
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for draft in _order(drafts):
        block = _draft_to_block(draft, index=len(blocks), offset=offset + (len(BLOCK_SEPARATOR) if parts else 0))
        if block is None:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        parts.append(block.text)
        offset += len(block.text)
        blocks.append(block)
    return Document(
        doc_id=source.sha256,
        source=source,
        text="".join(parts),
        blocks=tuple(blocks),
        warnings=tuple(warnings),
    )


def _draft_to_block(draft: DraftBlock, *, index: int, offset: int) -> Block | None:
    if draft.cells:
        return _table_block(draft, index=index, offset=offset)
    normalised = normalise_runs(draft.pieces)
    if not normalised.text:
        return None
    text = normalised.text
    bold_chars = sum(e - s for s, e in normalised.bold)
    whole_bold = bold_chars >= 0.9 * len(text)
    kind = draft.kind or paragraph_kind(text, whole_bold=whole_bold, style_heading_level=draft.style_heading_level)
    return Block(
        index=index,
        kind=kind,
        raw_text=draft.raw(),
        text=text,
        start=offset,
        end=offset + len(text),
        page=draft.page,
        page_end=draft.page_end if draft.page_end != draft.page else None,
        level=heading_level(text, draft.style_heading_level) if kind is BlockKind.HEADING else None,
        bold=tuple(Span(start=offset + s, end=offset + e) for s, e in normalised.bold),
        footnote_refs=tuple(FootnoteRef(marker=m, offset=offset + o) for m, o in normalised.marks),
        marker=draft.marker,
    )


def _table_block(draft: DraftBlock, *, index: int, offset: int) -> Block | None:
    rows: dict[int, list[DraftCell]] = {}
    for cell in draft.cells:
        rows.setdefault(cell.row, []).append(cell)
    pieces: list[str] = []
    cells: list[Cell] = []
    position = offset
    for row_number, row_index in enumerate(sorted(rows)):
        if row_number:
            pieces.append("\n")
            position += 1
        for col_number, cell in enumerate(sorted(rows[row_index], key=lambda c: c.col)):
            if col_number:
                pieces.append("\t")
                position += 1
            text = normalise_text(cell.raw_text if cell.text is None else cell.text).replace("\t", " ")
            cells.append(
                Cell(
                    row=cell.row,
                    col=cell.col,
                    row_span=cell.row_span,
                    col_span=cell.col_span,
                    raw_text=cell.raw_text,
                    text=text,
                    start=position,
                    end=position + len(text),
                    page=cell.page,
                    nested_tables=cell.nested_tables,
                )
            )
            pieces.append(text)
            position += len(text)
    text = "".join(pieces)
    if not text.strip():
        return None
    n_rows = max(c.row + c.row_span for c in cells)
    n_cols = max(c.col + c.col_span for c in cells)
    pages = [c.page for c in cells if c.page is not None]
    return Block(
        index=index,
        kind=BlockKind.TABLE,
        raw_text=draft.raw(),
        text=text,
        start=offset,
        end=offset + len(text),
        page=min(pages) if pages else draft.page,
        page_end=max(pages) if pages and max(pages) != min(pages) else None,
        cells=tuple(cells),
        n_rows=n_rows,
        n_cols=n_cols,
    )
