"""The Prefect flow `ingest`: `pipeline.ingest.run_ingest` with its batches as Prefect tasks.

Business logic stays in `pipeline/`; here tasks wrap `process_batch` (on a process pool, or on a Dask
cluster with `--dask`) and the commit of each batch, retried only on I/O errors: a document that cannot be
parsed is a `parse-error` finding, not an exception, so there is nothing to retry. The flow publishes the
run's summary as a markdown artifact and logs progress.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner

from flows.progress import terminal_progress
from pipeline.ingest import (
    BatchMapper,
    RunSummary,
    commit_batch,
    process_batch,
    run_ingest,
    summary_markdown,
)
from pipeline.process import ProcessedFile
from pipeline.store.file_index import FileStat
from pipeline.store.warehouse import CommitStats, Warehouse

IO_RETRIES = 2


def _retry_on_io_error(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed on I/O (a file or the network), never on a deterministic error."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(
    name="process-batch",
    retries=IO_RETRIES,
    retry_delay_seconds=1,
    retry_condition_fn=_retry_on_io_error,
    cache_policy=NO_CACHE,
)
def process_batch_task(paths: list[Path]) -> list[ProcessedFile]:
    return process_batch(paths)


@task(
    name="commit-batch",
    retries=IO_RETRIES,
    retry_delay_seconds=1,
    retry_condition_fn=_retry_on_io_error,
    cache_policy=NO_CACHE,
)
def commit_batch_task(
    warehouse: Warehouse, batch: list[ProcessedFile], run_id: str, stats: Mapping[str, FileStat]
) -> CommitStats:
    return commit_batch(warehouse, batch, run_id, stats)


def _commit_through_task(
    warehouse: Warehouse, batch: list[ProcessedFile], run_id: str, stats: Mapping[str, FileStat]
) -> CommitStats:
    return commit_batch_task(warehouse, batch, run_id, stats)


def _task_mapper(in_flight: int) -> BatchMapper:
    """Submit batches as tasks, at most `in_flight` at a time, and yield results as they finish."""

    def mapper(batch_list: list[list[Path]]) -> Iterator[list[ProcessedFile]]:
        queue = iter(batch_list)
        pending: list[PrefectFuture[list[ProcessedFile]]] = []
        for batch in queue:
            pending.append(process_batch_task.submit(batch))
            if len(pending) >= in_flight:
                break
        while pending:
            done = next(as_completed(pending))
            pending.remove(done)
            following = next(queue, None)
            if following is not None:
                pending.append(process_batch_task.submit(following))
            yield done.result()

    return mapper


@flow(name="ingest", log_prints=False)
def ingest_flow(roots: list[Path], out: Path, batch_size: int = 16, workers: int = 2) -> RunSummary:
    logger = get_run_logger()
    with terminal_progress() as bar:

        def progress(done: int, total: int) -> None:
            logger.info("%d/%d tệp đã xử lý / files processed", done, total)
            bar(done, total)

        summary = run_ingest(
            roots,
            out,
            map_batches=_task_mapper(in_flight=2 * workers),
            batch_size=batch_size,
            workers=workers,
            commit=_commit_through_task,
            on_progress=progress,
        )
    create_markdown_artifact(summary_markdown(summary), key="ingest-summary", description="cchc ingest")
    return summary


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner[Any]:
    if dask_address is None:
        return ProcessPoolTaskRunner(max_workers=workers)
    from prefect_dask.task_runners import DaskTaskRunner

    runner: TaskRunner[Any] = DaskTaskRunner(address=dask_address)
    return runner
