"""Scale-out: the same flow on a dask.distributed cluster (two worker processes) writes the same warehouse
as one machine, all processes report to one shared Prefect server, and nothing is left running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from flows.prefect_server import prefect_api
from pipeline.store.warehouse import Warehouse

pytestmark = pytest.mark.slow


def test_the_flow_on_a_two_worker_dask_cluster_equals_the_single_machine_run(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from distributed import Client, LocalCluster
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import TaskRunSort

    for key in [key for key in os.environ if key.startswith("PREFECT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    single = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows",
            "ingest",
            str(inbox),
            "--out",
            str(tmp_path / "single"),
            "--engine",
            "processes",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert single.returncode == 0, single.stderr[-2000:]

    # The shared server first: the workers started below inherit its PREFECT_API_URL.
    with (
        prefect_api() as api_url,
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "flows",
                "ingest",
                str(inbox),
                "--out",
                str(tmp_path / "dask"),
                "--dask",
                cluster.scheduler_address,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "PREFECT_API_URL": api_url},
        )
        worker_pids = set(client.run(os.getpid).values())
        with get_client(sync_client=True) as prefect:
            runs = prefect.read_task_runs(limit=200, sort=TaskRunSort.EXPECTED_START_TIME_ASC)
            batches_seen = [r for r in runs if r.name.startswith("process-batch")]
        # The client's read_artifacts sends filters this server version rejects; its REST API answers.
        summaries = httpx.post(
            f"{api_url}/artifacts/filter",
            json={"artifacts": {"key": {"any_": ["ingest-summary"]}}, "sort": "CREATED_DESC", "offset": 0, "limit": 10},
        ).json()

    assert run.returncode == 0, run.stderr[-3000:]
    assert "Starting temporary server" not in run.stderr  # nobody started a server of their own
    assert "Finished in state Completed" in run.stderr
    assert len(batches_seen) >= 2  # the workers' task runs reached the shared server
    assert all(r.state_name == "Completed" for r in batches_seen)
    assert len(summaries) == 1  # the run's summary, published as a markdown artifact
    assert "xử lý / processed: **6**" in summaries[0]["data"]
    with Warehouse.open(tmp_path / "dask") as dask_warehouse, Warehouse.open(tmp_path / "single") as single_warehouse:
        assert dask_warehouse.fingerprint() == single_warehouse.fingerprint()
        assert len(dask_warehouse.read_table("documents")) == 6
    time.sleep(1)
    assert not any(psutil.pid_exists(pid) for pid in worker_pids)
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before and not _tracker(p)]
    assert not left, [p.cmdline() for p in left]


def test_scale_out_without_a_shared_prefect_server_is_refused(inbox: Path, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows",
            "ingest",
            str(inbox),
            "--out",
            str(tmp_path / "w"),
            "--dask",
            "tcp://127.0.0.1:1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    assert "PREFECT_API_URL" in result.stderr
    assert "Traceback" not in result.stderr


def _tracker(process: psutil.Process) -> bool:
    """Python's multiprocessing resource tracker: one per parent process, it ends with the test session."""
    return "multiprocessing.resource_tracker" in " ".join(process.cmdline())
