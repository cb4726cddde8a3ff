"""Run by test_crash_safety.py in its own process: open a warehouse and replay a pickled plan of changes
(commit, mark_absent, compact, refresh_database), killing itself with SIGKILL just before its N-th
file-system step (a rename, fsync or unlink), as a crash or `kill -9` would at that moment.

usage: crash_writer.py ROOT PLAN.pickle KILL_AT   (KILL_AT 0: run to the end and print the step count)

The plan holds (path, extraction, document) triples rather than `ProcessedFile`s, so this process does
not import the extractors (and spaCy); the warehouse only reads those three fields.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.store import Warehouse


@dataclass(frozen=True)
class Processed:
    path: Path
    extraction: Any
    document: Any


def count_steps(kill_at: int) -> Callable[[], int]:
    steps = 0

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal steps
            steps += 1
            if steps == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)

        return step

    os.replace = wrap(os.replace)
    os.fsync = wrap(os.fsync)
    os.unlink = wrap(os.unlink)
    return lambda: steps


def main() -> None:
    root, plan_path, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    plan = pickle.loads(plan_path.read_bytes())
    steps = count_steps(kill_at)
    print("ready", flush=True)
    started = time.perf_counter()
    with Warehouse.open(root) as warehouse:
        for action, *arguments in plan:
            if action == "commit":
                batch, run_id, stats = arguments
                warehouse.commit([Processed(*item) for item in batch], run_id, stats)  # type: ignore[misc]
            elif action == "mark_absent":
                warehouse.mark_absent(*arguments)
            elif action == "compact":
                warehouse.compact()
            elif action == "refresh":
                warehouse.refresh_database()
    print(f"steps {steps()} seconds {time.perf_counter() - started:.3f}", flush=True)  # "ready steps N seconds S"


if __name__ == "__main__":
    main()
