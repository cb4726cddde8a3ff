"""DOCX files (and .doc/.odt through LibreOffice) into a `Document`.

The package is checked first (`zip_safety`: not a ZIP, encrypted, zip bomb, DTDs), then the parts are
walked once with lxml (`docx_blocks`): body paragraphs and tables in order, then footnotes/endnotes in
the order the body refers to them, then every section's headers and footers, each once.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import DocumentLoadError, MissingToolError
from pipeline.read.assemble import DraftBlock, drafts_to_document
from pipeline.read.docx_blocks import BlockWalker, NoteNumbers, flatten
from pipeline.read.docx_numbering import Numbering
from pipeline.read.docx_package import DocxParts, load_parts
from pipeline.read.docx_styles import Styles
from pipeline.read.normalise import Mark, Run
from pipeline.read.zip_safety import open_package
from schemas.document import BlockKind, Document, SourceFile, SourceFormat

CONVERT_TIMEOUT_S = 120
IMPORT_FILTERS = {
    SourceFormat.DOC: ("MS Word 97", "MS Word 95", "MS WinWord 6.0"),
    SourceFormat.ODT: ("writer8",),
}
LIBREOFFICE_MISSING = (
    "cần LibreOffice để đọc .doc/.odt: apt-get install libreoffice-writer-nogui "
    "(LibreOffice is needed to read .doc/.odt files)"
)


def docx_to_document(path: Path, source: SourceFile) -> Document:
    drafts, warnings = read_docx_drafts(path)
    return _with_body(path, drafts_to_document(source, drafts, warnings))


def _with_body(path: Path, document: Document) -> Document:
    """A document without body text is refused, as the text and PDF readers refuse theirs."""
    if not document.body_blocks():
        raise DocumentLoadError(
            path, "tệp không có nội dung chữ, có thể chỉ có ảnh scan (no text in the body: images only?)"
        )
    return document


def read_docx_drafts(path: Path) -> tuple[list[DraftBlock], list[str]]:
    """The draft blocks of a DOCX file: body, then notes, then headers and footers; and warnings."""
    with open_package(path) as package:
        parts = load_parts(package)
    styles = Styles(parts.styles)
    walker = BlockWalker(styles, Numbering(parts.numbering, styles.numbering_styles), NoteNumbers())
    warnings: list[str] = []
    drafts = walker.blocks(parts.body)
    drafts.extend(_note_drafts(walker, parts, warnings))
    drafts.extend(_header_drafts(walker, parts))
    if parts.body.find(".//{*}altChunk") is not None:
        warnings.append("Có nội dung nhúng (altChunk) chưa được đọc (embedded altChunk content was not read)")
    return drafts, warnings


def _note_drafts(walker: BlockWalker, parts: DocxParts, warnings: list[str]) -> list[DraftBlock]:
    """One footnote block per referenced note, in reference order; the note's own mark is not text."""
    drafts: list[DraftBlock] = []
    position = 0
    while position < len(walker.notes.order):  # a note may refer to another note: it joins the queue
        kind, note_id, marker = walker.notes.order[position]
        position += 1
        note = parts.notes.get(kind, {}).get(note_id)
        if note is None:
            warnings.append(f"Thiếu chú thích {marker} (footnote {marker} is referenced but missing)")
            continue
        pieces = flatten(walker.blocks(note))
        if (kind, note_id) in walker.notes.custom:
            pieces = _without_leading(pieces, marker)
        drafts.append(DraftBlock(pieces=pieces, kind=BlockKind.FOOTNOTE, marker=marker))
    return drafts


def _without_leading(pieces: list[Run | Mark], marker: str) -> list[Run | Mark]:
    """A custom-mark note repeats its mark ("*") as text at its start: that is not note text."""
    for index, piece in enumerate(pieces):
        if isinstance(piece, Mark) or not piece.text.strip():
            continue
        if piece.text.lstrip().startswith(marker):
            rest = piece.text.lstrip()[len(marker) :]
            return [*pieces[:index], Run(rest, piece.bold), *pieces[index + 1 :]]
        break
    return pieces


def _header_drafts(walker: BlockWalker, parts: DocxParts) -> list[DraftBlock]:
    """One block per header/footer part, deduplicated by text (first pages often repeat the default)."""
    seen: set[tuple[BlockKind, str]] = set()
    drafts: list[DraftBlock] = []
    for kind, root in parts.headers:
        pieces = flatten(walker.blocks(root))
        key = (kind, " ".join("".join(p.text for p in pieces if isinstance(p, Run)).split()))
        if not key[1] or key in seen:
            continue
        seen.add(key)
        drafts.append(DraftBlock(pieces=pieces, kind=kind))
    return drafts


# --- .doc / .odt through LibreOffice --------------------------------------------------------------


def legacy_to_document(path: Path, source: SourceFile) -> Document:
    """Convert a .doc/.odt file to DOCX with LibreOffice, then read it; `source` stays the original.

    The import filter is named: left to guess, LibreOffice opens a damaged file as plain text and
    "converts" binary noise."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise MissingToolError(path, LIBREOFFICE_MISSING)
    filters = IMPORT_FILTERS.get(source.format, IMPORT_FILTERS[SourceFormat.DOC])
    with tempfile.TemporaryDirectory(prefix="cchc-convert-") as tmp:
        converted = None
        for import_filter in filters:  # Word 97-2003 first; Word 6/95 files need their own filter
            converted = _convert_to_docx(soffice, import_filter, path, Path(tmp))
            if converted is not None:
                break
        if converted is None:
            raise DocumentLoadError(
                path, f"LibreOffice không mở được tệp (LibreOffice cannot open it as {source.format.value})"
            )
        try:
            drafts, warnings = read_docx_drafts(converted)
        except DocumentLoadError as error:
            raise DocumentLoadError(path, f"sau khi chuyển đổi bằng LibreOffice: {error.reason}") from error
    return _with_body(path, drafts_to_document(source, drafts, warnings))


def _convert_to_docx(soffice: str, import_filter: str, path: Path, tmp: Path) -> Path | None:
    """The converted file, or None when LibreOffice could not load `path` with that filter."""
    outdir = tmp / "out"
    command = [
        soffice,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"--infilter={import_filter}",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(path.resolve()),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts helpers: end its whole process group
        process.communicate()
        raise DocumentLoadError(
            path, f"LibreOffice chuyển đổi quá {CONVERT_TIMEOUT_S} giây (conversion timed out)"
        ) from None
    converted = outdir / (path.stem + ".docx")
    if converted.is_file():
        return converted
    if process.returncode != 0:
        detail = " ".join(stderr.decode("utf-8", "replace").split())[-200:]
        raise DocumentLoadError(path, f"LibreOffice lỗi (LibreOffice failed: {detail or process.returncode})")
    return None
