"""Opening an Office ZIP package (DOCX) without trusting it.

Everything is checked before anything is decompressed: that the file is a ZIP at all (an encrypted
Office file is an OLE file, not a ZIP), that its directory does not promise a zip bomb (total
uncompressed size, absurd compression ratios, too many members). XML parts are refused when they carry
a DOCTYPE or entity declarations (billion laughs, external entities) and are parsed without entity
expansion or network access. Every failure is a `DocumentLoadError` with a one-line reason.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from types import TracebackType
from typing import Any

from lxml import etree

from pipeline.errors import DocumentLoadError

MAX_TOTAL_UNCOMPRESSED = 500 * 2**20  # sum of the directory's uncompressed sizes
MAX_RATIO = 200  # a member may not expand more than this …
RATIO_FLOOR = 50 * 2**20  # … once it is bigger than this
MAX_MEMBERS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # the OLE stream of an encrypted OOXML file
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


def corrupt(path: Path, detail: object) -> DocumentLoadError:
    return DocumentLoadError(path, f"tệp DOCX hỏng (corrupt DOCX: {_one_line(detail)})")


def _one_line(detail: object) -> str:
    return " ".join(str(detail).split())[:200] or type(detail).__name__


class SafeZip:
    """A checked ZIP package: `read` and `xml` give its members, refusing what could hurt."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self._archive = archive
        self.names = frozenset(archive.namelist())
        self._parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
        )

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._archive.close()

    def read(self, name: str) -> bytes:
        try:
            return self._archive.read(name)
        except RuntimeError as error:  # zipfile: "File … is encrypted, password required"
            raise DocumentLoadError(
                self.path, "tệp được mã hóa/bảo vệ bằng mật khẩu (encrypted or password-protected)"
            ) from error
        except READ_ERRORS as error:
            raise corrupt(self.path, f"{name}: {error}") from error

    def xml(self, name: str) -> Any:
        """The parsed root element of an XML member; DTDs and entity declarations are refused."""
        data = self.read(name)
        if any(marker in data for marker in DTD_MARKERS):
            raise DocumentLoadError(
                self.path,
                f"{name} khai báo DOCTYPE/ENTITY, bị từ chối (XML with a DOCTYPE or entity declarations is refused)",
            )
        try:
            root = etree.fromstring(data, parser=self._parser)
        except etree.XMLSyntaxError as error:
            raise DocumentLoadError(
                self.path, f"XML hỏng trong {name} (malformed XML in {name}: {_one_line(error)})"
            ) from error
        if root is None or root.getroottree().docinfo.doctype:
            raise DocumentLoadError(self.path, f"XML rỗng hoặc có DOCTYPE: {name} (empty XML or a DOCTYPE)")
        return root


def open_package(path: Path) -> SafeZip:
    """Open `path` as a ZIP after checking its first bytes and its directory."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except OSError as error:
        raise DocumentLoadError(path, f"không đọc được tệp (cannot read file: {_one_line(error)})") from error
    if head.startswith(OLE_MAGIC):
        raise DocumentLoadError(path, _ole_reason(head))
    try:
        archive = zipfile.ZipFile(path)
    except READ_ERRORS as error:
        raise corrupt(path, error) from error
    try:
        check_directory(path, archive.infolist())
    except DocumentLoadError:
        archive.close()
        raise
    return SafeZip(path, archive)


def _ole_reason(head: bytes) -> str:
    if ENCRYPTED_STREAM in head:
        return "tệp được mã hóa/bảo vệ bằng mật khẩu (encrypted or password-protected)"
    return (
        "tệp OLE, không phải DOCX: tệp được mã hóa/bảo vệ bằng mật khẩu hoặc tệp .doc đổi tên "
        "(an OLE file, not a DOCX: encrypted or password-protected, or a renamed .doc)"
    )


def check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from its directory alone, before decompressing anything."""
    if len(infos) > MAX_MEMBERS:
        raise DocumentLoadError(path, f"tệp ZIP có quá nhiều mục (too many ZIP members: {len(infos)})")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise DocumentLoadError(
            path,
            f"giải nén quá lớn: {total / 2**20:.0f} MB > {MAX_TOTAL_UNCOMPRESSED // 2**20} MB "
            "(uncompressed size too large: possible zip bomb)",
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentLoadError(
                path,
                f"tỉ lệ nén bất thường ở {info.filename} (absurd compression ratio "
                f"{info.file_size // max(info.compress_size, 1)}:1: possible zip bomb)",
            )
