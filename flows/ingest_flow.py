"""The Prefect flow `ingest`: `pipeline.ingest.run_ingest` with its batches as Prefect tasks.

Business logic stays in `pipeline/`; here a task wraps `process_batch`, retried only on I/O errors: a
document that cannot be parsed is a `parse-error` finding, not an exception, so there is nothing to retry.
Commits stay plain calls in the flow's process (`commit_with_retry`, also retried only on I/O): as a task,
Prefect walked every parameter looking for futures, 0.35 s per batch of 15 documents (measured). The flow
publishes the run's summary as a markdown artifact and logs progress.

On one machine the tasks run on Prefect's thread pool and hand their batch to a pool of worker processes
that the flow owns (`pipeline.ingest.worker_pool`). Measured on 300 documents, 2 cores: Prefect's own
`ProcessPoolTaskRunner` took 2.7× the time of a plain process pool (every task started Prefect's engine in
a spawned process); this way the workers start once and only the orchestration is Prefect's. With
`--dask`, the tasks themselves run on the Dask workers (`DaskTaskRunner`).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.progress import terminal_progress
from pipeline.ingest import (
    BatchMapper,
    RunSummary,
    in_flight,
    process_batch,
    run_ingest,
    summary_markdown,
    worker_pool,
)
from pipeline.processed import ProcessedFile

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
    pool = _WORKERS.pool
    return pool.submit(process_batch, paths).result() if pool is not None else process_batch(paths)


class _Workers:
    """The flow's worker processes while it runs on one machine; None on a Dask worker."""

    pool: ProcessPoolExecutor | None = None


_WORKERS = _Workers()


def _task_mapper(limit: int) -> BatchMapper:
    """Submit batches as tasks, at most `limit` at a time, and yield results as they finish."""

    def mapper(batch_list: list[list[Path]]) -> Iterator[list[ProcessedFile]]:
        def first_done(pending: list[PrefectFuture[list[ProcessedFile]]]) -> PrefectFuture[list[ProcessedFile]]:
            return next(as_completed(pending))

        yield from in_flight(batch_list, process_batch_task.submit, first_done, limit)

    return mapper


@flow(name="ingest", log_prints=False)
def ingest_flow(
    roots: list[Path],
    out: Path,
    batch_size: int = 16,
    workers: int = 2,
    local_workers: bool = True,
    commit_every: int = 128,
) -> RunSummary:
    logger = get_run_logger()
    with terminal_progress() as bar, _local_pool(workers if local_workers else 0):

        def progress(done: int, total: int) -> None:
            logger.info("%d/%d tệp đã xử lý / files processed", done, total)
            bar(done, total)

        summary = run_ingest(
            roots,
            out,
            map_batches=_task_mapper(limit=2 * workers),
            batch_size=batch_size,
            workers=workers,
            commit_every=commit_every,
            on_progress=progress,
        )
    create_markdown_artifact(summary_markdown(summary), key="ingest-summary", description="cchc ingest")
    return summary


@contextmanager
def _local_pool(workers: int) -> Iterator[None]:
    if not workers:
        yield
        return
    with worker_pool(workers) as pool:
        _WORKERS.pool = pool
        try:
            yield
        finally:
            _WORKERS.pool = None


def task_runner(workers: int, dask_address: str | None = None) -> TaskRunner[Any]:
    if dask_address is None:
        return ThreadPoolTaskRunner(max_workers=2 * workers)
    from prefect_dask.task_runners import DaskTaskRunner

    runner: TaskRunner[Any] = DaskTaskRunner(address=dask_address)
    return runner
