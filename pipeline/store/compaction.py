"""Merging small segments and dropping dead rows: the segments of one report year are packed, in the
order they were written, into segments of at most `max_documents` live documents each."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.manifest import Segment, TableFile
from pipeline.store.segments import drop_documents, partition_folder, read_table_file, write_table_parts
from schemas.warehouse import DOCUMENT_TABLES, stored_schema

SEGMENT_DOCUMENTS = 500


@dataclass(frozen=True)
class CompactionResult:
    segments: tuple[Segment, ...]  # the new segment list
    obsolete: tuple[str, ...]  # files no longer listed, to remove after the manifest is replaced
    moved: dict[str, str]  # doc_id → id of the segment that now holds it


def compact_segments(
    root: Path, segments: Sequence[Segment], new_id: Callable[[], str], max_documents: int = SEGMENT_DOCUMENTS
) -> CompactionResult:
    kept: list[Segment] = []
    obsolete: list[str] = []
    moved: dict[str, str] = {}
    for group in plan_groups(segments, max_documents):
        if len(group) == 1 and not group[0].dropped:
            kept.append(group[0])
            continue
        obsolete.extend(f.path for segment in group for f in segment.files.values())
        merged = merge_group(root, group, new_id())
        if merged is not None:
            segment, doc_ids = merged
            kept.append(segment)
            moved.update(dict.fromkeys(doc_ids, segment.id))
    return CompactionResult(tuple(kept), tuple(obsolete), moved)


def plan_groups(segments: Sequence[Segment], max_documents: int) -> Iterator[list[Segment]]:
    """Full segments without dead rows stay alone; the others are packed per year, in order."""
    by_year: dict[int | None, list[Segment]] = {}
    for segment in segments:
        by_year.setdefault(segment.report_year, []).append(segment)
    for year_segments in by_year.values():
        group: list[Segment] = []
        size = 0
        for segment in year_segments:
            if not segment.dropped and segment.live_documents >= max_documents:
                yield [segment]
                continue
            if group and size + segment.live_documents > max_documents:
                yield group
                group, size = [], 0
            group.append(segment)
            size += segment.live_documents
        if group:
            yield group


def merge_group(root: Path, group: Sequence[Segment], segment_id: str) -> tuple[Segment, list[str]] | None:
    """One segment holding the live rows of `group`, and its documents; None if no row is live. Tables
    are copied one source file at a time, so memory holds one source file, not the merged segment."""
    if sum(s.live_documents for s in group) == 0:
        return None
    year = group[0].report_year
    files: dict[str, TableFile] = {}
    doc_ids: list[str] = []
    for table in DOCUMENT_TABLES:
        parts = (
            drop_documents(read_table_file(root, table, s.files[table]), s.dropped) for s in group if table in s.files
        )
        relative = f"{partition_folder(table, year)}/part-{segment_id}.parquet"
        written = write_table_parts(root, relative, stored_schema(table), parts, keep_empty=table == "documents")
        if written is not None:
            files[table] = written
        if table == "documents":
            doc_ids = read_table_file(root, table, files[table])["doc_id"].to_pylist()
    return Segment(segment_id, year, files), doc_ids
