from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.document import Block, BlockKind, Document, SourceFile, SourceFormat
from schemas.json_schema import JSON_DIR, MODELS, schema_text


@pytest.mark.parametrize("name", sorted(MODELS))
def test_json_schema_files_match_the_models(name: str) -> None:
    """Regenerate with `python -m schemas.json_schema` after changing a model."""
    assert (JSON_DIR / f"{name}.schema.json").read_text(encoding="utf-8") == schema_text(MODELS[name])


def source() -> SourceFile:
    return SourceFile(path="a.txt", filename="a.txt", sha256="0" * 64, format=SourceFormat.TXT, size_bytes=3)


def test_document_model_is_strict_and_frozen() -> None:
    block = Block(index=0, kind=BlockKind.PARAGRAPH, raw_text="abc", text="abc", start=0, end=3)
    document = Document(doc_id="0" * 64, source=source(), text="abc", blocks=(block,))
    assert document.schema_version == 1
    assert block.block_id == "b0"
    with pytest.raises(ValidationError):
        Block(index=0, kind=BlockKind.PARAGRAPH, raw_text="", text="", start=0, end=0, colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        document.text = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Document(doc_id="x", source=source(), text="", blocks=(), schema_version=2)


def test_document_round_trips_through_json() -> None:
    block = Block(index=0, kind=BlockKind.FOOTNOTE, raw_text="¹ Ghi chú", text="Ghi chú", start=0, end=7, marker="1")
    document = Document(doc_id="0" * 64, source=source(), text="Ghi chú", blocks=(block,))
    assert Document.model_validate_json(document.model_dump_json()) == document
