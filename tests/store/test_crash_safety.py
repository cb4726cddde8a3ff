"""A writer killed at any moment leaves the previous state or the new one; re-running the same changes then
gives exactly what an uninterrupted run gives. And only one writer at a time."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.process import ProcessedFile, process_file
from pipeline.store import FileStat, StoreError, Warehouse, WarehouseLockedError, file_key, open_database
from pipeline.store.database import database_generation, database_path
from pipeline.store.manifest import read_manifest

REPO = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
CORPUS = Path("/corpus")  # virtual paths: the plan gives every file's size and mtime


def virtual(processed: ProcessedFile, name: str) -> tuple[Path, Any, Any]:
    return (CORPUS / name, processed.extraction, processed.document)


def stats_for(batch: list[tuple[Path, Any, Any]], mtime: int) -> dict[str, FileStat]:
    return {file_key(path): FileStat(len(str(path)), mtime) for path, _, _ in batch}


@pytest.fixture(scope="module")
def plan() -> tuple[list[tuple[Path, Any, Any]], list[tuple[Any, ...]]]:
    """The first commit (state S0), and the changes the killed writer replays on top of it: new documents,
    a file whose content changed, an unreadable file, a file gone, compaction, the database."""
    seeds = {p.name[:3]: process_file(p) for p in sorted((REPO / "samples").glob("*.txt"))}
    held = [process_file(p) for p in sorted(REPO.glob("tests/heldout*/*.txt"))]
    first = [virtual(p, f"seed-{name}.txt") for name, p in seeds.items()]
    batch_1 = [virtual(p, f"held-{i}.txt") for i, p in enumerate(held[:6])]
    batch_1.append(virtual(held[-1], "seed-000.txt"))  # seed-000.txt now holds another document
    batch_2 = [virtual(p, f"held-{i}.txt") for i, p in enumerate(held[6:12], start=6)]
    batch_2.append(virtual(seeds["001"], "seed-001.txt"))  # unchanged
    batch_2.append(virtual(process_file(Path("/nonexistent/lost.pdf")), "lost.pdf"))
    seen = [path for path, _, _ in first + batch_1 + batch_2 if path.name != "seed-002.txt"]
    changes: list[tuple[Any, ...]] = [
        ("commit", batch_1, "run-2", stats_for(batch_1, 2)),
        ("commit", batch_2, "run-2", stats_for(batch_2, 2)),
        ("mark_absent", seen, [CORPUS], "run-2"),
        ("compact",),
        ("refresh",),
    ]
    return first, changes


@dataclass(frozen=True)
class Scenario:
    start: Path
    plan_file: Path
    states: list[dict[str, str]]
    steps: int
    seconds: float


def apply(warehouse: Warehouse, change: tuple[Any, ...]) -> None:
    action, *arguments = change
    if action == "commit":
        batch, run_id, stats = arguments
        warehouse.commit([ProcessedFile(*item) for item in batch], run_id, stats)
    elif action == "mark_absent":
        warehouse.mark_absent(*arguments)
    elif action == "compact":
        warehouse.compact()
    else:
        warehouse.refresh_database()


@pytest.fixture(scope="module")
def scenario(
    tmp_path_factory: pytest.TempPathFactory, plan: tuple[list[tuple[Path, Any, Any]], list[tuple[Any, ...]]]
) -> Scenario:
    """S0 on disk, the pickled plan, the fingerprint after each change of an uninterrupted run, and how
    many file-system steps and seconds the writer process takes to replay the plan."""
    first, changes = plan
    folder = tmp_path_factory.mktemp("crash")
    start = folder / "s0"
    with Warehouse.open(start) as warehouse:
        warehouse.commit([ProcessedFile(*item) for item in first], "run-1", stats_for(first, 1))
        warehouse.refresh_database()
        states = [warehouse.fingerprint()]
    shutil.copytree(start, folder / "uninterrupted")
    with Warehouse.open(folder / "uninterrupted") as warehouse:
        for change in changes:
            apply(warehouse, change)
            states.append(warehouse.fingerprint())
    assert states[0] != states[1] != states[2] != states[3]  # every change but compact/refresh changes content
    plan_file = folder / "plan.pickle"
    plan_file.write_bytes(pickle.dumps(changes))
    shutil.copytree(start, folder / "probe")
    probe = run_writer(folder / "probe", plan_file, 0)
    assert probe.returncode == 0, probe.stderr
    with Warehouse.open(folder / "probe") as warehouse:
        assert warehouse.fingerprint() == states[-1]  # the writer process does what the in-process run does
    steps, seconds = probe.stdout.split()[2::2]
    return Scenario(start, plan_file, states, int(steps), float(seconds))


def run_writer(root: Path, plan_file: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WRITER), str(root), str(plan_file), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )


def check_recovered(root: Path, states: list[dict[str, str]], changes: list[tuple[Any, ...]]) -> None:
    with Warehouse.open(root) as warehouse:
        assert warehouse.fingerprint() in states
        manifest = read_manifest(root)
        assert manifest is not None
        on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.parent != root}
        assert on_disk == manifest.live_paths()  # leftovers of the killed change are gone
        assert database_generation(root) == warehouse.generation  # a stale database was rebuilt
        with duckdb.connect(str(database_path(root)), read_only=True) as connection:
            assert connection.execute("SELECT count(*) FROM documents").fetchone() == (
                warehouse.read_table("documents").num_rows,
            )
        for change in changes:  # the same changes again, as a re-run would
            apply(warehouse, change)
        assert warehouse.fingerprint() == states[-1]


@pytest.mark.slow
@pytest.mark.parametrize("sixth", range(7))
def test_crash_killed_at_a_file_system_step_recovers(
    scenario: Scenario, plan: tuple[Any, list[tuple[Any, ...]]], tmp_path: Path, sixth: int
) -> None:
    """Killed just before its n-th rename/fsync/unlink, n spread over the whole replay (171 steps today)."""
    kill_at = max(1, sixth * scenario.steps // 6)
    root = tmp_path / "warehouse"
    shutil.copytree(scenario.start, root)
    result = run_writer(root, scenario.plan_file, kill_at)
    assert result.returncode == -signal.SIGKILL, result.stderr
    check_recovered(root, scenario.states, plan[1])


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.7])
def test_crash_killed_from_outside_recovers(
    scenario: Scenario, plan: tuple[Any, list[tuple[Any, ...]]], tmp_path: Path, fraction: float
) -> None:
    root = tmp_path / "warehouse"
    shutil.copytree(scenario.start, root)
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(root), str(scenario.plan_file), "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    time.sleep(fraction * scenario.seconds)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=60)
    writer.stdout.close()
    check_recovered(root, scenario.states, plan[1])


def test_crash_second_writer_gets_the_lock_error(tmp_path: Path) -> None:
    root = tmp_path / "warehouse"
    with Warehouse.open(root), pytest.raises(WarehouseLockedError, match=rf"another ingest \(pid {os.getpid()}\)"):
        Warehouse.open(root)
    with Warehouse.open(root) as again:  # released on close
        assert again.generation == 0


def test_crash_closed_warehouse_refuses_to_write(tmp_path: Path, seeds: list[ProcessedFile]) -> None:
    warehouse = Warehouse.open(tmp_path / "warehouse")
    warehouse.close()
    with pytest.raises(StoreError, match="closed"):
        warehouse.commit(seeds[:1], "run-1")
    with Warehouse.open(tmp_path / "warehouse") as again:
        assert again.read_table("documents").num_rows == 0


def test_crash_lock_of_a_killed_writer_is_released(tmp_path: Path) -> None:
    root = tmp_path / "warehouse"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from pipeline.store import Warehouse; w = Warehouse.open({str(root)!r}); "
         "print('ready', flush=True); import time; time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline() == "ready\n"
    try:
        with pytest.raises(WarehouseLockedError, match=rf"đang được một lượt nạp khác ghi \(pid {holder.pid}\)"):
            Warehouse.open(root)
        with open_database(root) as connection:  # readers are not blocked
            assert connection.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
    with Warehouse.open(root) as warehouse:
        assert warehouse.generation == 0
