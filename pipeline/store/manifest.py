"""`<root>/_manifest.json`: the single commit point. It lists the live Parquet files of every table; a file
not listed is a leftover of an interrupted commit. Replacing it (write, fsync, rename, fsync the folder)
is atomic: readers see the previous manifest or the new one, never a mix.

A segment is the rows of a set of documents with one report year, one Parquet file per table. `dropped`
lists documents whose rows in the segment are dead (the document was replaced or its file changed);
readers skip them and `compact()` rewrites the segment without them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.store.errors import StoreError
from schemas.warehouse import WAREHOUSE_FORMAT, WAREHOUSE_VERSION

MANIFEST_NAME = "_manifest.json"


@dataclass(frozen=True)
class TableFile:
    path: str  # relative to the warehouse root, with '/'
    rows: int


@dataclass(frozen=True)
class Segment:
    id: str
    report_year: int | None
    files: Mapping[str, TableFile]  # table name → file; "documents" always present
    dropped: frozenset[str] = frozenset()

    @property
    def documents(self) -> int:
        return self.files["documents"].rows

    @property
    def live_documents(self) -> int:
        return self.documents - len(self.dropped)


@dataclass(frozen=True)
class Manifest:
    generation: int = 0
    segments: tuple[Segment, ...] = ()
    singles: Mapping[str, TableFile] = field(default_factory=dict)  # "files", "runs": one file each
    updated_at: str | None = None

    def live_paths(self) -> set[str]:
        paths = {f.path for f in self.singles.values()}
        paths.update(f.path for segment in self.segments for f in segment.files.values())
        return paths


def read_manifest(root: Path) -> Manifest | None:
    """The manifest, or None for a folder that has none yet."""
    path = root / MANIFEST_NAME
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise StoreError(root, f"không đọc được {MANIFEST_NAME} / cannot read {MANIFEST_NAME}: {error}") from None
    if payload.get("format") != WAREHOUSE_FORMAT or payload.get("version") != WAREHOUSE_VERSION:
        raise StoreError(
            root,
            f"{MANIFEST_NAME} không phải kho cchc phiên bản {WAREHOUSE_VERSION} / "
            f"not a cchc warehouse of version {WAREHOUSE_VERSION}",
        )
    return payload_to_manifest(payload)


def write_manifest(root: Path, manifest: Manifest) -> None:
    """Atomically replace the manifest: the moment of the rename is the commit."""
    text = json.dumps(manifest_to_payload(manifest), ensure_ascii=False, indent=1)
    write_text_atomic(root / MANIFEST_NAME, text)


def write_text_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    fsync_directory(path.parent)


def fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def manifest_to_payload(manifest: Manifest) -> dict[str, Any]:
    return {
        "format": WAREHOUSE_FORMAT,
        "version": WAREHOUSE_VERSION,
        "generation": manifest.generation,
        "updated_at": manifest.updated_at,
        "tables": {name: _file_payload(f) for name, f in sorted(manifest.singles.items())},
        "segments": [
            {
                "id": s.id,
                "report_year": s.report_year,
                "files": {name: _file_payload(f) for name, f in sorted(s.files.items())},
                "dropped": sorted(s.dropped),
            }
            for s in manifest.segments
        ],
    }


def payload_to_manifest(payload: Mapping[str, Any]) -> Manifest:
    segments = tuple(
        Segment(
            id=s["id"],
            report_year=s["report_year"],
            files={name: TableFile(f["path"], f["rows"]) for name, f in s["files"].items()},
            dropped=frozenset(s.get("dropped", ())),
        )
        for s in payload["segments"]
    )
    singles = {name: TableFile(f["path"], f["rows"]) for name, f in payload["tables"].items()}
    return Manifest(payload["generation"], segments, singles, payload.get("updated_at"))


def _file_payload(table_file: TableFile) -> dict[str, Any]:
    return {"path": table_file.path, "rows": table_file.rows}
