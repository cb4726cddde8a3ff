"""Bulk ingestion as plain functions (issue #6): discover files, skip those already ingested unchanged,
process the rest in batches, commit each batch to the warehouse, and sum the run up.

The Prefect flow in `flows/ingest_flow.py` only wraps these; `ingest()` takes the executor as an argument
(`map_batches`), so the same run goes through Prefect tasks, a plain process pool, or one process.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from pipeline.processed import ProcessedFile
from pipeline.store.file_index import FileStat, FileState, file_key, stat_file
from pipeline.store.warehouse import CommitStats, Warehouse
from schemas.document import SUFFIX_FORMATS
from schemas.warehouse import RunRecord

IGNORED_NAMES = (".", "~$", "README")  # hidden files, Word's lock files ("~$baocao.docx"), a folder's README
# Files that look like documents. Those we cannot read (a spreadsheet, a scan) become parse-error
# findings; anything else in the folders (scripts, archives of other tools) is not a document and is skipped.
OTHER_DOCUMENT_SUFFIXES = frozenset(
    {".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".htm", ".html", ".png", ".jpg", ".jpeg", ".tif"}
    | {".tiff", ".zip", ".rar", ".7z"}
)
DOCUMENT_SUFFIXES = frozenset(SUFFIX_FORMATS) | OTHER_DOCUMENT_SUFFIXES
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class RunPlan:
    to_process: list[Path]
    unchanged: list[Path]
    stats: dict[str, FileStat]  # by file key, taken before reading: a file changed meanwhile is read again next time


@dataclass
class RunSummary:
    run_id: str
    roots: list[str]
    started_at: datetime
    finished_at: datetime | None = None
    files_seen: int = 0
    unchanged: int = 0
    processed: int = 0
    marked_absent: int = 0
    documents_added: int = 0
    documents_replaced: int = 0
    rows_written: int = 0
    records: Counter[str] = field(default_factory=Counter)  # extracted this run, by table
    findings_by_rule: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    @property
    def seconds(self) -> float:
        end = self.finished_at or datetime.now(UTC)
        return (end - self.started_at).total_seconds()


def discover(roots: Sequence[Path], exclude: Path | None = None) -> list[Path]:
    """Every document under the roots (recursively), resolved and sorted; document types we cannot read
    are kept so that they become `parse-error` findings. Hidden files and folders, Word lock files, READMEs,
    files that are not documents and the warehouse folder itself are skipped."""
    excluded = exclude.resolve() if exclude is not None else None
    found: set[Path] = set()
    for root in roots:
        candidates: Iterable[Path] = [root] if root.is_file() else root.rglob("*")
        for path in candidates:
            relative = path.relative_to(root).parts if root.is_dir() else (path.name,)
            if path.suffix.lower() not in DOCUMENT_SUFFIXES or any(part.startswith(IGNORED_NAMES) for part in relative):
                continue
            if not path.is_file():
                continue
            resolved = path.resolve()
            if excluded is None or not resolved.is_relative_to(excluded):
                found.add(resolved)
    return sorted(found)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def plan_run(paths: Sequence[Path], known: Mapping[str, FileState]) -> RunPlan:
    """Which files need processing. Same size and mtime as when it was read: unchanged without reading it;
    otherwise the content hash decides (a file touched but not changed is not processed again). A file
    marked absent that is back is processed, so it is present again."""
    plan = RunPlan([], [], {})
    for path in paths:
        key = file_key(path)
        try:
            stat = stat_file(path)
        except OSError:
            plan.to_process.append(path)  # processing it records why it cannot be read
            continue
        plan.stats[key] = stat
        previous = known.get(key)
        if previous is not None and previous.present and _unchanged(path, previous, stat):
            plan.unchanged.append(path)
        else:
            plan.to_process.append(path)
    return plan


def _unchanged(path: Path, previous: FileState, stat: FileStat) -> bool:
    if previous.matches(stat):
        return True
    try:
        return sha256_file(path) == previous.doc_id
    except OSError:
        return False


def batches(paths: Sequence[Path], size: int, at_least: int = 1) -> list[list[Path]]:
    """Batches of at most `size` files, and at least `at_least` batches when there are enough files (so a
    small run still uses every worker); the largest files are spread over the batches."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    count = min(max(at_least, -(-len(paths) // size)), max(1, len(paths)))
    ordered = sorted(paths, key=_size_or_zero, reverse=True)
    groups: list[list[Path]] = [[] for _ in range(count)]
    for index, path in enumerate(ordered):
        groups[index % count].append(path)
    return [sorted(group) for group in groups if group]


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def process_batch(paths: Sequence[Path]) -> list[ProcessedFile]:
    """Runs in a worker process; imported here so the flow's own process never loads the extractors."""
    from pipeline.process import process_file

    return [process_file(path) for path in paths]


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))


BatchMapper = Callable[[list[list[Path]]], Iterator[list[ProcessedFile]]]


def map_in_process(batch_list: list[list[Path]]) -> Iterator[list[ProcessedFile]]:
    for batch in batch_list:
        yield process_batch(batch)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from a clean server process that has imported the pipeline once (spaCy,
    the readers): cheap to start, and safe beside the threads of Prefect's client, unlike a plain fork."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.process"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_leave_interrupts_to_parent)


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C stops the run in the parent, which shuts the pool down; workers print no tracebacks of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class BatchFuture(Protocol):
    def result(self) -> list[ProcessedFile]: ...


FutureT = TypeVar("FutureT", bound=BatchFuture)


def in_flight(
    batch_list: list[list[Path]],
    submit: Callable[[list[Path]], FutureT],
    first_done: Callable[[list[FutureT]], FutureT],
    limit: int,
) -> Iterator[list[ProcessedFile]]:
    """Submit batches, at most `limit` at a time, and yield each result as it finishes, so results never pile
    up; the executor (a process pool, Prefect tasks) comes in as `submit` and `first_done`."""
    queue = iter(batch_list)
    pending = [submit(batch) for batch in itertools.islice(queue, limit)]
    while pending:
        done = first_done(pending)
        pending.remove(done)
        following = next(queue, None)
        if following is not None:
            pending.append(submit(following))
        yield done.result()


def process_pool_mapper(workers: int) -> BatchMapper:
    """Batches on a plain process pool, at most two per worker in flight."""

    def mapper(batch_list: list[list[Path]]) -> Iterator[list[ProcessedFile]]:
        with worker_pool(workers) as pool:

            def submit(batch: list[Path]) -> Future[list[ProcessedFile]]:
                return pool.submit(process_batch, batch)

            def first_done(pending: list[Future[list[ProcessedFile]]]) -> Future[list[ProcessedFile]]:
                return next(iter(wait(pending, return_when=FIRST_COMPLETED).done))

            yield from in_flight(batch_list, submit, first_done, 2 * workers)

    return mapper


def add_to_summary(summary: RunSummary, batch: Sequence[ProcessedFile], stats: CommitStats) -> None:
    summary.processed += len(batch)
    summary.documents_added += stats.documents_added
    summary.documents_replaced += stats.documents_replaced
    summary.rows_written += stats.rows_written
    for processed in batch:
        extraction = processed.extraction
        summary.records.update(
            scores=len(extraction.scores),
            actions=len(extraction.actions),
            references=len(extraction.references),
            findings=len(extraction.findings),
        )
        for finding in extraction.findings:
            summary.findings_by_rule[finding.rule_id] += 1
            if finding.rule_id == "parse-error":
                summary.failed.append((str(processed.path), finding.message))


def summary_markdown(summary: RunSummary) -> str:
    """The run's summary for people: a Prefect artifact and the terminal both show it."""
    lines = [
        f"# Nạp tài liệu / Ingest run `{summary.run_id}`",
        "",
        f"- Thư mục / roots: {', '.join(summary.roots)}",
        f"- Tệp tìm thấy / files found: **{summary.files_seen}**; xử lý / processed: **{summary.processed}**; "
        f"không đổi, bỏ qua / unchanged, skipped: **{summary.unchanged}**; không còn / no longer present: "
        f"**{summary.marked_absent}**",
        f"- Thời gian / time: {summary.seconds:.1f} s",
        "",
        f"- Tài liệu mới / documents added: **{summary.documents_added}**; thay thế / replaced: "
        f"**{summary.documents_replaced}**; dòng ghi / rows written: **{summary.rows_written}**",
        "",
        "| Bảng / table | Bản ghi trích xuất / records extracted |",
        "|---|---:|",
        *(f"| {table} | {count} |" for table, count in sorted(summary.records.items())),
        "",
        "| Quy tắc / rule | Phát hiện / findings |",
        "|---|---:|",
        *(f"| {rule} | {count} |" for rule, count in sorted(summary.findings_by_rule.items())),
    ]
    if summary.failed:
        lines += ["", "## Tệp không đọc được / files that could not be read", ""]
        lines += [f"- `{path}`: {reason}" for path, reason in summary.failed]
    return "\n".join(lines) + "\n"


def new_run_id(now: datetime | None = None) -> str:
    moment = now or datetime.now(UTC)
    return moment.strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()


COMMIT_RETRIES = 2  # a commit that failed on I/O (a full disk, a network share) is tried again


def commit_with_retry(
    warehouse: Warehouse, batch: list[ProcessedFile], run_id: str, stats: Mapping[str, FileStat]
) -> CommitStats:
    """Commit, retrying only on I/O errors: a failed commit leaves the previous state, so trying again is safe."""
    for attempt in range(COMMIT_RETRIES + 1):
        try:
            return warehouse.commit(batch, run_id, stats)
        except OSError:
            if attempt == COMMIT_RETRIES:
                raise
            time.sleep(1 + attempt)
    raise AssertionError("unreachable")


def run_ingest(
    roots: Sequence[Path],
    out: Path,
    *,
    map_batches: BatchMapper = map_in_process,
    batch_size: int = 16,
    workers: int = 1,
    commit_every: int = 128,
    on_progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Ingest every file under `roots` into the warehouse at `out`. Processed documents are committed
    atomically in groups of about `commit_every` (each commit costs a few fsyncs per table and year, so
    fewer, larger commits are faster); an interrupted run keeps every committed group and the next run
    goes on from there."""
    summary = RunSummary(new_run_id(), [str(file_key(root)) for root in roots], datetime.now(UTC))
    with Warehouse.open(out) as warehouse:
        warehouse.record_run(_run_record(summary, "running"))
        paths = discover(roots, exclude=out)
        plan = plan_run(paths, warehouse.known_files())
        summary.files_seen, summary.unchanged = len(paths), len(plan.unchanged)
        pending: list[ProcessedFile] = []
        done = 0
        if on_progress is not None:
            on_progress(0, len(plan.to_process))
        for batch in map_batches(batches(plan.to_process, batch_size, at_least=2 * workers)):
            pending.extend(batch)
            done += len(batch)
            if len(pending) >= commit_every:
                add_to_summary(summary, pending, commit_with_retry(warehouse, pending, summary.run_id, plan.stats))
                pending = []
            if on_progress is not None:
                on_progress(done, len(plan.to_process))
        if pending:
            add_to_summary(summary, pending, commit_with_retry(warehouse, pending, summary.run_id, plan.stats))
        summary.marked_absent = warehouse.mark_absent(paths, roots, summary.run_id)
        warehouse.compact()
        summary.finished_at = datetime.now(UTC)
        warehouse.record_run(_run_record(summary, "completed"))
        warehouse.refresh_database()
    return summary


def _run_record(summary: RunSummary, status: Literal["running", "completed", "failed"]) -> RunRecord:
    return RunRecord(
        run_id=summary.run_id,
        started_at=summary.started_at,
        finished_at=summary.finished_at,
        roots=tuple(summary.roots),
        files_seen=summary.files_seen,
        files_skipped=summary.unchanged,
        files_processed=summary.processed,
        files_failed=len(summary.failed),
        files_marked_absent=summary.marked_absent,
        status=status,
    )
