"""What a read document holds, in numbers a person can check at a glance (`cchc inspect`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.vietnamese_numbers import find_quantities
from schemas.document import BlockKind, Document
from schemas.quantity import QuantityKind


@dataclass(frozen=True)
class DocumentSummary:
    filename: str
    format: str
    pages: int | None
    blocks: Counter[BlockKind]
    quantities: Counter[QuantityKind]
    characters: int
    warnings: tuple[str, ...]


def document_summary(document: Document) -> DocumentSummary:
    quantities: Counter[QuantityKind] = Counter()
    for block in (*document.body_blocks(), *document.footnotes()):
        quantities.update(q.kind for q in find_quantities(block.text))
    return DocumentSummary(
        filename=document.source.filename,
        format=document.source.format.value,
        pages=document.source.pages,
        blocks=Counter(block.kind for block in document.blocks),
        quantities=quantities,
        characters=len(document.text),
        warnings=document.warnings,
    )
