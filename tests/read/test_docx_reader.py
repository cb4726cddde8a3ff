"""The DOCX reader (and .doc/.odt through LibreOffice). Every file is built here, in tmp_path:
with python-docx where it can, from raw WordprocessingML where it cannot (footnotes, numbering
definitions, explicit vMerge, text boxes, tracked changes)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.enum.text import WD_BREAK

from pipeline.errors import DocumentLoadError, MissingToolError
from pipeline.read import zip_safety
from pipeline.read.dispatch import READERS, read_document
from pipeline.read.docx_reader import docx_to_document, legacy_to_document
from schemas.document import BODY_KINDS, Block, BlockKind, Document, SourceFile, SourceFormat

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


# --- building files ----------------------------------------------------------------------------------


def source_for(path: Path, fmt: SourceFormat = SourceFormat.DOCX) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(
        path=str(path),
        filename=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        size_bytes=len(data),
    )


def read(path: Path) -> Document:
    return docx_to_document(path, source_for(path))


def run(text: str, *, bold: bool = False, extra: str = "") -> str:
    props = f"<w:rPr>{'<w:b/>' if bold else ''}{extra}</w:rPr>" if bold or extra else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    props = ""
    if style or num:
        numbering = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        props = f"<w:pPr>{style_xml}{numbering}</w:pPr>"
    return f"<w:p>{props}{''.join(content)}</w:p>"


def note_ref(note_id: int, custom: str | None = None) -> str:
    if custom is not None:
        return f'<w:r><w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/><w:t>{custom}</w:t></w:r>'
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(run(text)) if text else '<w:p/>'}</w:tc>"


def table(*rows: str, cols: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(f'<w:tr>{r}</w:tr>' for r in rows)}</w:tbl>"


def raw_docx(
    path: Path,
    body: str,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    numbering: str | None = None,
    styles: str | None = None,
    headers: Sequence[tuple[str, str, str]] = (),  # (header|footer, default|first|even, xml)
) -> Path:
    """A minimal but complete WordprocessingML package."""
    overrides = [("/word/document.xml", f"{WML}.document.main+xml")]
    rels: list[tuple[str, str]] = []
    members: dict[str, str] = {}
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        if notes is None:
            continue
        content = "".join(f'<w:{kind} w:id="{i}">{xml}</w:{kind}>' for i, xml in notes.items())
        separators = (
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            f"</w:r></w:p></w:{kind}>"
        )
        members[f"word/{kind}s.xml"] = f"<w:{kind}s {NAMESPACES}>{separators}{content}</w:{kind}s>"
        overrides.append((f"/word/{kind}s.xml", f"{WML}.{kind}s+xml"))
        rels.append((f"{kind}s", f"{kind}s.xml"))
    if numbering is not None:
        members["word/numbering.xml"] = f"<w:numbering {NAMESPACES}>{numbering}</w:numbering>"
        overrides.append(("/word/numbering.xml", f"{WML}.numbering+xml"))
        rels.append(("numbering", "numbering.xml"))
    if styles is not None:
        members["word/styles.xml"] = f"<w:styles {NAMESPACES}>{styles}</w:styles>"
        overrides.append(("/word/styles.xml", f"{WML}.styles+xml"))
        rels.append(("styles", "styles.xml"))
    references = ""
    for n, (kind, which, xml) in enumerate(headers):
        name = f"{kind}{n}.xml"
        tag = "hdr" if kind == "header" else "ftr"
        members[f"word/{name}"] = f"<w:{tag} {NAMESPACES}>{xml}</w:{tag}>"
        overrides.append((f"/word/{name}", f"{WML}.{kind}+xml"))
        rels.append((kind, name))
        references += f'<w:{kind}Reference w:type="{which}" r:id="rId{len(rels)}"/>'
    first = "<w:titlePg/>" if any(which == "first" for _, which, _ in headers) else ""
    section = f'<w:sectPr>{references}<w:pgSz w:w="11906" w:h="16838"/>{first}</w:sectPr>'
    members["word/document.xml"] = f"<w:document {NAMESPACES}><w:body>{body}{section}</w:body></w:document>"
    members["word/_rels/document.xml.rels"] = _rels([(f"{REL}/{t}", target) for t, target in rels])
    members["_rels/.rels"] = _rels([(f"{REL}/officeDocument", "word/document.xml")])
    types = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    members["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in members.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return path


def _rels(items: list[tuple[str, str]]) -> str:
    inner = "".join(
        f'<Relationship Id="rId{i}" Type="{t}" Target="{target}"/>' for i, (t, target) in enumerate(items, 1)
    )
    return (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{inner}</Relationships>'
    )


def body_texts(doc: Document) -> list[str]:
    return [b.text for b in doc.body_blocks()]


def blocks_of(doc: Document, kind: BlockKind) -> list[Block]:
    return [b for b in doc.blocks if b.kind is kind]


def assert_offsets(doc: Document) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        for c in block.cells:
            assert doc.text[c.start : c.end] == c.text
        for span in block.bold:
            assert block.start <= span.start < span.end <= block.end


# --- documents used by several tests -------------------------------------------------------------------


def python_docx_report(path: Path) -> Path:
    """A small report the way python-docx writes it: headings, bold runs, tables, lists, header/footer."""
    d = docx.Document()
    d.add_heading("BÁO CÁO KẾT QUẢ CẢI CÁCH HÀNH CHÍNH", 1)
    p = d.add_paragraph("Kết quả ")
    p.add_run("đạt 100%").bold = True
    p.add_run(" kế hoạch năm.")
    t = d.add_table(rows=2, cols=2)
    for r, c, text in ((0, 0, "Chỉ tiêu"), (0, 1, "Kết quả"), (1, 0, "Thủ tục"), (1, 1, "125")):
        t.cell(r, c).text = text
    d.add_paragraph("Đoạn giữa hai bảng.")
    t2 = d.add_table(rows=1, cols=2)
    t2.cell(0, 0).text, t2.cell(0, 1).text = "Bảng hai", "giá trị"
    d.add_paragraph("Thứ nhất", style="List Number")
    d.add_paragraph("Thứ hai", style="List Number")
    d.add_heading("Phần kết", 2)
    d.add_paragraph("Đoạn cuối.")
    d.sections[0].header.paragraphs[0].text = "UBND TỈNH - đầu trang"
    d.sections[0].footer.paragraphs[0].text = "Trang chân"
    d.save(str(path))
    return path


FOOTNOTES = {
    5: para("<w:r><w:footnoteRef/></w:r>", run(" Theo Quyết định số 12/QĐ-UBND.")),
    2: para("<w:r><w:footnoteRef/></w:r>", run(" Chỉ tính hồ sơ trực tuyến.")),
    9: para("<w:r><w:footnoteRef/></w:r>", run(" Dòng một của chú thích.")) + para(run("Dòng hai.")),
    7: para(
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>*</w:t></w:r>',
        run(" Chú thích có dấu riêng."),
    ),
}


def footnote_docx(path: Path) -> Path:
    body = (
        para(run("Tỉnh đã ban hành kế hoạch"), note_ref(5), run(" và tổ chức thực hiện.")),
        para(run("Giải quyết 120 hồ sơ"), note_ref(2), run("; đạt 98%"), note_ref(9), run(".")),
        table(f"<w:tc>{para(run('Ô có chú thích'), note_ref(7, custom='*'))}</w:tc>", cols=1),
    )
    return raw_docx(path, "".join(body), footnotes=FOOTNOTES)


NUMBERING = (
    '<w:abstractNum w:abstractNumId="10">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="20">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>'
    "<w:isLgl/></w:lvl>"
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="30">'
    '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="10"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="10"/></w:num>'
)

NUMBERED = [  # (numId, level, text, expected block text)
    (1, 0, "Công tác chỉ đạo", "1. Công tác chỉ đạo"),
    (1, 1, "ban hành kế hoạch;", "a) ban hành kế hoạch;"),
    (1, 1, "kiểm tra;", "b) kiểm tra;"),
    (1, 0, "Cải cách thể chế", "2. Cải cách thể chế"),
    (1, 1, "rà soát văn bản;", "a) rà soát văn bản;"),
    (2, 0, "KẾT QUẢ", "I. KẾT QUẢ"),
    (2, 1, "Thủ tục hành chính", "1.1. Thủ tục hành chính"),
    (2, 1, "Một cửa", "1.2. Một cửa"),
    (3, 0, "Cơ quan thực hiện: Sở Nội vụ", "- Cơ quan thực hiện: Sở Nội vụ"),
    (3, 1, "Thời gian: quý I", "+ Thời gian: quý I"),
    (5, 0, "tiếp tục danh sách cũ", "3. tiếp tục danh sách cũ"),  # numId 5 shares abstract 10: continues
    (4, 0, "Danh sách mới", "1. Danh sách mới"),  # numId 4 restarts with startOverride
    (4, 0, "mục hai", "2. mục hai"),
]


def numbering_docx(path: Path) -> Path:
    body = "".join(para(run(text), num=(num, level)) for num, level, text, _ in NUMBERED)
    return raw_docx(path, body, numbering=NUMBERING)


# --- body order, bold, breaks, headings ---------------------------------------------------------------


def test_body_order_with_tables_between_paragraphs(tmp_path: Path) -> None:
    doc = read(python_docx_report(tmp_path / "report.docx"))
    kinds = [b.kind for b in doc.body_blocks()]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.HEADING,  # "1. Thứ nhất": the shared classifier calls a short numbered line a heading
        BlockKind.HEADING,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    texts = body_texts(doc)
    assert texts[2] == "Chỉ tiêu\tKết quả\nThủ tục\t125"
    assert texts[3] == "Đoạn giữa hai bảng."
    assert texts[4] == "Bảng hai\tgiá trị"
    assert texts[-1] == "Đoạn cuối."


@pytest.mark.parametrize(
    ("runs", "expected_bold"),
    [
        ([("Kết quả ", False), ("đạt 100%", True), (" kế hoạch.", False)], ["đạt 100%"]),
        ([("Đầu ", True), ("giữa ", False), ("cuối", True)], ["Đầu", "cuối"]),
        ([("Không có chữ đậm nào.", False)], []),
        ([("Toàn bộ ", True), ("đậm", True)], ["Toàn bộ đậm"]),
    ],
)
def test_bold_spans_land_on_the_bold_text(
    tmp_path: Path, runs: list[tuple[str, bool]], expected_bold: list[str]
) -> None:
    d = docx.Document()
    d.add_paragraph("Mở đầu.")
    p = d.add_paragraph()
    for text, bold in runs:
        p.add_run(text).bold = bold
    d.save(str(tmp_path / "bold.docx"))
    doc = read(tmp_path / "bold.docx")
    block = doc.body_blocks()[1]
    assert [doc.text[s.start : s.end] for s in block.bold] == expected_bold


@pytest.mark.parametrize(
    ("paragraph_xml", "expected_bold"),
    [
        (para(run("Chữ "), '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>mạnh</w:t></w:r>'), ["mạnh"]),
        (para(run("Cả đoạn đậm theo kiểu"), style="BoldPara"), ["Cả đoạn đậm theo kiểu"]),
        (para(run("Đậm "), run("tắt", extra='<w:b w:val="0"/>'), style="BoldPara"), ["Đậm"]),
        (para(run("Thường "), run("đậm", extra='<w:b w:val="true"/>')), ["đậm"]),
    ],
)
def test_bold_from_styles_and_toggles(tmp_path: Path, paragraph_xml: str, expected_bold: list[str]) -> None:
    styles = (
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="BoldBase"><w:name w:val="Bold base"/><w:rPr><w:b/></w:rPr>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="BoldPara"><w:name w:val="Bold para"/>'
        '<w:basedOn w:val="BoldBase"/></w:style>'
    )
    doc = read(raw_docx(tmp_path / "styles.docx", paragraph_xml, styles=styles))
    block = doc.body_blocks()[0]
    assert [doc.text[s.start : s.end] for s in block.bold] == expected_bold


@pytest.mark.parametrize("break_kind", [None, WD_BREAK.LINE])
def test_line_breaks_are_newlines(tmp_path: Path, break_kind: WD_BREAK | None) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    first = p.add_run("Nơi nhận:")
    first.add_break() if break_kind is None else first.add_break(break_kind)
    p.add_run("- Như trên;")
    p.add_run().add_break()
    p.add_run("- Lưu: VT.")
    d.save(str(tmp_path / "breaks.docx"))
    assert body_texts(read(tmp_path / "breaks.docx")) == ["Nơi nhận:\n- Như trên;\n- Lưu: VT."]


@pytest.mark.parametrize("level", [1, 2, 3])
def test_heading_style_gives_heading_with_level(tmp_path: Path, level: int) -> None:
    d = docx.Document()
    d.add_heading("Đánh giá chung về kết quả thực hiện", level)
    d.add_paragraph("Nội dung.")
    d.save(str(tmp_path / "heading.docx"))
    heading, paragraph = read(tmp_path / "heading.docx").body_blocks()
    assert (heading.kind, heading.level) == (BlockKind.HEADING, level)
    assert paragraph.kind is BlockKind.PARAGRAPH


@pytest.mark.parametrize(
    ("paragraph_xml", "expected"),
    [
        (
            para(run("Xem "), f'<w:hyperlink r:id="rX">{run("cổng dịch vụ công")}</w:hyperlink>', run(".")),
            "Xem cổng dịch vụ công.",
        ),
        (
            para(run("Đã "), f'<w:ins w:id="1" w:author="a">{run("sửa")}</w:ins>', run(" xong.")),
            "Đã sửa xong.",
        ),
        (
            para(
                run("Đã "),
                '<w:del w:id="2" w:author="a"><w:r><w:delText>xóa </w:delText></w:r></w:del>',
                run("xong."),
            ),
            "Đã xong.",
        ),
        (
            para(run("Ngày "), f"<w:smartTag w:uri='u' w:element='date'>{run('01/01/2024')}</w:smartTag>"),
            "Ngày 01/01/2024",
        ),
        (
            para(
                run("Trang "),
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + run("3")
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            ),
            "Trang 3",
        ),
        (para(run("Hiện "), run("ẩn ", extra="<w:vanish/>"), run("rõ")), "Hiện rõ"),
        (
            para(
                run("Giữ "),
                '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>chuyển đi </w:t></w:r></w:moveFrom>',
                run("lại"),
            ),
            "Giữ lại",
        ),
        (
            para(
                '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr>'
                f"<w:sdtContent>{run('trong điều khiển')}</w:sdtContent></w:sdt>"
            ),
            "trong điều khiển",
        ),
        (
            f"<w:sdt><w:sdtPr/><w:sdtContent>{para(run('Đoạn trong khối sdt'))}</w:sdtContent></w:sdt>",
            "Đoạn trong khối sdt",
        ),
        (para(run("A"), "<w:r><w:tab/></w:r>", run("B"), "<w:r><w:noBreakHyphen/></w:r>", run("C")), "A B-C"),
    ],
)
def test_inline_containers_and_skipped_text(tmp_path: Path, paragraph_xml: str, expected: str) -> None:
    doc = read(raw_docx(tmp_path / "inline.docx", paragraph_xml))
    assert body_texts(doc) == [expected]


def test_text_box_is_read_once_after_its_paragraph(tmp_path: Path) -> None:
    box = f"<w:txbxContent>{para(run('Trong hộp văn bản'))}</w:txbxContent>"
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent>"
    )
    body = para(run("Neo "), f"<w:r>{alternate}</w:r>", run("hộp.")) + para(run("Sau."))
    doc = read(raw_docx(tmp_path / "box.docx", body))
    assert body_texts(doc) == ["Neo hộp.", "Trong hộp văn bản", "Sau."]


# --- tables ----------------------------------------------------------------------------------------------


def merged_python_docx(path: Path) -> Path:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}" if (r, c) not in {(0, 1), (2, 0)} else ""
    t.cell(0, 0).merge(t.cell(0, 1))  # horizontal
    t.cell(1, 0).merge(t.cell(2, 0))  # vertical
    d.save(str(path))
    return path


def merged_raw(path: Path) -> Path:
    rows = (
        cell("00", '<w:gridSpan w:val="2"/>') + cell("02"),
        cell("10", '<w:vMerge w:val="restart"/>') + cell("11") + cell("12"),
        cell("", "<w:vMerge/>") + cell("21") + cell("22"),
    )
    return raw_docx(path, table(*rows))


def merged_raw_legacy_hmerge(path: Path) -> Path:
    rows = (
        cell("00", '<w:hMerge w:val="restart"/>') + cell("", "<w:hMerge/>") + cell("02"),
        cell("10", '<w:vMerge w:val="restart"/>') + cell("11") + cell("12"),
        cell("", '<w:vMerge w:val="continue"/>') + cell("21") + cell("22"),
    )
    return raw_docx(path, table(*rows))


@pytest.mark.parametrize("build", [merged_python_docx, merged_raw, merged_raw_legacy_hmerge])
def test_merged_cells_appear_once_with_spans(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    doc = read(build(tmp_path / "merged.docx"))
    (block,) = doc.body_blocks()
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in block.cells}
    assert spans == {
        (0, 0): (1, 2, "00"),
        (0, 2): (1, 1, "02"),
        (1, 0): (2, 1, "10"),
        (1, 1): (1, 1, "11"),
        (1, 2): (1, 1, "12"),
        (2, 1): (1, 1, "21"),
        (2, 2): (1, 1, "22"),
    }
    assert (block.n_rows, block.n_cols) == (3, 3)
    assert block.text.count("00") == 1
    assert block.text.count("10") == 1


def nested_python_docx(path: Path) -> Path:
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Chỉ tiêu"
    outer = t.cell(0, 1)
    outer.text = "Chi tiết:"
    inner = outer.add_table(rows=2, cols=2)
    for r, c, text in ((0, 0, "Quý I"), (0, 1, "12"), (1, 0, "Quý II"), (1, 1, "15")):
        inner.cell(r, c).text = text
    d.save(str(path))
    return path


def nested_raw(path: Path) -> Path:
    inner = table(cell("Quý I") + cell("12"), cell("Quý II") + cell("15"), cols=2)
    outer_cell = f"<w:tc>{para(run('Chi tiết:'))}{inner}<w:p/></w:tc>"
    return raw_docx(path, table(cell("Chỉ tiêu") + outer_cell, cols=2))


@pytest.mark.parametrize("build", [nested_python_docx, nested_raw])
def test_nested_table_text_is_in_its_parent_cell(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    doc = read(build(tmp_path / "nested.docx"))
    (block,) = doc.body_blocks()
    first, second = block.cells
    assert (first.text, first.nested_tables) == ("Chỉ tiêu", 0)
    assert second.nested_tables == 1
    assert second.text == "Chi tiết:\nQuý I | 12\nQuý II | 15"


def test_doubly_nested_tables_are_counted(tmp_path: Path) -> None:
    deepest = table(cell("sâu nhất"), cols=1)
    middle = table(f"<w:tc>{para(run('giữa'))}{deepest}<w:p/></w:tc>", cols=1)
    body = table(f"<w:tc>{para(run('ngoài'))}{middle}<w:p/></w:tc>", cols=1)
    (block,) = read(raw_docx(tmp_path / "deep.docx", body)).body_blocks()
    (only,) = block.cells
    assert only.nested_tables == 2
    assert only.text == "ngoài\ngiữa sâu nhất"


# --- footnotes, headers, numbering --------------------------------------------------------------------


def test_footnotes_become_blocks_numbered_in_reference_order(tmp_path: Path) -> None:
    doc = read(footnote_docx(tmp_path / "notes.docx"))
    notes = doc.footnotes()
    assert [(n.marker, n.text) for n in notes] == [
        ("1", "Theo Quyết định số 12/QĐ-UBND."),
        ("2", "Chỉ tính hồ sơ trực tuyến."),
        ("3", "Dòng một của chú thích.\nDòng hai."),
        ("*", "Chú thích có dấu riêng."),
    ]
    body = " ".join(b.text for b in doc.body_blocks())
    for note in notes:
        assert note.text.split("\n")[0] not in body
    assert "*" not in body
    assert [b.kind for b in doc.blocks[-len(notes) :]] == [BlockKind.FOOTNOTE] * len(notes)


def test_footnote_refs_sit_right_after_their_word(tmp_path: Path) -> None:
    doc = read(footnote_docx(tmp_path / "notes.docx"))
    first, second, _ = doc.body_blocks()
    assert first.text == "Tỉnh đã ban hành kế hoạch và tổ chức thực hiện."
    assert second.text == "Giải quyết 120 hồ sơ; đạt 98%."
    refs = [ref for block in (first, second) for ref in block.footnote_refs]
    assert [ref.marker for ref in refs] == ["1", "2", "3"]
    for ref, word, following in zip(refs, ["kế hoạch", "hồ sơ", "98%"], [" ", ";", "."], strict=True):
        assert doc.text[ref.offset - len(word) : ref.offset] == word
        assert doc.text[ref.offset] == following


def test_endnotes_become_note_blocks_after_footnotes(tmp_path: Path) -> None:
    body = para(
        run("Số liệu"),
        note_ref(1),
        run(" và kết luận"),
        '<w:r><w:endnoteReference w:id="4"/></w:r>',
        run("."),
    )
    endnotes = {4: para("<w:r><w:endnoteRef/></w:r>", run(" Nguồn: Sở Nội vụ."))}
    footnotes = {1: para("<w:r><w:footnoteRef/></w:r>", run(" Số liệu sơ bộ."))}
    doc = read(raw_docx(tmp_path / "endnotes.docx", body, footnotes=footnotes, endnotes=endnotes))
    (block,) = doc.body_blocks()
    assert block.text == "Số liệu và kết luận."
    assert [(r.marker, doc.text[: r.offset].rsplit(" ", 1)[-1]) for r in block.footnote_refs] == [
        ("1", "liệu"),
        ("i", "luận"),
    ]
    assert [(n.marker, n.text) for n in doc.footnotes()] == [
        ("1", "Số liệu sơ bộ."),
        ("i", "Nguồn: Sở Nội vụ."),
    ]


def word_like_footnotes_docx(path: Path) -> Path:
    """Footnotes as Word numbers them (ids ascending in reference order), with a header and a footer."""
    notes = {i: para("<w:r><w:footnoteRef/></w:r>", run(f" Chú thích số {i}.")) for i in (1, 2, 3)}
    body = (
        para(run("Kế hoạch", bold=True), note_ref(1), run(" được ban hành đúng hạn.")),
        table(
            cell("Chỉ tiêu") + cell("Kết quả"),
            cell("Hồ sơ trực tuyến") + f"<w:tc>{para(run('98%'), note_ref(2))}</w:tc>",
            cols=2,
        ),
        para(run("Kết luận"), note_ref(3), run(".")),
    )
    headers = [("header", "default", para(run("UBND TỈNH"))), ("footer", "default", para(run("Trang cuối")))]
    return raw_docx(path, "".join(body), footnotes=notes, headers=headers)


@pytest.mark.parametrize("which", ["default", "first", "even"])
def test_header_and_footer_text_never_in_body(tmp_path: Path, which: str) -> None:
    headers = [
        ("header", which, para(run("ỦY BAN NHÂN DÂN TỈNH"))),
        (
            "footer",
            which,
            para(run("Trang "), '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'),
        ),
    ]
    doc = read(raw_docx(tmp_path / "hf.docx", para(run("Nội dung báo cáo.")), headers=headers))
    assert body_texts(doc) == ["Nội dung báo cáo."]
    assert [b.text for b in blocks_of(doc, BlockKind.HEADER)] == ["ỦY BAN NHÂN DÂN TỈNH"]
    assert [b.text for b in blocks_of(doc, BlockKind.FOOTER)] == ["Trang 7"]


def test_python_docx_header_footer_and_first_page_header(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Thân văn bản.")
    section = d.sections[0]
    section.header.paragraphs[0].text = "Đầu trang chung"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Đầu trang đầu tiên"
    section.footer.paragraphs[0].text = "Chân trang"
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Đầu trang chung"  # same text in a second part: deduplicated
    d.save(str(tmp_path / "sections.docx"))
    doc = read(tmp_path / "sections.docx")
    assert body_texts(doc) == ["Thân văn bản."]
    assert sorted(b.text for b in blocks_of(doc, BlockKind.HEADER)) == [
        "Đầu trang chung",
        "Đầu trang đầu tiên",
    ]
    assert [b.text for b in blocks_of(doc, BlockKind.FOOTER)] == ["Chân trang"]


def test_word_numbering_is_kept_as_text(tmp_path: Path) -> None:
    doc = read(numbering_docx(tmp_path / "numbers.docx"))
    assert body_texts(doc) == [expected for *_, expected in NUMBERED]
    kinds = {b.text: b.kind for b in doc.body_blocks()}
    assert kinds["- Cơ quan thực hiện: Sở Nội vụ"] is BlockKind.LIST_ITEM


def test_numbering_from_paragraph_style(tmp_path: Path) -> None:
    d = docx.Document()
    for text in ("Một", "Hai", "Ba"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Gạch đầu dòng", style="List Bullet")
    d.save(str(tmp_path / "list.docx"))
    assert body_texts(read(tmp_path / "list.docx")) == ["1. Một", "2. Hai", "3. Ba", "- Gạch đầu dòng"]


# --- invariants over every document built here -------------------------------------------------------------

BUILDERS: list[Callable[[Path], Path]] = [
    python_docx_report,
    footnote_docx,
    numbering_docx,
    merged_python_docx,
    merged_raw,
    merged_raw_legacy_hmerge,
    nested_python_docx,
    nested_raw,
]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_offsets_match_text_for_every_block_and_cell(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    path = build(tmp_path / "doc.docx")
    doc = read(path)
    assert doc.blocks
    assert_offsets(doc)
    assert doc.doc_id == hashlib.sha256(path.read_bytes()).hexdigest()
    body_end = max(b.end for b in doc.blocks if b.kind in BODY_KINDS)
    assert all(b.start > body_end for b in doc.blocks if b.kind not in BODY_KINDS)


def test_dispatch_reads_docx(tmp_path: Path) -> None:
    assert READERS[SourceFormat.DOCX] is docx_to_document
    assert READERS[SourceFormat.DOC] is READERS[SourceFormat.ODT] is legacy_to_document
    doc = read_document(python_docx_report(tmp_path / "report.docx"))
    assert doc.source.format is SourceFormat.DOCX
    assert "Đoạn giữa hai bảng." in body_texts(doc)


# --- bad input ---------------------------------------------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _truncated(path: Path) -> None:
    data = python_docx_report(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _no_document_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")


def _ole(path: Path, encrypted: bool) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = ("EncryptedPackage" if encrypted else "WordDocument").encode("utf-16-le")
    path.write_bytes(header + directory + bytes(4096))


def _entities(path: Path) -> None:
    lol = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(3, 10))
        + "]>"
    )
    body = f"{para(run('x'))}<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    document = f"{lol}<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)


def _external_entity(path: Path) -> None:
    document = (
        '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)


def _zip_bomb(path: Path) -> None:
    raw_docx(path, para(run("Nhỏ bé.")))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/pad.bin", "w") as out,
    ):
        chunk = bytes(1 << 20)
        for _ in range(60):  # 60 MB of zeros: ~1000:1
            out.write(chunk)


def _broken_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {NAMESPACES}><w:body><w:p>")


def _no_body_text(path: Path) -> None:
    picture = '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="x"/></a:graphic></wp:inline></w:drawing></w:r>'
    raw_docx(path, para(picture) + "<w:p/>", headers=[("header", "default", para(run("Chỉ có đầu trang")))])


BAD_INPUTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "random_bytes": (_random_bytes, "corrupt DOCX"),
    "truncated": (_truncated, "corrupt DOCX"),
    "no_document_xml": (_no_document_xml, "word/document.xml"),
    "ole_encrypted": (lambda p: _ole(p, encrypted=True), "encrypted or password-protected"),
    "ole_renamed_doc": (lambda p: _ole(p, encrypted=False), "encrypted or password-protected"),
    "billion_laughs": (_entities, "DOCTYPE"),
    "external_entity": (_external_entity, "DOCTYPE"),
    "zip_bomb_ratio": (_zip_bomb, "zip bomb"),
    "malformed_xml": (_broken_xml, "malformed XML"),
    "no_body_text": (_no_body_text, "no text in the body"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_raises_document_load_error_quickly(tmp_path: Path, case: str) -> None:
    build, reason = BAD_INPUTS[case]
    path = tmp_path / f"hỏng_{case}.docx"
    build(path)
    started = time.perf_counter()
    with pytest.raises(DocumentLoadError) as caught:
        docx_to_document(path, source_for(path))
    assert time.perf_counter() - started < 5
    assert path.name in str(caught.value)
    assert reason in caught.value.reason
    assert "\n" not in str(caught.value)


def test_zip_bomb_total_size_is_refused_before_decompressing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = raw_docx(tmp_path / "total.docx", para(run("x" * 5000)))
    monkeypatch.setattr(zip_safety, "MAX_TOTAL_UNCOMPRESSED", 2000)
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *_: pytest.fail("decompressed before checking"))
    with pytest.raises(DocumentLoadError, match=r"total\.docx.*possible zip bomb"):
        read(path)


# --- .odt and .doc through LibreOffice -------------------------------------------------------------------


def _rich_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024", 1)
    p = d.add_paragraph("Tỉnh đạt ")
    p.add_run("98,5%").bold = True
    p.add_run(" chỉ tiêu.")
    t = d.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            t.cell(r, c).text = f"ô {r}-{c}"
    t.cell(0, 0).merge(t.cell(0, 1))
    d.add_paragraph("Một", style="List Number")
    d.add_paragraph("Hai", style="List Number")
    d.add_paragraph("Kết thúc.")
    d.sections[0].header.paragraphs[0].text = "Đầu trang"
    d.save(str(path))
    return path


def _convert(docx_path: Path, fmt: str, tmp_path: Path) -> Path:
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path / fmt),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return tmp_path / fmt / f"{docx_path.stem}.{fmt}"


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize(("fmt", "source_format"), [("odt", SourceFormat.ODT), ("doc", SourceFormat.DOC)])
@pytest.mark.parametrize("build", [_rich_docx, word_like_footnotes_docx], ids=lambda b: b.__name__)
def test_legacy_formats_read_like_the_docx(
    tmp_path: Path, fmt: str, source_format: SourceFormat, build: Callable[[Path], Path]
) -> None:
    original = build(tmp_path / "kế_hoạch.docx")
    converted = _convert(original, fmt, tmp_path)
    source = source_for(converted, source_format)
    doc = legacy_to_document(converted, source)
    expected = read(original)

    def summary(d: Document) -> list[tuple[BlockKind, str, str | None, list[str], list[str]]]:
        return [
            (
                b.kind,
                b.text,
                b.marker,
                [d.text[s.start : s.end] for s in b.bold],
                [r.marker for r in b.footnote_refs],
            )
            for b in d.blocks
        ]

    assert summary(doc) == summary(expected)
    assert doc.source == source
    assert doc.doc_id == source.sha256
    assert_offsets(doc)


@pytest.mark.libreoffice
@needs_soffice
def test_legacy_conversion_failure_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "rác.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2048))
    with pytest.raises(DocumentLoadError, match=r"rác\.doc"):
        legacy_to_document(path, source_for(path, SourceFormat.DOC))


def test_legacy_without_libreoffice_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cũ.odt"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(MissingToolError, match="libreoffice-writer-nogui") as caught:
        legacy_to_document(path, source_for(path, SourceFormat.ODT))
    assert "cũ.odt" in str(caught.value)
