"""The `files` table in memory: which document each file held when it was last read, and whether a run
still finds it. Small (one row per file), so it is kept whole and rewritten whole at each commit."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import pyarrow as pa

from pipeline.store.rows import row_key
from schemas.warehouse import stored_schema


@dataclass(frozen=True, slots=True)
class FileStat:
    size_bytes: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class FileState:
    path: str
    doc_id: str
    size_bytes: int
    mtime_ns: int
    present: bool
    first_seen_run: str | None
    last_seen_run: str | None

    def matches(self, stat: FileStat) -> bool:
        """Same size and modification time as when the file was read: skip it as unchanged."""
        return self.size_bytes == stat.size_bytes and self.mtime_ns == stat.mtime_ns


def file_key(path: Path | str) -> str:
    """The key of a file in the warehouse: its absolute path, symlinks resolved."""
    return str(Path(path).resolve())


def stat_file(path: Path | str) -> FileStat:
    result = os.stat(path)
    return FileStat(result.st_size, result.st_mtime_ns)


def is_under(path: str, roots: Iterable[str]) -> bool:
    """True if `path` is one of `roots` or inside one (all absolute, as from `file_key`)."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def file_states_to_table(states: Iterable[FileState]) -> pa.Table:
    ordered = sorted(states, key=lambda s: s.path)
    columns = {
        "row_key": [row_key("files", s.path) for s in ordered],
        "path": [s.path for s in ordered],
        "doc_id": [s.doc_id for s in ordered],
        "size_bytes": [s.size_bytes for s in ordered],
        "mtime_ns": [s.mtime_ns for s in ordered],
        "present": [s.present for s in ordered],
        "first_seen_run": [s.first_seen_run for s in ordered],
        "last_seen_run": [s.last_seen_run for s in ordered],
    }
    return pa.table(columns, schema=stored_schema("files"))


def table_to_file_states(table: pa.Table) -> dict[str, FileState]:
    columns = [table[f.name].to_pylist() for f in fields(FileState)]
    return {values[0]: FileState(*values) for values in zip(*columns, strict=True)}


def paths_by_document(states: Mapping[str, FileState]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for state in states.values():
        index.setdefault(state.doc_id, set()).add(state.path)
    return index
