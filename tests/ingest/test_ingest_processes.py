"""The ingest command end to end, in real processes: a Prefect run equals a plain process-pool run, a
`kill -9` in the middle followed by a re-run equals an uninterrupted run, and nothing is left running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from pipeline.store.warehouse import Warehouse

pytestmark = pytest.mark.slow
STOPS_WITHIN = 15.0  # seconds from Ctrl-C to the command's exit: a person is waiting at the terminal


def _cchc(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows", *args]


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(home)  # never the user's Prefect database
    return env


def _fingerprint(out: Path) -> dict[str, str]:
    with Warehouse.open(out) as warehouse:
        return warehouse.fingerprint()


def _many(inbox: Path, copies: int) -> Path:
    """`copies` distinct documents: the seeds with one number changed in each copy."""
    folder = inbox.parent / "many"
    seeds = sorted(inbox.rglob("*.txt"))
    for index in range(copies):
        seed = seeds[index % len(seeds)]
        text = seed.read_text(encoding="utf-8") + f"\nSố lượt kiểm tra: {index + 1} lượt.\n"
        target = folder / f"{index // 10:02d}" / f"{index:03d}_{seed.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def _start_and_wait_for_commits(command: list[str], home: Path, out: Path, generation: int) -> subprocess.Popen[str]:
    """Start an ingest in its own process group and return once its warehouse reached `generation` changes
    (so it is mid-run); the caller signals it."""
    process = subprocess.Popen(
        command,
        env=_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    manifest = out / "_manifest.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if (
            manifest.exists()
            and json.loads(manifest.read_text(encoding="utf-8") or "{}").get("generation", 0) >= generation
        ):
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    return process


def test_the_prefect_flow_writes_what_a_plain_process_pool_writes(inbox: Path, tmp_path: Path) -> None:
    home = tmp_path / "prefect"
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    flow_run = subprocess.run(
        _cchc("ingest", str(inbox), "--out", str(tmp_path / "a"), "--workers", "2"),
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    plain = subprocess.run(
        _cchc("ingest", str(inbox), "--out", str(tmp_path / "b"), "--engine", "processes"),
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert flow_run.returncode == 0, flow_run.stderr[-2000:]
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert "Finished in state Completed" in flow_run.stderr
    assert "xử lý / processed: **6**" in flow_run.stdout
    assert _fingerprint(tmp_path / "a") == _fingerprint(tmp_path / "b")
    time.sleep(1)
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before  # no server or worker left


def test_kill_9_mid_run_then_a_rerun_equals_an_uninterrupted_run(inbox: Path, tmp_path: Path) -> None:
    corpus = _many(inbox, 40)
    home = tmp_path / "prefect"
    args = ("--engine", "processes", "--workers", "1", "--batch-size", "1", "--commit-every", "1")
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    subprocess.run(
        _cchc("ingest", str(corpus), "--out", str(reference), *args),
        env=_env(home),
        check=True,
        capture_output=True,
        timeout=600,
    )

    process = _start_and_wait_for_commits(_cchc("ingest", str(corpus), "--out", str(killed), *args), home, killed, 6)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    partial = _fingerprint(killed)

    rerun = subprocess.run(
        _cchc("ingest", str(corpus), "--out", str(killed), *args),
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert partial != _fingerprint(reference)  # the kill did interrupt it
    assert _fingerprint(killed) == _fingerprint(reference)
    assert not list(killed.rglob("*.tmp"))


def test_a_second_ingest_into_the_same_warehouse_is_refused_clearly(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "warehouse"
    home = tmp_path / "prefect"
    with Warehouse.open(out):
        result = subprocess.run(
            _cchc("ingest", str(inbox), "--out", str(out), "--engine", "processes"),
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(out.resolve()) in result.stderr or str(out) in result.stderr


def test_ctrl_c_stops_cleanly_and_a_rerun_carries_on(inbox: Path, tmp_path: Path) -> None:
    corpus = _many(inbox, 30)
    home = tmp_path / "prefect"
    out = tmp_path / "warehouse"
    args = ("--engine", "processes", "--workers", "1", "--batch-size", "1", "--commit-every", "1")
    process = _start_and_wait_for_commits(_cchc("ingest", str(corpus), "--out", str(out), *args), home, out, 4)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground process group
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert "interrupted" in stderr
    rerun = subprocess.run(
        _cchc("ingest", str(corpus), "--out", str(out), *args),
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with Warehouse.open(out) as warehouse:
        assert len(warehouse.read_table("documents")) == 30


def test_ctrl_c_during_a_prefect_run_stops_it_and_its_server(inbox: Path, tmp_path: Path) -> None:
    corpus = _many(inbox, 40)
    home = tmp_path / "prefect"
    out = tmp_path / "warehouse"
    command = _cchc(
        "ingest", str(corpus), "--out", str(out), "--workers", "1", "--batch-size", "1", "--commit-every", "1"
    )
    process = _start_and_wait_for_commits(command, home, out, 3)
    interrupted = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)

    assert process.returncode == 130
    assert time.monotonic() - interrupted < STOPS_WITHIN
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    time.sleep(1)
    assert not [
        p for p in psutil.process_iter(["environ"]) if (p.info["environ"] or {}).get("PREFECT_HOME") == str(home)
    ]
