"""The PDF reader: page furniture, footnotes and page breaks on the samples; layout rules on lines built
in the test; and every kind of bad PDF, each built in the test."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from pipeline.errors import DocumentLoadError
from pipeline.read import read_document
from pipeline.read.agreement import compare_readings
from pipeline.read.normalise import Mark, Run
from pipeline.read.pdf_lines import PdfLine
from pipeline.read.pdf_reader import _Layout, _Page
from schemas.document import BlockKind

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_pdf_reader_keeps_page_numbers_out_of_the_body(path: Path) -> None:
    document = read_document(path)
    pdf = pdfium.PdfDocument(path)
    assert document.source.pages == len(pdf)
    headers = [block for block in document.blocks if block.kind is BlockKind.HEADER]
    assert headers, "the samples number their pages at the top"
    assert all(block.text.isdigit() for block in headers)
    assert not any(block.text.strip().isdigit() for block in document.body_blocks())
    pdf.close()


def test_pdf_reader_joins_a_footnote_continued_on_the_next_page() -> None:
    document = read_document(SAMPLES / "001_24bb1c8119953113.pdf")
    reference = {
        note.marker: " ".join(note.text.split())
        for note in read_document(SAMPLES / "001_24bb1c8119953113.txt").footnotes()
    }
    spanning = [note for note in document.footnotes() if note.page_end is not None]
    assert spanning, "a long footnote in this sample runs over a page break"
    for note in document.footnotes():
        assert " ".join(note.text.split()) == reference[note.marker or ""]


def test_pdf_reader_reads_one_table_over_four_pages() -> None:
    document = read_document(SAMPLES / "003_8cc175536faa4215.pdf")
    (table,) = [block for block in document.blocks if block.kind is BlockKind.TABLE]
    assert (table.page, table.page_end) == (2, 5)
    header = [cell.text for cell in table.cells if cell.row == 0]
    assert header[1:3] == ["Điểm tối đa", "Điểm Thấp định"]
    assert sum(cell.text == "Điểm tối đa" for cell in table.cells) == 1, "repeated header rows are dropped"


@pytest.mark.issue(2)
def test_issue_2_fallback_font_glyphs_are_put_back_in_order() -> None:
    """LibreOffice drew Vietnamese letters from a fallback font; pdfium lists them after each line."""
    pdf = SAMPLES / "regressions" / "issue-0002-fallback-font-glyph-order.pdf"
    agreement = compare_readings(read_document(SAMPLES / "004_3f70570ce8af78c4.txt"), read_document(pdf))
    assert agreement.word_overlap >= 0.99
    assert agreement.numbers_equal


# --- layout rules on lines built here -------------------------------------------------------------


def line(
    page: int, text: str, x0: float, x1: float, baseline: float, size: float = 13.0, mark: str | None = None
) -> PdfLine:
    pieces: list[Run | Mark] = [Run(text)] if mark is None else [Mark(mark), Run(text)]
    return PdfLine(
        page=page,
        pieces=pieces,
        x0=x0,
        x1=x1,
        top=baseline - size,
        bottom=baseline,
        size=size,
        baseline=baseline,
        starts_with_mark=mark is not None,
    )


def paragraph_lines(page: int, first_baseline: float, texts: list[str]) -> list[PdfLine]:
    """Justified lines from the left margin (85) to the right margin (538), the first indented."""
    return [line(page, text, 114.0 if i == 0 else 85.0, 538.0, first_baseline + 15 * i) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("end_of_page", "start_of_next"),
    [
        ("đề nghị các cơ quan báo cáo về", "ủy ban nhân dân huyện trước ngày 30/10/2024."),
        ("tổ chức thực hiện đảm bảo đúng", "thời gian quy định của Ủy ban nhân dân tỉnh."),
        ("số hóa hồ sơ theo Quyết định số 781/QĐ-", "UBND ngày 12/3/2024 của UBND huyện."),
    ],
)
def test_pdf_layout_rejoins_a_sentence_cut_by_a_page_break(end_of_page: str, start_of_next: str) -> None:
    page_number = [line(1, "1", 300.0, 305.0, 40.0, size=12.0)]
    page_one = _Page(
        1, 842.0, [*page_number, *paragraph_lines(1, 100.0, ["Thực hiện kế hoạch năm 2024, Ủy ban", end_of_page])]
    )
    continued = line(2, start_of_next, 85.0, 400.0, 70.0)  # at the margin, no first-line indent
    page_two = _Page(2, 842.0, [line(2, "2", 300.0, 305.0, 40.0, size=12.0), continued])
    drafts = _Layout([page_one, page_two], []).drafts()
    body = [d for d in drafts if d.kind is None]
    assert len(body) == 1
    text = "".join(p.text for p in body[0].pieces if isinstance(p, Run))
    assert end_of_page.rstrip("-") in text
    assert start_of_next in text


def test_pdf_layout_separates_small_type_at_the_page_bottom_as_footnotes() -> None:
    body = paragraph_lines(
        1,
        100.0,
        [
            "Ủy ban nhân dân huyện đã tổ chức kiểm tra công tác cải cách hành chính tại",
            "10/10 cơ quan, đơn vị, đạt 100% kế hoạch; sau kiểm tra phát hiện 47 vấn đề,",
            "chỉ đạo khắc phục hoàn thành 43 vấn đề, khắc phục nhưng chưa hoàn thành 02",
            "vấn đề; tổ chức kiểm tra phân cấp quản lý nhà nước đối với 02/02 đơn vị.",
        ],
    )
    notes = [
        line(1, " Quyết định số 502/QĐ-UBND ngày 27/02/2024 về kế hoạch kiểm tra", 85.0, 538.0, 760.0, 10.0, mark="1"),
        line(1, "(trong năm 2024 kiểm tra 10 cơ quan, đơn vị).", 85.0, 300.0, 772.0, 10.0),
    ]
    drafts = _Layout([_Page(1, 842.0, [*body, *notes])], []).drafts()
    (note,) = [d for d in drafts if d.kind is BlockKind.FOOTNOTE]
    assert note.marker == "1"
    assert "kiểm tra 10 cơ quan" in note.raw()
    assert all("502/QĐ" not in d.raw() for d in drafts if d.kind is None)


def test_pdf_layout_keeps_a_bulleted_line_and_a_wrapped_dash_apart() -> None:
    lines = [
        line(1, "- Năm 2025 là năm cuối thực hiện nhiệm vụ phát triển kinh tế", 114.0, 538.0, 100.0),
        line(1, "- xã hội 05 năm giai đoạn 2021 - 2025.", 85.0, 300.0, 115.0),
        line(1, "- Cơ quan thực hiện: Phòng Nội vụ.", 114.0, 320.0, 136.0),
    ]
    drafts = _Layout([_Page(1, 842.0, lines)], []).drafts()
    assert [d.raw() for d in drafts] == [
        "- Năm 2025 là năm cuối thực hiện nhiệm vụ phát triển kinh tế\n- xã hội 05 năm giai đoạn 2021 - 2025.",
        "- Cơ quan thực hiện: Phòng Nội vụ.",
    ]


# --- bad PDFs ---------------------------------------------------------------------------------------


def text_page(pdf: pdfium.PdfDocument, text: str) -> None:
    page = pdf.new_page(595, 842)
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(12))
    buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 700)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    page.gen_content()


def image_page(pdf: pdfium.PdfDocument) -> None:
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (40, 60), "gray")))
    image.set_matrix(pdfium.PdfMatrix().scale(400, 600).translate(50, 100))
    page.insert_obj(image)
    page.gen_content()


def test_pdf_reader_warns_about_a_scanned_page_and_reads_the_rest(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    text_page(pdf, "Bao cao so 59 nam 2024")
    image_page(pdf)
    pdf.save(tmp_path / "mixed.pdf")
    document = read_document(tmp_path / "mixed.pdf")
    assert [b.text for b in document.body_blocks()] == ["Bao cao so 59 nam 2024"]
    assert document.warnings == ("trang 2: trang scan, chưa có OCR (page 2: scanned page, OCR not available)",)


def build_scanned(path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    image_page(pdf)
    pdf.save(path)


def build_too_many_pages(path: Path) -> None:
    pdf = pdfium.PdfDocument.new()
    for _ in range(2001):
        pdf.new_page(100, 100)
    pdf.save(path)


def build_truncated(path: Path) -> None:
    data = (SAMPLES / "000_ca77cff5a68984a1.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def build_corrupt(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage\n%%EOF\n")


def build_not_a_pdf(path: Path) -> None:
    path.write_text("Báo cáo số 59/BC-UBND\n", encoding="utf-8")


def build_huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(201 * 1024 * 1024)  # sparse: costs no disk


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (build_scanned, "OCR not available"),
        (build_too_many_pages, "too many pages"),
        (build_truncated, "truncated PDF"),
        (build_corrupt, "corrupt or unreadable PDF"),
        (build_not_a_pdf, "extension says PDF"),
        (build_huge, "file too large"),
    ],
    ids=["scanned", "2001-pages", "truncated", "corrupt", "mislabelled", "201MB"],
)
def test_pdf_reader_bad_input_is_one_clear_error(tmp_path: Path, build: object, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    build(path)  # type: ignore[operator]
    started = time.perf_counter()
    with pytest.raises(DocumentLoadError) as info:
        read_document(path)
    assert time.perf_counter() - started < 10
    message = str(info.value)
    assert "bad.pdf" in message
    assert reason in message
    assert "\n" not in message


@pytest.mark.libreoffice
def test_pdf_reader_refuses_an_encrypted_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: it builds the encrypted PDF")
    source = tmp_path / "secret.txt"
    source.write_text("Báo cáo mật 123\n", encoding="utf-8")
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"matkhau"}}'
    )
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", options,
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with pytest.raises(DocumentLoadError) as info:
        read_document(tmp_path / "secret.pdf")
    assert "encrypted PDF" in str(info.value)


# --- rulings to tables (pdfplumber's geometry on edges read with pypdfium2) ----------------------


def test_pdf_tables_thin_boxes_are_rulings_and_larger_boxes_give_four_sides() -> None:
    from pipeline.read.pdf_tables import box_to_edges

    (horizontal,) = box_to_edges(85.0, 99.5, 538.0, 100.5)
    assert (horizontal["orientation"], horizontal["top"], horizontal["width"]) == ("h", 100.0, 453.0)
    (vertical,) = box_to_edges(84.5, 100.0, 85.5, 300.0)
    assert (vertical["orientation"], vertical["x0"], vertical["height"]) == ("v", 85.0, 200.0)
    sides = box_to_edges(85.0, 100.0, 300.0, 200.0)
    assert sorted(edge["orientation"] for edge in sides) == ["h", "h", "v", "v"]


def test_pdf_tables_grid_with_a_merged_row_becomes_cells_with_spans() -> None:
    """Three columns, three rows; the middle row is one cell across the table (a section row)."""
    from pipeline.read.pdf_tables import box_to_edges, rulings_to_tables

    xs, ys = [85.0, 200.0, 300.0, 500.0], [100.0, 120.0, 140.0, 160.0]
    edges = [edge for y in ys for edge in box_to_edges(xs[0], y - 0.5, xs[-1], y + 0.5)]
    for x in xs:
        for top, bottom in [(ys[0], ys[1]), (ys[2], ys[3])]:
            edges += box_to_edges(x - 0.5, top, x + 0.5, bottom)
    edges += box_to_edges(xs[0] - 0.5, ys[1], xs[0] + 0.5, ys[2])
    edges += box_to_edges(xs[-1] - 0.5, ys[1], xs[-1] + 0.5, ys[2])
    (table,) = rulings_to_tables(edges, page_number=3)
    assert table.page == 3
    assert [(c.row, c.col, c.row_span, c.col_span) for c in table.cells] == [
        (0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1),
        (1, 0, 1, 3),
        (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1),
    ]  # fmt: skip


def test_pdf_tables_a_lone_rule_is_no_table() -> None:
    from pipeline.read.pdf_tables import box_to_edges, rulings_to_tables

    assert rulings_to_tables(box_to_edges(85.0, 700.0, 200.0, 700.5), page_number=1) == []


def test_pdf_layout_takes_running_footers_out_of_the_body() -> None:
    pages = []
    for number in (1, 2, 3):
        body = paragraph_lines(number, 100.0, [f"Nội dung trang {number} của báo cáo cải cách hành chính.", "Hết."])
        footer = line(number, f"UBND huyện Ba Tơ - Báo cáo CCHC năm 2024 - Trang {number}/3", 150.0, 450.0, 815.0, 10.0)
        pages.append(_Page(number, 842.0, [*body, footer]))
    drafts = _Layout(pages, []).drafts()
    footers = [d for d in drafts if d.kind is BlockKind.FOOTER]
    assert [d.raw() for d in footers] == ["UBND huyện Ba Tơ - Báo cáo CCHC năm 2024 - Trang 1/3"]
    assert not any("Trang" in d.raw() for d in drafts if d.kind is None)


@pytest.mark.libreoffice
def test_a_footnote_mark_glued_to_a_number_is_a_mark(tmp_path: Path) -> None:
    """ "xếp thứ 5/21¹": the PDF's text layer reads "5/211"; the small last digit is the footnote's mark."""
    import sys

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: it renders the PDF")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "samples"))
    import build_samples  # samples/ is a folder of scripts, not a package

    source = tmp_path / "mark.txt"
    source.write_text(
        "Năm 2022, Chỉ số CCHC của Sở đạt 84,76 điểm, xếp thứ 5/21¹. Năm 2023 đạt 85,44 điểm.\n\n"
        "¹ Quyết định số 152/QĐ-UBND ngày 10/02/2023 của UBND tỉnh.\n",
        encoding="utf-8",
    )
    build_samples.build_samples([source], tmp_path / "out")
    document = read_document(tmp_path / "out" / "mark.pdf")
    assert "xếp thứ 5/21" in document.text
    assert "5/211" not in document.text
