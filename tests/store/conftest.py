"""Fixtures for the warehouse tests: the seed documents processed once, and fresh warehouses in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
