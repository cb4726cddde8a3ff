from schemas.document import (
    SCHEMA_VERSION,
    Block,
    BlockKind,
    Cell,
    Document,
    FootnoteRef,
    SourceFile,
    SourceFormat,
    Span,
)

__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "BlockKind",
    "Cell",
    "Document",
    "FootnoteRef",
    "SourceFile",
    "SourceFormat",
    "Span",
]
