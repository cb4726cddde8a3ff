"""Write a variant text as .docx (python-docx) and many .docx as .pdf (one LibreOffice run).

The DOCX is built from what the project's text reader makes of the text (`text_to_drafts`), so it holds
what a person would have typed: paragraphs with bold runs and line breaks, real Word tables (Table Grid,
section rows merged across the table, one Word paragraph per `<p>` in a cell) and real footnotes in
`word/footnotes.xml` (plain text: bold inside a footnote is dropped). Core properties and ZIP timestamps
are fixed: equal text gives equal bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from pipeline.errors import PipelineError
from pipeline.read.assemble import DraftBlock
from pipeline.read.normalise import Mark, Run
from pipeline.read.text_reader import text_to_drafts
from schemas.document import BlockKind

ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED_TIME = datetime(2025, 1, 1)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
TEXT_STYLE, REFERENCE_STYLE = "footnotetext", "footnotereference"  # the style ids python-docx gives them
SOFFICE_TIMEOUT_S = 120
SOFFICE_TIMEOUT_PER_FILE_S = 5


class CorpusError(PipelineError):
    """The corpus could not be written or changed (output folder not empty, LibreOffice failed, …)."""


def text_to_docx(text: str, title: str) -> bytes:
    """The .docx bytes of a seed-shaped text: what the text reader finds in it, typed into Word."""
    drafts = text_to_drafts(text)
    notes = [d for d in drafts if d.kind is BlockKind.FOOTNOTE]
    note_ids: dict[str | None, int] = {}
    for note_id, note in enumerate(notes, start=1):
        note_ids.setdefault(note.marker, note_id)  # Word footnote ids 1, 2, … in the notes' order
    document = new_word_document(title, footnotes=bool(notes))
    body = document.styles["Body Text"].style_id  # 6 pt after each paragraph: a PDF shows where they end
    for draft in drafts:
        if draft.kind is BlockKind.TABLE:
            add_table(document, draft)
        elif draft.kind is not BlockKind.FOOTNOTE:
            paragraph = document.add_paragraph()
            paragraph._p.style = body  # by id: python-docx's style setter scans all styles per paragraph
            add_runs(paragraph, draft.pieces, note_ids)
    if notes:
        part = Part(
            PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, footnotes_xml(notes), document.part.package
        )
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return zip_members(package_members(document))


def new_word_document(title: str, *, footnotes: bool) -> WordDocument:
    """python-docx's template in Times New Roman 13 pt, with fixed core properties."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    if footnotes:
        add_footnote_styles(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "cchc-pipeline corpus", ""
    properties.created = properties.modified = FIXED_TIME
    return document


def add_footnote_styles(document: WordDocument) -> None:
    """Word's built-in footnote styles, which LibreOffice maps to its own: the mark superscript, the text 10 pt."""
    text = document.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = document.styles["Normal"]
    text.font.size = Pt(10)
    reference = document.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True


def add_runs(paragraph: Paragraph, pieces: Sequence[Run | Mark], note_ids: dict[str | None, int]) -> None:
    for piece in pieces:
        if isinstance(piece, Run):
            run = paragraph.add_run()  # w:t and w:br directly: python-docx's text setter goes char by char
            for number, line in enumerate(piece.text.split("\n")):
                if number:
                    run._r.add_br()
                if line:
                    run._r.add_t(line)
            if piece.bold:
                run.bold = True
        elif piece.marker in note_ids:
            run = paragraph.add_run()
            properties = run._r.get_or_add_rPr()
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), REFERENCE_STYLE)
            properties.append(style)
            reference = OxmlElement("w:footnoteReference")
            reference.set(qn("w:id"), str(note_ids[piece.marker]))
            run._r.append(reference)


def add_table(document: WordDocument, draft: DraftBlock) -> None:
    n_rows = max(cell.row for cell in draft.cells) + 1
    n_cols = max(cell.col + cell.col_span for cell in draft.cells)
    table = document.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    header = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):  # the header row in one piece, repeated on every page
        header.append(OxmlElement(tag))
    rows = [row.cells for row in table.rows]
    for cell in draft.cells:
        target = rows[cell.row][cell.col]
        if cell.col_span > 1:
            target = target.merge(rows[cell.row][cell.col + cell.col_span - 1])
        lines = (cell.raw_text if cell.text is None else cell.text).split("\n")
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)


def footnotes_xml(notes: Sequence[DraftBlock]) -> bytes:
    """The two separators Word expects, then each note: its mark, then its text, one paragraph per line."""
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:r><w:{kind}/></w:r></w:p></w:footnote>'
        for kind, note_id in (("separator", -1), ("continuationSeparator", 0))
    )
    bodies = []
    for note_id, note in enumerate(notes, start=1):
        text = "".join(piece.text for piece in note.pieces if isinstance(piece, Run))
        lines = [f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in text.split("\n")]
        mark = f'<w:r><w:rPr><w:rStyle w:val="{REFERENCE_STYLE}"/></w:rPr><w:footnoteRef/></w:r>'
        mark += '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
        style = f'<w:pPr><w:pStyle w:val="{TEXT_STYLE}"/></w:pPr>'
        paragraphs = "".join(f"<w:p>{style}{mark if i == 0 else ''}{line}</w:p>" for i, line in enumerate(lines))
        bodies.append(f'<w:footnote w:id="{note_id}">{paragraphs}</w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
    return f"{xml}{separators}{''.join(bodies)}</w:footnotes>".encode()


def package_members(document: WordDocument) -> dict[str, bytes]:
    """What `document.save()` would zip, by member name: content types, package rels, parts and their rels.
    Zipped here once, with fixed timestamps (python-docx stamps the time of saving)."""
    package = document.part.package
    parts = list(package.iter_parts())
    overrides = "".join(f'<Override PartName="{part.partname}" ContentType="{part.content_type}"/>' for part in parts)
    content_types = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT_NS}">'
        f'<Default Extension="rels" ContentType="{CONTENT_TYPE.OPC_RELATIONSHIPS}"/>'
        f'<Default Extension="xml" ContentType="{CONTENT_TYPE.XML}"/>{overrides}</Types>'
    )
    members = {"[Content_Types].xml": content_types.encode(), "_rels/.rels": package.rels.xml}
    for part in parts:
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    return members


def docx_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info.filename) for info in package.infolist()}


def zip_members(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, content)
    return out.getvalue()


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(jobs: Sequence[tuple[bytes, Path]], soffice: str) -> None:
    """Write each (docx bytes, target .pdf) pair, converting all of them in ONE LibreOffice run."""
    if not jobs:
        return
    with tempfile.TemporaryDirectory(prefix="cchc-corpus-") as work:
        sources = []
        for data, target in jobs:
            source = Path(work) / f"{target.stem}.docx"
            source.write_bytes(data)
            sources.append(source)
        command = [
            soffice, f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", "pdf", "--outdir", str(Path(work) / "pdf"), *map(str, sources),
        ]  # fmt: skip
        timeout = SOFFICE_TIMEOUT_S + SOFFICE_TIMEOUT_PER_FILE_S * len(jobs)
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice starts helpers: end its whole process group
            process.communicate()
            raise CorpusError(f"LibreOffice did not convert {len(jobs)} files within {timeout} s") from None
        for _, target in jobs:
            pdf = Path(work) / "pdf" / f"{target.stem}.pdf"
            if not pdf.exists():
                detail = " ".join((stderr or stdout).decode("utf-8", "replace").split())[-300:]
                raise CorpusError(
                    f"LibreOffice did not convert {target.stem}.docx (exit {process.returncode}): {detail}"
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(pdf, target)
