"""Every sample read from .txt, .docx and .pdf: the same content words, the same numbers, and footnotes
never inside a body sentence (issue #2's done-when)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline.read import read_document
from pipeline.read.agreement import compare_readings
from schemas.document import BlockKind, Document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STEMS = sorted(path.stem for path in SAMPLES.glob("*.txt"))
FORMATS = ["txt", "docx", "pdf"]


@cache
def reading(stem: str, fmt: str) -> Document:
    return read_document(SAMPLES / f"{stem}.{fmt}")


def test_samples_cover_five_documents_in_three_formats() -> None:
    assert len(STEMS) == 5
    for stem in STEMS:
        for fmt in FORMATS:
            assert (SAMPLES / f"{stem}.{fmt}").is_file()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_formats_agree_on_words_and_numbers(stem: str, fmt: str) -> None:
    agreement = compare_readings(reading(stem, "txt"), reading(stem, fmt))
    assert agreement.word_overlap >= 0.99
    assert dict(agreement.numbers_missing) == {}
    assert dict(agreement.numbers_extra) == {}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_footnotes_are_blocks_of_their_own_in_every_format(stem: str, fmt: str) -> None:
    reference = reading(stem, "txt")
    document = reading(stem, fmt)
    assert [note.marker for note in document.footnotes()] == [note.marker for note in reference.footnotes()]
    assert compare_readings(reference, document).footnotes_in_body == ()
    marks = [ref.marker for block in document.body_blocks() for ref in block.footnote_refs]
    assert sorted(marks, key=int) == [note.marker for note in reference.footnotes()]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_formats_agree_paragraph_by_paragraph(stem: str, fmt: str) -> None:
    """Each paragraph of the text reading is one paragraph in the other reading: nothing split at a page
    break, nothing run together."""

    def paragraphs(document: Document) -> list[str]:
        return [" ".join(b.text.split()) for b in document.body_blocks() if b.kind is not BlockKind.TABLE]

    other = set(paragraphs(reading(stem, fmt)))
    missing = [text for text in paragraphs(reading(stem, "txt")) if text not in other]
    assert missing == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_offsets_point_at_the_text_they_claim(stem: str, fmt: str) -> None:
    document = reading(stem, fmt)
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for cell in block.cells:
            assert document.text[cell.start : cell.end] == cell.text
        for span in block.bold:
            assert block.start <= span.start < span.end <= block.end
        for ref in block.footnote_refs:
            assert block.start <= ref.offset <= block.end


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_agree_cell_by_cell(fmt: str) -> None:
    """The annex table of the commune letter: same grid, merged section rows once, same cell words."""
    stem = next(s for s in STEMS if any(b.kind is BlockKind.TABLE for b in reading(s, "txt").blocks))
    (expected,) = [b for b in reading(stem, "txt").blocks if b.kind is BlockKind.TABLE]
    (table,) = [b for b in reading(stem, fmt).blocks if b.kind is BlockKind.TABLE]
    assert (table.n_rows, table.n_cols) == (expected.n_rows, expected.n_cols)

    def grid(block: object) -> list[tuple[int, int, int, str]]:
        return [(c.row, c.col, c.col_span, " ".join(c.text.split())) for c in block.cells]  # type: ignore[attr-defined]

    assert grid(table) == grid(expected)
