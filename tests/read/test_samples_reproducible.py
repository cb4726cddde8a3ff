"""The committed samples/*.docx and samples/*.pdf match their .txt and `samples/build_samples.py`."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from pipeline.read.dispatch import read_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEXTS = sorted(SAMPLES.glob("*.txt"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build_samples.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


def docx_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def real_footnotes(path: Path) -> list[etree._Element]:
    """<w:footnote> elements other than the separators, or [] when the package has no footnotes part."""
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        if FOOTNOTES_RELTYPE not in rels:
            return []
    root = docx_part(path, "word/footnotes.xml")
    return [note for note in root.iter(f"{W}footnote") if note.get(f"{W}type") is None]


def test_there_are_samples() -> None:
    assert len(TEXTS) >= 5


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_every_text_sample_has_its_docx_and_pdf(txt: Path) -> None:
    assert txt.with_suffix(".docx").is_file(), f"{txt.stem}.docx missing: run `make samples`"
    assert txt.with_suffix(".pdf").is_file(), f"{txt.stem}.pdf missing: run `make samples`"


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: p.stem)
def test_docx_has_one_real_footnote_per_footnote_block(txt: Path) -> None:
    doc = read_document(txt)
    docx_path = txt.with_suffix(".docx")
    notes = real_footnotes(docx_path)
    assert len(notes) == len(doc.footnotes())
    body = docx_part(docx_path, "word/document.xml")
    references = list(body.iter(f"{W}footnoteReference"))
    assert len(references) == sum(len(block.footnote_refs) for block in doc.body_blocks())
    assert {r.get(f"{W}id") for r in references} <= {n.get(f"{W}id") for n in notes}
    body_text = "".join(body.itertext())
    for block in doc.footnotes():
        assert block.text.replace("\n", "") not in body_text, f"footnote {block.marker} leaked into the body"


def test_003_has_a_word_table_with_merged_section_rows() -> None:
    body = docx_part(SAMPLES / "003_8cc175536faa4215.docx", "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert len(tables) == 1
    merged = [tc for tc in tables[0].iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}gridSpan") is not None]
    assert len(merged) == 3
    for cell in merged:
        row = cell.getparent()
        assert len(row.findall(f"{W}tc")) == 1, "a section row is one cell across the table"
        text = "".join(cell.itertext())
        assert text
        assert "".join(row.itertext()) == text  # the merged text appears once


def test_docx_difference_is_reported_by_member(tmp_path: Path) -> None:
    builder = load_builder()
    original = SAMPLES / "004_3f70570ce8af78c4.docx"
    assert builder.docx_differences(original, original) == []
    changed = tmp_path / original.name
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(
                info, data.replace("Sâm".encode(), b"Sam") if info.filename == "word/document.xml" else data
            )
    assert builder.docx_differences(original, changed) == ["member word/document.xml differs"]
    assert builder.pdf_differences(original.with_suffix(".pdf"), original.with_suffix(".pdf")) == []


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_samples_rebuild_identically() -> None:
    assert load_builder().check_samples(SAMPLES) == []


def test_a_footnote_mark_in_a_table_cell_becomes_a_word_reference(tmp_path: Path) -> None:
    """A mark in a cell ("Điểm điều tra XHH²") gets a real footnote reference, so the Word file's note is a
    referenced one and the DOCX reader keeps it (it drops notes nothing refers to)."""
    txt = tmp_path / "cell_mark.txt"
    txt.write_text(
        "BÁO CÁO\n\nKết quả Chỉ số CCHC các năm¹ như sau:\n\n"
        "Năm\tChỉ số CCHC\tĐiểm điều tra XHH²\n2023\t81,20\t23,62\n2024\t82,57\t24,01\n\n"
        "¹ Theo Quyết định số 412/QĐ-UBND ngày 16/02/2022.\n"
        "² Điểm điều tra XHH tối đa 28 điểm, theo Quyết định số 1126/QĐ-UBND ngày 28/4/2023.\n",
        encoding="utf-8",
    )
    load_builder().write_docx(txt, tmp_path / "cell_mark.docx")
    body = docx_part(tmp_path / "cell_mark.docx", "word/document.xml")
    cell_references = [r for tc in body.iter(f"{W}tc") for r in tc.iter(f"{W}footnoteReference")]
    assert len(cell_references) == 1
    cells = [c for b in read_document(tmp_path / "cell_mark.docx").blocks for c in b.cells]
    assert "Điểm điều tra XHH" in [c.text for c in cells]
    notes = read_document(tmp_path / "cell_mark.docx").footnotes()
    assert [note.marker for note in notes] == ["1", "2"]
    assert "1126/QĐ-UBND" in notes[1].text
