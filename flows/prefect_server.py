"""Which Prefect API a run reports to.

With `PREFECT_API_URL` set, that server (runs show in its UI). Without it, one temporary local server for
the whole run, started here rather than by Prefect on first use: Prefect's own start-up timeout (20 s) is
too short on this machine (12–35 s measured), and every worker process of a process pool or a Dask
cluster would otherwise start a temporary server of its own that may outlive the run. Setting
`PREFECT_API_URL` in this process's environment before any worker starts points them all at this one.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SERVER_STARTUP_TIMEOUT = 120  # seconds
API_URL = "PREFECT_API_URL"


@contextmanager
def prefect_api() -> Iterator[str]:
    """The API URL to use for the duration of the block; a temporary server is stopped at the end."""
    configured = os.environ.get(API_URL)
    if configured:
        yield configured
        return
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here, and it locks the db
    server = _server_of_its_own()
    server.start(timeout=SERVER_STARTUP_TIMEOUT)
    os.environ[API_URL] = server.api_url
    try:
        yield server.api_url
    finally:
        _flush_logs()
        server.stop()
        os.environ.pop(API_URL, None)


def _flush_logs() -> None:
    """Send the run's last log lines before the server goes away."""
    from prefect.logging.handlers import APILogHandler

    for handler in logging.getLogger("prefect").handlers:
        if isinstance(handler, APILogHandler):
            handler.flush()
    APILogHandler().flush()


def _server_of_its_own() -> Any:
    """Prefect's temporary server, started in a session of its own: Ctrl-C on the terminal then interrupts
    the run but not the server, so the run can still record that it crashed and send its last logs (with
    the server in the same process group, the interrupted process waited forever at exit to send them)."""
    from prefect.server.api.server import SubprocessASGIServer

    class DetachedServer(SubprocessASGIServer):
        def _run_uvicorn_command(self) -> subprocess.Popen[Any]:
            popen = subprocess.Popen
            subprocess.Popen = functools.partial(popen, start_new_session=True)  # type: ignore[assignment,misc]
            try:
                return super()._run_uvicorn_command()
            finally:
                subprocess.Popen = popen  # type: ignore[misc]

    return DetachedServer()
