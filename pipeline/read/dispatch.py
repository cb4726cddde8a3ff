"""One reader per format, all `(path, source) -> Document`, chosen by the file's format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.read.docx_reader import docx_to_document, legacy_to_document
from pipeline.read.pdf_reader import pdf_to_document
from pipeline.read.source_file import describe_source
from pipeline.read.text_reader import text_to_document
from schemas.document import Document, SourceFile, SourceFormat

Reader = Callable[[Path, SourceFile], Document]

READERS: dict[SourceFormat, Reader] = {
    SourceFormat.TXT: text_to_document,
    SourceFormat.DOCX: docx_to_document,
    SourceFormat.PDF: pdf_to_document,
    SourceFormat.DOC: legacy_to_document,
    SourceFormat.ODT: legacy_to_document,
}


def read_document(path: Path) -> Document:
    """Read any supported file into a `Document`; bad input raises `DocumentLoadError`."""
    source = describe_source(path)
    return READERS[source.format](path, source)
