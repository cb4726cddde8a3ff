"""`cchc ingest DIR ... --out WAREHOUSE`: the ingest flow from the command line.

Prefect is imported only here, when the command runs, so `cchc extract` and `cchc check` never pay for it
nor start a server. `--engine processes` runs the same plain functions on a process pool without Prefect
(the benchmark compares the two).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from flows.progress import terminal_progress
from pipeline.errors import PipelineError
from pipeline.ingest import RunSummary, default_workers, process_pool_mapper, run_ingest, summary_markdown

DEFAULT_WAREHOUSE = Path("warehouse")


class ScaleOutError(PipelineError):
    pass


def add_ingest_parser(commands: Any) -> None:
    ingest = commands.add_parser(
        "ingest", help="ingest folders into the warehouse (Parquet + DuckDB); re-runs skip unchanged files"
    )
    ingest.add_argument("roots", type=Path, nargs="+", metavar="DIR|FILE")
    ingest.add_argument("--out", type=Path, default=DEFAULT_WAREHOUSE, help="warehouse folder (default: warehouse)")
    ingest.add_argument("--workers", type=int, default=default_workers(), help="worker processes")
    ingest.add_argument("--batch-size", type=int, default=16, help="documents per task")
    ingest.add_argument(
        "--commit-every", type=int, default=128, help="documents per atomic commit to the warehouse (default 128)"
    )
    ingest.add_argument("--engine", choices=["prefect", "processes"], default="prefect")
    ingest.add_argument("--dask", metavar="ADDRESS", help="run the tasks on this dask.distributed scheduler")
    ingest.add_argument("--postgres", metavar="DSN", help="then load the warehouse into this PostgreSQL database")
    ingest.add_argument("--strict", action="store_true", help="exit 1 if any file could not be read")
    ingest.set_defaults(handler=run_ingest_command)


def run_ingest_command(args: argparse.Namespace) -> int:
    missing = [str(root) for root in args.roots if not root.exists()]
    if missing:
        raise PipelineError(f"không có thư mục / no such file or folder: {', '.join(missing)}")
    if min(args.workers, args.batch_size, args.commit_every) < 1:
        raise PipelineError(
            "--workers, --batch-size, --commit-every phải ≥ 1 / --workers, --batch-size and --commit-every must be "
            "at least 1"
        )
    if args.engine == "processes":
        if args.dask:
            raise ScaleOutError("--dask cần --engine prefect / --dask needs --engine prefect")
        with terminal_progress() as bar:
            summary = run_ingest(
                args.roots,
                args.out,
                map_batches=process_pool_mapper(args.workers),
                batch_size=args.batch_size,
                workers=args.workers,
                commit_every=args.commit_every,
                on_progress=bar,
            )
    else:
        summary = _run_flow(args)
    print(summary_markdown(summary))
    if args.postgres:
        from flows.load_command import load_stats_text
        from pipeline.store.postgres import load_warehouse

        print(load_stats_text(load_warehouse(args.out, args.postgres)))
    return 1 if args.strict and summary.failed else 0


def _run_flow(args: argparse.Namespace) -> RunSummary:
    if args.dask and not os.environ.get("PREFECT_API_URL"):
        raise ScaleOutError(
            "--dask cần một máy chủ Prefect dùng chung: đặt PREFECT_API_URL (prefect server start) / --dask needs "
            "a shared Prefect server: set PREFECT_API_URL (start one with `prefect server start`); without it "
            "every Dask worker would start a temporary server of its own"
        )
    from flows.ingest_flow import ingest_flow, task_runner
    from flows.prefect_server import prefect_api

    with prefect_api():
        flow = ingest_flow.with_options(task_runner=task_runner(args.workers, args.dask))
        summary: RunSummary = flow(
            args.roots,
            args.out,
            batch_size=args.batch_size,
            workers=args.workers,
            local_workers=not args.dask,
            commit_every=args.commit_every,
        )
    sys.stdout.flush()
    return summary
