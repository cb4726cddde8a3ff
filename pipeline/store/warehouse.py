"""The embedded warehouse: Parquet segments listed by a manifest, and a DuckDB file derived from them.

One writer at a time holds `<root>/.lock`. Every change (a commit, marking files absent, recording a run,
compaction) writes new files first and then replaces the manifest, the single commit point; files the
new manifest no longer lists are removed afterwards, and anything an interrupted change left behind is
removed by the next `Warehouse.open`. So a crash or kill at any moment leaves the previous state or the
new one, never half a document.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.store.compaction import SEGMENT_DOCUMENTS, compact_segments
from pipeline.store.database import (
    DATABASE_NAME,
    build_database,
    database_generation,
    remove_temporary_database,
)
from pipeline.store.errors import StoreError
from pipeline.store.file_index import (
    FileStat,
    FileState,
    file_key,
    file_states_to_table,
    is_under,
    paths_by_document,
    stat_file,
    table_to_file_states,
)
from pipeline.store.fingerprint import warehouse_fingerprint
from pipeline.store.lock import LOCK_NAME, WriterLock
from pipeline.store.manifest import MANIFEST_NAME, Manifest, Segment, TableFile, now_iso, read_manifest, write_manifest
from pipeline.store.rows import DocumentRows, Row, processed_file_to_rows, to_json
from pipeline.store.segments import (
    TEMPORARY_SUFFIX,
    partition_folder,
    read_segment_table,
    read_table_file,
    remove_files,
    rows_to_table,
    write_table_file,
)
from schemas.warehouse import DOCUMENT_TABLES, TABLES, RunRecord, stored_schema

if TYPE_CHECKING:  # the store reads ProcessedFile's fields; importing it would load every extractor
    from pipeline.processed import ProcessedFile

AUTO_COMPACT_SEGMENTS = 256  # a long run compacts on its own past this many segments
AUTO_COMPACT_DROPPED = 5000  # … or this many dead documents waiting in the manifest
OWN_NAMES = {MANIFEST_NAME, MANIFEST_NAME + TEMPORARY_SUFFIX, LOCK_NAME, *TABLES}
OWN_NAMES |= {DATABASE_NAME + suffix for suffix in ("", ".wal", ".tmp", ".tmp.wal", ".spill")}


@dataclass(frozen=True)
class CommitStats:
    """Each file of the batch counts once: added (a document new to the warehouse), replaced (the file's
    content changed, or the same document now gives other rows, e.g. from a newer extractor) or unchanged
    (nothing written; also a second file of the batch holding the same document)."""

    files: int = 0
    documents_added: int = 0
    documents_replaced: int = 0
    documents_unchanged: int = 0
    documents_removed: int = 0  # old documents no file holds any more (their file changed): rows deleted
    parse_errors: int = 0
    rows_written: int = 0


@dataclass
class _Batch:
    files: dict[str, FileState]  # the whole files index after the batch
    new_rows: dict[str, DocumentRows] = field(default_factory=dict)  # documents to write
    drops: dict[str, set[str]] = field(default_factory=dict)  # segment id → documents whose rows there die
    left: set[str] = field(default_factory=set)  # documents some file of the batch no longer holds
    held: dict[str, set[str]] = field(default_factory=dict)  # documents the batch's files hold → those files
    counts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class _DocEntry:
    segment: str
    content_sha256: str
    present: bool


class Warehouse:
    """The writer's handle on a warehouse folder. Not thread-safe; use it from one thread."""

    def __init__(self, root: Path, lock: WriterLock, manifest: Manifest) -> None:
        self.root = root
        self._lock = lock
        self._manifest = manifest
        self._files = _load_files(root, manifest)
        self._paths_by_doc = paths_by_document(self._files)
        self._docs = _load_documents(root, manifest)
        self._writes = 0

    @classmethod
    def open(cls, root: Path | str) -> Warehouse:
        """Open (or create) the warehouse in `root` for writing: take the lock, remove leftovers of an
        interrupted change, and rebuild the DuckDB file if it is stale. Raises `WarehouseLockedError` if
        another process writes to it, `StoreError` if `root` holds something else."""
        root = Path(root).resolve()
        root.mkdir(parents=True, exist_ok=True)
        lock = WriterLock(root)
        lock.acquire()
        try:
            manifest = read_manifest(root)
            if manifest is None:
                _check_empty(root)
                manifest = Manifest(updated_at=now_iso())
                write_manifest(root, manifest)
            _remove_leftovers(root, manifest)
            warehouse = cls(root, lock, manifest)
            warehouse.refresh_database()
        except BaseException:
            lock.release()
            raise
        return warehouse

    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def generation(self) -> int:
        """The manifest generation: +1 at every change."""
        return self._manifest.generation

    def known_files(self) -> Mapping[str, FileState]:
        """Every file recorded, by `file_key` (absolute path): compare `stat_file(path)` with
        `FileState.matches` to skip unchanged files. Read-only and not copied: it shows the warehouse as
        it was when called (a later change builds a new index)."""
        return MappingProxyType(self._files)

    def commit(
        self, batch: Sequence[ProcessedFile], run_id: str, stats: Mapping[str, FileStat] | None = None
    ) -> CommitStats:
        """Store a batch of processed files in one atomic change. A document already stored with the same
        rows is left alone; a file whose content changed replaces its document's rows. `stats` maps
        `file_key`s to the size and mtime taken before the file was read (the flow has them from its
        skip check); a file missing from it is stat'ed now."""
        if not batch:
            return CommitStats()
        read = self._read_batch(batch, run_id, stats or {})
        files = read.files
        paths_by_doc = {  # the files holding each document the batch touched, after the batch
            doc_id: {p for p in self._paths_by_doc.get(doc_id, set()) | read.held.get(doc_id, set())
                     if files[p].doc_id == doc_id}
            for doc_id in read.left | read.held.keys()
        }  # fmt: skip
        removed = {d for d in read.left if not paths_by_doc[d] and d in self._docs}
        for doc_id in removed:
            read.drops.setdefault(self._docs[doc_id].segment, set()).add(doc_id)
        presence = {
            doc_id: any(files[p].present for p in paths)
            for doc_id, paths in paths_by_doc.items()
            if doc_id in self._docs and doc_id not in removed and doc_id not in read.new_rows
        }
        segments = []
        entries: dict[str, _DocEntry] = {}
        for year_rows in _by_year(read.new_rows.values()).values():
            segment = self._write_segment(year_rows, run_id)
            segments.append(segment)
            entries.update({d.doc_id: _DocEntry(segment.id, d.content_sha256, True) for d in year_rows})
        self._change(segments, read.drops, presence, files, paths_by_doc, removed)
        self._docs.update(entries)
        self._compact_if_large()
        return CommitStats(
            files=len(batch),
            documents_added=read.counts["added"],
            documents_replaced=read.counts["replaced"],
            documents_unchanged=read.counts["unchanged"],
            documents_removed=len(removed),
            parse_errors=read.counts["failed"],
            rows_written=sum(f.rows for s in segments for f in s.files.values()),
        )

    def _read_batch(self, batch: Sequence[ProcessedFile], run_id: str, stats: Mapping[str, FileStat]) -> _Batch:
        """Rows and file states of the batch, and which stored documents they add, replace or leave."""
        read = _Batch(files=dict(self._files))
        for processed in batch:
            path = file_key(processed.path)
            rows = processed_file_to_rows(processed, path)
            read.counts["failed"] += rows.status != "ok"
            previous = read.files.get(path)
            stat = stats.get(path) or _stat_after_read(processed)
            first_seen = previous.first_seen_run if previous else run_id
            read.files[path] = FileState(path, rows.doc_id, stat.size_bytes, stat.mtime_ns, True, first_seen, run_id)
            if previous is not None and previous.doc_id != rows.doc_id:
                read.left.add(previous.doc_id)
            read.held.setdefault(rows.doc_id, set()).add(path)
            entry = self._docs.get(rows.doc_id)
            if rows.doc_id in read.new_rows or (entry and entry.content_sha256 == rows.content_sha256):
                read.counts["unchanged"] += 1
                continue
            known = entry is not None or (previous is not None and previous.doc_id != rows.doc_id)
            read.counts["replaced" if known else "added"] += 1
            read.new_rows[rows.doc_id] = rows
            if entry is not None:
                read.drops.setdefault(entry.segment, set()).add(rows.doc_id)
        return read

    def mark_absent(self, seen_paths: Iterable[Path | str], roots: Iterable[Path | str], run_id: str) -> int:
        """After a run over `roots`: a recorded file under them that is not in `seen_paths` (every file
        the run found, processed or skipped) is marked `present = false`, its rows kept; a seen file is
        marked present and seen by `run_id`. Documents are present while some present file holds them.
        Returns how many files were newly marked absent."""
        seen = {file_key(p) for p in seen_paths}
        root_keys = [file_key(r) for r in roots]
        files = dict(self._files)
        touched: set[str] = set()
        absent = 0
        for path, state in self._files.items():
            if path in seen:
                files[path] = replace(state, present=True, last_seen_run=run_id)
            elif state.present and is_under(path, root_keys):
                files[path] = replace(state, present=False)
                absent += 1
            if files[path].present != state.present:
                touched.add(state.doc_id)
        paths_by_doc = {doc_id: self._paths_by_doc[doc_id] for doc_id in touched}
        presence = {
            doc_id: any(files[p].present for p in paths)
            for doc_id, paths in paths_by_doc.items()
            if doc_id in self._docs
        }
        self._change([], {}, presence, files, paths_by_doc, set())
        return absent

    def record_run(self, run: RunRecord) -> None:
        """Add the run to the run manifest (`runs`), replacing an earlier record with the same `run_id`."""
        runs = self.read_table("runs")
        runs = runs.filter(pc.not_equal(runs["run_id"], run.run_id))
        row = run.model_dump(exclude={"roots"}) | {"roots_json": to_json(list(run.roots))}
        runs = pa.concat_tables([runs, pa.Table.from_pylist([row], schema=stored_schema("runs"))])
        written = write_table_file(self.root, f"runs/part-{self._new_id()}.parquet", runs)
        self._swap(replace(self._manifest, singles={**self._manifest.singles, "runs": written}))

    def compact(self, max_documents: int = SEGMENT_DOCUMENTS) -> int:
        """Merge small segments and drop dead rows (replaced or removed documents), so the Parquet files
        hold exactly the live rows. The ingest flow calls it at the end of a run. Returns how many
        segments were rewritten."""
        before = {s.id for s in self._manifest.segments}
        result = compact_segments(self.root, self._manifest.segments, self._new_id, max_documents)
        if not result.obsolete:
            return 0
        self._swap(replace(self._manifest, segments=result.segments), obsolete=result.obsolete)
        for doc_id, segment_id in result.moved.items():
            self._docs[doc_id] = replace(self._docs[doc_id], segment=segment_id)
        return len(before - {s.id for s in result.segments})

    def refresh_database(self, *, force: bool = False) -> bool:
        """Rebuild `warehouse.duckdb` if it does not match the manifest (or if `force`). Returns whether
        it was rebuilt."""
        if not force and database_generation(self.root) == self._manifest.generation:
            return False
        build_database(self.root, self._manifest)
        return True

    def read_table(self, name: str) -> pa.Table:
        """The live rows of one table, with `report_year` for per-document tables. Holds the whole table in
        memory: for tests and small warehouses; query `warehouse.duckdb` for anything large."""
        if name == "files":
            return file_states_to_table(self._files.values())
        if name not in DOCUMENT_TABLES:
            single = self._manifest.singles.get(name)
            return read_table_file(self.root, name, single) if single else stored_schema(name).empty_table()
        parts = [read_segment_table(self.root, name, s) for s in self._manifest.segments]
        return pa.concat_tables(parts) if parts else TABLES[name].empty_table()

    def fingerprint(self) -> dict[str, str]:
        """Table → hash of its live rows sorted by key, without run ids: equal for equal content."""
        return warehouse_fingerprint(self.read_table)

    # -- changes -------------------------------------------------------------------------------------

    def _write_segment(self, documents: Sequence[DocumentRows], run_id: str) -> Segment:
        segment_id = self._new_id()
        year = documents[0].report_year
        files: dict[str, TableFile] = {}
        for table in DOCUMENT_TABLES:
            rows: list[Row] = [row for d in documents for row in d.tables[table]]
            if table == "documents":
                rows = [row | {"present": True, "run_id": run_id} for row in rows]
            if rows or table == "documents":
                relative = f"{partition_folder(table, year)}/part-{segment_id}.parquet"
                files[table] = write_table_file(self.root, relative, rows_to_table(table, rows))
        return Segment(segment_id, year, files)

    def _change(
        self,
        new_segments: Sequence[Segment],
        drops: Mapping[str, set[str]],
        presence: Mapping[str, bool],
        files: dict[str, FileState],
        paths_by_doc: Mapping[str, set[str]],
        removed: set[str],
    ) -> None:
        """Publish a commit or a presence change: dead rows, rewritten `documents` files of segments whose
        documents changed presence, new segments and the new files table, in one manifest swap."""
        changed = {d: p for d, p in presence.items() if self._docs[d].present != p}
        by_segment: dict[str, dict[str, bool]] = {}
        for doc_id, present in changed.items():
            by_segment.setdefault(self._docs[doc_id].segment, {})[doc_id] = present
        segments: list[Segment] = []
        obsolete: list[str] = []
        for segment in self._manifest.segments:
            dropped = segment.dropped | drops.get(segment.id, set())
            if len(dropped) >= segment.documents:
                obsolete.extend(f.path for f in segment.files.values())
                continue
            segment = replace(segment, dropped=frozenset(dropped))
            if segment.id in by_segment:
                obsolete.append(segment.files["documents"].path)
                segment = self._with_presence(segment, by_segment[segment.id])
            segments.append(segment)
        segments.extend(new_segments)
        files_table = write_table_file(
            self.root, f"files/part-{self._new_id()}.parquet", file_states_to_table(files.values())
        )
        self._swap(
            replace(self._manifest, segments=tuple(segments), singles={**self._manifest.singles, "files": files_table}),
            obsolete=obsolete,
        )
        self._files = files
        for doc_id, paths in paths_by_doc.items():
            if paths:
                self._paths_by_doc[doc_id] = paths
            else:
                self._paths_by_doc.pop(doc_id, None)
        for doc_id in removed:
            del self._docs[doc_id]
        for doc_id, present in changed.items():
            self._docs[doc_id] = replace(self._docs[doc_id], present=present)

    def _with_presence(self, segment: Segment, presence: Mapping[str, bool]) -> Segment:
        documents = read_table_file(self.root, "documents", segment.files["documents"])
        ids = documents["doc_id"]
        present = documents["present"]
        for value in (True, False):
            chosen = pa.array([d for d, p in presence.items() if p is value], pa.string())
            present = pc.if_else(pc.is_in(ids, value_set=chosen), value, present)
        documents = documents.set_column(documents.schema.get_field_index("present"), "present", present)
        relative = f"{partition_folder('documents', segment.report_year)}/part-{self._new_id()}.parquet"
        written = write_table_file(self.root, relative, documents)
        return replace(segment, files={**segment.files, "documents": written})

    def _swap(self, manifest: Manifest, obsolete: Iterable[str] = ()) -> None:
        if not self._lock.held:
            raise StoreError(self.root, "kho dữ liệu đã đóng / the warehouse was closed; open it again to write")
        old_singles = {f.path for f in self._manifest.singles.values()}
        manifest = replace(manifest, generation=self._manifest.generation + 1, updated_at=now_iso())
        write_manifest(self.root, manifest)
        self._manifest = manifest
        remove_files(self.root, (set(obsolete) | old_singles) - manifest.live_paths())

    def _compact_if_large(self) -> None:
        segments = self._manifest.segments
        if len(segments) > AUTO_COMPACT_SEGMENTS or sum(len(s.dropped) for s in segments) > AUTO_COMPACT_DROPPED:
            self.compact()

    def _new_id(self) -> str:
        """A name no live or leftover file has: next generation, random part, counter."""
        self._writes += 1
        return f"{self._manifest.generation + 1:07d}-{secrets.token_hex(4)}-{self._writes}"


def _by_year(documents: Iterable[DocumentRows]) -> dict[int | None, list[DocumentRows]]:
    groups: dict[int | None, list[DocumentRows]] = {}
    for document in documents:
        groups.setdefault(document.report_year, []).append(document)
    return groups


def _stat_after_read(processed: ProcessedFile) -> FileStat:
    """The file's size and mtime now. If it no longer has the size it had when read, mtime 0 makes the
    next run read it again."""
    expected = processed.document.source.size_bytes if processed.document else None
    try:
        stat = stat_file(processed.path)
    except OSError:
        return FileStat(expected or 0, 0)
    return stat if expected is None or stat.size_bytes == expected else FileStat(stat.size_bytes, 0)


def _load_files(root: Path, manifest: Manifest) -> dict[str, FileState]:
    single = manifest.singles.get("files")
    return table_to_file_states(read_table_file(root, "files", single)) if single else {}


def _load_documents(root: Path, manifest: Manifest) -> dict[str, _DocEntry]:
    docs: dict[str, _DocEntry] = {}
    for segment in manifest.segments:
        documents = read_table_file(root, "documents", segment.files["documents"])
        columns = (documents[c].to_pylist() for c in ("doc_id", "content_sha256", "present"))
        for doc_id, content, present in zip(*columns, strict=True):
            if doc_id not in segment.dropped:
                docs[doc_id] = _DocEntry(segment.id, content, present)
    return docs


def _check_empty(root: Path) -> None:
    strangers = sorted(p.name for p in root.iterdir() if p.name not in OWN_NAMES)
    if strangers:
        raise StoreError(
            root,
            f"thư mục không trống và không phải kho dữ liệu (có {', '.join(strangers[:3])}) / not a warehouse "
            "folder and not empty; choose a new or empty folder",
        )


def _remove_leftovers(root: Path, manifest: Manifest) -> None:
    """Files of an interrupted change: Parquet files the manifest does not list, temporary files."""
    live = manifest.live_paths()
    for table in TABLES:
        folder = root / table
        if not folder.is_dir():
            continue
        for directory, subfolders, names in os.walk(folder, topdown=False):
            for name in names:
                path = Path(directory, name)
                if path.relative_to(root).as_posix() not in live:
                    path.unlink()
            for subfolder in subfolders:
                with contextlib.suppress(OSError):  # not empty: it holds live files
                    Path(directory, subfolder).rmdir()
    (root / (MANIFEST_NAME + TEMPORARY_SUFFIX)).unlink(missing_ok=True)
    remove_temporary_database(root)
