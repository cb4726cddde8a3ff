"""Fixtures for the warehouse tests: the seed documents processed once, and fresh warehouses in tmp_path."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pipeline.process import ProcessedFile, process_file
from pipeline.store import Warehouse

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
SEED_000 = SAMPLES / "000_ca77cff5a68984a1.txt"


@pytest.fixture(scope="session")
def seeds() -> list[ProcessedFile]:
    """The five seed documents (.txt), read, extracted and validated."""
    return [process_file(path) for path in sorted(SAMPLES.glob("*.txt"))]


@pytest.fixture(scope="session")
def seed_000(seeds: list[ProcessedFile]) -> ProcessedFile:
    return next(p for p in seeds if p.path == SEED_000)


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    with Warehouse.open(tmp_path / "warehouse") as opened:
        yield opened


# -- PostgreSQL ------------------------------------------------------------------------------------------

POSTGRES_DSN = os.environ.get("CCHC_TEST_POSTGRES_DSN", "postgresql://cchc:cchc@127.0.0.1:5432/postgres")


@pytest.fixture(scope="module")
def postgres_dsn() -> Iterator[str]:
    """A database of the test module's own (random name) on the server of `CCHC_TEST_POSTGRES_DSN`, whose
    role may create databases; dropped at the end. No server: skip, or fail if `CCHC_REQUIRE_SERVICES=1`."""
    try:
        admin = psycopg.connect(POSTGRES_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        message = f"no PostgreSQL at CCHC_TEST_POSTGRES_DSN: {' '.join(str(error).split())}"
        if os.environ.get("CCHC_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    database = f"cchc_test_{secrets.token_hex(6)}"
    name = sql.Identifier(database)
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
        try:
            yield make_conninfo(POSTGRES_DSN, dbname=database)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@pytest.fixture
def seed_inbox(tmp_path: Path) -> Path:
    """A folder holding copies of the five seed documents (.txt), to ingest, change and remove."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(sample, folder / sample.name)
    return folder
