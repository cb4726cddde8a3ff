"""The ingest benchmark (issue #6): `python -m pipeline.ingest_bench [--count 1000] [--pdf-count 50]`.

1. Generates a corpus of `--count` distinct text and Word documents and a separate one of `--pdf-count`
   PDFs from the samples (`pipeline.corpus`).
2. Ingests the text/Word corpus with `cchc ingest` (Prefect flow, process pool): cold, then again
   unchanged, then after `modify_corpus` changed 5% of the files. The same cold ingest with
   `--engine processes` (the same functions on a plain process pool, no Prefect) gives the Prefect
   overhead; both times come from the warehouse's run manifest (`runs`: start to end of the run, which
   leaves out interpreter start-up and the Prefect server's start-up, measured on its own).
3. Ingests the PDF corpus cold for pages/s.

Every command runs in its own process; peak RSS is the largest sum of the resident memory of that process
and all its children, sampled every 0.1 s (it counts the pages forked workers share once per process);
peak PSS the same sum of proportional set sizes (shared pages divided among their processes: the memory the
run really holds). Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from pipeline.corpus import generate_corpus, modify_corpus
from pipeline.store import open_database

SAMPLE_EVERY = 0.1  # seconds


@dataclass(frozen=True)
class Run:
    name: str
    documents: int
    pages: int
    run_seconds: float  # start to end of the ingest run, from the run manifest
    wall_seconds: float  # the whole command, interpreter and server start-up included
    peak_rss_mb: float
    peak_pss_mb: float

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.run_seconds if self.run_seconds else float("inf")


def ingest(name: str, corpus: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> Run:
    command = [sys.executable, "-m", "flows", "ingest", str(corpus), "--out", str(out), *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = _Peak()
    watcher = threading.Thread(target=_watch_rss, args=(process, peak), daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    watcher.join()
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{name}: cchc ingest failed ({process.returncode}):\n{stderr[-3000:]}")
    with open_database(out) as database:
        last_run = database.execute(
            "SELECT epoch(finished_at - started_at), files_processed FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        pages_row = database.execute(
            "SELECT coalesce(sum(pages), 0) FROM documents WHERE doc_id IN "
            "(SELECT doc_id FROM files WHERE last_seen_run = (SELECT run_id FROM runs ORDER BY started_at DESC "
            "LIMIT 1))"
        ).fetchone()
    if last_run is None or pages_row is None:
        raise SystemExit(f"{name}: the warehouse has no run")
    run_seconds, processed = last_run
    return Run(
        name, int(processed), int(pages_row[0]), float(run_seconds), wall, peak.value / 2**20, peak.proportional / 2**20
    )


@dataclass
class _Peak:
    value: int = 0  # sum of RSS: counts pages the forked workers share with their forkserver once per process
    proportional: int = 0  # sum of PSS: shared pages divided among their processes, i.e. the memory really used


def _watch_rss(process: subprocess.Popen[str], peak: _Peak) -> None:
    """Largest resident memory of the process and all its children, until it ends."""
    root = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            total = sum(p.memory_info().rss for p in tree)
            proportional = sum(p.memory_full_info().pss for p in tree)
        except psutil.Error:
            total = proportional = 0  # a child ended between listing and reading it: the next sample counts
        peak.value = max(peak.value, total)
        peak.proportional = max(peak.proportional, proportional)
        time.sleep(SAMPLE_EVERY)


def server_startup_seconds(env: dict[str, str]) -> float:
    code = (
        "import time; t = time.perf_counter()\n"
        "from flows.prefect_server import prefect_api\n"
        "with prefect_api(): print(time.perf_counter() - t)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="text and Word documents")
    parser.add_argument("--pdf-count", type=int, default=50, help="PDF documents (needs LibreOffice)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="cchc-ingest-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(work / "prefect-home")
    workers = ("--workers", str(args.workers))

    corpus = work / "corpus"
    made = generate_corpus(corpus, args.count, seed=0, pdf_share=0.0, docx_share=0.45)
    runs = [ingest("cold, Prefect flow", corpus, work / "w-prefect", *workers, env=env)]
    runs.append(ingest("unchanged re-run, Prefect flow", corpus, work / "w-prefect", *workers, env=env))
    modified = modify_corpus(corpus, 0.05, seed=1)
    runs.append(ingest(f"re-run, {len(modified)} files modified", corpus, work / "w-prefect", *workers, env=env))
    plain = ingest("cold, plain process pool", corpus, work / "w-plain", *workers, "--engine", "processes", env=env)
    runs.append(plain)
    if args.pdf_count:
        pdfs = work / "pdf-corpus"
        generate_corpus(pdfs, args.pdf_count, seed=7, pdf_share=1.0, docx_share=0.0)
        runs.append(ingest("cold PDF, Prefect flow", pdfs, work / "w-pdf", *workers, env=env))
    startup = server_startup_seconds(env)

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; corpus: {made.by_format}; workers: {args.workers}\n"
    )
    print(
        "| Run | Documents | Pages | Run time (s) | Documents/s | Pages/s | Whole command (s) | Peak RSS (MB) "
        "| Peak PSS (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        pages_per_second = f"{run.pages / run.run_seconds:.1f}" if run.pages else "–"
        print(
            f"| {run.name} | {run.documents} | {run.pages or '–'} | {run.run_seconds:.1f} | "
            f"{run.documents_per_second:.1f} | {pages_per_second} | {run.wall_seconds:.1f} | {run.peak_rss_mb:.0f} | "
            f"{run.peak_pss_mb:.0f} |"
        )
    overhead = runs[0].run_seconds / plain.run_seconds - 1
    print(
        f"\nPrefect overhead (cold flow run ÷ plain process pool − 1, server start-up excluded): "
        f"{overhead:+.1%}; temporary Prefect server start-up on its own: {startup:.1f} s"
    )
    if not args.keep:
        print(f"(work folder {work} left for inspection; delete it when done)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
