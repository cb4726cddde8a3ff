"""What a file is, before anyone parses it: hash, size, and a format that its bytes confirm."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import DocumentLoadError, UnsupportedFormatError
from schemas.document import SUFFIX_FORMATS, SourceFile, SourceFormat

MAX_FILE_BYTES = 200 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"


def describe_source(path: Path) -> SourceFile:
    """Hash and classify `path`; raise `DocumentLoadError` for a file no reader should open."""
    if not path.exists():
        raise DocumentLoadError(path, "không tìm thấy tệp (file not found)")
    if not path.is_file():
        raise DocumentLoadError(path, "không phải là tệp (not a regular file)")
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise UnsupportedFormatError(
            path,
            f"định dạng '{path.suffix or '(none)'}' không được hỗ trợ (unsupported file type; known: {known})",
        )
    size = path.stat().st_size
    if size == 0:
        raise DocumentLoadError(path, "tệp rỗng (empty file)")
    if size > MAX_FILE_BYTES:
        raise DocumentLoadError(
            path, f"tệp quá lớn: {size / 2**20:.0f} MB > {MAX_FILE_BYTES // 2**20} MB (file too large)"
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(8)
        digest.update(head)
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    _check_magic(path, fmt, head)
    return SourceFile(path=str(path), filename=path.name, sha256=digest.hexdigest(), format=fmt, size_bytes=size)


def _check_magic(path: Path, fmt: SourceFormat, head: bytes) -> None:
    """Refuse a file whose bytes say it is something other than its extension says."""
    expected = {
        SourceFormat.DOCX: (ZIP_MAGIC, "DOCX (ZIP)"),
        SourceFormat.ODT: (ZIP_MAGIC, "ODT (ZIP)"),
        SourceFormat.PDF: (PDF_MAGIC, "PDF"),
        SourceFormat.DOC: (OLE_MAGIC, "Word 97-2003 (OLE)"),
    }.get(fmt)
    if expected is None:
        if head.startswith((ZIP_MAGIC, PDF_MAGIC, OLE_MAGIC)):
            raise UnsupportedFormatError(
                path,
                "tệp văn bản nhưng nội dung là tệp nhị phân (text extension, binary content: mislabelled file)",
            )
        return
    magic, name = expected
    if not head.startswith(magic):
        actual = _sniff(head)
        raise UnsupportedFormatError(
            path,
            f"phần mở rộng là {fmt.value} nhưng nội dung {actual} (extension says {name}, content {actual})",
        )


def _sniff(head: bytes) -> str:
    if head.startswith(PDF_MAGIC):
        return "là PDF / is PDF"
    if head.startswith(ZIP_MAGIC):
        return "là ZIP / is ZIP"
    if head.startswith(OLE_MAGIC):
        return "là Word 97-2003 / is Word 97-2003"
    return "không nhận ra / is not recognised"
