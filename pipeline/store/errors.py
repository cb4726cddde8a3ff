"""What can go wrong with a warehouse folder that a user can fix (bad input or environment, not a bug)."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PipelineError


class StoreError(PipelineError):
    """The warehouse folder cannot be used as it is: `root` names it and the message says what to do."""

    def __init__(self, root: Path, reason: str) -> None:
        self.root = root
        self.reason = reason
        super().__init__(f"{root}: {reason}")


class WarehouseLockedError(StoreError):
    """Another process (another `cchc ingest`) is writing to the same warehouse."""
