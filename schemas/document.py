"""The `Document` model: one shape for every input format, with provenance on every block.

Offsets: `Document.text` is the normalised full text. Every block's `start`/`end` are offsets into it
(`Document.text[block.start:block.end] == block.text`), and every table cell's likewise. Body blocks come
first in reading order; footnotes, then headers/footers, follow the body, so a footnote never sits inside
a body sentence. Blocks are separated by a blank line ("\\n\\n"); inside a table, rows by "\\n" and cells
by "\\t".
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[1] = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceFormat(StrEnum):
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"
    ODT = "odt"


SUFFIX_FORMATS = {
    ".txt": SourceFormat.TXT,
    ".md": SourceFormat.TXT,
    ".docx": SourceFormat.DOCX,
    ".pdf": SourceFormat.PDF,
    ".doc": SourceFormat.DOC,
    ".odt": SourceFormat.ODT,
}
"""The file name suffixes we read, and the format each one claims (the bytes must confirm it)."""


class SourceFile(_Strict):
    path: str
    filename: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    format: SourceFormat
    size_bytes: int = Field(ge=0)
    pages: int | None = Field(default=None, description="Page count for PDF; None where the format has no pages")


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    FOOTNOTE = "footnote"
    HEADER = "header"
    FOOTER = "footer"


BODY_KINDS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE})


class Span(_Strict):
    """A character range [start, end) into `Document.text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class FootnoteRef(_Strict):
    """A footnote reference mark removed from the running text: `offset` is where it stood, into
    `Document.text`; `marker` is its label ("1", "12")."""

    marker: str
    offset: int = Field(ge=0)


class Cell(_Strict):
    """One table cell. A merged cell appears once, at its top-left position, with its spans."""

    row: int = Field(ge=0)
    col: int = Field(ge=0)
    row_span: int = Field(default=1, ge=1)
    col_span: int = Field(default=1, ge=1)
    raw_text: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = None
    nested_tables: int = Field(default=0, ge=0, description="Tables nested in this cell, flattened into its text")


class Block(_Strict):
    index: int = Field(ge=0)
    kind: BlockKind
    raw_text: str = Field(description="The text as the reader produced it, markup and markers included")
    text: str = Field(description="Normalised text; extractors read this")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, description="1-based page where the block starts (PDF only)")
    page_end: int | None = Field(default=None, description="Last page of a block that crosses a page break")
    level: int | None = Field(default=None, description="Heading level where the source says it")
    bold: tuple[Span, ...] = Field(default=(), description="Bold runs, offsets into Document.text")
    footnote_refs: tuple[FootnoteRef, ...] = ()
    marker: str | None = Field(default=None, description="A footnote block's own label")
    cells: tuple[Cell, ...] = ()
    n_rows: int = Field(default=0, ge=0)
    n_cols: int = Field(default=0, ge=0)

    @property
    def block_id(self) -> str:
        return f"b{self.index}"


class Document(_Strict):
    schema_name: Literal["cchc.Document"] = "cchc.Document"
    schema_version: Literal[1] = SCHEMA_VERSION
    doc_id: str = Field(description="sha256 of the source file's bytes")
    source: SourceFile
    text: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = Field(default=(), description="Things a person should know: scanned pages, …")

    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in BODY_KINDS)

    def footnotes(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.FOOTNOTE)
