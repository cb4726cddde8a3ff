"""The text reader on small texts shaped like the seeds (markup, tables, footnotes at old page breaks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.read.dispatch import read_document
from schemas.document import BlockKind, Document


def read_text(tmp_path: Path, content: str) -> Document:
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    return read_document(path)


def body_texts(document: Document) -> list[str]:
    return [block.text for block in document.body_blocks()]


def test_text_reader_offsets_point_at_block_text(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "**BÁO CÁO**\n\nĐoạn một¹.\n\n- Mục a\n- Mục b\n\n¹ Chú thích.\n")
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


@pytest.mark.parametrize(
    ("content", "expected_bold"),
    [
        ("Điểm chấm đạt **10,51 điểm**. Hết.", ["10,51 điểm"]),
        ("* **Đối với tiêu chí 1.3.2.** (Cơ quan phụ trách)", ["Đối với tiêu chí 1.3.2."]),
        ("*** Đối với tiêu chí 7.3.3 :** Kết quả", ["Đối với tiêu chí 7.3.3 :"]),
        ("**ỦY BAN NHÂN DÂN\nXÃ TRIỆU TRẠCH**", ["ỦY BAN NHÂN DÂN\nXÃ TRIỆU TRẠCH"]),
    ],
)
def test_text_reader_bold_spans_cover_the_bold_text(tmp_path: Path, content: str, expected_bold: list[str]) -> None:
    doc = read_text(tmp_path, content)
    bold = [doc.text[span.start : span.end] for block in doc.blocks for span in block.bold]
    assert bold == expected_bold
    assert "*" not in doc.blocks[0].text.lstrip("* ")


def test_text_reader_keeps_star_bullet_and_drops_italic_marks(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "* Về kết quả (*tại Quyết định số 3690/QĐ-UBND*).")
    assert body_texts(doc) == ["* Về kết quả (tại Quyết định số 3690/QĐ-UBND)."]
    assert doc.blocks[0].kind is BlockKind.LIST_ITEM


def test_text_reader_moves_footnote_out_of_a_sentence_cut_by_a_page_break(tmp_path: Path) -> None:
    content = (
        "Thông qua hình thức tuyên truyền đã góp phần đưa\n\n"
        "¹ Quyết định số 502/QĐ-UBND ngày 27/02/2024 (kiểm tra 10 cơ quan).\n\n"
        "công tác cải cách hành chính đến gần với người dân.\n"
    )
    doc = read_text(tmp_path, content)
    assert body_texts(doc) == [
        "Thông qua hình thức tuyên truyền đã góp phần đưa công tác cải cách hành chính đến gần với người dân."
    ]
    (note,) = doc.footnotes()
    assert (note.marker, note.text) == (
        "1",
        "Quyết định số 502/QĐ-UBND ngày 27/02/2024 (kiểm tra 10 cơ quan).",
    )


def test_text_reader_footnote_marks_leave_the_text_and_keep_their_place(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "Kiểm tra 10/10 cơ quan = 100% kế hoạch¹; tổ chức 02 đợt⁹ và 12 trường hợp¹⁰.\n")
    block = doc.blocks[0]
    assert block.text == "Kiểm tra 10/10 cơ quan = 100% kế hoạch; tổ chức 02 đợt và 12 trường hợp."
    words_before = [doc.text[ref.offset - 5 : ref.offset] for ref in block.footnote_refs]
    assert [ref.marker for ref in block.footnote_refs] == ["1", "9", "10"]
    assert words_before == ["hoạch", "2 đợt", "g hợp"]


def test_text_reader_list_footnote_and_continuation_on_the_next_page(tmp_path: Path) -> None:
    content = (
        "Hoàn thành tinh giản với tổng cộng 12 trường hợp¹⁰\n\n"
        "¹⁰ Tổng cộng 13 trường hợp, gồm:\n\n"
        "- Khối Hành chính: 02 người.\n\n"
        "- Sự nghiệp giáo dục: 09 người (Trường\n\n"
        "- Kết quả phân cấp: tham mưu UBND huyện chỉ đạo¹¹, thực hiện đảm bảo.\n\n"
        "+ Về đào tạo: cử 04 người.\n\n"
        "PTDTBT TH và THCS Ba Trang).\n\n"
        "¹¹ Tại Công văn số 1710/UBND ngày 30/7/2024.\n"
    )
    doc = read_text(tmp_path, content)
    notes = {note.marker: note.text for note in doc.footnotes()}
    assert notes["10"] == (
        "Tổng cộng 13 trường hợp, gồm:\n- Khối Hành chính: 02 người.\n"
        "- Sự nghiệp giáo dục: 09 người (Trường PTDTBT TH và THCS Ba Trang)."
    )
    assert notes["11"] == "Tại Công văn số 1710/UBND ngày 30/7/2024."
    assert body_texts(doc) == [
        "Hoàn thành tinh giản với tổng cộng 12 trường hợp",
        "- Kết quả phân cấp: tham mưu UBND huyện chỉ đạo, thực hiện đảm bảo.",
        "+ Về đào tạo: cử 04 người.",
    ]


def test_text_reader_unfinished_footnote_continues_after_the_next_page_break(tmp_path: Path) -> None:
    content = (
        "UBND huyện ban hành 10 Quyết định³, tất cả đã được thẩm định.\n\n"
        "³ Quyết định số 01/2024/QĐ-UBND của Phòng Văn hóa và Thông tin\n\n"
        "e) Về công tác phổ biến: công nhận xã, thị trấn đạt chuẩn tiếp\n\n"
        "huyện Ba Tơ ban hành kèm theo Quyết định số 07/2022/QĐ-UBND.\n\n"
        "cận pháp luật năm 2023.\n"
    )
    doc = read_text(tmp_path, content)
    (note,) = doc.footnotes()
    assert note.text.endswith("Văn hóa và Thông tin huyện Ba Tơ ban hành kèm theo Quyết định số 07/2022/QĐ-UBND.")
    assert (
        body_texts(doc)[-1] == "e) Về công tác phổ biến: công nhận xã, thị trấn đạt chuẩn tiếp cận pháp luật năm 2023."
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("đảm bảo đúng\n\nthời gian quy định.", ["đảm bảo đúng thời gian quy định."]),
        (
            "1. Lĩnh vực Cải cách thể chế\n\na) Tiêu chí thành phần",
            ["1. Lĩnh vực Cải cách thể chế", "a) Tiêu chí thành phần"],
        ),
        ("Kết quả đạt.\n\ncông tác tiếp theo.", ["Kết quả đạt.", "công tác tiếp theo."]),
        ("Nơi nhận:\n- Như trên;\n- Lưu VT.", ["Nơi nhận:", "- Như trên;", "- Lưu VT."]),
        (
            "Số: .../UBND\nV/v khắc phục Chỉ số cải\ncách hành chính",
            ["Số: .../UBND\nV/v khắc phục Chỉ số cải\ncách hành chính"],
        ),
    ],
)
def test_text_reader_joins_only_halves_of_one_sentence(tmp_path: Path, content: str, expected: list[str]) -> None:
    assert body_texts(read_text(tmp_path, content)) == expected


def test_text_reader_table_with_cell_paragraphs_and_section_rows(tmp_path: Path) -> None:
    content = (
        "Mã\tTên\tĐiểm tối đa\tĐiểm đạt\n"
        "1. Công tác chỉ đạo\t\t\t\n"
        "1.5.1 Thực hiện nhiệm vụ\t<p>Dòng một</p> <p>Dòng **hai**</p>\t2\t1\n"
        "\n"
        "3.13.2. Tỷ lệ hồ sơ\tThanh toán\t1\t0,87\n"
        "--\t---\t---\t---\n"
    )
    doc = read_text(tmp_path, content)
    (table,) = doc.blocks
    assert table.kind is BlockKind.TABLE
    assert (table.n_rows, table.n_cols) == (4, 4)
    section = [c for c in table.cells if c.row == 1]
    assert [(c.col, c.col_span, c.text) for c in section] == [(0, 4, "1. Công tác chỉ đạo")]
    cell = next(c for c in table.cells if (c.row, c.col) == (2, 1))
    assert cell.text == "Dòng một\nDòng hai"
    assert doc.text[cell.start : cell.end] == cell.text
    assert [c.text for c in table.cells if c.row == 3] == ["3.13.2. Tỷ lệ hồ sơ", "Thanh toán", "1", "0,87"]


def test_text_reader_markdown_pipe_table(tmp_path: Path) -> None:
    content = (
        "Trước bảng.\n\n"
        "| Tiêu chí | Điểm tối đa | Ghi chú |\n"
        "|---|:---:|---|\n"
        "| 2.1.3. Kiểm tra văn bản | 1,5 | A \\| B |\n"
        "| 6.2 | 2 | |\n\n"
        "Sau bảng | không phải bảng.\n"
    )
    doc = read_text(tmp_path, content)
    _, table, after = doc.blocks
    assert table.kind is BlockKind.TABLE
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert [c.text for c in table.cells if c.row == 1] == ["2.1.3. Kiểm tra văn bản", "1,5", "A | B"]
    assert [c.text for c in table.cells if c.row == 2] == ["6.2", "2", ""]
    for cell in table.cells:
        assert doc.text[cell.start : cell.end] == cell.text
    assert after.text == "Sau bảng | không phải bảng."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00\x00binary", "UTF-8"),
        (b"   \n\n  \n", "no text"),
        (b"%PDF-1.7\nnot really text", "mislabelled"),
    ],
)
def test_text_reader_bad_input_is_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    from pipeline.errors import DocumentLoadError

    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentLoadError) as info:
        read_document(path)
    assert "bad.txt" in str(info.value)
    assert reason in str(info.value)
