"""The parts of a DOCX package the reader uses, found through the package relationships."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import DocumentLoadError
from pipeline.read.docx_styles import W
from pipeline.read.zip_safety import SafeZip
from schemas.document import BlockKind

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
DEFAULT_MAIN = "word/document.xml"
NOTE_SKIP_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
HEADER_REFS = {W + "headerReference": BlockKind.HEADER, W + "footerReference": BlockKind.FOOTER}


@dataclass
class DocxParts:
    body: Any
    styles: Any | None = None
    numbering: Any | None = None
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)  # "footnote"/"endnote" -> id -> element
    headers: list[tuple[BlockKind, Any]] = field(default_factory=list)  # in section order, each part once


def load_parts(package: SafeZip) -> DocxParts:
    main = _main_part(package)
    document = package.xml(main)
    if document.tag.startswith(STRICT_W):
        raise DocumentLoadError(
            package.path,
            "định dạng Strict Open XML chưa được hỗ trợ "
            "(Strict Open XML DOCX is not supported: save it as a normal .docx)",
        )
    body = document.find(W + "body")
    if body is None:
        raise DocumentLoadError(package.path, f"{main} không có phần thân (no w:body: not a Word document)")
    rels = _relationships(package, main)
    parts = DocxParts(body=body)
    parts.styles = _optional(package, _target(rels, "styles", "word/styles.xml"))
    parts.numbering = _optional(package, _target(rels, "numbering", "word/numbering.xml"))
    for kind in ("footnote", "endnote"):
        root = _optional(package, _target(rels, kind + "s", f"word/{kind}s.xml"))
        parts.notes[kind] = _notes(root, kind)
    parts.headers = _headers(package, body, rels)
    return parts


def _main_part(package: SafeZip) -> str:
    main = DEFAULT_MAIN
    if "_rels/.rels" in package.names:
        for rel in package.xml("_rels/.rels").iter(PACKAGE_RELS):
            if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
                main = rel.get("Target", DEFAULT_MAIN).lstrip("/")
                break
    if main not in package.names:
        raise DocumentLoadError(
            package.path, f"thiếu {main}: không phải tệp Word (no {main} in the ZIP: not a Word document)"
        )
    return main


def _relationships(package: SafeZip, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type's last segment, part name) for the part's internal relationships."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package.names:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for rel in package.xml(rels_name).iter(PACKAGE_RELS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
    return out


def _target(rels: dict[str, tuple[str, str]], kind: str, default: str) -> str | None:
    if not rels:
        return default
    return next((name for rel_kind, name in rels.values() if rel_kind == kind), None)


def _optional(package: SafeZip, name: str | None) -> Any | None:
    return package.xml(name) if name is not None and name in package.names else None


def _notes(root: Any | None, kind: str) -> dict[str, Any]:
    if root is None:
        return {}
    return {
        note.get(W + "id", ""): note
        for note in root.iterfind(W + kind)
        if note.get(W + "type", "normal") not in NOTE_SKIP_TYPES
    }


def _headers(package: SafeZip, body: Any, rels: dict[str, tuple[str, str]]) -> list[tuple[BlockKind, Any]]:
    """Every header and footer part that some section uses (default, first, even), once each."""
    seen: set[str] = set()
    out: list[tuple[BlockKind, Any]] = []
    for section in body.iter(W + "sectPr"):
        for reference in section:
            kind = HEADER_REFS.get(reference.tag)
            rel = rels.get(reference.get(R + "id", ""))
            if kind is None or rel is None or rel[1] in seen:
                continue
            seen.add(rel[1])
            root = _optional(package, rel[1])
            if root is not None:
                out.append((kind, root))
    return out
